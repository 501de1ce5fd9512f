"""Subscriptions: each year's terms and figures, subscriptions, invoices (HTML and PDF),
payments, and the overdue invoices with their reminders."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from markupsafe import Markup

from tartan.decimals import percent
from tartan.governance.documents import InvoiceDocument, document_css, invoice_fragment, invoice_pdf
from tartan.governance.subscriptions import InvoiceLine as Line
from tartan.governance.subscriptions import InvoiceTotals, Tier
from tartan.reference.register import shipped_register
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.downloads import attachment
from tartan.web.governance import policies, tenancy
from tartan.web.governance.forms import (
    CancelForm,
    PaymentForm,
    PopulationForm,
    PopulationImportForm,
    SubscriptionDetailsForm,
    SubscriptionYearForm,
    describe,
)
from tartan.web.governance.models import (
    Invoice,
    InvoiceStatus,
    Subscription,
    SubscriptionYear,
)
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import subscriptions as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, today
from tartan.web.groups import registry
from tartan.web.permissions import requires


@requires("view_subscriptions")
def subscription_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    subs = Subscription.objects.select_related("year").prefetch_related("invoices")
    if policies.is_programme(user):
        subs = tenancy.mine(subs, user)
    else:
        subs = subs.filter(la_code=user.la_code or "-")  # type: ignore[union-attr]
    context = {
        "title": "Subscriptions",
        "years": tenancy.mine(SubscriptionYear.objects.all(), user)
        if policies.is_programme(user)
        else [],
        "subscriptions": subs.order_by("-year__year", "la_code"),
        "today": today(),
    }
    return render(request, "governance/subscriptions.html", context)


@requires("manage_subscriptions")
def year_new(request: HttpRequest) -> HttpResponse:
    form = SubscriptionYearForm(
        request.POST or None,
        initial={
            "issuer_name": "East Sussex County Council, for the South East Sector Led "
            "Improvement Programme",
        },
    )
    if request.method == "POST" and form.is_valid():
        year = form.save(commit=False)
        year.large_pence = form.cleaned_data["large"]
        year.small_pence = form.cleaned_data["small"]
        year.created_by = request.user
        year.group_key = tenancy.new_group(request.user)
        if SubscriptionYear.objects.filter(year=year.year, group_key=year.group_key).exists():
            form.add_error("year", f"The terms for {year.year} are already recorded")
        else:
            year.save()
            record(request, Action.GOVERNANCE, obj=year, summary=f"subscription terms {year}")
            return redirect("governance:year", year_id=year.pk)
    return form_page(
        request,
        form,
        "Subscription terms for a year",
        caption="Subscriptions",
        intro="Amounts exclude VAT and are reviewed each year. The tier is by an authority's "
        "total population (all ages).",
        submit="Save the terms",
        back="governance:subscriptions",
    )


def _members(year: SubscriptionYear) -> list[str]:
    """The LAs the year's group has today: those its programme subscribes."""
    return registry.members_on(year.group_key, today())


@requires("manage_subscriptions", load=loaders.year)
def year_detail(request: HttpRequest, year_id: int, obj: SubscriptionYear) -> HttpResponse:
    register = shipped_register()
    figures = {f.la_code: f for f in obj.figures.all()}
    subs = {s.la_code: s for s in obj.subscriptions.prefetch_related("invoices")}
    rule = obj.rule
    rows = []
    for code in sorted(_members(obj), key=lambda c: register[c].name):
        figure = figures.get(code)
        rows.append(
            {
                "code": code,
                "name": register[code].name,
                "figure": figure,
                "tier": rule.tier(figure.population).label if figure else "",
                "subscription": subs.get(code),
            }
        )
    context = {
        "title": f"Subscriptions {obj.year}",
        "year": obj,
        "rows": rows,
        "large": Tier.LARGE.label,
        "figure_form": describe(PopulationForm(group_key=obj.group_key)),
        "import_form": describe(PopulationImportForm()),
        "without_figure": [r for r in rows if r["figure"] is None],
        "without_invoice": [
            r for r in rows if r["subscription"] and r["subscription"].current_invoice is None
        ],
    }
    return render(request, "governance/year.html", context)


