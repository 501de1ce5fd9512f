"""Colours and words for rug cells, shared by every renderer.

Colour is never the only carrier of meaning: every coloured cell also carries its band letter
or its position in words. Bands (A best … D worst) use a green-to-red scale; measures without
polarity use neutral blues by position (highest quarter darkest), never green or red.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class CellStyle:
    key: str  # CSS class and XLSX format key
    fill: str
    ink: str
    label: str  # what the cell says besides its figure: "A", "high"
    description: str  # in words, for the legend and screen readers
    note: str = ""

    @classmethod
    def missing(cls) -> CellStyle:
        return MISSING

    def with_note(self, note: str) -> CellStyle:
        return replace(self, note=note)


BANDS = {
    "A": CellStyle("band-a", "#1a6b36", "#ffffff", "A", "band A: best quarter of English LAs"),
    "B": CellStyle("band-b", "#a8d5a2", "#0b0c0c", "B", "band B: second quarter"),
    "C": CellStyle("band-c", "#f7c28f", "#0b0c0c", "C", "band C: third quarter"),
    "D": CellStyle("band-d", "#a3201d", "#ffffff", "D", "band D: worst quarter of English LAs"),
}
POSITIONS = (
    CellStyle("pos-1", "#174a7c", "#ffffff", "high", "among the highest quarter (no polarity)"),
    CellStyle("pos-2", "#6d9cc9", "#0b0c0c", "mid+", "second highest quarter (no polarity)"),
    CellStyle("pos-3", "#c2d6ea", "#0b0c0c", "mid-", "second lowest quarter (no polarity)"),
    CellStyle("pos-4", "#edf2f8", "#0b0c0c", "low", "among the lowest quarter (no polarity)"),
)
MISSING = CellStyle("none", "#ffffff", "#505a5f", "", "no band")
ALL_STYLES = (*BANDS.values(), *POSITIONS, MISSING)


def band_style(band: str) -> CellStyle:
    return BANDS.get(band, MISSING)


def neutral_style(position: int | None, count: int | None) -> CellStyle:
    """Tint by where the position falls: 1 of 153 is in the highest quarter."""
    if not position or not count:
        return MISSING
    quarter = min(3, int((position - 1) * 4 / count))
    return POSITIONS[quarter]


GROUP_WORD = "(group)"


def group_band_style(rank: int | None, count: int | None) -> CellStyle:
    """Where England has no figure: the band by the LA's rank in its group (best quarter of
    the group A … worst D), labelled '(group)' so it is never read as an England band."""
    if not rank or not count:
        return MISSING
    band = BANDS["ABCD"[min(3, int((rank - 1) * 4 / count))]]
    return replace(
        band,
        label=f"{band.label} {GROUP_WORD}",
        description=band.description.replace("English LAs", "the group") + " (no England figure)",
    )
