"""Database triggers that refuse to change or delete audit events.

PostgreSQL: a trigger function raising an exception on UPDATE, DELETE and TRUNCATE. SQLite:
BEFORE UPDATE and BEFORE DELETE triggers that abort. The application never issues either; the
triggers stop anyone who tries another route (a shell, a bug, a careless migration).
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
SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS tartan_audit_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;",
    f"CREATE TRIGGER IF NOT EXISTS tartan_audit_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS tartan_audit_no_update;",
    "DROP TRIGGER IF EXISTS tartan_audit_no_delete;",
]


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
