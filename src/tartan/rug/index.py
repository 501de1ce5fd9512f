"""An index page linking every rug written to a folder, by LA name (not file name)."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from tartan.marking import ProtectiveMarking
from tartan.rug.html import page

KINDS = {".html": "web page", ".pdf": "PDF", ".xlsx": "Excel workbook"}
_RUG = re.compile(r"^tartan_rug_(?P<code>[A-Za-z0-9]+)_")
_GROUP_WORKBOOK = re.compile(r"^tartan_rugs_\d{4}-\d{2}_Q\d_(?P<group>.+)\.xlsx$")


def link_text(path: Path, names: dict[str, str]) -> tuple[str, str]:
    """(sort key, words) for a written file: 'East Sussex (845): rug, PDF'; the workbook of
    every rug 'Every rug and the overview: Excel workbook', or of one group of several."""
    kind = KINDS.get(path.suffix, path.suffix.lstrip("."))
    found = _RUG.match(path.name)
    if found and found["code"] in names:
        name = names[found["code"]]
        return (f"1 {name} {kind}", f"{name} ({found['code']}): rug, {kind}")
    group = _GROUP_WORKBOOK.match(path.name)
    if group:
        name = group["group"].replace("_", " ")
        return (f"0 {name}", f"Every rug of {name}: {kind}")
    if path.name.startswith("tartan_rugs_"):
        return ("0", f"Every rug and the overview: {kind}")
    if path.name.startswith("regional_overview_"):
        return ("0", f"Regional overview: {kind}")
    if path.name.startswith("meeting_pack_"):
        return ("0", f"Meeting pack: {kind}")
    return (f"2 {path.name}", path.name)


def write_index(
    folder: Path,
    files: list[Path],
    marking: ProtectiveMarking,
    title: str,
    names: dict[str, str] | None = None,
) -> Path:
    lines = "".join(f"<p>{escape(line)}</p>" for line in marking.lines)
    labelled = sorted(
        (link_text(path, names or {}), path) for path in files if path.parent == folder
    )
    items = "".join(
        f'<li><a href="{escape(path.name)}">{escape(words)}</a></li>'
        for (_, words), path in labelled
    )
    body = Markup(
        f'<div class="marking" role="note" aria-label="Protective marking">{lines}</div>'
        f"<h1>{escape(title)}</h1><ul>{items}</ul>"
    )
    path = folder / "index.html"
    path.write_text(page(title, body), encoding="utf-8")
    return path
