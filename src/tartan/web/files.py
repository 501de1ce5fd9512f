"""Small helpers the rights, protocol, FOI and evidence areas share: an uploaded document kept
in the database with its hash (as return versions are), and ZIP archives of CSV and JSON."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plain(value: Any) -> Any:
    """A value as JSON and CSV write it: dates in ISO 8601, decimals as strings."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], marking: list[str]) -> str:
    """A CSV whose first lines are the protective marking as comment lines."""
    out = io.StringIO()
    for line in marking:
        out.write(f"# {line}\n")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([plain(v) for v in row])
    return out.getvalue()


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, default=plain, ensure_ascii=False)


class Archive:
    """A ZIP built in memory: every entry is text or the original bytes of a file."""

    def __init__(self, marking: list[str]) -> None:
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)
        self.zip.writestr("MARKING.txt", "\n".join(marking) + "\n")

    def text(self, name: str, content: str) -> None:
        self.zip.writestr(name, content)

    def bytes(self, name: str, content: bytes) -> None:
        self.zip.writestr(name, content)

    def close(self) -> bytes:
        self.zip.close()
        return self.buffer.getvalue()


def rows_of(objects: Iterable[Any], fields: Sequence[str]) -> list[list[Any]]:
    return [[plain(getattr(o, f)) for f in fields] for o in objects]


def dicts_of(objects: Iterable[Any], fields: Sequence[str]) -> list[dict[str, Any]]:
    return [{f: plain(getattr(o, f)) for f in fields} for o in objects]


def marking_of_person(user: Any, group_key: str | None = None, unpublished: bool = True) -> Any:
    """The protective marking for an archive or page made for ``user``: the group named, else
    the person's own first group, else the benchmarking programme in general."""
    from django.utils import timezone

    from tartan.marking import ProtectiveMarking
    from tartan.web.groups.registry import UnknownGroup, group_name, groups_of_person

    key = group_key or next(iter(groups_of_person(user, timezone.localdate())), None)
    try:
        name = group_name(key) if key else "regional benchmarking"
    except UnknownGroup:
        name = "regional benchmarking"
    organisation = getattr(user, "organisation", None)
    who = f"{user.display_name}, {organisation}" if organisation else user.display_name
    return ProtectiveMarking(produced_for=who, group=name, unpublished=unpublished)


def marking_lines(user: Any, group_key: str | None = None, unpublished: bool = True) -> list[str]:
    return list(marking_of_person(user, group_key, unpublished).lines)
