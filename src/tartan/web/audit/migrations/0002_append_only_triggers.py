"""The database itself refuses to change or delete an audit event (see audit/triggers.py)."""

from django.db import migrations

from tartan.web.audit import triggers


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.install(schema_editor.connection)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
