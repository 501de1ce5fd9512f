"""Synthetic child-level data whose return is a chosen one, for the demo, tests and benchmark.

``generate`` takes figures for every item of the catalogue (such as a synthetic return from
``tartan.demo.synthetic``) and writes the same children in up to three forms: a CIN census XML
file with SSDA903 tables (``census``), Standard Safeguarding Dataset extracts (``ssd``) and CSC
API payloads (``csc-api``). From each, ``tartan childlevel return`` computes exactly those
figures (the API route leaves A2 blank: the payload has no court authority). Same seed, same
files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tartan.childlevel.synthetic.api_writer import write_csc_api
from tartan.childlevel.synthetic.care_cases import build_care_caseload
from tartan.childlevel.synthetic.cin_cases import build_cin_caseload
from tartan.childlevel.synthetic.people import People
from tartan.childlevel.synthetic.ssd_writer import write_ssd
from tartan.childlevel.synthetic.targets import GeneratorError, check_targets, whole_figures
from tartan.childlevel.synthetic.writers import write_cin_census, write_ssda903
from tartan.demo.files import MARKER
from tartan.demo.synthetic import SYNTHETIC_NOTE
from tartan.periods import Period

__all__ = ["GeneratedFiles", "GeneratorError", "generate"]

CIN_FILE = "cin_census.xml"
SSDA903_FOLDER = "ssda903"
SSD_FOLDER = "ssd"
API_FOLDER = "csc_api"
FORMATS = ("census", "ssd", "csc-api")


@dataclass
class GeneratedFiles:
    cin: Path
    ssda903: Path
    cin_children: int
    care_children: int
    figures: dict[str, int]
    ssd: Path | None = None
    csc_api: Path | None = None


def generate(
    figures: Mapping[str, float],
    la_code: str,
    period: Period,
    folder: Path,
    seed: int = 2019,
    children: int = 0,
    progress: Callable[[int], None] | None = None,
    formats: tuple[str, ...] = ("census",),
) -> GeneratedFiles:
    """Write, for ``la_code`` and the quarter ``period``, each of ``formats``:
    ``folder``/cin_census.xml and ``folder``/ssda903/*.csv (census), ``folder``/ssd/*.csv (ssd)
    and ``folder``/csc_api/*.json (csc-api); ``children`` pads the caseload to at least that
    many children in need."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise GeneratorError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    if not period.is_quarter:
        raise GeneratorError(f"{period.label} is a year; generate for a quarter")
    targets = whole_figures(figures)
    check_targets(targets)
    rng = np.random.default_rng([seed, int(la_code) if la_code.isdigit() else 0])
    people = People(rng, period.end, la_code)
    care_rng = np.random.default_rng([seed, 903])
    cin_children = build_cin_caseload(targets, period, rng, people, children)
    open_at_end = [
        child.person
        for child in cin_children
        if child.current.closure is None and not child.current.plans
    ]
    care_children = build_care_caseload(targets, period, care_rng, people, open_at_end)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        f"{SYNTHETIC_NOTE}: child-level records made by tartan for {la_code} {period.label}.\n",
        encoding="utf-8",
    )
    cin_path = folder / CIN_FILE
    files = GeneratedFiles(
        cin_path, folder / SSDA903_FOLDER, len(cin_children), len(care_children), targets
    )
    if "census" in formats:
        write_cin_census(cin_path, la_code, period, cin_children, progress)
        write_ssda903(folder / SSDA903_FOLDER, care_children, period.year_end)
    if "ssd" in formats:
        files.ssd = folder / SSD_FOLDER
        write_ssd(files.ssd, cin_children, care_children)
    if "csc-api" in formats:
        files.csc_api = folder / API_FOLDER
        write_csc_api(files.csc_api, la_code, period, cin_children, care_children, seed)
    return files
