"""Chart axes: no label runs off its chart, and no two ticks of an axis read the same.

Widths are measured with the real font (DejaVu Sans, what 'sans-serif' is on Debian and in
WeasyPrint), not with the estimate the drawing code uses, so the estimate is checked too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.rug.charts.data import Series, TrendChart
from tartan.rug.charts.draw import funnel_figure, trend_figure
from tartan.rug.charts.figures import row_figures
from tartan.rug.charts.svg import tick_labels, ticks
from tartan.rug.model import build_rug

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)
SVG = "{http://www.w3.org/2000/svg}"


def measured(label: etree._Element) -> tuple[float, float]:
    """Left and right edge of a <text>, from its anchor and the font's real advance widths."""
    font_module = pytest.importorskip("PIL.ImageFont")
    if not FONT.exists():
        pytest.skip("DejaVu Sans is not installed")
    path = BOLD if label.get("font-weight") == "bold" else FONT
    font = font_module.truetype(str(path), 100)
    width = font.getlength(label.text or "") * float(label.get("font-size")) / 100
    x = float(label.get("x"))
    anchor = label.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, left + width


def assert_labels_inside(svg: str) -> None:
    tree = etree.fromstring(svg.encode())
    canvas = float(tree.get("width"))
    for label in tree.iter(f"{SVG}text"):
        left, right = measured(label)
        where = f"{label.text!r} spans {left:.1f}..{right:.1f} of {canvas}"
        assert left >= 0, where
        assert right <= canvas, where


def axis_labels(svg: str, x_limit: float = 42) -> list[str]:
    """The y axis's tick labels: the texts right-aligned left of the plot."""
    tree = etree.fromstring(svg.encode())
    return [
        t.text
        for t in tree.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and float(t.get("x")) < x_limit
    ]


def narrow_trend(periods: tuple[str, ...]) -> TrendChart:
    """Figures from 11.7 to 13.0: ticks at 12, 12.5 and 13, which once read 12, 12, 13."""
    values = tuple(11.7 + i * 1.3 / max(len(periods) - 1, 1) for i in range(len(periods)))
    return TrendChart(
        row="5",
        title="Children in need",
        measure="rate",
        decimals=1,
        polarity="none",
        periods=periods,
        series=(Series("East Sussex", values),),
    )


TWELVE = tuple(f"20{y}-{y + 1} Q{q}" for y in range(22, 25) for q in range(1, 5))


@pytest.mark.parametrize("periods", [TWELVE[-2:], TWELVE[-5:], TWELVE], ids=["2", "5", "12"])
def test_the_last_quarters_label_is_whole_inside_the_trend_chart(periods):
    figure = trend_figure(narrow_trend(periods), "845")
    assert_labels_inside(str(figure.svg))
    tree = etree.fromstring(str(figure.svg).encode())
    assert periods[-1] in [t.text for t in tree.iter(f"{SVG}text")]  # still labelled


def test_a_narrow_axis_does_not_repeat_a_label():
    labels = axis_labels(str(trend_figure(narrow_trend(TWELVE), "845").svg))
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels
    assert "12.5" in labels


@pytest.mark.parametrize(
    ("lo", "hi"), [(11.8, 13.1), (0.0, 10.0), (99.2, 100.9), (0.011, 0.019), (900, 1_400)]
)
def test_tick_labels_are_distinct_and_exact(lo, hi):
    marks = ticks(lo, hi)
    labels = tick_labels(marks)
    assert len(set(labels)) == len(labels)
    assert [float(label.replace(",", "")) for label in labels] == pytest.approx(marks)


def test_no_label_of_any_chart_of_a_rug_leaves_its_chart(south_east_table):
    rug = build_rug(south_east_table, "845", Q4, MARKING)
    drawn = [f for row in row_figures(rug.charts, "845") for f in row.figures]
    assert {f.kind for f in drawn} == {"trend", "bars", "funnel"}
    for figure in drawn:
        assert_labels_inside(str(figure.svg))
        labels = axis_labels(str(figure.svg))
        assert len(set(labels)) == len(labels), (figure.title, labels)


def test_a_wide_funnels_last_size_label_stays_inside(south_east_table):
    rug = build_rug(south_east_table, "845", Q4, MARKING)
    funnels = [c.funnel for c in rug.charts if c.funnel is not None]
    assert funnels
    for funnel in funnels:
        assert_labels_inside(str(funnel_figure(funnel, "845").svg))
