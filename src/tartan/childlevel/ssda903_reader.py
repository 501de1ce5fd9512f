"""Read a folder of SSDA903 CSV tables, with findings instead of crashes.

Files are recognised by name (``episodes.csv``, ``Episodes_2024.csv``, ``ad1.csv``,
``placed_adoption.csv`` …). Several files of one table are read together, so that a folder can
hold more than one year's Episodes: the adoption timings reach back to the start of the period
of care, which is often in an earlier year's return. Rows repeated across such files count once.
Files come from Excel as often as not: a BOM, Windows-1252, blank rows and stray spaces are
fine, as they are for returns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tartan.childlevel.findings import FindingLog
from tartan.childlevel.ssda903_schema import (
    CONTINUES,
    EPISODES,
    TABLES,
    Ssda903Table,
    table_for_file,
)
from tartan.childlevel.text_values import uk_dates
from tartan.returns.csv_reader import decode_text

Progress = Callable[[int], None]


@dataclass
class Ssda903:
    """Typed tables by name; each row keeps its ``file`` and ``row`` (1 = the header)."""

    folder: str
    tables: dict[str, pl.DataFrame]

    def table(self, name: str) -> pl.DataFrame:
        return self.tables.get(name, _empty(TABLES[name]))


@dataclass
class Ssda903Read:
    data: Ssda903 | None
    log: FindingLog


def _empty(table: Ssda903Table) -> pl.DataFrame:
    schema: dict[str, pl.DataType] = {column: pl.String() for column in table.columns}
    schema.update({column: pl.Date() for column in table.dates})
    schema.update({"file": pl.String(), "row": pl.Int64()})
    return pl.DataFrame(schema=schema)


def _read_file(path: Path, table: Ssda903Table, log: FindingLog) -> pl.DataFrame | None:
    text = decode_text(path.read_bytes())
    if text is None:
        log.add(
            "C202",
            path.name,
            f"The {table.name} table is not text in UTF-8 or Windows-1252 (is it a workbook "
            "or a binary file?). Save it as CSV.",
        )
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    data: dict[str, list[str | None]] = {column: [] for column in (*table.columns, "row")}
    positions: dict[str, int] = {}
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().upper() for cell in cells]
                positions = {name: i for i, name in enumerate(header) if name in table.columns}
                missing = [column for column in table.needed if column not in positions]
                if missing:
                    log.add(
                        "C203",
                        path.name,
                        f"The {table.name} table has no {', '.join(missing)} column(s); found "
                        f"{', '.join(header)}.",
                        row=reader.line_num,
                    )
                    return None
                continue
            for column in table.columns:
                at = positions.get(column)
                value = cells[at].strip() if at is not None and at < len(cells) else ""
                data[column].append(value or None)
            data["row"].append(str(reader.line_num))
    except csv.Error as error:
        log.add("C202", path.name, f"The {table.name} table is not valid CSV: {error}.")
        return None
    frame = pl.DataFrame(data, schema={column: pl.String() for column in data})
    return frame.with_columns(pl.lit(path.name).alias("file"), pl.col("row").cast(pl.Int64))


def _finding_rows(frame: pl.DataFrame, mask: pl.Series) -> list[dict[str, object]]:
    return frame.filter(mask).to_dicts()


def _typed(table: Ssda903Table, frame: pl.DataFrame, log: FindingLog) -> pl.DataFrame:
    frame = frame.unique(subset=list(table.columns), keep="first", maintain_order=True)
    frame, bad = uk_dates(frame, list(table.dates))
    for cell in bad:
        log.add(
            "C204",
            str(frame["file"][cell.index]),
            f"{table.name}, child {frame['CHILD'][cell.index]}: {cell.column} '{cell.text}' is "
            "not a date in the form dd/mm/yyyy; the value is ignored.",
            row=int(frame["row"][cell.index]),
            column=cell.column,
        )
    for column, allowed in table.codes:
        unknown = frame[column].is_not_null() & ~frame[column].is_in(sorted(allowed))
        for row in _finding_rows(frame, unknown):
            log.add(
                "C206",
                str(row["file"]),
                f"{table.name}, child {row['CHILD']}: {column} '{row[column]}' is not in the "
                "SSDA903 code list.",
                row=int(str(row["row"])),
                column=column,
            )
    keep = pl.Series([True] * frame.height, dtype=pl.Boolean)
    for column in table.required_values:
        missing = frame[column].is_null()
        for row in _finding_rows(frame, missing & keep):
            log.add(
                "C205",
                str(row["file"]),
                f"{table.name}, child {row['CHILD'] or '(none)'}: {column} is missing or "
                "unusable; the row is left out.",
                row=int(str(row["row"])),
                column=column,
            )
        keep = keep & ~missing
    frame = frame.filter(keep)
    return _checked_episodes(frame, log) if table is EPISODES else frame


def _checked_episodes(frame: pl.DataFrame, log: FindingLog) -> pl.DataFrame:
    backwards = (frame["DEC"] < frame["DECOM"]).fill_null(False)
    for row in _finding_rows(frame, backwards):
        log.add(
            "C207",
            str(row["file"]),
            f"Episodes, child {row['CHILD']}: DEC {row['DEC']} is before DECOM {row['DECOM']}; "
            "the episode is left out.",
            row=int(str(row["row"])),
            column="DEC",
        )
    frame = frame.filter(~backwards)
    unpaired = frame["DEC"].is_null() != frame["REC"].is_null()
    for row in _finding_rows(frame, unpaired):
        log.add(
            "C208",
            str(row["file"]),
            f"Episodes, child {row['CHILD']}: DEC is {row['DEC'] or 'blank'} but REC is "
            f"{row['REC'] or 'blank'}. An end date without a reason still ends the episode; a "
            "reason without an end date is ignored.",
            row=int(str(row["row"])),
            column="REC",
        )
    followed = frame.select("CHILD", pl.col("DECOM").alias("DEC")).unique()
    orphan_x1 = frame.filter(pl.col("REC") == CONTINUES).join(
        followed, on=["CHILD", "DEC"], how="anti"
    )
    for row in orphan_x1.to_dicts():
        log.add(
            "C209",
            str(row["file"]),
            f"Episodes, child {row['CHILD']}: the episode ends {row['DEC']} with X1 (a new "
            "episode the same day), but no episode starts that day. It is not counted as "
            "ceasing care.",
            row=int(str(row["row"])),
            column="REC",
        )
    return frame


def read_ssda903(
    folder: Path, progress: Progress | None = None, log: FindingLog | None = None
) -> Ssda903Read:
    """Read the tables in ``folder``; a finding that blocks leaves ``data`` as None."""
    log = log if log is not None else FindingLog()
    files: dict[str, list[pl.DataFrame]] = {}
    paths = (
        [path for path in sorted(folder.iterdir()) if path.suffix.lower() == ".csv"]
        if folder.is_dir()
        else []
    )
    for path in paths:
        table = table_for_file(path.stem)
        if table is None:
            continue
        frame = _read_file(path, table, log)
        if progress is not None:
            progress(path.stat().st_size)
        if frame is not None:
            files.setdefault(table.name, []).append(frame)
    if log.blocked:
        return Ssda903Read(None, log)
    if EPISODES.name not in files:
        log.add(
            "C201",
            folder.name or str(folder),
            "The SSDA903 folder has no Episodes table (a file named like episodes.csv): "
            "the children looked after items cannot be worked out.",
        )
        return Ssda903Read(None, log)
    tables = {
        name: _typed(TABLES[name], pl.concat(frames, how="vertical"), log)
        for name, frames in files.items()
    }
    return Ssda903Read(Ssda903(folder.name, tables), log)
