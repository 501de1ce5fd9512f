"""The service's database: migrate it, back it up, restore it (docs/web.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="The archive to write (a new file, .zip)")],
) -> None:
    """Back up the whole database, with every stored file, into one archive."""
    setup_django()
    from tartan.web.backup.dump import backup as write_backup
    from tartan.web.backup.errors import BackupError

    with console.status(f"Writing {file}…"):
        try:
            manifest = write_backup(file)
        except BackupError as error:
            errors.print(f"[red]no backup written[/red]: {error}")
            raise typer.Exit(1) from None
    rows = sum(table["rows"] for table in manifest["tables"])
    console.print(
        f"wrote {file}: {len(manifest['tables'])} tables, {rows} rows, "
        f"{len(manifest['files'])} stored files, from {manifest['database']}"
    )


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="An archive `tartan backup` wrote")],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Drop everything in a database that is not empty, then restore"
        ),
    ] = False,
) -> None:
    """Restore a backup into the database, connected as the migration role. Refuses a database
    that holds data unless --replace is given."""
    if not file.is_file():
        raise typer.BadParameter(f"{file} is not a file")
    setup_django(as_migration_role=True)
    from tartan.web.backup.errors import BackupError
    from tartan.web.backup.load import restore as load_backup

    with console.status(f"Restoring {file}…"):
        try:
            outcome = load_backup(file, replace=replace)
        except BackupError as error:
            errors.print(f"[red]restore failed[/red]: {error}")
            raise typer.Exit(1) from None
    console.print(
        f"restored {file} (made {outcome.made_at}): {outcome.tables} tables, {outcome.rows} rows, "
        f"{outcome.files} stored files; the audit trail records the restore"
    )
