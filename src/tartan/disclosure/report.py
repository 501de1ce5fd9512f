"""The concealed report: what an LA hands to its safeguarding partnership or to Ofsted.

Beside each row of the LA's own rug (its figure, count, trend over 8 quarters, direction and
significance against England), the group is shown without identities: how many comparators,
their lower quartile, median and upper quartile (coarsened), how many fall in each half of
England, where the LA stands among them, and a bar chart of the LA's bar (named) beside the
group's quartiles and England. With the ``halves`` design the anonymous rows follow.

Only what the gate judged leaves: every figure of another authority comes from the export's
released cells. The rug supplies the LA's own figures and nothing about anyone else (its group
ranks, neighbour averages and comparison charts are not used). Every format (HTML, PDF, XLSX,
CSV) carries the marking: concealed, for whom, when and by whom; no file property, sheet name or
chart names another authority.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape

import polars as pl

from tartan.disclosure.model import CellKind, ConcealedExport, Released
from tartan.disclosure.suppression import SMALL
from tartan.marking import FOI_LINE
from tartan.periods import Period
from tartan.rug.model import Rug, RugRow

FORMATS = ("pdf", "xlsx", "html", "csv")
QUARTILES = (
    (CellKind.Q1, "Group lower quartile"),
    (CellKind.MEDIAN, "Group median"),
    (CellKind.Q3, "Group upper quartile"),
)


WITHHELD = (
    "A group quartile shown as withheld would let someone who holds other authorities' reports "
    "for the quarter work out one authority's figure, so it is left out."
)


@dataclass(frozen=True)
class Marking:
    group: str
    made_by: str
    made_at: datetime
    synthetic: bool

    def lines(self, export: ConcealedExport) -> list[str]:
        lines = [
            f"CONCEALED REPORT. INTERNAL AND LIMITED USE under the {self.group} data sharing protocol.",
            f"Shared by {export.la_name} ({export.la_code}) with {export.recipient}"
            + (f" for {export.purpose}" if export.purpose else "")
            + f", made by {self.made_by} on {self.made_at:%d %B %Y %H:%M} UTC.",
            f"{export.la_name} is named; every other authority of the group is concealed.",
            f"Contains {export.la_name}'s unpublished figures for {export.period}: not to be passed on.",
            FOI_LINE,
        ]
        if self.synthetic:
            lines.append("SYNTHETIC DEMONSTRATION DATA: these are not real figures.")
        return lines


@dataclass(frozen=True)
class Row:
    """One indicator: the LA's own rug row and the group's released cells beside it."""

    table: str
    title: str
    own: RugRow | None
    value: float | None
    shown: str  # the LA's figure as released (c when suppressed)
    count: str
    england: float | None
    england_text: str
    comparators: int
    quartiles: list[tuple[str, float | None, str]]  # (label, number, shown)
    halves: list[tuple[str, str]]  # (half, count shown or c)
    position: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, half)


@dataclass(frozen=True)
class Report:
    export: ConcealedExport
    marking: list[str]
    trend_periods: list[str]
    rows: list[Row]
    made_at: datetime | None = None

    @property
    def title(self) -> str:
        e = self.export
        return f"Concealed report: {e.la_name} ({e.la_code}), {e.period}, for {e.recipient}"


def _position(value: float | None, quartiles: list[tuple[str, float | None, str]]) -> str:
    q = [number for _, number, _ in quartiles]
    if value is None or len(q) < 3 or any(n is None for n in q):
        return ""
    q1, median, q3 = (float(n) for n in q if n is not None)
    if value < q1:
        return "below the group's lower quartile"
    if value < median:
        return "between the group's lower quartile and median"
    if value <= q3:
        return "between the group's median and upper quartile"
    return "above the group's upper quartile"


def concealed_report(export: ConcealedExport, table: pl.DataFrame, marking: Marking) -> Report:
    """The report of an export the gate allowed: the LA's rug from ``table`` (its history for
    the trend) beside the export's released cells."""
    from tartan.marking import ProtectiveMarking
    from tartan.rug.model import build_rug

    rug = build_rug(
        table,
        export.la_code,
        Period.parse(export.period),
        ProtectiveMarking(export.recipient, marking.group, synthetic=marking.synthetic),
    )
    return build_report(export, rug, marking, small_in_trend(table, export.la_code))


