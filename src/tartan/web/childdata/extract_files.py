"""An uploaded extract: unpacked safely, read with the library's reader through the erasure
register, checked against the approved request, and packed again from what was checked.

The upload is a zip of the folder ``tartan childlevel pseudonymise`` wrote (its files at the
top, or inside one folder). The service never stores what it was sent: it stores the extract
the library read back, less erased children, so that nothing unchecked (a stray file, an
erased child) is kept or served.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import polars as pl

from tartan.childlevel.erasure import ErasureRegister
from tartan.childlevel.extracts import MANIFEST, Extract, ExtractError, read_extract, write_extract
from tartan.childlevel.minimise import MONTH_ONLY, POSTCODES, postcode_district
from tartan.childlevel.purposes import DIRECT_IDENTIFIERS, EXTRACT_TABLES
from tartan.web.childdata.errors import ExtractRefused
from tartan.web.childdata.fields import link_columns

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the service's upload limit (settings)
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_FILES = len(EXTRACT_TABLES) + 1  # every table and the manifest
PSEUDONYM = re.compile(r"^[0-9a-f]{64}$")
KEY_ID = re.compile(r"^[0-9a-f]{16}$")
TABLE_FILE = re.compile(r"^[a-z0-9_]+\.csv$")
# What archivers add and that is never data.
IGNORED = ("__MACOSX/", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class Approved:
    """What a request approved, as the checks need it."""

    purpose: str
    recipient: str
    fields: tuple[str, ...]

    def columns(self, table: str) -> set[str]:
        return {f.split(".", 1)[1] for f in self.fields if f.split(".", 1)[0] == table}

    @property
    def tables(self) -> set[str]:
        return {f.split(".", 1)[0] for f in self.fields}


@dataclass(frozen=True)
class CheckedExtract:
    extract: Extract
    erased_left_out: int
    data: bytes


def _ignored(name: str) -> bool:
    return name.startswith(IGNORED[0]) or PurePosixPath(name).name in IGNORED[1:]


def _unpack(data: bytes, into: Path) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ExtractRefused(
            ["The file is not a zip. Zip the folder 'tartan childlevel pseudonymise' wrote."]
        ) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not _ignored(m.filename)]
        if len(members) > MAX_FILES:
            raise ExtractRefused(
                [f"The zip holds {len(members)} files; an extract has at most {MAX_FILES}."]
            )
        if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
            raise ExtractRefused(["The zip unpacks to more than 200 MB; send a smaller extract."])
        folders = set()
        for member in members:
            path = PurePosixPath(member.filename)
            symlink = (member.external_attr >> 16) & 0o170000 == 0o120000
            if (
                "\\" in member.filename
                or path.is_absolute()
                or ".." in path.parts
                or len(path.parts) > 2
                or symlink
            ):
                raise ExtractRefused(
                    [f"The zip holds {member.filename}, which is not an extract's file."]
                )
            if member.flag_bits & 0x1:
                raise ExtractRefused(
                    ["The zip is password-protected; upload it without a password."]
                )
            if path.name != MANIFEST and not TABLE_FILE.match(path.name):
                raise ExtractRefused(
                    [f"The zip holds {path.name}, which is not part of an extract."]
                )
            folders.add(path.parts[0] if len(path.parts) == 2 else "")
        if len(folders) > 1:
            raise ExtractRefused(["The zip holds more than one folder; upload one extract."])
        for member in members:
            target = into / PurePosixPath(member.filename).name
            if target.exists():
                raise ExtractRefused([f"The zip holds {target.name} twice."])
            try:
                with archive.open(member) as source, target.open("wb") as sink:
                    shutil.copyfileobj(source, sink)
            # zipfile raises NotImplementedError for a compression method it cannot read; to
            # the uploader that is as unreadable as a corrupt member.
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
                raise ExtractRefused(
                    [f"{member.filename} cannot be unpacked: the zip is damaged."]
                ) from None
    if not (into / MANIFEST).is_file():
        raise ExtractRefused(["The zip holds no manifest.json: it is not an extract."])


def _values_problems(table: str, frame: pl.DataFrame) -> list[str]:
    """Raw identifiers in the values: something other than a pseudonym in the pseudonym column,
    a full date of birth, a full postcode."""
    problems = []
    if "pseudonym" in frame.columns:
        bad = frame.filter(
            pl.col("pseudonym").is_null() | ~pl.col("pseudonym").str.contains(PSEUDONYM.pattern)
        ).height
        if bad:
            problems.append(
                f"{table}: {bad} row(s) hold something other than a pseudonym in the pseudonym "
                "column (a child's identifier must never leave the LA)."
            )
    for column in sorted(MONTH_ONLY & set(frame.columns)):
        values = frame[column].drop_nulls()
        dates = values.str.to_date("%Y-%m-%d", strict=False)
        bad = int(dates.is_null().sum()) + int((dates.dt.day() != 1).sum())
        if bad:
            problems.append(
                f"{table}.{column}: {bad} date(s) are not cut to the first of the month."
            )
    for column in sorted(POSTCODES & set(frame.columns)):
        values = frame.select(pl.col(column)).drop_nulls()
        districts = values.select(postcode_district(column))[column]
        bad = int((districts.is_null() | (districts != values[column])).sum())
        if bad:
            problems.append(f"{table}.{column}: {bad} value(s) are not a postcode district.")
    return problems


def check(extract: Extract, approved: Approved) -> list[str]:
    """Everything wrong with the extract for this request (nothing: it may be stored)."""
    manifest = extract.manifest
    problems = []
    if manifest.purpose != approved.purpose:
        problems.append(
            f"The extract was made for the purpose '{manifest.purpose}'; the request approved "
            f"'{approved.purpose}'."
        )
    if manifest.recipient != approved.recipient:
        problems.append(
            f"The extract was made for the recipient '{manifest.recipient}'; make it with "
            f'--recipient "{approved.recipient}".'
        )
    if not KEY_ID.match(manifest.key_id):
        problems.append("The manifest's key id is not one the library makes.")
    for table in sorted(set(extract.tables) - approved.tables):
        problems.append(
            f"The extract carries the table {table}, which the request did not approve."
        )
    for table, frame in sorted(extract.tables.items()):
        if table not in approved.tables:
            continue
        columns = set(frame.columns)
        identifiers = sorted(columns & DIRECT_IDENTIFIERS)
        if identifiers:
            problems.append(
                f"{table} carries the raw identifier(s) {', '.join(identifiers)}; an extract "
                "carries children only by pseudonym."
            )
        extra = sorted(columns - approved.columns(table) - link_columns(table) - DIRECT_IDENTIFIERS)
        if extra:
            problems.append(
                f"{table} carries {', '.join(extra)}, beyond the fields the request approved."
            )
        if "pseudonym" not in columns:
            problems.append(f"{table} has no pseudonym column.")
        problems.extend(_values_problems(table, frame))
    return problems


def pack(extract: Extract, folder_name: str) -> bytes:
    """The extract as a zip, written by the library's writer."""
    with _scratch() as scratch:
        write_extract(extract, scratch / folder_name)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted((scratch / folder_name).iterdir()):
                archive.write(path, f"{folder_name}/{path.name}")
        return buffer.getvalue()


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="tartan-childdata-") as folder:
        yield Path(folder)


