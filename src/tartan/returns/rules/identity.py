"""Whose return, for which quarter: the LA and period columns."""

from __future__ import annotations

from collections.abc import Iterator

from tartan.periods import Period, PeriodError
from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding
from tartan.returns.rules.registry import Stage, rule


@rule("E401", "The LA code is not a local authority", Stage.ROWS)
def unknown_la(ret: CheckedReturn) -> Iterator[Finding]:
    register = ret.settings.register
    reported: set[str] = set()
    for row in ret.table.rows:
        code = row.get("la_code")
        if code in register or code in reported:
            continue
        reported.add(code)
        shown = f"'{code}'" if code else "A blank code"
        yield Finding(
            "E401",
            ret.name,
            f"{shown} is not a DfE local authority code. Use your 3-digit code (for example 845 "
            "for East Sussex).",
            row=row.line,
            column="la_code",
        )


@rule("E402", "The return is for another LA than the uploader's", Stage.ROWS)
def other_la(ret: CheckedReturn) -> Iterator[Finding]:
    expected = ret.settings.expected_la
    code = ret.la_code
    if expected is None or code is None or code == expected or code not in ret.settings.register:
        return
    row = next(r for r in ret.table.rows if r.get("la_code") == code)
    register = ret.settings.register
    yield Finding(
        "E402",
        ret.name,
        f"This return is for {code} {register[code].name}, but you may only submit for "
        f"{expected} {register[expected].name if expected in register else ''}.".rstrip(),
        row=row.line,
        column="la_code",
    )


@rule("E403", "The LA code differs between rows", Stage.ROWS)
def mixed_la(ret: CheckedReturn) -> Iterator[Finding]:
    main = ret.la_code
    for row in ret.table.rows:
        code = row.get("la_code")
        if code and code != main:
            yield Finding(
                "E403",
                ret.name,
                f"This row is for LA {code}, the others for {main}: a return covers one LA.",
                row=row.line,
                column="la_code",
                item=row.get("item") or None,
            )


@rule("E404", "The LA did not exist in that period", Stage.ROWS)
def la_not_operating(ret: CheckedReturn) -> Iterator[Finding]:
    la = ret.settings.register.get(ret.la_code or "")
    period = ret.period
    if la is None or period is None or la.operates_in(period):
        return
    successors = ", ".join(la.successors)
    hint = f" Its successors are {successors}." if successors else ""
    yield Finding(
        "E404",
        ret.name,
        f"{la.code} {la.name} was not a local authority for all of {period.label}.{hint}",
        row=ret.table.rows[0].line if ret.table.rows else None,
        column="la_code",
    )


@rule("E405", "The period is not a quarter like 2024-25 Q1", Stage.ROWS)
def bad_period(ret: CheckedReturn) -> Iterator[Finding]:
    reported: set[str] = set()
    for row in ret.table.rows:
        label = row.get("period")
        if label in reported:
            continue
        try:
            if Period.parse(label).is_quarter:
                continue
            problem = f"'{label}' is a whole year; a return is for one quarter, like '{label} Q1'."
        except PeriodError:
            problem = f"'{label}' is not a period: write it like '2024-25 Q1'."
        reported.add(label)
        yield Finding("E405", ret.name, problem, row=row.line, column="period")


@rule("E406", "The period is not the one the round collects", Stage.ROWS)
def wrong_period(ret: CheckedReturn) -> Iterator[Finding]:
    expected = ret.settings.expected_period
    period = ret.period
    if expected is None or period is None or period == expected:
        return
    row = ret.table.rows[0]
    yield Finding(
        "E406",
        ret.name,
        f"This return is for {period.label}, but the collection is for {expected.label}.",
        row=row.line,
        column="period",
    )


@rule("E407", "The period differs between rows", Stage.ROWS)
def mixed_period(ret: CheckedReturn) -> Iterator[Finding]:
    main = ret.period
    if main is None:
        return
    for row in ret.table.rows:
        try:
            if Period.parse(row.get("period")) == main:
                continue
        except PeriodError:
            continue
        yield Finding(
            "E407",
            ret.name,
            f"This row is for {row.get('period')}, the others for {main.label}: a return covers one quarter.",
            row=row.line,
            column="period",
            item=row.get("item") or None,
        )


@rule("Q401", "The LA name does not match the code", Stage.ROWS)
def name_mismatch(ret: CheckedReturn) -> Iterator[Finding]:
    la = ret.settings.register.get(ret.la_code or "")
    if la is None:
        return
    simple = la.name.casefold().replace("&", "and")
    for row in ret.table.rows:
        name = row.get("la_name")
        if name and name.casefold().replace("&", "and") != simple:
            yield Finding(
                "Q401",
                ret.name,
                f"The name '{name}' does not match {la.code}, which is {la.name}. Check the code.",
                row=row.line,
                column="la_name",
            )
            return
