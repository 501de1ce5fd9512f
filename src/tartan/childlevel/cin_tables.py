"""From the census's text tables to typed ones, with a finding for every value that fails.

A date that is not a date is ignored (C112); a row whose defining date is missing or unusable
(a referral without its referral date, a plan without its start) is left out (C113), because
no item can count it. An end before its start is kept but reported (C117): the items say how
each one treats it.
"""

from __future__ import annotations

import polars as pl

from tartan.childlevel.cin_schema import END_BEFORE_START, TABLES
from tartan.childlevel.findings import FindingLog
from tartan.childlevel.text_values import BadCell, iso_dates, whole_numbers, yes_no


def _where(frame: pl.DataFrame, index: int) -> tuple[str, int]:
    return str(frame["child"][index]), int(frame["line"][index])


def _report_bad(
    frame: pl.DataFrame, bad: list[BadCell], code: str, expected: str, file: str, log: FindingLog
) -> None:
    for cell in bad:
        child, line = _where(frame, cell.index)
        log.add(
            code,
            file,
            f"Child {child}, <{cell.column}> at line {line}: '{cell.text}' is not {expected}; "
            "the value is ignored.",
            row=line,
            column=cell.column,
        )


def _typed(name: str, frame: pl.DataFrame, file: str, log: FindingLog) -> pl.DataFrame:
    table = TABLES[name]
    frame, bad = iso_dates(frame, list(table.dates))
    _report_bad(frame, bad, "C112", "a date in the form yyyy-mm-dd", file, log)
    frame, bad = yes_no(frame, list(table.yes_no))
    _report_bad(frame, bad, "C114", "true, false, 1 or 0", file, log)
    frame, bad = whole_numbers(frame, list(table.whole))
    _report_bad(frame, bad, "C115", "a whole number", file, log)
    if table.required_date:
        missing = frame[table.required_date].is_null()
        for index in missing.arg_true().to_list():
            child, line = _where(frame, index)
            log.add(
                "C113",
                file,
                f"Child {child}, <{table.element}> at line {line} has no usable "
                f"<{table.required_date}>: the record is left out.",
                row=line,
                column=table.required_date,
            )
        frame = frame.filter(~missing)
    for start, end in END_BEFORE_START.get(name, ()):
        backwards = frame[end] < frame[start]
        for index in backwards.fill_null(False).arg_true().to_list():
            child, line = _where(frame, index)
            log.add(
                "C117",
                file,
                f"Child {child}, <{table.element}> at line {line}: <{end}> "
                f"{frame[end][index]} is before <{start}> {frame[start][index]}.",
                row=line,
                column=end,
            )
    return frame


def typed_tables(
    raw: dict[str, pl.DataFrame], file: str, log: FindingLog
) -> dict[str, pl.DataFrame]:
    return {name: _typed(name, frame, file, log) for name, frame in raw.items()}
