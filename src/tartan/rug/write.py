"""Write rugs and the overview to files, in the formats asked for."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import polars as pl

from tartan.catalogue import Catalogue
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.population import Population
from tartan.rug.forked import Piece, in_line, run_pieces
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
    """One HTML and one PDF per LA, and one workbook for each benchmarking group among the
    rugs (with the overview when ``group_codes`` is given). Returns the paths written,
    workbooks first. ``parallel``: the pieces are written by forked processes, one per core
    (the CLI's, the demo's and the benchmarks' choice; a web worker keeps to one process)."""
    out.mkdir(parents=True, exist_ok=True)
    rugs = build_rugs(table, la_codes, period, marking, population)
    overview = build_overview(table, period, group_codes, marking) if group_codes else None
    stem = period.label.replace(" ", "_")
    pieces: list[Piece] = []
    if "xlsx" in formats:
        pieces += _workbooks(rugs, overview, catalogue, out, stem)
    for rug in rugs:
        pieces.append(partial(_pages, rug, formats, out, stem))
    if overview is not None:
        pieces.append(partial(_overview_pages, overview, formats, out, stem))

    def done(path: Path) -> None:
        if on_step:
            on_step(path.name)

    return run_pieces(pieces, done) if parallel else in_line(pieces, done)


def _workbooks(
    rugs: list[Rug], overview: Overview | None, catalogue: Catalogue, out: Path, stem: str
) -> list[Piece]:
    """One workbook per group among the rugs, the largest first (so that it starts first): a
    national run's 153 rugs are nine groups' workbooks, each its DBG's, not one of 153 sheets.
    One group's rugs (or one LA's) keep the one workbook's name."""
    by_group: dict[str, list[Rug]] = {}
    for rug in rugs:
        by_group.setdefault(rug.group_name, []).append(rug)
    if len(by_group) == 1:
        name = (
            f"tartan_rugs_{stem}.xlsx"
            if len(rugs) > 1
            else f"tartan_rug_{rugs[0].la_code}_{stem}.xlsx"
        )
        return [partial(_workbook, out / name, rugs, overview, catalogue)]
    home = overview.group_name if overview is not None else None
    return [
        partial(
            _workbook,
            out / f"tartan_rugs_{stem}_{_slug(group)}.xlsx",
            members,
            overview if group == home else None,
            catalogue,
        )
        for group, members in sorted(by_group.items(), key=lambda item: -len(item[1]))
    ]


def _slug(group: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", group).strip("_") or "no_group"


def _workbook(
    path: Path, rugs: list[Rug], overview: Overview | None, catalogue: Catalogue
) -> list[Path]:
    path.write_bytes(rugs_workbook(rugs, overview, catalogue))
    return [path]


def _pages(rug: Rug, formats: tuple[str, ...], out: Path, stem: str) -> list[Path]:
    written = []
    if "html" in formats:
        written.append(out / f"tartan_rug_{rug.la_code}_{stem}.html")
        written[-1].write_text(rug_page(rug), encoding="utf-8")
    if "pdf" in formats:
        written.append(out / f"tartan_rug_{rug.la_code}_{stem}.pdf")
        written[-1].write_bytes(rugs_pdf([rug]))
    return written


def _overview_pages(
    overview: Overview, formats: tuple[str, ...], out: Path, stem: str
) -> list[Path]:
    written = []
    if "html" in formats:
        written.append(out / f"regional_overview_{stem}.html")
        written[-1].write_text(overview_page(overview), encoding="utf-8")
    if "pdf" in formats:
        written.append(out / f"regional_overview_{stem}.pdf")
        written[-1].write_bytes(rugs_pdf([], overview))
    return written