@requires("manage_subscriptions", load=loaders.year)
def population(request: HttpRequest, year_id: int, obj: SubscriptionYear) -> HttpResponse:
    if request.method != "POST":
        return redirect("governance:year", year_id=obj.pk)
    rows: list[service.FigureRow] = []
    source = ""
    if "rows" in request.POST:
        imported = PopulationImportForm(request.POST)
        if imported.is_valid():
            source = imported.cleaned_data["import_source"]
            try:
                rows = service.parse_population_csv(imported.cleaned_data["rows"])
            except GovernanceError as error:
                messages.error(request, str(error))
        else:
            messages.error(request, "Paste the figures and say where they come from.")
    else:
        single = PopulationForm(request.POST, group_key=obj.group_key)
        if single.is_valid():
            data = single.cleaned_data
            rows, source = [service.FigureRow(data["la_code"], data["population"])], data["source"]
        else:
            messages.error(request, "Choose an LA, give its population and the source.")
    done = []
    members = set(_members(obj))
    for row in rows:
        if row.la_code not in members:
            # Each programme subscribes its own group's LAs, not another group's.
            messages.error(request, f"{row.la_code} is not a member of this group")
            continue
        try:
            service.record_population(obj, row.la_code, row.population, source, request.user)
            done.append(row.la_code)
        except GovernanceError as error:
            messages.error(request, str(error))
    if done:
        record(
            request,
            Action.GOVERNANCE,
            obj=obj,
            la_codes=done,
            summary=f"population figures for {obj.year} ({source})"[:500],
        )
        messages.success(request, f"{len(done)} population figures recorded.")
    return redirect("governance:year", year_id=obj.pk)


@requires("manage_subscriptions", load=loaders.year)
def year_subscriptions(request: HttpRequest, year_id: int, obj: SubscriptionYear) -> HttpResponse:
    if request.method == "POST":
        made, missing = service.create_subscriptions(obj, _members(obj), request.user)
        if made:
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                la_codes=[s.la_code for s in made],
                summary=f"{len(made)} subscriptions for {obj.year}",
            )
            messages.success(request, f"{len(made)} subscriptions set from the figures.")
        if missing:
            messages.error(request, f"No population figure yet for {', '.join(missing)}.")
    return redirect("governance:year", year_id=obj.pk)


@requires("manage_subscriptions", load=loaders.year)
def year_invoices(request: HttpRequest, year_id: int, obj: SubscriptionYear) -> HttpResponse:
    if request.method == "POST":
        issued = [
            service.issue_invoice(sub, request.user)
            for sub in obj.subscriptions.all()
            if sub.current_invoice is None
        ]
        if issued:
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                la_codes=[i.la_code for i in issued],
                summary=f"{len(issued)} invoices issued for {obj.year}",
            )
        messages.success(request, f"{len(issued)} invoices issued.")
    return redirect("governance:year", year_id=obj.pk)


@requires("view_subscription", load=loaders.subscription)
def subscription_detail(
    request: HttpRequest, subscription_id: int, obj: Subscription
) -> HttpResponse:
    manager = policies.runs(request.user, obj)
    form = SubscriptionDetailsForm(
        initial={
            "invoice_address": obj.invoice_address,
            "contact_email": obj.contact_email,
            "purchase_order": obj.purchase_order,
        }
    )
    context = {
        "title": f"{obj.la_name}: subscription {obj.year.year}",
        "sub": obj,
        "invoices": obj.invoices.all(),
        "manager": manager,
        "details_form": describe(form),
        "today": today(),
    }
    return render(request, "governance/subscription.html", context)


@requires("manage_subscriptions", load=loaders.subscription)
def subscription_details(
    request: HttpRequest, subscription_id: int, obj: Subscription
) -> HttpResponse:
    form = SubscriptionDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(obj, name, value)
        obj.save()
        record(request, Action.GOVERNANCE, obj=obj, la_codes=[obj.la_code], summary="details")
        messages.success(request, "The invoice details are saved.")
    elif request.method == "POST":
        messages.error(request, "Check the contact email.")
    return redirect("governance:subscription", subscription_id=obj.pk)


@requires("manage_subscriptions", load=loaders.subscription)
def invoice_issue(request: HttpRequest, subscription_id: int, obj: Subscription) -> HttpResponse:
    if request.method == "POST":
        try:
            invoice = service.issue_invoice(obj, request.user)
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=invoice,
                la_codes=[obj.la_code],
                summary=f"invoice {invoice.number} issued",
            )
            return redirect("governance:invoice", invoice_id=invoice.pk)
    return redirect("governance:subscription", subscription_id=obj.pk)


