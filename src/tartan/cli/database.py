"""The service's database: migrate it (docs/web.md)."""

from __future__ import annotations

import typer

from tartan.cli.common import app, console, errors, setup_django


@app.command()
def migrate() -> None:
    """Apply the service's migrations, connected as the migration role (MIGRATION_DATABASE_URL
    when set, else DATABASE_URL); then check that the service's role cannot alter the audit
    trail."""
    setup_django(as_migration_role=True)
    from django.core.management import call_command
    from django.db import connection

    from tartan.web.audit import triggers

    call_command("migrate", interactive=False, verbosity=1)
    missing = triggers.expected(connection) - triggers.installed(connection)
    if missing:
        errors.print(f"[red]the audit table lacks its triggers {sorted(missing)}[/red]")
        raise typer.Exit(1)
    console.print(f"migrated; the audit table's triggers are in place ({connection.vendor})")
