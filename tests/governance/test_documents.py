from datetime import date
from decimal import Decimal

from weasyprint import HTML

from tartan.governance.documents import (
    HighlightReport,
    InvoiceDocument,
    ProjectUpdate,
    Rag,
    highlight_page,
    highlight_pdf,
    invoice_page,
    invoice_pdf,
    meeting_pack_pdf,
)
from tartan.governance.subscriptions import InvoiceLine, invoice_totals


def _invoice() -> InvoiceDocument:
    lines = [InvoiceLine("Annual subscription 2023-24: large authority", 1, 1250000)]
    return InvoiceDocument(
        number="SLI-2023-24-001",
        issued_on=date(2023, 5, 2),
        due_on=date(2023, 6, 1),
        issuer_name="East Sussex County Council",
        issuer_address="County Hall\nLewes",
        customer_name="Kent County Council",
        customer_address="",
        lines=lines,
        vat_percent=Decimal("20.00"),
        totals=invoice_totals(lines, Decimal("20.00")),
        purchase_order="PO-1",
        notes=["Population 1,576,100 (source: ONS)."],
    )


def test_the_invoice_page_shows_lines_vat_and_total():
    html = invoice_page(_invoice())
    for text in ["SLI-2023-24-001", "£12,500.00", "VAT at 20%", "£2,500.00", "£15,000.00", "PO-1"]:
        assert text in html
    assert "2 May 2023" in html
    assert "1 June 2023" in html


def test_the_invoice_pdf_is_one_a4_portrait_page():
    assert invoice_pdf(_invoice()).startswith(b"%PDF")
    pages = HTML(string=invoice_page(_invoice())).render().pages
    assert len(pages) == 1
    assert (round(pages[0].width * 25.4 / 96), round(pages[0].height * 25.4 / 96)) == (210, 297)


def _report() -> HighlightReport:
    update = ProjectUpdate(
        "Peer review",
        "A Manager",
        "2024-25 Q3",
        Rag.AMBER,
        "Two reviews done.",
        "",
        "",
        date(2025, 1, 5),
    )
    return HighlightReport(
        programme="SESLIP",
        meeting="Steering group",
        meeting_on=date(2025, 1, 20),
        prepared_by="Programme manager",
        prepared_on=date(2025, 1, 10),
        summary="On track overall.",
        updates=[update],
        projects_without_report=["Data to insight"],
    )


def test_the_highlight_report_says_status_in_words_not_only_colour():
    html = highlight_page(_report())
    assert "Amber" in html
    assert "at risk" in html
    assert "No progress report yet" in html
    assert "Data to insight" in html
    assert "None reported." in html


def test_highlight_and_pack_pdfs():
    assert highlight_pdf(_report()).startswith(b"%PDF")
    assert meeting_pack_pdf(_report(), None).startswith(b"%PDF")
