"""Database triggers that refuse to change or delete audit events.

PostgreSQL: a trigger function raising an exception on UPDATE, DELETE and TRUNCATE (an
``INSERT … ON CONFLICT DO UPDATE`` is an UPDATE and is refused with it). SQLite: BEFORE UPDATE
and BEFORE DELETE triggers that abort, and a BEFORE INSERT trigger refusing an id that exists.

The last one is needed because SQLite's REPLACE conflict resolution (``INSERT OR REPLACE``,
``REPLACE INTO``) deletes the old row without firing delete triggers unless the connection has
``PRAGMA recursive_triggers`` on. The service's connections do (settings), but a connection
opened any other way need not, so the table itself must refuse the insert. It runs before the
conflict is resolved, so the existing row is still there to be found. The table's only unique
key is its id: a REPLACE has no other row it could delete.

The application never issues any of these; the triggers stop anyone who tries another route (a
shell, a bug, a careless migration). On PostgreSQL they hold only if the service's own role
cannot drop them, which is what `grants.py` and the deployment in docs/web.md see to.
"""

from __future__ import annotations

from typing import Any

TABLE = "audit_auditevent"

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION tartan_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS tartan_audit_no_update ON {TABLE};
DROP TRIGGER IF EXISTS tartan_audit_no_delete ON {TABLE};
DROP TRIGGER IF EXISTS tartan_audit_no_truncate ON {TABLE};
CREATE TRIGGER tartan_audit_no_update BEFORE UPDATE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION tartan_audit_append_only();
CREATE TRIGGER tartan_audit_no_delete BEFORE DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION tartan_audit_append_only();
CREATE TRIGGER tartan_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION tartan_audit_append_only();
"""
POSTGRES_REMOVE = f"""
DROP TRIGGER IF EXISTS tartan_audit_no_update ON {TABLE};
DROP TRIGGER IF EXISTS tartan_audit_no_delete ON {TABLE};
DROP TRIGGER IF EXISTS tartan_audit_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS tartan_audit_append_only();
"""
POSTGRES_TRIGGERS = ("tartan_audit_no_update", "tartan_audit_no_delete", "tartan_audit_no_truncate")

SQLITE_NO_REPLACE = (
    f"CREATE TRIGGER IF NOT EXISTS tartan_audit_no_replace BEFORE INSERT ON {TABLE} "
    f"WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only: replacing an event refused'); END;"
)
SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS tartan_audit_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;",
    f"CREATE TRIGGER IF NOT EXISTS tartan_audit_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;",
    SQLITE_NO_REPLACE,
]
SQLITE_TRIGGERS = ("tartan_audit_no_update", "tartan_audit_no_delete", "tartan_audit_no_replace")
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {name};" for name in SQLITE_TRIGGERS]


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_INSTALL)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_INSTALL:
                cursor.execute(statement)


def remove(connection: Any) -> None:
    """Only for tearing down a test database (Django's flush deletes every row)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_REMOVE)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_REMOVE:
                cursor.execute(statement)


def installed(connection: Any) -> set[str]:
    """The names of the audit table's triggers in force in the database as it is."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger"
                " WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        return {name for (name,) in cursor.fetchall()}


def expected(connection: Any) -> set[str]:
    return set(POSTGRES_TRIGGERS if connection.vendor == "postgresql" else SQLITE_TRIGGERS)
