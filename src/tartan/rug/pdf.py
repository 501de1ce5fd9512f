"""PDF from the same HTML as the page (WeasyPrint): one landscape A4 page per rug."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.document import Document

from tartan.rug.html import pages
from tartan.rug.model import Overview, Rug


def render_rugs(rugs: list[Rug], overview: Overview | None = None, charts: bool = True) -> Document:
    return HTML(string=pages(rugs, overview, charts)).render()


def rugs_pdf(rugs: list[Rug], overview: Overview | None = None, charts: bool = True) -> bytes:
    data = render_rugs(rugs, overview, charts).write_pdf()
    assert data is not None
    return data
