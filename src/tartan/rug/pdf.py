"""PDF from the same HTML as the page (WeasyPrint): landscape A4, each rug from a new page.

Tagged PDF (PDF/UA-1, which WeasyPrint writes from the page's structure) so that screen
readers follow headings and tables, as public-sector accessibility rules ask."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.document import Document

from tartan.rug.html import pages
from tartan.rug.model import Overview, Rug


def render_rugs(rugs: list[Rug], overview: Overview | None = None, charts: bool = True) -> Document:
    return HTML(string=pages(rugs, overview, charts)).render()


def rugs_pdf(rugs: list[Rug], overview: Overview | None = None, charts: bool = True) -> bytes:
    data = render_rugs(rugs, overview, charts).write_pdf(pdf_variant="pdf/ua-1")
    assert data is not None
    return data
