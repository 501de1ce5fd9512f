"""The DfE grant: received, each LA's acceptance of its conditions, transfers, the ledger."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tartan.reference.register import shipped_register
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance import tenancy
from tartan.web.governance.forms import AcceptanceForm, GrantForm, TransferForm
from tartan.web.governance.models import Grant
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import grants as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, stored, today, with_upload
from tartan.web.permissions import requires


@requires("manage_grants")
def grant_list(request: HttpRequest) -> HttpResponse:
    rows = [
        (g, service.grant_ledger(g), service.outstanding(g).count)
        for g in tenancy.mine(Grant.objects.all(), request.user)
    ]
    return render(request, "governance/grants.html", {"title": "Grants", "rows": rows})


@requires("manage_grants")
def grant_new(request: HttpRequest) -> HttpResponse:
    form = GrantForm(
        request.POST or None, request.FILES or None, group_key=tenancy.new_group(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        grant = Grant.objects.create(
            year=data["year"],
            reference=data["reference"],
            amount_pence=data["amount"],
            received_on=data["received_on"],
            lead_la_code=data["lead_la_code"],
            conditions=data["conditions"],
            group_key=tenancy.new_group(request.user),
            conditions_document=stored(request, data["conditions_file"]),
            recorded_by=request.user,
        )
        record(request, Action.GOVERNANCE, obj=grant, summary=f"grant received: {grant}")
        return redirect("governance:grant", grant_id=grant.pk)
    return form_page(
        request,
        form,
        "Record a grant received",
        caption="Grants",
        submit="Record the grant",
        back="governance:grants",
        multipart=True,
    )


@requires("manage_grants", load=loaders.grant)
def grant_detail(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    context = {
        "title": str(obj),
        "grant": obj,
        "ledger": service.grant_ledger(obj),
        "acceptances": obj.acceptances.all(),
        "transfers": obj.transfers.all(),
        "returns": obj.returns.all(),
        "outstanding": service.outstanding(obj),
        "today": today(),
        "la_name": lambda code: shipped_register()[code].name,
    }
    return render(request, "governance/grant.html", context)


@requires("manage_grants", load=loaders.grant)
def acceptance_new(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    form = AcceptanceForm(request.POST or None, request.FILES or None, group_key=obj.group_key)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = with_upload(
                request,
                data["evidence_file"],
                lambda evidence: service.accept_conditions(
                    obj,
                    data["la_code"],
                    data["accepted_on"],
                    data["accepted_by"],
                    data["evidence_note"],
                    evidence,
                    request.user,
                ),
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=made,
                la_codes=[made.la_code],
                summary=f"grant conditions accepted for {obj}",
            )
            return redirect("governance:grant", grant_id=obj.pk)
    return form_page(
        request,
        form,
        "Record an LA's acceptance of the grant conditions",
        caption=str(obj),
        intro="An authority receiving part of the grant accepts the conditions of the main grant.",
        submit="Record the acceptance",
        problem=problem,
        multipart=True,
    )


@requires("manage_grants", load=loaders.grant)
def transfer_new(request: HttpRequest, grant_id: int, obj: Grant) -> HttpResponse:
    form = TransferForm(request.POST or None, group_key=obj.group_key)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = service.transfer(
                obj,
                data["la_code"],
                data["amount"],
                data["purpose"],
                data["purchase_order"],
                data["invoice_number"],
                data["invoice_date"],
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
                summary=f"grant transfer to {made.la_code}: PO {made.purchase_order}",
            )
            messages.success(request, "The transfer is recorded.")
            return redirect("governance:grant", grant_id=obj.pk)
    return form_page(
        request,
        form,
        "Record a transfer to a member LA",
        caption=str(obj),
        intro="Transfers are made by purchase order and invoice.",
        submit="Record the transfer",
        problem=problem,
    )
