"""Close two ways round the append-only triggers (issue 11.7).

SQLite: a REPLACE conflict deletes the old event without firing the delete trigger, so a BEFORE
INSERT trigger now refuses an id that exists (triggers.py). PostgreSQL: roles other than the
table's owner lose every privilege that changes the audit table (grants.py); with the service
connecting as such a role, nothing it runs can remove the triggers either.
"""

from django.db import migrations

from tartan.web.audit import grants, triggers


def close(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.install(schema_editor.connection)
    grants.withhold_changes(schema_editor.connection)


def reopen(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Only the new trigger goes; privileges once withheld are not handed back by a rollback.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS tartan_audit_no_replace;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_event_roles")]
    operations = [migrations.RunPython(close, reopen)]