def small_in_trend(table: pl.DataFrame, la_code: str) -> set[tuple[str, str]]:
    """(table, period) of the LA's own past figures built on 1 to 5 children: a rate on a
    count of 1-5 (its population is published, so the rate gives the count back) or a
    percentage of 1-5. Shown as c, as the quarter's own figure is."""
    own = table.filter((pl.col("la_code") == la_code) & (pl.col("measure") != "count"))
    hidden = set()
    for row in own.iter_rows(named=True):
        numerator, denominator = row["numerator"], row["denominator"]
        if (isinstance(numerator, float | int) and int(numerator) in SMALL) or (
            row["measure"] != "rate"
            and isinstance(denominator, float | int)
            and int(denominator) in SMALL
        ):
            hidden.add((f"{row['indicator']}:{row['measure']}", str(row["period"])))
    return hidden


def build_report(
    export: ConcealedExport,
    rug: Rug,
    marking: Marking,
    small: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> Report:
    """Pair every table of the export with the LA's own rug row; ``small``: (table, period)
    of its past figures to show as c (small_in_trend)."""
    if rug.la_code != export.la_code or rug.period != export.period:
        raise ValueError("the rug and the export must be of the same LA and quarter")
    own_rows = {f"{r.indicator}:{r.measure}": r for r in rug.rows}
    by_table: dict[str, list[Released]] = {}
    for cell in export.cells:
        by_table.setdefault(cell.table, []).append(cell)
    rows = []
    for table, cells in by_table.items():
        value_cell = next(c for c in cells if c.kind == CellKind.VALUE and c.about_named)
        count = next((c for c in cells if c.kind == CellKind.COUNT and c.about_named), None)
        england = next((c for c in cells if c.kind == CellKind.ENGLAND), None)
        quartiles = []
        for kind, label in QUARTILES:
            found = next((c for c in cells if c.kind == kind), None)
            if found is not None:
                quartiles.append((label, found.number, found.shown))
        comparators = next((c for c in cells if c.kind == CellKind.COMPARATORS), None)
        own = own_rows.get(table)
        if own is not None:
            own = replace(
                own,
                trend=[
                    replace(t, text="c") if (table, t.period) in small else t for t in own.trend
                ],
            )
        rows.append(
            Row(
                table=table,
                title=(f"{own.row} {own.title}" if own else export.titles.get(table, table)),
                own=own,
                value=value_cell.number,
                shown=value_cell.shown or "",
                count=(count.shown or "") if count else "",
                england=england.number if england else None,
                england_text=england.shown if england else "",
                comparators=int(comparators.number or 0) if comparators else 0,
                quartiles=quartiles,
                halves=[
                    (c.band, c.shown if c.number is not None else "c")
                    for c in cells
                    if c.kind == CellKind.BAND_COUNT
                ],
                position=_position(value_cell.number, quartiles),
                rows=[(c.row or "", c.text) for c in cells if c.kind == CellKind.BAND],
            )
        )
    lines = marking.lines(export)
    if any(c.text == "withheld" for c in export.cells):
        lines.append(WITHHELD)
    return Report(export, lines, rug.trend_periods, rows, marking.made_at)


# --- HTML and PDF ---------------------------------------------------------------------------

CSS = """
@page { size: A4 landscape; margin: 12mm; @bottom-center { content: "Concealed report - " counter(page) " of " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 7.5pt; color: #0b0c0c; }
.marking { border: 3px solid #d4351c; padding: 6px 10px; margin-bottom: 10px; background: #fff7f5; }
.marking p { margin: 2px 0; } .marking p:first-child { font-weight: bold; }
h1 { font-size: 15pt; margin: 4px 0 8px; } h2 { font-size: 12pt; margin: 14px 0 6px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; } col.title { width: 17%; } col.words { width: 9%; }
tr { break-inside: avoid; } caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #b1b4b6; padding: 2px 3px; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f2f1; text-align: left; }
thead th { overflow-wrap: normal; word-break: normal; hyphens: manual; font-size: 7pt; } td.n { text-align: right; white-space: nowrap; }
th.group, td.group { background: #eef3f8; } td.quartiles { white-space: normal; }
h2 { break-after: avoid; } .charts { font-size: 0; }
figure { display: inline-block; vertical-align: top; margin: 0 1% 8px 0; width: 32%; break-inside: avoid; font-size: 8pt; }
figcaption { font-size: 8pt; font-weight: bold; } .rows { font-size: 8pt; color: #505a5f; }
"""


def _bar_chart(row: Row, la_name: str) -> str:
    """The LA's bar (named, dark) beside the group's quartiles (anonymous, light) and England."""
    bars: list[tuple[str, float, bool]] = []
    if row.value is not None:
        bars.append((la_name, float(row.value), True))
    bars += [
        (label, float(number), False) for label, number, _ in row.quartiles if number is not None
    ]
    if row.england is not None:
        bars.append(("England", float(row.england), False))
    if not bars:
        return ""
    top = max(v for _, v, _ in bars) or 1.0
    width, left, height = 300, 118, 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{len(bars) * height + 4}" '
        f'viewBox="0 0 {width} {len(bars) * height + 4}"><title>{escape(row.title)}</title>'
    ]
    for i, (label, number, named) in enumerate(bars):
        y = i * height + 2
        length = max(1.0, (width - left - 44) * number / top)
        fill = "#1d70b8" if named else ("#505a5f" if label == "England" else "#b1c9e0")
        weight = "bold" if named else "normal"
        parts.append(
            f'<text x="{left - 4}" y="{y + 11}" font-size="8" text-anchor="end" font-weight="{weight}">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{length:.1f}" height="{height - 5}" fill="{fill}"/>'
            f'<text x="{left + length + 3:.1f}" y="{y + 11}" font-size="8">{number:,g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def report_html(report: Report) -> str:
    e = report.export
    head = "".join(f"<p>{escape(line)}</p>" for line in report.marking)
    periods = report.trend_periods[-5:]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(report.title)}</title>",
        f'<meta name="author" content="{escape(e.la_name)}">',
        f"<style>{CSS}</style></head><body>",
        f'<div class="marking" role="note">{head}</div>',
        f"<h1>{escape(report.title)}</h1>",
        "<p>Each row shows our own figures, and beside them the other authorities of the group "
        "together: how many, their quartiles (one decimal place coarser than published), how "
        "many are in each half of England, and where we stand among them. No other authority "
        "is named or can be told apart.</p>",
        "<table><caption>Our figures and the group without identities</caption>",
        "<colgroup><col class='title'>"
        + "<col>" * len(periods)
        + "<col><col class='words'><col class='words'><col><col>"
        + "<col class='words'><col class='words'><col class='words'></colgroup><thead><tr>",
        "<th scope='col'>Indicator</th>",
        *(f"<th scope='col'>{escape(p)}</th>" for p in periods[:-1]),
        f"<th scope='col'>{escape(e.la_name)} {escape(e.period)}</th><th scope='col'>Number</th>",
        "<th scope='col'>Direction</th><th scope='col'>Against England</th><th scope='col'>England</th>",
        "<th scope='col' class='group'>Others in the group</th><th scope='col' class='group'>Group quartiles (lower, median, upper)</th>",
        "<th scope='col' class='group'>In each half of England</th><th scope='col' class='group'>Where we stand</th>",
        "</tr></thead><tbody>",
    ]
    for row in report.rows:
        own = row.own
        trend = {t.period: t.text for t in own.trend} if own else {}
        out.append(
            "<tr>"
            f"<th scope='row'>{escape(row.title)}</th>"
            + "".join(f"<td class='n'>{escape(trend.get(p, ''))}</td>" for p in periods[:-1])
            + f"<td class='n'><strong>{escape(row.shown)}</strong></td><td class='n'>{escape(row.count)}</td>"
            f"<td>{escape(own.direction if own else '')}</td><td>{escape(own.significance if own else '')}</td>"
            f"<td class='n'>{escape(row.england_text)}</td>"
            f"<td class='n group'>{row.comparators}</td>"
            f"<td class='n group quartiles'>{escape(', '.join(s for _, _, s in row.quartiles))}</td>"
            f"<td class='group'>{escape('; '.join(f'{h}: {n}' for h, n in row.halves))}</td>"
            f"<td class='group'>{escape(row.position)}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append(
        "<h2>Charts: our bar beside the group's quartiles and England</h2><div class='charts'>"
    )
    for row in report.rows:
        chart = _bar_chart(row, e.la_name)
        if chart:
            out.append(f"<figure><figcaption>{escape(row.title)}</figcaption>{chart}</figure>")
    out.append("</div>")
    with_rows = [row for row in report.rows if row.rows]
    if with_rows:
        out.append("<h2>Comparators one by one (labels new in every table and every report)</h2>")
        for row in with_rows:
            listed = ", ".join(f"{label} {half}" for label, half in row.rows)
            out.append(
                f"<p class='rows'><strong>{escape(row.title)}</strong>: {escape(listed)}</p>"
            )
    out.append("</body></html>")
    return "\n".join(out)


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    data = HTML(string=report_html(report)).write_pdf()
    assert data is not None
    return data


