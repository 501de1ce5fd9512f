"""Where the shipped reference tables live and how they are read and written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

DATA_PACKAGE = "tartan.reference.data"


def shipped_path(name: str) -> Path:
    """The path of a table shipped with the package."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_table(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """Read one of our own CSV tables (UTF-8, header row) as a list of dicts."""
    path = (folder / name) if folder else shipped_path(name)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_table(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV table byte-for-byte reproducibly: UTF-8, LF line endings, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def read_official_csv(path: Path) -> list[dict[str, str]]:
    """Read an official CSV (some start with a UTF-8 BOM), stripping stray spaces."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key is not None}
            for row in csv.DictReader(handle)
        ]
