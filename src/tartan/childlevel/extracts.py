"""Pseudonymised, minimised extracts of child-level data: made, written, read back and merged.

An extract is a folder: one CSV per table (dates as yyyy-mm-dd) and ``manifest.json`` saying
for which purpose and recipient it was made, with which key (by key id only) and from which
files. Reading an extract and merging extracts both go through the erasure register; there is
no way in this module to read one without it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from tartan.childlevel.cin_reader import CinCensus
from tartan.childlevel.erasure import ErasureRegister
from tartan.childlevel.minimise import minimised
from tartan.childlevel.pseudonyms import PseudonymKey
from tartan.childlevel.purposes import EXTRACT_TABLES, Purpose
from tartan.childlevel.ssda903_reader import Ssda903

FORMAT = "tartan child-level extract"
VERSION = 1
MANIFEST = "manifest.json"


class ExtractError(ValueError):
    """An extract that cannot be read, written or merged as asked."""


@dataclass(frozen=True)
class Manifest:
    purpose: str
    recipient: str
    key_id: str
    made_on: date
    sources: tuple[str, ...]


@dataclass
class Extract:
    manifest: Manifest
    tables: dict[str, pl.DataFrame]

    def pseudonyms(self) -> set[str]:
        return {p for frame in self.tables.values() for p in frame["pseudonym"].to_list()}


def make_extract(
    purpose: Purpose,
    key: PseudonymKey,
    recipient: str,
    made_on: date,
    register: ErasureRegister | None,
    cin: CinCensus | None = None,
    ssda903: Ssda903 | None = None,
) -> Extract:
    """The purpose's tables and columns only, children by pseudonym, quasi-identifiers cut
    down, erased children left out."""
    ids: set[str] = set()
    if cin is not None:
        ids |= set(cin.tables["child"]["child"].to_list())
    if ssda903 is not None:
        for frame in ssda903.tables.values():
            ids |= set(frame["CHILD"].to_list())
    mapping = key.pseudonyms(ids)
    tables: dict[str, pl.DataFrame] = {}
    for table, columns in purpose.tables.items():
        source, name, _ = EXTRACT_TABLES[table]
        if source == "cin" and cin is not None:
            frame, identifier = cin.tables[name], "child"
            links = [] if name == "child" else ["episode"]
        elif source == "ssda903" and ssda903 is not None:
            frame, identifier, links = ssda903.table(name), "CHILD", []
        else:
            continue
        selected = frame.select(
            pl.col(identifier).replace_strict(mapping, return_dtype=pl.String).alias("pseudonym"),
            *links,
            *[pl.col(c) if c in frame.columns else pl.lit(None).alias(c) for c in columns],
        )
        tables[table] = minimised(selected)
    sources = tuple(
        s for s in ((cin.file if cin else None), (ssda903.folder if ssda903 else None)) if s
    )
    manifest = Manifest(purpose.name, recipient, key.key_id, made_on, sources)
    if register is not None:
        tables = register.without_erased(tables, key.key_id)
    return Extract(manifest, tables)


def write_extract(extract: Extract, folder: Path) -> None:
    if folder.exists() and any(folder.iterdir()):
        raise ExtractError(f"{folder} is not empty; write each extract to a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in extract.tables.items():
        frame.write_csv(folder / f"{name}.csv")
    manifest = extract.manifest
    body = {
        "format": FORMAT,
        "version": VERSION,
        "purpose": manifest.purpose,
        "recipient": manifest.recipient,
        "key_id": manifest.key_id,
        "made_on": manifest.made_on.isoformat(),
        "sources": list(manifest.sources),
        "tables": {name: frame.columns for name, frame in extract.tables.items()},
    }
    (folder / MANIFEST).write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def read_extract(folder: Path, register: ErasureRegister) -> Extract:
    """An extract written by ``write_extract``, less every child erased since."""
    try:
        body = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if body.get("format") != FORMAT or body.get("version") != VERSION:
            raise ExtractError(f"{folder} is not a {FORMAT} (version {VERSION})")
        manifest = Manifest(
            body["purpose"],
            body["recipient"],
            body["key_id"],
            date.fromisoformat(body["made_on"]),
            tuple(body["sources"]),
        )
        tables = {
            name: pl.read_csv(folder / f"{name}.csv", infer_schema=False) for name in body["tables"]
        }
    except (OSError, KeyError, ValueError, pl.exceptions.PolarsError) as error:
        if isinstance(error, ExtractError):
            raise
        raise ExtractError(f"{folder} cannot be read as an extract: {error}") from None
    return Extract(manifest, register.without_erased(tables, manifest.key_id))


def merge_extracts(extracts: list[Extract], register: ErasureRegister) -> Extract:
    """One extract from several made with the same key, for the same purpose and recipient.

    A child's rows come from the newest extract that holds the child (a later extract
    supersedes an earlier one), so a child dropped from the newest extract keeps their older
    rows, unless erased: the register is applied after the merge as well as on reading.
    """
    if not extracts:
        raise ExtractError("nothing to merge")
    first = extracts[0].manifest
    for extract in extracts[1:]:
        other = extract.manifest
        if other.key_id != first.key_id:
            raise ExtractError(
                "The extracts were pseudonymised with different keys: the same child has "
                "different pseudonyms in them, so they cannot be merged (nor erasures applied)."
            )
        if (other.purpose, other.recipient) != (first.purpose, first.recipient):
            raise ExtractError(
                "The extracts were made for different purposes or recipients; merging them "
                "would carry data beyond what each was made for."
            )
    ordered = sorted(enumerate(extracts), key=lambda pair: (pair[1].manifest.made_on, pair[0]))
    owners: dict[str, int] = {}
    for rank, (_, extract) in enumerate(ordered):
        owners.update(dict.fromkeys(extract.pseudonyms(), rank))
    owner_frame = pl.DataFrame(
        {"pseudonym": list(owners), "_owner": list(owners.values())},
        schema={"pseudonym": pl.String, "_owner": pl.Int64},
    )
    names = sorted({name for extract in extracts for name in extract.tables})
    tables = {}
    for name in names:
        parts = [
            extract.tables[name]
            .select(pl.all().cast(pl.String))
            .with_columns(pl.lit(rank, dtype=pl.Int64).alias("_from"))
            for rank, (_, extract) in enumerate(ordered)
            if name in extract.tables
        ]
        merged = pl.concat(parts, how="diagonal").join(owner_frame, on="pseudonym")
        tables[name] = merged.filter(pl.col("_from") == pl.col("_owner")).drop("_from", "_owner")
    sources = tuple(dict.fromkeys(s for _, e in ordered for s in e.manifest.sources))
    manifest = Manifest(
        first.purpose, first.recipient, first.key_id, ordered[-1][1].manifest.made_on, sources
    )
    return Extract(manifest, register.without_erased(tables, first.key_id))
