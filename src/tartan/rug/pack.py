"""The meeting pack: one tagged PDF of a quarter for the group's meeting.

A cover, its contents (with page numbers), the commentary the DBG writes, the regional overview,
the group's trend per indicator against England, every LA's rug with its spine chart (each
LA's other charts are in its own rug's PDF: nineteen times three charts a row would make a pack
of some 260 pages), the LAs' context notes gathered in one place, and the definitions once. Made from the same rug and overview models as every other
rendering, so its figures are the rugs' figures. WeasyPrint writes it as PDF/UA-1 (tagged), as
public-sector accessibility rules ask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import HTML

from tartan.marking import ProtectiveMarking
from tartan.rug.charts.data import TrendChart
from tartan.rug.charts.draw import trend_figure
from tartan.rug.charts.svg import Figure
from tartan.rug.draft import Draft
from tartan.rug.html import POLARITY_WORDS, TEMPLATES, overview_fragment, rug_css, rug_fragment
from tartan.rug.model import Overview, Rug

GROUP_SERIES, ENGLAND_SERIES = 1, 3  # a rug's trend series: the LA, group, neighbours, England


@dataclass(frozen=True)
class NoteLine:
    row: str  # "12. Children looked after"
    text: str


@dataclass(frozen=True)
class LaNotes:
    la_code: str
    la_name: str
    notes: tuple[NoteLine, ...]


@dataclass(frozen=True)
class MeetingPack:
    group_name: str
    period: str
    marking: ProtectiveMarking
    overview: Overview
    rugs: list[Rug]
    commentary: str = ""  # the DBG's, paragraphs separated by blank lines
    commentary_by: str = ""  # who wrote it, and when, as the pack should say
    draft: Draft | None = None
    made_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def title(self) -> str:
        return f"Meeting pack: {self.group_name}, {self.period}"

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.commentary.split("\n\n") if part.strip()]

    @property
    def notes(self) -> list[LaNotes]:
        """Every LA's context notes, from its rug's rows (the notes the rug prints)."""
        return [
            LaNotes(
                rug.la_code,
                rug.la_name,
                tuple(
                    NoteLine(f"{row.row}. {row.title}", row.note) for row in rug.rows if row.note
                ),
            )
            for rug in self.rugs
        ]


def regional_trends(rugs: list[Rug]) -> list[Figure]:
    """Per rug row, the group's figure quarter by quarter against England's: taken from the
    rugs' own trend charts (the group's and England's series are the same in every member's),
    using the rug with the most quarters."""
    if not rugs:
        return []
    widest = max(rugs, key=lambda rug: len(rug.trend_periods))
    figures = []
    for charts in widest.charts:
        trend = charts.trend
        regional = TrendChart(
            row=trend.row,
            title=trend.title,
            measure=trend.measure,
            decimals=trend.decimals,
            polarity=trend.polarity,
            periods=trend.periods,
            series=(trend.series[GROUP_SERIES], trend.series[ENGLAND_SERIES]),
        )
        figures.append(trend_figure(regional, "group"))
    return figures


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(polarity_words=POLARITY_WORDS)
    return environment


def _css_string(text: str) -> str:
    """Text as a CSS string literal (for the page margins' running marking)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def pack_html(pack: MeetingPack) -> str:
    overview = overview_fragment(pack.overview, with_marking=False, printed=True)
    rugs = [
        rug_fragment(rug, printed=True, row_charts=False, definitions=False) for rug in pack.rugs
    ]
    return (
        _environment()
        .get_template("pack.html.j2")
        .render(
            pack=pack,
            css=Markup(rug_css()),
            margin=Markup(_css_string(f"{pack.marking.heading} · {pack.group_name}")),
            overview=overview,
            trends=regional_trends(pack.rugs),
            rugs=list(zip(pack.rugs, rugs, strict=True)),
            definitions=[row for row in pack.rugs[0].rows if row.definition] if pack.rugs else [],
        )
    )


def pack_pdf(pack: MeetingPack) -> bytes:
    data = HTML(string=pack_html(pack)).write_pdf(pdf_variant="pdf/ua-1")
    assert data is not None
    return data