def _pseudonyms_in(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.glob("*.csv"):
        frame = pl.read_csv(path, infer_schema=False, columns=["pseudonym"])
        found.update(v for v in frame["pseudonym"].to_list() if v)
    return found


def read_upload(data: bytes, register: ErasureRegister) -> tuple[Extract, int]:
    """The uploaded extract as the library reads it (erased children left out), and how many
    children the register left out."""
    with _scratch() as scratch:
        folder = scratch / "upload"
        folder.mkdir()
        _unpack(data, folder)
        try:
            extract = read_extract(folder, register)
        except ExtractError as error:
            raise ExtractRefused([str(error).replace(str(folder), "The zip")]) from None
        unlisted = sorted(p.name for p in folder.glob("*.csv") if p.stem not in extract.tables)
        if unlisted:
            raise ExtractRefused(
                [f"The zip holds {', '.join(unlisted)}, which its manifest does not list."]
            )
        try:
            present = _pseudonyms_in(folder)
        except pl.exceptions.PolarsError:
            present = extract.pseudonyms()
    left_out = len(present & register.erased(extract.manifest.key_id))
    return extract, left_out


def receive(
    data: bytes, approved: Approved, register: ErasureRegister, folder_name: str
) -> CheckedExtract:
    """Read, check and re-pack an upload; ``ExtractRefused`` lists every problem found."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExtractRefused(["The file is larger than 5 MB."])
    extract, left_out = read_upload(data, register)
    problems = check(extract, approved)
    if problems:
        raise ExtractRefused(problems)
    return CheckedExtract(extract, left_out, pack(extract, folder_name))


def rewrite(data: bytes, register: ErasureRegister, folder_name: str) -> CheckedExtract | None:
    """A stored extract again through the register; None when no child in it is erased."""
    extract, left_out = read_upload(data, register)
    if not left_out:
        return None
    return CheckedExtract(extract, left_out, pack(extract, folder_name))
