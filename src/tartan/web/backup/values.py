"""Column values as JSON that any database can take back: one kind per column.

A kind names how a value is written in the archive, whatever the database it came from (SQLite
keeps datetimes as text and booleans as integers, PostgreSQL as timestamptz and boolean): the
archive says ``datetime`` and holds an ISO 8601 instant in UTC. Stored files (binary columns)
are kept beside the rows, named by their SHA-256, and the row holds that name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models

from tartan.web.backup.errors import BackupError

FILE = "file"

_KIND_OF_FIELD = {
    **dict.fromkeys(
        [
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveBigIntegerField",
            "PositiveSmallIntegerField",
        ],
        "integer",
    ),
    **dict.fromkeys(
        [
            "CharField",
            "TextField",
            "SlugField",
            "EmailField",
            "URLField",
            "GenericIPAddressField",
        ],
        "text",
    ),
    "BooleanField": "boolean",
    "DateTimeField": "datetime",
    "DateField": "date",
    "TimeField": "time",
    "DecimalField": "decimal",
    "FloatField": "float",
    "DurationField": "duration",
    "UUIDField": "uuid",
    "JSONField": "json",
    "BinaryField": FILE,
}


def kind_of(field: models.Field[Any, Any]) -> str:
    """The kind of a concrete column; a field this module does not know stops the backup rather
    than being written in a form nobody can read back."""
    while field.is_relation:
        field = field.target_field  # type: ignore[attr-defined]
    internal = field.get_internal_type()
    if internal in ("FileField", "ImageField"):
        raise BackupError(
            f"{field.model._meta.label}.{field.name} keeps its file on disk, outside the "
            "database, and the backup does not include such files: keep uploads in the database"
        )
    try:
        return _KIND_OF_FIELD[internal]
    except KeyError:
        raise BackupError(
            f"{field.model._meta.label}.{field.name} is a {internal}, which the backup cannot write yet"
        ) from None


def _instant(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise BackupError(f"a datetime without its zone ({value}) cannot be written portably")
    return value.astimezone(dt.UTC).isoformat()


_WRITE: dict[str, Callable[[Any], Any]] = {
    "integer": int,
    "text": str,
    "boolean": bool,
    "datetime": _instant,
    "date": dt.date.isoformat,
    "time": dt.time.isoformat,
    "decimal": str,
    "float": float,
    "duration": lambda value: value // dt.timedelta(microseconds=1),
    "uuid": str,
    "json": lambda value: value,
}

_READ: dict[str, Callable[[Any], Any]] = {
    "integer": int,
    "text": str,
    "boolean": bool,
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "decimal": Decimal,
    "float": float,
    "duration": lambda value: dt.timedelta(microseconds=value),
    "uuid": uuid.UUID,
    "json": lambda value: value,
}


def write(kind: str, value: Any) -> Any:
    """A column value as JSON (files are handled by the caller: see ``FILE``)."""
    return None if value is None else _WRITE[kind](value)


def read(kind: str, value: Any) -> Any:
    if value is None:
        return None
    try:
        return _READ[kind](value)
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError(f"'{value}' is not a {kind} value ({error})") from None


def file_bytes(value: Any) -> bytes:
    """What a binary column gives back: bytes on SQLite, a memoryview on PostgreSQL."""
    return bytes(value)
