"""Write rugs and the overview to files, in the formats asked for."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import polars as pl

from tartan.catalogue import Catalogue
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.population import Population
from tartan.rug.html import overview_page, rug_page
from tartan.rug.model import Overview, Rug, build_overview, build_rug
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
    parallel: bool = False,
) -> list[Path]:
    """One HTML and one PDF per LA, and one workbook for all (with the overview when
    ``group_codes`` is given). Returns the paths written. ``parallel``: the workbook is written
    by a second process while this one writes the other formats (the CLI's and the demo's
    choice; a web worker keeps to one process)."""
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

    workbook: Future[Path] | None = None
    if "xlsx" in formats:
        name = (
            f"tartan_rugs_{stem}.xlsx"
            if len(rugs) > 1
            else f"tartan_rug_{rugs[0].la_code}_{stem}.xlsx"
        )
        if parallel and len(formats) > 1:
            workbook = _workbook_beside(out / name, rugs, overview, catalogue)
        else:
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
    if workbook is not None:
        written.insert(0, workbook.result())
        if on_step:
            on_step(written[0].name)
    return written


# What the workbook's process writes: set just before it is forked, so that it inherits the rugs
# instead of having them pickled across.
_for_workbook: tuple[Path, list[Rug], Overview | None, Catalogue] | None = None


def _write_inherited_workbook() -> Path:
    assert _for_workbook is not None
    path, rugs, overview, catalogue = _for_workbook
    path.write_bytes(rugs_workbook(rugs, overview, catalogue))
    return path


def _workbook_beside(
    path: Path, rugs: list[Rug], overview: Overview | None, catalogue: Catalogue
) -> Future[Path]:
    """The workbook written by a second process while this one writes the pages: one workbook
    of every rug is the longest single piece of a national run and cannot be split, so it
    runs beside the rest. Forked, since the rugs are already made; the fork only runs
    xlsxwriter (no polars, whose threads a fork would not carry)."""
    global _for_workbook
    _for_workbook = (path, rugs, overview, catalogue)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        return pool.submit(_write_inherited_workbook)
    finally:
        pool.shutdown(wait=False)
