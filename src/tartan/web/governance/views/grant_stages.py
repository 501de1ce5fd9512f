"""Grants both ways: the recipient LA's side (conditions accepted, invoices against purchase
orders, spend and monitoring returns) and the programme's purchase orders, payments and asks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance import grant_forms as gf
from tartan.web.governance import policies
from tartan.web.governance.models import ConditionsAcceptance, Grant, GrantReturn, GrantTransfer
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import grants as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, with_upload
from tartan.web.permissions import requires


def transfer_loader(request: HttpRequest, transfer_id: int, **_: Any) -> GrantTransfer:
    return get_object_or_404(GrantTransfer, pk=transfer_id)


def return_loader(request: HttpRequest, return_id: int, **_: Any) -> GrantReturn:
    return get_object_or_404(GrantReturn, pk=return_id)


@requires("view_la_grants")
def la_grants(request: HttpRequest) -> HttpResponse:
    code = request.user.la_code  # type: ignore[union-attr]
    grants = Grant.objects.filter(group_key__in=policies.la_groups(request.user)).annotate(
        accepted_here=Exists(
            ConditionsAcceptance.objects.filter(grant=OuterRef("pk"), la_code=code)
        ),
        returns_due=Count(
            "returns", filter=Q(returns__la_code=code, returns__filed_at__isnull=True)
        ),
    )
    rows = [(g, g.accepted_here, g.returns_due) for g in grants]
    return render(request, "governance/grants_la.html", {"title": "Grants", "rows": rows})


@requires("view_la_grants", load=loaders.grant)
def la_grant(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    code = request.user.la_code  # type: ignore[union-attr]
    context = {
        "title": str(obj),
        "grant": obj,
        "acceptance": obj.acceptances.filter(la_code=code).first(),
        "transfers": obj.transfers.filter(la_code=code),
        "returns": obj.returns.filter(la_code=code),
        "key_staff": request.user.has_role(Role.LA_KEY_STAFF),  # type: ignore[union-attr]
    }
    return render(request, "governance/grant_la.html", context)


@requires("accept_grant_conditions", load=loaders.grant)
def accept_conditions(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    form = gf.AcceptInServiceForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            service.accept_in_service(obj, request)
        except GovernanceError as error:
            problem = str(error)
        else:
            messages.success(request, "Your authority has accepted the grant conditions.")
            return redirect("governance:la-grant", grant_id=obj.pk)
    return form_page(
        request,
        form,
        "Accept the conditions of the main grant",
        caption=str(obj),
        intro=f"The conditions: {obj.conditions}",
        submit="Accept the conditions",
        problem=problem,
    )


@requires("manage_grants", load=loaders.grant)
def purchase_order_new(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    form = gf.PurchaseOrderForm(request.POST or None, group_key=obj.group_key)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = service.raise_purchase_order(
                obj,
                data["la_code"],
                data["amount"],
                data["purpose"],
                data["purchase_order"],
                data["raised_on"],
                request.user,
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=made,
                la_codes=[made.la_code],
                summary=f"purchase order {made.purchase_order} raised for {made.la_code}",
            )
            return redirect("governance:grant", grant_id=obj.pk)
    return form_page(
        request,
        form,
        "Raise a purchase order for a member LA",
        caption=str(obj),
        intro="The LA then submits its invoice against the purchase order in the service.",
        submit="Raise the purchase order",
        problem=problem,
    )


@requires("submit_grant_invoice", load=transfer_loader)
def invoice_submit(request: HttpRequest, transfer_id: int, obj: GrantTransfer) -> HttpResponse:
    form = gf.InvoiceForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with_upload(
                request,
                data["invoice_file"],
                lambda invoice: service.submit_invoice(
                    obj, data["invoice_number"], data["invoice_date"], invoice, request
                ),
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            messages.success(request, "Your invoice is submitted.")
            return redirect("governance:la-grant", grant_id=obj.grant_id)
    return form_page(
        request,
        form,
        f"Invoice against purchase order {obj.purchase_order}",
        caption=str(obj.grant),
        intro=f"{obj.purpose}.",
        submit="Submit the invoice",
        problem=problem,
        multipart=True,
    )


@requires("manage_grants", load=transfer_loader)
def transfer_paid(request: HttpRequest, transfer_id: int, obj: GrantTransfer) -> HttpResponse:
    form = gf.PaidForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            service.record_paid(obj, form.cleaned_data["paid_on"], request)
        except GovernanceError as error:
            problem = str(error)
        else:
            return redirect("governance:grant", grant_id=obj.grant_id)
    return form_page(
        request,
        form,
        f"Record payment of invoice {obj.invoice_number or '(none yet)'}",
        caption=f"{obj.la_name}, PO {obj.purchase_order}",
        submit="Record the payment",
        problem=problem,
    )


@requires("manage_grants", load=loaders.grant)
def return_ask(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    form = gf.ReturnAskForm(request.POST or None, group_key=obj.group_key)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.ask_for_return(obj, data["la_code"], data["period"], data["due_on"], request)
        except GovernanceError as error:
            problem = str(error)
        else:
            return redirect("governance:grant", grant_id=obj.pk)
    return form_page(
        request,
        form,
        "Ask a recipient LA for a spend and monitoring return",
        caption=str(obj),
        submit="Ask for the return",
        problem=problem,
    )


@requires("file_grant_return", load=return_loader)
def return_file(request: HttpRequest, return_id: int, obj: GrantReturn) -> HttpResponse:
    form = gf.ReturnFileForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with_upload(
                request,
                data["document"],
                lambda document: service.file_return(
                    obj, data["amount_spent"], data["narrative"], document, request
                ),
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            messages.success(request, "Your return is filed.")
            return redirect("governance:la-grant", grant_id=obj.grant_id)
    return form_page(
        request,
        form,
        f"Spend and monitoring return, {obj.period}",
        caption=str(obj.grant),
        intro=f"Due by {obj.due_on:%d %B %Y}.",
        submit="File the return",
        problem=problem,
        multipart=True,
    )
