"""One rug model, built from the benchmark table and nothing else; three renderers draw it.

A rug is one LA's page: per indicator, its trend over the last 8 quarters and where it stands
against the group, its statistical neighbours and England. The overview is the group's matrix:
indicators × LAs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import polars as pl

from tartan.benchmark.compare import row_labels
from tartan.benchmark.ranks import POSITION, rank_text
from tartan.benchmark.significance import change_beyond_chance, significance_words
from tartan.catalogue import Catalogue, MeasureKind, shipped_catalogue
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.rug.charts.data import RowCharts, SpineChart, rug_charts
from tartan.rug.draft import Draft
from tartan.rug.formats import format_value
from tartan.rug.parts import TableParts
from tartan.rug.style import CellStyle, band_style, group_band_style, neutral_style

TREND_QUARTERS = 8
WINDOWS = {
    "12m": "12 months to quarter end",
    "quarter": "at quarter end",
    "year": "year to 31 March",
}
MEASURE_LABELS = {
    "count": "number",
    "rate": "rate per 10,000 children",
    "percent": "%",
    "percent_2y": "% within 2 years",
    "average_days": "average days",
}
COUNTED = ("count", "rate", "percent", "percent_2y")
ARROWS = {
    "Improving": "▲",
    "Worsening": "▼",
    "Increasing": "↑",
    "Decreasing": "↓",
    "No change": "=",
}


@dataclass(frozen=True)
class TrendCell:
    period: str
    text: str
    style: CellStyle


@dataclass(frozen=True)
class Comparator:
    value: str
    rank: str
    style: CellStyle
    detail: str = ""


@dataclass(frozen=True)
class Definition:
    """What a row counts, beside its figure: from the catalogue the measures are made by."""

    definition: str
    numerator: str
    denominator: str
    source: str


@dataclass(frozen=True)
class RugRow:
    number: int
    indicator: str
    title: str
    measure: str
    measure_label: str
    polarity: str
    window: str
    trend: list[TrendCell]
    value: str
    count: str
    group: Comparator
    neighbours: Comparator
    england: Comparator
    direction: str
    direction_year_ago: str
    significance: str
    note: str = ""
    row: str = ""  # the row's number as printed: "1", "11a", "11b"
    note_key: str = ""  # what a context note on this row is filed under
    definition: Definition | None = None


@dataclass(frozen=True)
class Rug:
    la_code: str
    la_name: str
    period: str
    group_name: str
    marking: ProtectiveMarking
    rows: list[RugRow]
    trend_periods: list[str]
    sources: list[str] = field(default_factory=list)
    charts: list[RowCharts] = field(default_factory=list)
    spine: SpineChart | None = None
    draft: Draft | None = None  # before release: what the DRAFT notice says

    @property
    def title(self) -> str:
        return f"Tartan rug: {self.la_name} ({self.la_code}), {self.period}"


@dataclass(frozen=True)
class OverviewRow:
    number: int
    title: str
    measure_label: str
    polarity: str
    cells: list[TrendCell]
    group_value: str
    england_value: str
    row: str = ""


@dataclass(frozen=True)
class Overview:
    period: str
    group_name: str
    marking: ProtectiveMarking
    la_codes: list[str]
    la_names: list[str]
    rows: list[OverviewRow]
    draft: Draft | None = None  # before release: what the DRAFT notice says

    @property
    def title(self) -> str:
        return f"Regional overview: {self.group_name}, {self.period}"


def _cell_style(row: dict[str, object]) -> CellStyle:
    """Band colour where the measure has a polarity; neutral tint by position otherwise (in
    England, or in the group where England has no figures for the measure). Without England's
    spread, a band by the LA's rank in the group, labelled '(group)'."""
    if row["value"] is None:
        return CellStyle.missing()
    if row["ranking"] == POSITION:
        if row["england_rank"] is not None:
            return neutral_style(_int(row["england_rank"]), _int(row["england_n"]))
        return neutral_style(_int(row["group_rank"]), _int(row["group_n"]))
    if row["quartile"] is None:
        return group_band_style(_int(row["group_rank"]), _int(row["group_n"]))
    return band_style(_str(row["quartile"]))


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _text(row: dict[str, object], column: str = "value") -> str:
    return format_value(
        _num(row[column]),
        _str(row["measure"]),
        _int(row["decimals"]) or 0,
        _str(row["symbol"]) or None,
    )


def _direction(word: object) -> str:
    if not isinstance(word, str):
        return ""
    return f"{ARROWS.get(word, '')} {word}".strip()


def trend_periods(table: pl.DataFrame, period: Period) -> list[str]:
    """Up to 8 periods ending with ``period`` that the table holds, oldest first."""
    held = {Period.parse(label) for label in table["period"].unique().to_list()}
    wanted = [p for p in held if p <= period and p.is_quarter == period.is_quarter]
    return [p.label for p in sorted(wanted)[-TREND_QUARTERS:]]


def build_rug(
    table: pl.DataFrame,
    la_code: str,
    period: Period,
    marking: ProtectiveMarking,
    notes: dict[str, str] | None = None,
    sources: Iterable[str] = (),
    parts: TableParts | None = None,
) -> Rug:
    """The rug of ``la_code`` for ``period`` from a benchmark table holding its history
    (``parts``: the same table split once, when many rugs are made from it)."""
    if parts is None:
        mine = table.filter((pl.col("la_code") == la_code) & (pl.col("measure") != "count"))
    else:
        mine = parts.la(la_code)
    periods = trend_periods(mine, period)
    current = mine.filter(pl.col("period") == period.label)
    if current.is_empty():
        raise ValueError(f"the benchmark table has no figures for {la_code} in {period.label}")
    history: dict[tuple[str, str], dict[str, dict[str, object]]] = {}
    for row in mine.filter(pl.col("period").is_in(periods)).iter_rows(named=True):
        history.setdefault((row["indicator"], row["measure"]), {})[row["period"]] = row
    rows = []
    seen: set[str] = set()
    for row in current.sort("indicator_number", "row").iter_rows(named=True):
        past = history.get((row["indicator"], row["measure"]), {})
        trend = [
            TrendCell(label, _text(past[label]), _cell_style(past[label]))
            if label in past
            else TrendCell(label, "", CellStyle.missing())
            for label in periods
        ]
        key = note_key(_str(row["indicator"]), _str(row["measure"]), _str(row["indicator"]) in seen)
        seen.add(_str(row["indicator"]))
        earlier = past.get(period.year_ago().label)
        made = _rug_row(row, trend, (notes or {}).get(key, ""), key, earlier)
        rows.append(replace(made, definition=row_definition(_str(row["indicator"]), made.measure)))
    first = current.row(0, named=True)
    charts, spine = rug_charts(table, la_code, period.label, periods, parts)
    return Rug(
        la_code=la_code,
        la_name=_str(first["la_name"]),
        period=period.label,
        group_name=_str(first["group"]) or "",
        marking=marking,
        rows=rows,
        trend_periods=periods,
        sources=list(sources),
        charts=charts,
        spine=spine,
    )


SOURCE = "the LA's quarterly return to the group; England: the DfE's published statistics (period under Sources)"


def row_definition(indicator_id: str, measure: str) -> Definition | None:
    """The row's definition, numerator, denominator and source from the shipped catalogue."""
    catalogue = shipped_catalogue()
    try:
        indicator = catalogue.indicator(indicator_id)
    except (KeyError, ValueError):
        return None
    for item in indicator.measures:
        if item.kind.value != measure:
            continue
        numerator = catalogue.item(item.numerator)
        if item.denominator == "population":
            denominator = "children aged 0 to 17 (ONS mid-year estimate), per 10,000"
        elif item.denominator:
            denominator = catalogue.item(item.denominator).label
        else:
            denominator = ""
        source = SOURCE + (f"; LAIT measure {item.lait}" if item.lait else "")
        return Definition(numerator.definition, numerator.label, denominator, source)
    return None


def note_key(indicator: str, measure: str, second_row: bool) -> str:
    """An indicator's first row files its notes under the indicator (as notes always were);
    a further row of the same indicator (11b) under indicator and measure."""
    return f"{indicator}:{measure}" if second_row else indicator


