"""`tartan restore`: a backup archive back into a database, with the audit table's triggers.

The order: check the whole archive (every hash; its tables and columns against its own
migrations) before touching the database; refuse a database
holding data unless told to replace it; drop the service's tables; migrate to the archive's own
migrations (so the triggers are installed as they were); insert every row as it was written,
including its id and its times (plain INSERTs, which the audit triggers allow); set the id
sequences past the restored rows; migrate forward to this tartan's migrations; check the
triggers are in place. On PostgreSQL all of it is one transaction, so a restore that fails
leaves the database as it was. SQLite cannot alter tables inside a transaction: there the
archive is checked first, and the rows go in as one transaction.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.models import Model

from tartan.web.audit import triggers
from tartan.web.audit.models import Action
from tartan.web.backup import schema, values
from tartan.web.backup.archive import Archive, Table
from tartan.web.backup.errors import BackupError

ROWS_PER_INSERT = 500
BYTES_PER_INSERT = 16 * 1024 * 1024


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int
    archive_sha256: str
    made_at: str


def restore(path: Path, using: str = "default", replace: bool = False) -> Restored:
    connection = connections[using]
    archive = Archive(path)
    try:
        sha256 = archive.verify()
        unknown = schema.unknown_migrations(archive.migrations, connection)
        if unknown:
            names = ", ".join(f"{app}.{name}" for app, name in sorted(unknown)[:5])
            raise BackupError(
                f"{path} was made by a newer tartan (migrations {names} are not in this one)"
            )
        models = _models_of(archive, connection)
        held = schema.tables_holding_data(connection)
        if held and not replace:
            listed = ", ".join(f"{table} ({rows})" for table, rows in sorted(held.items())[:5])
            raise BackupError(
                f"the database is not empty ({len(held)} tables hold rows: {listed}); restore "
                "refuses to overwrite it: give --replace to drop everything in it first"
            )
        if connection.vendor == "postgresql":
            with transaction.atomic(using=using):
                outcome = _rebuild(archive, models, connection, sha256)
        else:
            outcome = _rebuild(archive, models, connection, sha256)
    finally:
        archive.close()
    ContentType.objects.clear_cache()  # ids may differ from the database before
    return outcome


def _models_of(archive: Archive, connection: Any) -> dict[str, type[Model]]:
    """The models of the archive's own migrations, by table, once its tables and columns are
    found to be theirs; so that nothing the manifest says decides what is dropped or written."""
    loader = MigrationLoader(connection)
    models = {m._meta.db_table: m for m in schema.state_models(archive.migrations, loader)}
    differing = sorted({t.name for t in archive.tables} ^ models.keys())
    if differing:
        raise BackupError(f"the archive's tables differ from its migrations' ({differing[:5]})")
    for table in archive.tables:
        fields = models[table.name]._meta.concrete_fields
        if table.columns != [(f.column, values.kind_of(f)) for f in fields]:
            raise BackupError(f"{table.name}: the archive's columns differ from its migrations'")
    return models


def _rebuild(
    archive: Archive, models: dict[str, type[Model]], connection: Any, sha256: str
) -> Restored:
    schema.drop_tables(connection, set(models))
    executor = MigrationExecutor(connection)
    executor.migrate(schema.latest_per_app(archive.migrations, executor.loader))
    made_at = str(archive.manifest.get("created_at", "an unknown time"))
    with transaction.atomic(using=connection.alias):
        _defer_constraints(connection)
        rows = sum(
            _insert(archive, table, models[table.name], connection) for table in archive.tables
        )
        connection.check_constraints()
        _reset_sequences(connection, list(models.values()))
        _record(models["audit_auditevent"], archive, sha256, made_at)
    call_command("migrate", database=connection.alias, interactive=False, verbosity=0)
    if not triggers.expected(connection) <= triggers.installed(connection):
        raise BackupError("after the restore the audit table lacks its append-only triggers")
    return Restored(len(archive.tables), rows, len(archive.files), sha256, made_at)


def _insert(archive: Archive, table: Table, model: type[Model], connection: Any) -> int:
    fields = {field.column: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, fields))}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    kinds = [kind for _, kind in table.columns]
    columns = list(fields.values())
    batch: list[list[Any]] = []
    size = count = 0
    with connection.cursor() as cursor:
        for row in archive.rows(table):
            params = []
            for field, kind, value in zip(columns, kinds, row, strict=True):
                if kind == values.FILE and value is not None:
                    value = archive.file(value)
                    size += len(value)
                else:
                    value = values.read(kind, value)
                params.append(field.get_db_prep_save(value, connection))
            batch.append(params)
            count += 1
            if len(batch) >= ROWS_PER_INSERT or size >= BYTES_PER_INSERT:
                cursor.executemany(sql, batch)
                batch, size = [], 0
        if batch:
            cursor.executemany(sql, batch)
    if count != table.rows:
        raise BackupError(
            f"{table.name}: {count} rows in the archive, the manifest says {table.rows}"
        )
    return count


def _defer_constraints(connection: Any) -> None:
    """Rows go in table by table, in no order of their foreign keys: those are checked once all
    are in. Django makes its foreign keys deferrable, but a migration adding one sets it
    IMMEDIATE for the rest of the transaction, and on PostgreSQL the migrations just ran in
    this same transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences(connection: Any, models: list[type[Model]]) -> None:
    """Rows went in with their ids: new rows must be numbered after them. (SQLite moves its
    AUTOINCREMENT counter past an inserted id by itself.)"""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _record(event_model: type[Model], archive: Archive, sha256: str, made_at: str) -> None:
    """The restore is on the record, in the same transaction as the rows it put back. The
    event is written through the archive's own model of the table (this tartan's may have
    columns the table gains only when it migrates forward), with fields every version has."""
    event_model._base_manager.create(
        action=Action.ADMIN,
        object_type="restore",
        object_id=sha256[:60],
        summary=(
            f"restored from {archive.path.name} (made {made_at}, SHA-256 {sha256[:16]}…) "
            f"by {getpass.getuser()}"
        )[:500],
    )
