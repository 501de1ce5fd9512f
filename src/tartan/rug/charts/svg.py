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


def tick_labels(values: list[float]) -> list[str]:
    """One label per tick, no two alike: as many decimals as the step between the ticks needs
    (a step of 0.5 from 12 reads 12.0, 12.5, 13.0, not 12, 12, 13), more if rounding still
    merges two."""
    if len(values) < 2:
        return [tick_label(v) for v in values]
    # The fewest decimals that write every tick exactly (a step of 2.5 needs one).
    decimals = next(
        (
            d
            for d in range(7)
            if all(abs(round(v, d) - v) < 1e-9 * max(1.0, abs(v)) for v in values)
        ),
        6,
    )
    while True:
        labels = [f"{v:,.{decimals}f}" for v in values]
        if len(set(labels)) == len(labels) or decimals >= 6:
            return labels
        decimals += 1


# Advance widths in em of sans-serif glyphs (DejaVu Sans, which Debian and WeasyPrint use,
# is among the widest): enough to keep a label inside its chart without measuring fonts.
_WIDE = set("MWmw@%")
_NARROW = set(" .,:;'!|-()[]ijlrtf")


def text_width(content: str, size: float) -> float:
    """A generous estimate of how wide ``content`` is drawn at ``size`` px."""
    em = 0.0
    for char in content:
        if char in _WIDE:
            em += 1.0
        elif char in _NARROW:
            em += 0.4
        elif char.isupper():
            em += 0.8
        else:
            em += 0.65
    return em * size


def fitted_text(
    x: float,
    y: float,
    content: str,
    width: float,
    size: float = 9,
    anchor: str = "middle",
    fill: str = INK,
    bold: bool = False,
    margin: float = 1.0,
) -> str:
    """A label that stays inside a canvas ``width`` wide: near an edge it is anchored to the
    edge instead of centred on its point (the last quarter's label no longer loses its end)."""
    span = text_width(content, size) * (1.1 if bold else 1.0)
    left = {"start": x, "middle": x - span / 2, "end": x - span}[anchor]
    if left + span > width - margin:
        x, anchor = width - margin, "end"
    if left < margin:
        x, anchor = margin, "start"
    return text(round(x, 1), y, content, size, anchor, fill, bold)


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