def note_choices(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """(note key, row number, row title) of every rug row, for a form that files notes."""
    choices = []
    for indicator in catalogue.indicators:
        labels = row_labels(indicator)
        ratios = [m for m in indicator.measures if m.kind != MeasureKind.COUNT]
        for position, measure in enumerate(ratios):
            number, title = labels[measure.kind.value]
            choices.append(
                (note_key(indicator.id, measure.kind.value, position > 0), number, title)
            )
    return choices


def count_text(row: dict[str, object]) -> str:
    """The number a row's figure is made of: its own numerator (so 11b shows the plans within
    2 years, not the ever count). Average days have a day sum there, which is no count."""
    if _str(row["measure"]) not in COUNTED:
        return ""
    return format_value(_num(row["numerator"]), "count", 0, _str(row["symbol"]) or None)


def neighbours_detail(with_figures: object, total: object) -> str:
    """'(10 of 10)' said in full: how many of the LA's statistical neighbours the average is of."""
    return f"{with_figures or 0} of {total or 0} neighbours have figures"


def year_on_year(row: dict[str, object], earlier: dict[str, object] | None) -> str:
    """Direction on a year ago, and whether the change is beyond chance where it can be
    tested (rates and percentages, against the separate period a year earlier)."""
    words = _direction(row["direction_year_ago"])
    if not words or earlier is None or row["direction_year_ago"] == "No change":
        return words
    beyond = change_beyond_chance(
        _str(row["measure"]),
        _num(row["numerator"]),
        _num(row["denominator"]),
        _num(earlier["numerator"]),
        _num(earlier["denominator"]),
    )
    if beyond is None:
        return words
    return f"{words} ({'beyond chance' if beyond else 'not beyond chance'}, 95%)"


def _rug_row(
    row: dict[str, object],
    trend: list[TrendCell],
    note: str,
    key: str,
    earlier: dict[str, object] | None = None,
) -> RugRow:
    ranking = _str(row["ranking"])
    decimals = _int(row["decimals"]) or 0
    measure = _str(row["measure"])
    sn_detail = neighbours_detail(row["sn_count"], row["sn_total"])
    return RugRow(
        number=_int(row["indicator_number"]) or 0,
        indicator=_str(row["indicator"]),
        title=_str(row["row_title"]),
        measure=measure,
        measure_label=MEASURE_LABELS.get(measure, measure),
        polarity=_str(row["polarity"]),
        window=WINDOWS.get(_str(row["window"]), ""),
        trend=trend,
        value=_text(row),
        count=count_text(row),
        group=Comparator(
            format_value(_num(row["group_value"]), measure, decimals),
            rank_text(_int(row["group_rank"]), _int(row["group_n"]), ranking),
            CellStyle.missing(),
        ),
        neighbours=Comparator(
            format_value(_num(row["sn_average"]), measure, decimals),
            rank_text(_int(row["sn_rank"]), _int(row["sn_n"]), ranking),
            CellStyle.missing(),
            sn_detail,
        ),
        england=Comparator(
            format_value(_num(row["england_value"]), measure, decimals),
            rank_text(_int(row["england_rank"]), _int(row["england_n"]), ranking),
            CellStyle.missing(),  # England's figure is England's: the LA's band is on its own
            _str(row["england_period"]),
        ),
        direction=_direction(row["direction"]),
        direction_year_ago=year_on_year(row, earlier),
        significance=significance_words(_str(row["significance"]) or None, _str(row["polarity"])),
        note=note,
        row=_str(row["row"]),
        note_key=key,
    )


def build_overview(
    table: pl.DataFrame, period: Period, la_codes: list[str], marking: ProtectiveMarking
) -> Overview:
    """Indicators × LAs for one period: each cell the LA's figure with its band or position."""
    current = table.filter(
        (pl.col("period") == period.label)
        & (pl.col("measure") != "count")
        & pl.col("la_code").is_in(la_codes)
    )
    names = dict(zip(current["la_code"].to_list(), current["la_name"].to_list(), strict=True))
    codes = [code for code in la_codes if code in names]
    by_key: dict[tuple[str, str], dict[str, dict[str, object]]] = {}
    for row in current.iter_rows(named=True):
        by_key.setdefault((row["indicator"], row["measure"]), {})[row["la_code"]] = row
    rows = []
    for key, per_la in sorted(
        by_key.items(),
        key=lambda item: (
            _int(next(iter(item[1].values()))["indicator_number"]) or 0,
            _str(next(iter(item[1].values()))["row"]),
        ),
    ):
        sample = next(iter(per_la.values()))
        decimals = _int(sample["decimals"]) or 0
        cells = []
        for code in codes:
            la_row = per_la.get(code)
            if la_row is None:
                cells.append(TrendCell(code, "", CellStyle.missing()))
                continue
            group_rank = rank_text(
                _int(la_row["group_rank"]),
                _int(la_row["group_n"]),
                _str(la_row["ranking"]),
                compact=True,
            )
            cells.append(TrendCell(code, _text(la_row), _cell_style(la_row).with_note(group_rank)))
        rows.append(
            OverviewRow(
                number=_int(sample["indicator_number"]) or 0,
                title=_str(sample["row_title"]),
                measure_label=MEASURE_LABELS.get(key[1], key[1]),
                polarity=_str(sample["polarity"]),
                cells=cells,
                group_value=format_value(_num(sample["group_value"]), key[1], decimals),
                england_value=format_value(_num(sample["england_value"]), key[1], decimals),
                row=_str(sample["row"]),
            )
        )
    return Overview(
        period=period.label,
        group_name=_str(current["group"].drop_nulls().first()) if current.height else "",
        marking=marking,
        la_codes=codes,
        la_names=[names[c] for c in codes],
        rows=rows,
    )
