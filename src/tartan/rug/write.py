"""Write rugs and the overview to files, in the formats asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from tartan.catalogue import Catalogue
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.population import Population
from tartan.rug.html import overview_page, rug_page
from tartan.rug.model import Rug, build_overview, build_rug
from tartan.rug.parts import TableParts
from tartan.rug.pdf import rugs_pdf
from tartan.rug.sources import rug_sources
from tartan.rug.xlsx import rugs_workbook

FORMATS = ("xlsx", "html", "pdf")


def build_rugs(
    table: pl.DataFrame,
    la_codes: list[str],
    period: Period,
    marking: ProtectiveMarking,
    population: Population,
    notes: dict[str, dict[str, str]] | None = None,
) -> list[Rug]:
    parts = TableParts.of(table) if len(la_codes) > 1 else None
    return [
        build_rug(
            table,
            code,
            period,
            marking,
            (notes or {}).get(code),
            rug_sources(table, code, period, population, marking.synthetic),
            parts,
        )
        for code in la_codes
    ]


def write_rugs(
    table: pl.DataFrame,
    la_codes: list[str],
    period: Period,
    out: Path,
    formats: tuple[str, ...],
    marking: ProtectiveMarking,
    catalogue: Catalogue,
    population: Population,
    group_codes: list[str] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> list[Path]:
    """One HTML and one PDF per LA, and one workbook for all (with the overview when
    ``group_codes`` is given). Returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    rugs = build_rugs(table, la_codes, period, marking, population)
    overview = build_overview(table, period, group_codes, marking) if group_codes else None
    stem = period.label.replace(" ", "_")
    written: list[Path] = []

    def emit(path: Path, data: bytes | str) -> None:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        written.append(path)
        if on_step:
            on_step(path.name)

    if "xlsx" in formats:
        name = (
            f"tartan_rugs_{stem}.xlsx"
            if len(rugs) > 1
            else f"tartan_rug_{rugs[0].la_code}_{stem}.xlsx"
        )
        emit(out / name, rugs_workbook(rugs, overview, catalogue))
    for rug in rugs:
        if "html" in formats:
            emit(out / f"tartan_rug_{rug.la_code}_{stem}.html", rug_page(rug))
        if "pdf" in formats:
            emit(out / f"tartan_rug_{rug.la_code}_{stem}.pdf", rugs_pdf([rug]))
    if overview is not None:
        if "html" in formats:
            emit(out / f"regional_overview_{stem}.html", overview_page(overview))
        if "pdf" in formats:
            emit(out / f"regional_overview_{stem}.pdf", rugs_pdf([], overview))
    return written
