"""The rugs as one workbook (XlsxWriter): the overview, one sheet per LA, and a notes sheet.

Cells keep their numbers (so analysts can work with them) and show the band letter or position
through their number format; colour follows the band. Every sheet carries the protective
marking at its top and in its printed header; pages print landscape, one page wide.
"""

from __future__ import annotations

import io
import re
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from tartan.catalogue import Catalogue
from tartan.marking import ProtectiveMarking
from tartan.rug.draft import Draft
from tartan.rug.model import Overview, Rug, RugRow, TrendCell
from tartan.rug.style import ALL_STYLES, CellStyle
from tartan.rug.xlsx_charts import write_trend_charts
from tartan.rug.xlsx_spine_funnel import FunnelData, write_funnel_charts, write_spine_chart

HEADER_ROW = 6
_NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


class _Formats:
    """XlsxWriter formats made once per workbook and reused."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._cache: dict[tuple[Any, ...], Format] = {}
        self.marking = book.add_format(
            {"bold": True, "bg_color": "#fff7bf", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.heading = book.add_format(
            {
                "bold": True,
                "bg_color": "#1d3d5c",
                "font_color": "#ffffff",
                "border": 1,
                "text_wrap": True,
                "valign": "top",
                "align": "center",
            }
        )
        self.label = book.add_format(
            {"bg_color": "#f3f2f1", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.text = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        self.small = book.add_format(
            {"border": 1, "text_wrap": True, "valign": "top", "font_size": 8}
        )
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.bold = book.add_format({"bold": True})
        self.draft = book.add_format({"bold": True, "font_color": "#a3201d", "border": 2})

    def cell(self, style: CellStyle, text: str) -> Format:
        """A format that colours by the style and shows its label after the figure."""
        percent = text.endswith("%")
        decimals = len(text.split(".")[1].rstrip("%")) if "." in text else 0
        key = (style.key, percent, decimals, style.label)
        if key not in self._cache:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            suffix = ("%" if percent else "") + (f" {style.label}" if style.label else "")
            number_format = f'{pattern}"{suffix}"' if suffix else pattern
            self._cache[key] = self.book.add_format(
                {
                    "bg_color": style.fill,
                    "font_color": style.ink,
                    "border": 1,
                    "align": "center",
                    "valign": "top",
                    "num_format": number_format,
                }
            )
        return self._cache[key]


def _number(text: str) -> float | None:
    """The figure a rendered value stands for ('1,234' → 1234.0); None for symbols."""
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "").rstrip("%"))


def _write_value(sheet: Worksheet, row: int, col: int, item: TrendCell, formats: _Formats) -> None:
    number = _number(item.text)
    fmt = formats.cell(item.style, item.text)
    if number is None:
        sheet.write_string(row, col, item.text, fmt)
    else:
        sheet.write_number(row, col, number, fmt)


def _marking(sheet: Worksheet, marking: ProtectiveMarking, formats: _Formats, width: int) -> None:
    sheet.merge_range(0, 0, 2, width, "\n".join(marking.lines), formats.marking)
    sheet.set_row(0, 30)
    sheet.set_header(f"&L&8{_header(marking)[:200]}")
    sheet.set_footer(
        "&L&8"
        + (
            "Unpublished figures: do not share outside the group."
            if marking.unpublished
            else "Published figures"
        )
        + "&R&8Page &P of &N"
    )


def _header(marking: ProtectiveMarking) -> str:
    header = marking.heading + " · " + marking.group + " · produced " + marking.when
    return header + (" · SYNTHETIC DATA" if marking.synthetic else "")


def _draft(
    sheet: Worksheet, marking: ProtectiveMarking, draft: Draft | None, formats: _Formats
) -> None:
    """Before release: the DRAFT notice in the free row under the marking, and in the printed
    header, so that neither the screen nor the paper loses it."""
    if draft is None:
        return
    sheet.write(3, 0, draft.line, formats.draft)
    sheet.set_header(f"&L&8{_header(marking)[:160]}&R&8{draft.heading}")


def _print_setup(sheet: Worksheet, last_col: int, last_row: int = 400) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_margins(left=0.3, right=0.3, top=0.6, bottom=0.5)
    sheet.print_area(0, 0, last_row, last_col)  # the rug, its sources, chart data and charts


def _sheet_name(rug: Rug, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", f"{rug.la_code} {rug.la_name}")[:31]
    while name in used:
        name = name[:29] + f"_{len(used)}"
    used.add(name)
    return name


RUG_COLUMNS = [
    "Group figure",
    "LA's rank in group",
    "Neighbours' average",
    "Neighbours with figures",
    "LA's rank among neighbours",
    "England figure",
    "England period",
    "LA's rank in England",
    "Direction on last quarter",
    "Direction on a year ago",
    "Against England",
    "LA note",
]


def _write_rug(book: Workbook, formats: _Formats, rug: Rug, name: str, funnels: FunnelData) -> None:
    sheet = book.add_worksheet(name)
    trend_start = 3
    sparkline_col = trend_start + len(rug.trend_periods)
    rest = sparkline_col + 2
    last_col = rest + len(RUG_COLUMNS) - 1
    _marking(sheet, rug.marking, formats, min(last_col, 16))
    _draft(sheet, rug.marking, rug.draft, formats)
    sheet.write(4, 0, rug.title, formats.title)
    sheet.write(
        5,
        0,
        f"Flows: 12 months to the quarter's end; stocks at the quarter's end. Ranks: '3rd best of 10' with a polarity, '3rd highest of 10' without; the LA's band is on its own figure; '(group)': a band by rank in the group where England has no figure. Compared with {rug.group_name}, statistical neighbours and England.",
    )
    headings = ["#", "Indicator", "Measure", *rug.trend_periods, "Trend", "Number", *RUG_COLUMNS]
    for col, heading in enumerate(headings):
        sheet.write(HEADER_ROW, col, heading, formats.heading)
    sheet.set_row(HEADER_ROW, 30)
    lines = range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rug.rows))
    for offset, row in zip(lines, rug.rows, strict=True):
        sheet.set_row(offset, 26)  # two lines: LibreOffice and Excel do not grow rows on opening
        _write_rug_row(sheet, formats, row, offset, trend_start, rest)
    if rug.trend_periods and rug.rows:
        # One sparkline group for the sheet (Excel's own grouping, edited as one): XlsxWriter
        # builds a sparkline's style table per call, a tenth of a national workbook's time
        # when called per row.
        sheet.add_sparkline(
            lines[0],
            sparkline_col,
            {
                "location": [_ref(line, sparkline_col) for line in lines],
                "range": [
                    f"'{name}'!{_ref(line, trend_start)}:{_ref(line, sparkline_col - 1)}"
                    for line in lines
                ],
                "markers": True,
                "series_color": "#1d3d5c",
            },
        )
    sources_row = HEADER_ROW + len(rug.rows) + 2
    sheet.write(sources_row, 0, "Sources and periods", formats.bold)
    for offset, line in enumerate(rug.sources, start=sources_row + 1):
        sheet.write(offset, 0, line)
    end = write_spine_chart(book, sheet, name, rug, sources_row + len(rug.sources) + 2)
    end = write_trend_charts(book, sheet, name, rug, end)
    end = write_funnel_charts(book, sheet, rug, end + 1, funnels)
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 1, 38)
    sheet.set_column(2, 2, 22)
    sheet.set_column(trend_start, sparkline_col - 1, 11)
    sheet.set_column(sparkline_col, sparkline_col, 12)
    sheet.set_column(sparkline_col + 1, last_col, 13)
    sheet.set_column(last_col, last_col, 30)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    _print_setup(sheet, last_col, max(400, end))


def _ref(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col))


def _write_rug_row(
    sheet: Worksheet, formats: _Formats, row: RugRow, offset: int, trend_start: int, rest: int
) -> None:
    sheet.write_string(offset, 0, row.row, formats.text)
    sheet.write(offset, 1, row.title, formats.label)
    sheet.write(offset, 2, f"{row.measure_label}, {row.window}", formats.small)
    for col, item in enumerate(row.trend, start=trend_start):
        _write_value(sheet, offset, col, item, formats)
    _write_value(sheet, offset, rest - 1, TrendCell("", row.count, CellStyle.missing()), formats)
    values: list[tuple[str, CellStyle | None]] = [
        (row.group.value, CellStyle.missing()),
        (row.group.rank, None),
        (row.neighbours.value, CellStyle.missing()),
        (row.neighbours.detail, None),
        (row.neighbours.rank, None),
        (row.england.value, CellStyle.missing()),
        (row.england.detail, None),
        (row.england.rank, None),
        (row.direction, None),
        (row.direction_year_ago, None),
        (row.significance, None),
        (row.note, None),
    ]
    for col, (text, style) in enumerate(values, start=rest):
        if style is None:
            sheet.write_string(offset, col, text, formats.small)
        else:
            _write_value(sheet, offset, col, TrendCell("", text, style), formats)


def _write_overview(book: Workbook, formats: _Formats, overview: Overview) -> None:
    sheet = book.add_worksheet("Overview")
    last_col = 2 + len(overview.la_codes) + 1
    _marking(sheet, overview.marking, formats, min(last_col, 16))
    _draft(sheet, overview.marking, overview.draft, formats)
    sheet.write(4, 0, overview.title, formats.title)
    sheet.write(
        5,
        0,
        "Each LA's figure with its England band (A best) or neutral position; flows over 12 months to the quarter's end.",
    )
    headings = [
        "#",
        "Indicator",
        *[
            f"{code} {name}"
            for code, name in zip(overview.la_codes, overview.la_names, strict=True)
        ],
        "Group",
        "England",
    ]
    for col, heading in enumerate(headings):
        sheet.write(HEADER_ROW, col, heading, formats.heading)
    for offset, row in enumerate(overview.rows, start=HEADER_ROW + 1):
        sheet.set_row(offset, 26)
        sheet.write_string(offset, 0, row.row, formats.text)
        sheet.write(offset, 1, f"{row.title} ({row.measure_label})", formats.label)
        for col, item in enumerate(row.cells, start=2):
            _write_value(sheet, offset, col, item, formats)
        _write_value(
            sheet,
            offset,
            last_col - 1,
            TrendCell("", row.group_value, CellStyle.missing()),
            formats,
        )
        _write_value(
            sheet, offset, last_col, TrendCell("", row.england_value, CellStyle.missing()), formats
        )
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, last_col, 10)
    sheet.set_row(HEADER_ROW, 45)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    _print_setup(sheet, last_col)


def _write_notes(
    book: Workbook,
    formats: _Formats,
    catalogue: Catalogue,
    marking: ProtectiveMarking,
    sources: list[str],
    draft: Draft | None = None,
) -> None:
    sheet = book.add_worksheet("Notes")
    _marking(sheet, marking, formats, 5)
    _draft(sheet, marking, draft, formats)
    sheet.write(4, 0, "Definitions, sources and periods", formats.title)
    for col, heading in enumerate(
        ("#", "Indicator", "Measure", "Numerator", "Denominator", "Polarity", "Decimals")
    ):
        sheet.write(HEADER_ROW, col, heading, formats.heading)
    offset = HEADER_ROW
    for indicator, measure in catalogue.measure_rows():
        offset += 1
        values = (
            indicator.number,
            indicator.title,
            measure.kind.value,
            catalogue.item(measure.numerator).label,
            measure.denominator or "",
            indicator.polarity_of(measure.kind).label,
            indicator.decimals_of(measure.kind),
        )
        for col, value in enumerate(values):
            sheet.write(offset, col, value, formats.text)
    offset += 2
    sheet.write(offset, 0, "Colours", formats.bold)
    for style in ALL_STYLES[:-1]:
        offset += 1
        sheet.write(offset, 0, style.label, formats.cell(style, style.label))
        sheet.write(offset, 1, style.description)
    offset += 2
    sheet.write(offset, 0, "Sources and periods", formats.bold)
    for line in sources:
        offset += 1
        sheet.write(offset, 0, line)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, 6, 18)
    _print_setup(sheet, 6)


def rugs_workbook(rugs: list[Rug], overview: Overview | None, catalogue: Catalogue) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = _Formats(book)
    marking = overview.marking if overview else rugs[0].marking
    book.set_properties(
        {
            "title": overview.title if overview else rugs[0].title,
            "comments": marking.one_line
            + (f" {(overview or rugs[0]).draft.line}" if (overview or rugs[0]).draft else ""),
            "author": "tartan",
        }
    )
    if overview:
        _write_overview(book, formats, overview)
    used: set[str] = {"Overview", "Notes", "Funnel data"}
    funnels = FunnelData()
    for rug in rugs:
        _write_rug(book, formats, rug, _sheet_name(rug, used), funnels)
    sources = sorted({line for rug in rugs for line in rug.sources})
    draft = overview.draft if overview else rugs[0].draft
    funnel_sheet = funnels.write(book)  # after the rugs that point at it, before the notes
    if funnel_sheet is not None:
        _marking(funnel_sheet, marking, formats, 11)
        _draft(funnel_sheet, marking, draft, formats)
        _print_setup(funnel_sheet, 11, funnels.next_row)
    _write_notes(book, formats, catalogue, marking, sources, draft)
    book.close()
    return buffer.getvalue()
