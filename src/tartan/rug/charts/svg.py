"""Small SVG building blocks: scales, ticks, escaped text, and the figure a chart becomes.

Charts are plain SVG strings made here (no JavaScript, no inline ``style`` attributes, which the
service's CSP forbids): presentation attributes only, so they show in the browser, in print and
in WeasyPrint's PDF alike.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = 'font-family="sans-serif"'
INK = "#0b0c0c"
MUTED = "#505a5f"
GRID = "#dddddd"


@dataclass(frozen=True)
class Scale:
    """Linear map from data (lo..hi) to pixels (start..end); end < start flips it (y axes)."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo or 1.0
        return round(self.start + (value - self.lo) / span * (self.end - self.start), 1)


def nice_range(values: list[float], floor_zero: bool = False) -> tuple[float, float]:
    """A little room around the values; from 0 where a chart's bars start there."""
    lo, hi = min(values), max(values)
    if floor_zero:
        lo = min(0.0, lo)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1.0
    return (lo if floor_zero else lo - pad), hi + pad


def ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    raw = (hi - lo) / max(count, 1)
    if raw <= 0:
        return [lo]
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step) * step
    out = []
    value = first
    while value <= hi + 1e-9:
        out.append(round(value, 6))
        value += step
    return out


def text(
    x: float,
    y: float,
    content: str,
    size: float = 9,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {FONT}{weight}>'
        f"{escape(content)}</text>"
    )


def tick_label(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


@dataclass(frozen=True)
class LegendKey:
    """A key drawn beside the chart in HTML (text in SVG is slow to print), with its swatch."""

    label: str
    swatch: Markup


def line_swatch(colour: str, dash: str = "", width: float = 2) -> Markup:
    dashing = f' stroke-dasharray="{dash}"' if dash else ""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="22" height="8" aria-hidden="true" focusable="false">'
        f'<line x1="1" x2="21" y1="4" y2="4" stroke="{colour}" stroke-width="{width}"{dashing}/></svg>'
    )


def box_swatch(colour: str, edge: str = "none") -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" aria-hidden="true" focusable="false">'
        f'<rect x="0.5" y="0.5" width="9" height="9" fill="{colour}" stroke="{edge}"/></svg>'
    )


@dataclass(frozen=True)
class Figure:
    """A drawn chart with its text alternatives: title, description, and its data as a table."""

    kind: str  # trend, bars, funnel
    row: str
    title: str
    description: str
    svg: Markup
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    subtitle: str = ""
    legend: tuple[LegendKey, ...] = ()

    @property
    def data_uri(self) -> str:
        """The chart as an image source: WeasyPrint draws it without parsing and styling
        every SVG node as part of the page, which makes a PDF of charts several times faster."""
        return "data:image/svg+xml;base64," + base64.b64encode(str(self.svg).encode()).decode()


def svg_document(
    width: int, height: int, ident: str, title: str, description: str, body: str
) -> Markup:
    """The outer <svg>: an image named by its <title> and described by its <desc>."""
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )
