"""The rug and the overview as accessible HTML: a standalone page, or a fragment for the service."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from tartan.rug.charts.figures import row_figures, spine_of
from tartan.rug.model import Overview, Rug
from tartan.rug.style import BANDS, POSITIONS

TEMPLATES = Path(__file__).with_name("templates")
POLARITY_WORDS = {"high": "higher is better", "low": "lower is better", "none": "no polarity"}


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        bands=list(BANDS.values()), positions=POSITIONS, polarity_words=POLARITY_WORDS
    )
    return environment


def rug_css() -> str:
    return (TEMPLATES / "rug.css").read_text(encoding="utf-8")


def rug_fragment(
    rug: Rug,
    with_marking: bool = True,
    charts: bool = True,
    printed: bool = False,
    row_charts: bool = True,
    definitions: bool = True,
) -> Markup:
    """The rug's markup without page furniture. The web service shows the protective marking
    in its own layout (``with_marking=False``), so that the rest can be reused for everyone.
    ``charts``: the charts after the table (every rendering has them; a quick check may not);
    ``printed``: charts as images with their text alternative, for the PDF. The meeting pack
    shows each rug with its spine only (``row_charts=False``) and the definitions once for
    all (``definitions=False``), so that nineteen rugs stay a pack and not a book."""
    template = _environment().get_template("rug_body.html.j2")
    return Markup(
        template.render(
            rug=rug,
            with_marking=with_marking,
            printed=printed,
            spine=spine_of(rug.spine, rug.la_code) if charts else None,
            figures=row_figures(rug.charts, rug.la_code) if charts and row_charts else [],
            definitions=definitions,
        )
    )


PRINTED_COLUMNS = 7  # LAs per printed table: every name whole on one A4 line, figures at 8 pt


def column_parts(count: int, most: int) -> list[list[int]]:
    """The LAs' column indices split into as few, as even, parts of at most ``most`` as can be
    (19 LAs: 7, 6 and 6), so that no part is a lonely column or two."""
    if count <= most:
        return [list(range(count))]
    parts = -(-count // most)
    size = -(-count // parts)
    return [list(range(start, min(start + size, count))) for start in range(0, count, size)]


def overview_fragment(
    overview: Overview, with_marking: bool = True, printed: bool = False
) -> Markup:
    """The overview's markup. On screen one table (it scrolls sideways; names never break
    mid-word); ``printed``: the LAs in parts of at most ``PRINTED_COLUMNS``, each a table that
    fills an A4 landscape page at a legible size, the indicator column repeated."""
    template = _environment().get_template("overview_body.html.j2")
    most = PRINTED_COLUMNS if printed else max(len(overview.la_codes), 1)
    return Markup(
        template.render(
            overview=overview,
            with_marking=with_marking,
            parts=column_parts(len(overview.la_codes), most),
        )
    )


def page(title: str, body: Markup) -> str:
    return (
        _environment()
        .get_template("page.html.j2")
        .render(title=title, body=body, css=Markup(rug_css()))
    )


def rug_page(rug: Rug) -> str:
    return page(rug.title, rug_fragment(rug))


def overview_page(overview: Overview) -> str:
    return page(overview.title, overview_fragment(overview))


def pages(rugs: list[Rug], overview: Overview | None = None, charts: bool = True) -> str:
    """Several rugs (and the overview) in one document: each rug's table on one printed page,
    its charts on the pages after it."""
    parts = [overview_fragment(overview, printed=True)] if overview else []
    parts += [rug_fragment(rug, charts=charts, printed=True) for rug in rugs]
    title = overview.title if overview else (rugs[0].title if rugs else "Tartan rugs")
    return page(title, Markup("\n".join(parts)))
