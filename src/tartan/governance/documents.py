"""The invoice and the highlight report as HTML, and as PDF from that same HTML (WeasyPrint)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.document import Document

from tartan.decimals import percent
from tartan.governance.money import format_pence
from tartan.governance.subscriptions import InvoiceLine, InvoiceTotals
from tartan.rug.model import Overview
from tartan.rug.pdf import render_rugs

TEMPLATES = Path(__file__).with_name("templates")


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(money=format_pence, long_date=long_date)
    return environment


def document_css() -> str:
    return (TEMPLATES / "documents.css").read_text(encoding="utf-8")


def _page(title: str, body: Markup) -> str:
    return (
        _environment()
        .get_template("page.html.j2")
        .render(title=title, body=body, css=Markup(document_css()))
    )


def _pdf(html: str) -> bytes:
    data = HTML(string=html).write_pdf()
    assert data is not None
    return data


@dataclass(frozen=True)
class InvoiceDocument:
    number: str
    issued_on: date
    due_on: date
    issuer_name: str
    issuer_address: str
    customer_name: str
    customer_address: str
    lines: list[InvoiceLine]
    vat_percent: Decimal
    totals: InvoiceTotals
    issuer_vat_number: str = ""
    purchase_order: str = ""
    payment_instructions: str = ""
    notes: list[str] = field(default_factory=list)
    status: str = ""

    @property
    def title(self) -> str:
        return f"Invoice {self.number}"

    @property
    def vat_rate_text(self) -> str:
        return percent(self.vat_percent)


def invoice_fragment(invoice: InvoiceDocument) -> Markup:
    return Markup(_environment().get_template("invoice_body.html.j2").render(invoice=invoice))


def invoice_page(invoice: InvoiceDocument) -> str:
    return _page(invoice.title, invoice_fragment(invoice))


def invoice_pdf(invoice: InvoiceDocument) -> bytes:
    return _pdf(invoice_page(invoice))


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return {"red": "Red", "amber": "Amber", "green": "Green"}[self.value]

    @property
    def meaning(self) -> str:
        return {
            "red": "off track: needs the steering group's help",
            "amber": "at risk: in hand, being watched",
            "green": "on track",
        }[self.value]


@dataclass(frozen=True)
class ProjectUpdate:
    project: str
    manager: str
    period: str
    rag: Rag
    progress: str
    risks: str
    next_steps: str
    submitted_on: date


@dataclass(frozen=True)
class HighlightReport:
    programme: str
    meeting: str
    meeting_on: date
    prepared_by: str
    prepared_on: date
    summary: str
    updates: list[ProjectUpdate]
    projects_without_report: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Highlight report: {self.meeting}, {long_date(self.meeting_on)}"

    @property
    def rag_counts(self) -> list[tuple[Rag, int]]:
        counts = Counter(update.rag for update in self.updates)
        return [(rag, counts.get(rag, 0)) for rag in Rag]


def highlight_fragment(report: HighlightReport) -> Markup:
    return Markup(_environment().get_template("highlight_body.html.j2").render(report=report))


def highlight_page(report: HighlightReport) -> str:
    return _page(report.title, highlight_fragment(report))


def highlight_pdf(report: HighlightReport) -> bytes:
    return _pdf(highlight_page(report))


def meeting_pack(report: HighlightReport, overview: Overview | None) -> Document:
    """The highlight report (A4 portrait), then the quarter's regional overview (A4 landscape,
    with its own protective marking), as one document."""
    highlight = HTML(string=highlight_page(report)).render()
    if overview is None:
        return highlight
    return highlight.copy(highlight.pages + render_rugs([], overview).pages)


def meeting_pack_pdf(report: HighlightReport, overview: Overview | None) -> bytes:
    data = meeting_pack(report, overview).write_pdf()
    assert data is not None
    return data
