"""Each event keeps the person's roles at the time, so that an LA's own view can name the role
rather than the address.

SQLite adds a NOT NULL column by rebuilding the table, which drops its triggers: they are put
back at once (on PostgreSQL the install is idempotent and the column comes without a rewrite).
"""

from django.db import migrations, models

from tartan.web.audit import triggers


def reinstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    triggers.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="roles",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(reinstall, migrations.RunPython.noop),
    ]
