"""The backup archive: a ZIP file holding a manifest, one JSON Lines file per table and the stored
files, each under its SHA-256.

```
manifest.json              what is in it: format, when, from which database, migrations, and
                           for every table its columns (name and kind), row count and SHA-256
tables/<table>.jsonl       one JSON array per row, in the manifest's column order
files/<sha256>             a stored file (an upload, a DPIA, an extract), once however often used
```

ZIP rather than tar: a restore reads the manifest first, checks every member's hash, then reads
each table and fetches each file by name, all without unpacking anything to disk; and a ZIP is
written member by member without knowing sizes in advance. Nothing in it depends on Django or on
the database it came from, so a backup of SQLite restores into PostgreSQL and the other way.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tartan.web.backup.errors import BackupError

FORMAT = "tartan-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
SPOOL = 32 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[tuple[str, str]]  # (column, kind)
    rows: int
    sha256: str

    @property
    def member(self) -> str:
        return f"tables/{self.name}.jsonl"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "columns": self.columns,
            "rows": self.rows,
            "sha256": self.sha256,
        }


def file_member(sha256: str) -> str:
    return f"files/{sha256}"


class _RowWriter:
    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.hash = hashlib.sha256()
        self.rows = 0

    def write(self, row: list[Any]) -> None:
        line = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        self.hash.update(line)
        self.stream.write(line)
        self.rows += 1


class ArchiveWriter:
    """Writes next to ``path`` and moves into place only when complete, so that a backup that
    fails half-way never leaves something that looks like a backup."""

    def __init__(self, path: Path) -> None:
        if path.exists():
            raise BackupError(f"{path} exists already: give a new file name")
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        self.zip = zipfile.ZipFile(self.partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self.tables: list[Table] = []
        self.files: dict[str, int] = {}

    @contextmanager
    def table(self, name: str, columns: list[tuple[str, str]]) -> Iterator[_RowWriter]:
        # The rows go to a spooled file first: a ZIP takes one member at a time, and the stored
        # files a table's rows name are written while its rows are.
        with tempfile.SpooledTemporaryFile(max_size=SPOOL) as spool:
            writer = _RowWriter(spool)
            yield writer
            table = Table(name, columns, writer.rows, writer.hash.hexdigest())
            spool.seek(0)
            with self.zip.open(table.member, "w", force_zip64=True) as stream:
                shutil.copyfileobj(spool, stream, CHUNK)
        self.tables.append(table)

    def file(self, content: bytes) -> str:
        sha256 = hashlib.sha256(content).hexdigest()
        if sha256 not in self.files:
            self.zip.writestr(file_member(sha256), content)
            self.files[sha256] = len(content)
        return sha256

    def finish(self, about: dict[str, Any]) -> dict[str, Any]:
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            **about,
            "tables": [table.as_json() for table in self.tables],
            "files": [{"sha256": sha, "size": size} for sha, size in sorted(self.files.items())],
        }
        self.zip.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
        self.zip.close()
        os.replace(self.partial, self.path)
        return manifest

    def abandon(self) -> None:
        self.zip.close()
        self.partial.unlink(missing_ok=True)


class Archive:
    """An archive opened for restoring: nothing is read from it before ``verify`` passes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as error:
            raise BackupError(f"{path} is not a tartan backup ({error})") from None
        try:
            self.manifest = self._manifest()
        except BaseException:
            self.zip.close()
            raise

    def _manifest(self) -> dict[str, Any]:
        path = self.path
        try:
            manifest = json.loads(self.zip.read(MANIFEST))
        except (KeyError, ValueError) as error:
            raise BackupError(f"{path} is not a tartan backup ({error})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{path} is not a tartan backup (no '{FORMAT}' manifest)")
        if manifest.get("version") != VERSION:
            raise BackupError(
                f"{path} is a version {manifest.get('version')} backup; this tartan reads version {VERSION}"
            )
        try:
            self.tables = [
                Table(t["name"], [(c, k) for c, k in t["columns"]], t["rows"], t["sha256"])
                for t in manifest["tables"]
            ]
            self.files = {f["sha256"]: f["size"] for f in manifest["files"]}
            self.migrations = {(app, name) for app, name in manifest["migrations"]}
        except (KeyError, TypeError, ValueError) as error:
            raise BackupError(f"{path}: the manifest is incomplete ({error!r})") from None
        return manifest

    def verify(self) -> str:
        """Every member is the one the manifest names, with its hash; returns the archive's own
        SHA-256 (for the audit event of the restore)."""
        expected = {MANIFEST, *(t.member for t in self.tables), *map(file_member, self.files)}
        present = self.zip.namelist()
        if len(present) != len(set(present)) or set(present) != expected:
            extra = sorted(set(present) - expected)[:5]
            missing = sorted(expected - set(present))[:5]
            raise BackupError(
                f"{self.path}: members do not match the manifest (unexpected {extra}, missing {missing})"
            )
        for table in self.tables:
            self._check(table.member, table.sha256)
        for sha in self.files:
            self._check(file_member(sha), sha)
        whole = hashlib.sha256()
        with self.path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                whole.update(chunk)
        return whole.hexdigest()

    def _check(self, member: str, sha256: str) -> None:
        digest = hashlib.sha256()
        try:
            with self.zip.open(member) as stream:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError) as error:
            raise BackupError(f"{self.path}: {member} cannot be read ({error})") from None
        if digest.hexdigest() != sha256:
            raise BackupError(
                f"{self.path}: {member} has been changed or damaged (SHA-256 differs)"
            )

    def rows(self, table: Table) -> Iterator[list[Any]]:
        with self.zip.open(table.member) as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    row = json.loads(line)
                except ValueError:
                    row = None
                if not isinstance(row, list) or len(row) != len(table.columns):
                    raise BackupError(
                        f"{self.path}: {table.member} row {number} is not a row of the table's {len(table.columns)} columns"
                    )
                yield row

    def file(self, sha256: str) -> bytes:
        if sha256 not in self.files:
            raise BackupError(
                f"{self.path}: a row names a stored file the archive lacks ({sha256})"
            )
        return self.zip.read(file_member(sha256))

    def close(self) -> None:
        self.zip.close()