# --- XLSX ------------------------------------------------------------------------------------


def report_xlsx(report: Report) -> bytes:
    """One sheet for the table, one for the charts (native Excel bar charts whose series are the
    LA, the group's quartiles and England); the workbook's properties name only the LA."""
    import xlsxwriter

    e = report.export
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties(
        {
            "title": report.title,
            "subject": "Concealed report under the data sharing protocol",
            "author": e.la_name,
            "company": e.la_name,
            "comments": " ".join(report.marking),
            "keywords": "concealed",
            **({"created": report.made_at.replace(tzinfo=None)} if report.made_at else {}),
        }
    )
    bold = book.add_format({"bold": True})
    mark = book.add_format({"bold": True, "font_color": "#d4351c"})
    head = book.add_format({"bold": True, "bg_color": "#f3f2f1", "border": 1, "text_wrap": True})
    group = book.add_format(
        {"bg_color": "#eef3f8", "border": 1, "text_wrap": True, "valign": "top"}
    )
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Concealed report")
    for i, line in enumerate(report.marking):
        sheet.write_string(i, 0, line, mark if i == 0 else None)
    top = len(report.marking) + 1
    sheet.write_string(top, 0, report.title, bold)
    periods = report.trend_periods[-5:]
    headers = [
        "Indicator",
        *periods[:-1],
        f"{e.la_name} {e.period}",
        "Number",
        "Direction",
        "Against England",
        "England",
        "Comparators",
        "Group lower quartile",
        "Group median",
        "Group upper quartile",
        "In each half of England",
        "Where we stand",
    ]
    first = top + 2
    sheet.write_row(first, 0, headers, head)
    sheet.set_row(first, 30)
    for r, row in enumerate(report.rows, start=first + 1):
        own = row.own
        trend = {t.period: t.text for t in own.trend} if own else {}
        values = [
            row.title,
            *(trend.get(p, "") for p in periods[:-1]),
            row.shown,
            row.count,
            own.direction if own else "",
            own.significance if own else "",
            row.england_text,
        ]
        for c, text in enumerate(values):
            sheet.write_string(r, c, text, cell)  # never a formula: "= No change" is words
        sheet.set_row(r, 28)
        g = len(values)
        sheet.write_number(r, g, row.comparators, group)
        shown = {label: (number, text) for label, number, text in row.quartiles}
        for k, (_, label) in enumerate(QUARTILES):
            number, text = shown.get(label, (None, ""))
            if number is not None:
                sheet.write_number(r, g + 1 + k, number, group)
            elif text:
                sheet.write_string(r, g + 1 + k, text, group)  # "withheld"
            else:
                sheet.write_blank(r, g + 1 + k, None, group)
        sheet.write_string(r, g + 4, "; ".join(f"{h}: {n}" for h, n in row.halves), group)
        sheet.write_string(r, g + 5, row.position, group)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, len(headers) - 1, 11)
    sheet.set_column(len(headers) - 2, len(headers) - 1, 24)
    sheet.freeze_panes(first + 1, 1)
    for printed in (sheet,):
        printed.set_landscape()
        printed.set_paper(9)  # A4
        printed.fit_to_pages(1, 0)
        printed.repeat_rows(first)
        printed.set_footer("&CConcealed report - page &P of &N")
    charts = book.add_worksheet("Charts")
    charts.write(0, 0, report.marking[0], mark)
    charts.write_row(
        2, 0, ["Indicator", e.la_name, *(label for _, label in QUARTILES), "England"], head
    )
    for i, row in enumerate(report.rows):
        r = 3 + i
        charts.write_string(r, 0, row.title)
        quartile = {label: n for label, n, _ in row.quartiles}
        numbers = [row.value, *(quartile.get(label) for _, label in QUARTILES), row.england]
        for k, number in enumerate(numbers):
            if number is not None:
                charts.write_number(r, 1 + k, number)
        chart = book.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": row.title[:60],
                "categories": ["Charts", 2, 1, 2, 5],
                "values": ["Charts", r, 1, r, 5],
                "points": [{"fill": {"color": "#1d70b8"}}]
                + [{"fill": {"color": "#b1c9e0"}}] * 3
                + [{"fill": {"color": "#505a5f"}}],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": row.title[:80], "name_font": {"size": 9}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})
        chart.set_size({"width": 420, "height": 200})
        charts.insert_chart(3 + len(report.rows) + 2 + (i // 2) * 11, 0 if i % 2 == 0 else 4, chart)
    charts.set_column(0, 0, 40)
    charts.set_landscape()
    charts.set_paper(9)
    charts.fit_to_pages(1, 0)
    with_rows = [row for row in report.rows if row.rows]
    if with_rows:
        listed = book.add_worksheet("Comparators")
        listed.write(0, 0, report.marking[0], mark)
        listed.write_row(2, 0, ["Indicator", "Label", "Half of England"], head)
        r = 3
        for row in with_rows:
            for label, half in row.rows:
                for c, text in enumerate((row.title, label, half)):
                    listed.write_string(r, c, text)
                r += 1
        listed.set_column(0, 0, 48)
        listed.set_column(1, 2, 18)
        listed.set_paper(9)
        listed.fit_to_pages(1, 0)
    book.close()
    return buffer.getvalue()


# --- CSV -------------------------------------------------------------------------------------


def report_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    for line in report.marking:
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    e = report.export
    writer.writerow(["indicator", "who", "what", "period", "value"])
    for row in report.rows:
        own = row.own
        for trend in own.trend if own else []:
            if trend.period != e.period and trend.text:
                writer.writerow([row.title, e.la_name, "figure", trend.period, trend.text])
        writer.writerow([row.title, e.la_name, "figure", e.period, row.shown])
        if row.count:
            writer.writerow([row.title, e.la_name, "number", e.period, row.count])
        if own and own.direction:
            writer.writerow([row.title, e.la_name, "direction", e.period, own.direction])
        if own and own.significance:
            writer.writerow([row.title, e.la_name, "against England", e.period, own.significance])
        writer.writerow([row.title, "England", "figure", e.period, row.england_text])
        writer.writerow([row.title, "comparators", "how many", e.period, row.comparators])
        for label, _, shown in row.quartiles:
            writer.writerow([row.title, "comparators", label.lower(), e.period, shown])
        for half, shown in row.halves:
            writer.writerow([row.title, "comparators", f"in the {half}", e.period, shown])
        if row.position:
            writer.writerow([row.title, e.la_name, "where we stand", e.period, row.position])
        for label, half in row.rows:
            writer.writerow([row.title, label, "half of England", e.period, half])
    return buffer.getvalue().encode("utf-8")


def render(report: Report, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}': choose from {', '.join(FORMATS)}")
    if fmt == "pdf":
        return report_pdf(report)
    if fmt == "xlsx":
        return report_xlsx(report)
    if fmt == "html":
        return report_html(report).encode("utf-8")
    return report_csv(report)
