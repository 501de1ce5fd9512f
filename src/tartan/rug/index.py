"""An index page linking every rug written to a folder."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from tartan.marking import ProtectiveMarking
from tartan.rug.html import page


def write_index(folder: Path, files: list[Path], marking: ProtectiveMarking, title: str) -> Path:
    lines = "".join(f"<p>{escape(line)}</p>" for line in marking.lines)
    items = "".join(
        f'<li><a href="{escape(path.name)}">{escape(path.name)}</a></li>'
        for path in sorted(files)
        if path.parent == folder
    )
    body = Markup(
        f'<div class="marking" role="note" aria-label="Protective marking">{lines}</div>'
        f"<h1>{escape(title)}</h1><ul>{items}</ul>"
    )
    path = folder / "index.html"
    path.write_text(page(title, body), encoding="utf-8")
    return path