def invoice_document(invoice: Invoice) -> InvoiceDocument:
    sub = invoice.subscription
    year = sub.year
    lines = [Line(x.description, x.quantity, x.unit_pence) for x in invoice.lines.all()]
    status = {
        InvoiceStatus.PAID: f"PAID {invoice.paid_on:%d %B %Y}" if invoice.paid_on else "PAID",
        InvoiceStatus.CANCELLED: "CANCELLED",
    }.get(invoice.status, "")
    return InvoiceDocument(
        number=invoice.number,
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        issuer_name=year.issuer_name,
        issuer_address=year.issuer_address,
        issuer_vat_number=year.issuer_vat_number,
        customer_name=shipped_register()[sub.la_code].name,
        customer_address=sub.invoice_address,
        lines=lines,
        vat_percent=invoice.vat_percent,
        totals=InvoiceTotals(invoice.net_pence, invoice.vat_pence, invoice.total_pence),
        purchase_order=invoice.purchase_order,
        payment_instructions=year.payment_instructions,
        notes=[
            f"Tier from a total population of {sub.population:,} "
            f"(source: {sub.population_source}). Amounts exclude VAT, which is added at "
            f"{percent(invoice.vat_percent)}.",
        ],
        status=status,
    )


@requires("view_invoice", load=loaders.invoice)
def invoice_detail(request: HttpRequest, invoice_id: int, obj: Invoice) -> HttpResponse:
    record(request, Action.VIEW, obj=obj, la_codes=[obj.la_code], summary=f"invoice {obj.number}")
    context = {
        "title": f"Invoice {obj.number}",
        "invoice": obj,
        "body": invoice_fragment(invoice_document(obj)),
        "css": Markup(document_css()),
        "manager": policies.runs(request.user, obj),
        "payment_form": describe(PaymentForm(initial={"paid_on": today()})),
        "cancel_form": describe(CancelForm()),
        "reminders": obj.reminders.all(),
        "days_overdue": obj.days_overdue(today()),
        "today": today(),
    }
    return render(request, "governance/invoice.html", context)


@requires("view_invoice", load=loaders.invoice)
def invoice_download(request: HttpRequest, invoice_id: int, obj: Invoice) -> HttpResponse:
    record(request, Action.DOWNLOAD, obj=obj, la_codes=[obj.la_code], summary=f"{obj.number}.pdf")
    return attachment(invoice_pdf(invoice_document(obj)), f"invoice_{obj.number}.pdf")


@requires("manage_subscriptions", load=loaders.invoice)
def invoice_payment(request: HttpRequest, invoice_id: int, obj: Invoice) -> HttpResponse:
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.record_payment(
                obj, form.cleaned_data["paid_on"], form.cleaned_data["reference"]
            )
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                la_codes=[obj.la_code],
                summary=f"invoice {obj.number} paid {form.cleaned_data['paid_on']}",
            )
            messages.success(request, f"Invoice {obj.number} is marked paid.")
    elif request.method == "POST":
        messages.error(request, "Give the date the payment arrived.")
    return redirect("governance:invoice", invoice_id=obj.pk)


@requires("manage_subscriptions", load=loaders.invoice)
def invoice_cancel(request: HttpRequest, invoice_id: int, obj: Invoice) -> HttpResponse:
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.cancel_invoice(obj, form.cleaned_data["reason"])
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                la_codes=[obj.la_code],
                summary=f"invoice {obj.number} cancelled",
            )
            messages.success(request, f"Invoice {obj.number} is cancelled.")
    elif request.method == "POST":
        messages.error(request, "Say why the invoice is cancelled.")
    return redirect("governance:invoice", invoice_id=obj.pk)


@requires("manage_subscriptions")
def overdue(request: HttpRequest) -> HttpResponse:
    day = today()
    if request.method == "POST":
        sent = service.send_reminders(day, request.user, tenancy.new_group(request.user))
        for reminder in sent:
            record(
                request,
                Action.GOVERNANCE,
                obj=reminder.invoice,
                la_codes=[reminder.invoice.la_code],
                summary=f"reminder: {reminder.invoice.number} {reminder.days_overdue} days overdue",
            )
        messages.success(request, f"{len(sent)} reminders recorded.")
        return redirect("governance:overdue")
    rows = [
        (i, i.days_overdue(day), service.needs_reminder(i, day))
        for i in service.overdue_invoices(day, tenancy.new_group(request.user))
    ]
    return render(
        request,
        "governance/overdue.html",
        {"title": "Overdue invoices", "rows": rows, "every": service.REMIND_EVERY_DAYS},
    )
