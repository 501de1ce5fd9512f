"""Subscriptions: tiers from total population (large at exactly 400,000), invoices with VAT and
totals in pence, the PDF, payments, cancellations, reminders for overdue invoices."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from tartan.web.audit.models import Action, AuditEvent
from tartan.web.governance.models import Invoice, InvoiceStatus, Reminder, Subscription
from tartan.web.governance.models.subscriptions import InvoiceChangeError
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import subscriptions as service
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY, make_year, subscribe

pytestmark = pytest.mark.django_db


def test_tier_at_exactly_400000_is_large(programme):
    year = make_year(programme)
    subscribe(year, programme, {"886": 400_000, "887": 399_999, "850": 400_001})
    subs = {s.la_code: s for s in Subscription.objects.all()}
    assert (subs["886"].tier, subs["886"].net_pence) == ("large", 1250000)
    assert (subs["887"].tier, subs["887"].net_pence) == ("small", 625000)
    assert subs["850"].tier == "large"
    assert subs["886"].population_source == "ONS mid-2022, all ages"


def test_invoice_lines_vat_and_totals_in_pence(programme):
    year = make_year(programme)
    subscribe(year, programme, {"886": 1_579_200, "887": 279_800})
    large = service.issue_invoice(
        Subscription.objects.get(la_code="886"), programme, date(2023, 5, 2)
    )
    small = service.issue_invoice(
        Subscription.objects.get(la_code="887"), programme, date(2023, 5, 2)
    )
    assert (large.net_pence, large.vat_pence, large.total_pence) == (1250000, 250000, 1500000)
    assert (small.net_pence, small.vat_pence, small.total_pence) == (625000, 125000, 750000)
    assert [line.net_pence for line in large.lines.all()] == [1250000]
    assert "large authority (population 400,000 or more)" in large.lines.get().description
    assert (large.number, small.number) == ("SLI-2023-24-001", "SLI-2023-24-002")
    assert large.due_on == date(2023, 6, 1)
    with pytest.raises(GovernanceError, match="already has invoice"):
        service.issue_invoice(Subscription.objects.get(la_code="886"), programme)


def test_the_vat_rate_and_amounts_are_set_per_year(programme):
    year = make_year(programme, "2024-25", vat="17.5")
    year.large_pence, year.small_pence = 1300001, 650000
    year.save()
    subscribe(year, programme, {"886": 500_000})
    invoice = service.issue_invoice(Subscription.objects.get(), programme, date(2024, 5, 1))
    # 17.5% of £13,000.01 is £2,275.00175: VAT to the nearest penny.
    assert (invoice.net_pence, invoice.vat_pence, invoice.total_pence) == (1300001, 227500, 1527501)


def test_an_issued_invoice_never_changes(programme):
    year = make_year(programme)
    subscribe(year, programme, {"886": 500_000})
    invoice = service.issue_invoice(Subscription.objects.get(), programme)
    invoice = Invoice.objects.get(pk=invoice.pk)
    invoice.net_pence = 1
    with pytest.raises(InvoiceChangeError):
        invoice.save()


def test_the_population_figure_is_fixed_once_the_subscription_is_set(programme):
    year = make_year(programme)
    subscribe(year, programme, {"886": 500_000})
    with pytest.raises(GovernanceError, match="already set"):
        service.record_population(year, "886", 300_000, "revised", programme)


def test_population_figures_import_with_their_source(programme):
    rows = service.parse_population_csv(
        '\ufeffla_code,population\n886,"1,579,200"\n\n887, 279800\n'
    )
    assert [(r.la_code, r.population) for r in rows] == [("886", 1579200), ("887", 279800)]
    with pytest.raises(GovernanceError, match="line 2: 999 is not an LA code; line 3: lots"):
        service.parse_population_csv("la_code,population\n999,5\n886,lots\n")
    year = make_year(programme)
    client = signed_in(programme)
    client.post(
        reverse("governance:population", args=[year.pk]),
        {"rows": "886,1579200\n887,279800", "import_source": "ONS mid-2022 (MYE2), all ages"},
    )
    assert {f.la_code: f.source for f in year.figures.all()} == {
        "886": "ONS mid-2022 (MYE2), all ages",
        "887": "ONS mid-2022 (MYE2), all ages",
    }
    client.post(reverse("governance:year-subscriptions", args=[year.pk]))
    page = client.get(reverse("governance:year", args=[year.pk])).content.decode()
    assert "1,579,200" in page
    assert "ONS mid-2022 (MYE2), all ages" in page
    assert Subscription.objects.get(la_code="886").tier == "large"


def test_the_invoice_page_and_pdf(world):
    client = signed_in(world.users["key845"])
    page = client.get(reverse("governance:invoice", args=[world.invoice845.pk])).content.decode()
    for text in ["£12,500.00", "VAT at 20%", "£2,500.00", "£15,000.00", world.invoice845.number]:
        assert text in page
    assert "Overdue" in page
    assert ".governance-document .parties > div" in page  # the styles are not HTML-escaped
    pdf = client.get(reverse("governance:invoice-pdf", args=[world.invoice845.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, la_codes=",845,").exists()


def test_an_la_sees_its_own_subscriptions_only(world):
    html = (
        signed_in(world.users["key846"]).get(reverse("governance:subscriptions")).content.decode()
    )
    assert world.invoice846.number in html
    assert world.invoice845.number not in html
    assert "Set the terms for a year" not in html


def test_payment_and_cancellation(world):
    client = signed_in(world.users["programme"])
    url = reverse("governance:invoice-payment", args=[world.invoice845.pk])
    client.post(url, {"paid_on": TODAY.isoformat(), "reference": "BACS 1234"})
    paid = Invoice.objects.get(pk=world.invoice845.pk)
    assert (paid.status, paid.paid_on, paid.payment_reference) == (
        InvoiceStatus.PAID,
        TODAY,
        "BACS 1234",
    )
    assert "PAID" in client.get(reverse("governance:invoice", args=[paid.pk])).content.decode()
    with pytest.raises(GovernanceError, match="paid"):
        service.cancel_invoice(paid, "mistake")
    service.cancel_invoice(world.invoice846, "wrong tier")
    again = service.issue_invoice(world.sub846, world.users["programme"])
    assert again.number == "SLI-2023-24-003"


def test_overdue_invoices_and_reminders(world):
    today = TODAY
    overdue = service.overdue_invoices(today)
    assert overdue == [world.invoice845]  # 60 days old; 846's is 5 days old
    client = signed_in(world.users["programme"])
    page = client.get(reverse("governance:overdue")).content.decode()
    assert world.invoice845.number in page
    assert "Reminder due" in page
    client.post(reverse("governance:overdue"))
    reminder = Reminder.objects.get()
    assert reminder.days_overdue == 30
    client.post(reverse("governance:overdue"))  # not again within a fortnight
    assert Reminder.objects.count() == 1
    out = io.StringIO()
    call_command(
        "invoice_reminders", "--today", (today + timedelta(days=14)).isoformat(), stdout=out
    )
    assert Reminder.objects.count() == 2
    assert world.invoice845.number in out.getvalue()
    assert "44 days overdue" in out.getvalue()
    assert "1 reminders recorded" in out.getvalue()


def test_amounts_are_typed_in_pounds_and_kept_in_pence(programme):
    client = signed_in(programme)
    client.post(
        reverse("governance:year-new"),
        {
            "year": "2025/26",
            "large_from": "400000",
            "large": "£12,500.00",
            "small": "6250.5",
            "vat_percent": "20",
            "payment_days": "30",
            "issuer_name": "ESCC",
            "issuer_address": "Lewes",
        },
    )
    from tartan.web.governance.models import SubscriptionYear

    year = SubscriptionYear.objects.get()
    assert (year.year, year.large_pence, year.small_pence, year.vat_percent) == (
        "2025-26",
        1250000,
        625050,
        Decimal("20.00"),
    )
    refused = client.post(
        reverse("governance:year-new"),
        {
            "year": "2026-27 Q1",
            "large": "1.001",
            "small": "1",
            "vat_percent": "20",
            "large_from": "1",
            "payment_days": "30",
            "issuer_name": "x",
            "issuer_address": "y",
        },
    )
    html = refused.content.decode()
    assert "Write a financial year" in html
    assert "no more than 2 decimal places" in html


def test_vat_rates_are_printed_as_people_write_them(world):
    """Issue 17, point 8: Decimal("20.00").normalize() printed "2E+1"."""
    client = signed_in(world.users["programme"])
    for name, args in [("governance:subscriptions", []), ("governance:year", [world.year.pk])]:
        page = client.get(reverse(name, args=args)).content.decode()
        # The CSP nonce is random base64, which may itself hold "E+": only the rest is checked.
        page = re.sub(r'nonce="[^"]*"', "", page)
        assert "20%" in page
        assert "E+" not in page
