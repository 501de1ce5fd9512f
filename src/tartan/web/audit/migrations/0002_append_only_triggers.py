"""The database itself refuses to change or delete an audit event.

PostgreSQL: a trigger function raising an exception on UPDATE or DELETE. SQLite: BEFORE UPDATE
and BEFORE DELETE triggers that abort. The application never issues either; these stop anyone
who tries through another route (a shell, a bug, a rogue migration).
"""

from django.db import migrations

TABLE = "audit_auditevent"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION tartan_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER tartan_audit_no_update BEFORE UPDATE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION tartan_audit_append_only();
CREATE TRIGGER tartan_audit_no_delete BEFORE DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION tartan_audit_append_only();
CREATE TRIGGER tartan_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION tartan_audit_append_only();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS tartan_audit_no_update ON {TABLE};
DROP TRIGGER IF EXISTS tartan_audit_no_delete ON {TABLE};
DROP TRIGGER IF EXISTS tartan_audit_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS tartan_audit_append_only();
"""
SQLITE_UP = [
    f"CREATE TRIGGER tartan_audit_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;",
    f"CREATE TRIGGER tartan_audit_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS tartan_audit_no_update;",
    "DROP TRIGGER IF EXISTS tartan_audit_no_delete;",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
