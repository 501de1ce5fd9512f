"""`tartan backup`: the whole database, every stored file in it, one archive (archive.py)."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

from tartan import __version__
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.backup import schema, values
from tartan.web.backup.archive import ArchiveWriter
from tartan.web.backup.errors import BackupError

ROWS_PER_READ = 500


def backup(path: Path, using: str = "default") -> dict[str, Any]:
    """Write the archive; returns its manifest. The backup is an audit event of its own, written
    first, so that the archive holds the record of its making."""
    connection = connections[using]
    applied = schema.fully_migrated(connection)
    models = schema.state_models(applied, MigrationLoader(connection))
    columns = {model: [(f.column, values.kind_of(f)) for f in _fields(model)] for model in models}
    writer = ArchiveWriter(path)
    try:
        with transaction.atomic(using=using):
            record(
                None,
                Action.ADMIN,
                object_type="backup",
                object_id=path.name[:60],
                summary=f"backup of the whole database to {path.name} by {getpass.getuser()}",
            )
        with _snapshot(connection):
            for model in models:
                _write_table(writer, model, columns[model], using)
        return writer.finish(
            {
                "created_at": datetime.now(UTC).isoformat(),
                "tartan": __version__,
                "database": connection.vendor,
                "migrations": sorted(applied),
            }
        )
    except BaseException:
        writer.abandon()
        raise


def _fields(model: type[Model]) -> list[Any]:
    return list(model._meta.concrete_fields)


def _write_table(
    writer: ArchiveWriter, model: type[Model], columns: list[tuple[str, str]], using: str
) -> None:
    kinds = [kind for _, kind in columns]
    rows = (
        model._base_manager.using(using)
        .order_by(model._meta.pk.attname)
        .values_list(*[f.attname for f in _fields(model)])
    )
    with writer.table(model._meta.db_table, columns) as table:
        for row in rows.iterator(chunk_size=ROWS_PER_READ):
            table.write(
                [_portable(kind, value, writer) for kind, value in zip(kinds, row, strict=True)]
            )


def _portable(kind: str, value: Any, writer: ArchiveWriter) -> Any:
    if kind == values.FILE and value is not None:
        return writer.file(values.file_bytes(value))
    return values.write(kind, value)


@contextmanager
def _snapshot(connection: Any) -> Iterator[None]:
    """One consistent view of every table for the length of the dump, without stopping writers.

    PostgreSQL: a repeatable-read, read-only transaction. SQLite: Django's transactions begin
    IMMEDIATE here (settings), which would hold the write lock, and so every upload, for the
    whole dump; a deferred read transaction in WAL mode sees one snapshot and blocks nobody.
    """
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor != "sqlite":
        raise BackupError(f"backups of {connection.vendor} databases are not supported")
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            cursor.execute("COMMIT")
