"""Settlement at termination: the shares, the due date, each partner's statement."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tartan.governance.settlement import Statement
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance import tenancy
from tartan.web.governance.forms import SettledForm, SettlementForm, describe
from tartan.web.governance.models import Settlement, SettlementShare
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import settlements as service
from tartan.web.governance.views import loaders
from tartan.web.governance.views.common import form_page, render, today
from tartan.web.permissions import requires


@requires("manage_settlements")
def settlement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/settlements.html",
        {
            "title": "Settlements at termination",
            "settlements": tenancy.mine(
                Settlement.objects.select_related("memorandum", "year"), request.user
            ),
            "today": today(),
        },
    )


@requires("manage_settlements")
def settlement_new(request: HttpRequest) -> HttpResponse:
    form = SettlementForm(tenancy.new_group(request.user), request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = service.settle(
                data["memorandum"], data["year"], data["balance"], data["note"], request.user
            )
        except GovernanceError as error:
            problem = str(error)
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=made,
                la_codes=[s.la_code for s in made.shares.all()],
                summary=f"settlement of {made.memorandum}: balance {made.balance_pence}p",
            )
            return redirect("governance:settlement", settlement_id=made.pk)
    return form_page(
        request,
        form,
        "Work out the settlement",
        caption="Settlements",
        intro="The year's balance, surplus or deficit, is shared between partners in proportion "
        "to their contribution for the year (their subscriptions, excluding VAT), and is due "
        "within 3 months of the termination.",
        submit="Work out the shares",
        back="governance:settlements",
        problem=problem,
    )


@requires("manage_settlements", load=loaders.settlement)
def settlement_detail(request: HttpRequest, settlement_id: int, obj: Settlement) -> HttpResponse:
    shares = list(obj.shares.all())
    context = {
        "title": f"Settlement of {obj.memorandum}",
        "settlement": obj,
        "shares": shares,
        "sum_of_shares": sum(s.share_pence for s in shares),
        "contributions": sum(s.contribution_pence for s in shares),
        "settled_form": describe(SettledForm(initial={"settled_on": today()})),
        "today": today(),
    }
    return render(request, "governance/settlement.html", context)


@requires("manage_settlements", load=loaders.share)
def share_settled(request: HttpRequest, share_id: int, obj: SettlementShare) -> HttpResponse:
    form = SettledForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.mark_settled(
                obj, form.cleaned_data["settled_on"], form.cleaned_data["reference"]
            )
        except GovernanceError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                la_codes=[obj.la_code],
                summary=f"settlement share settled {form.cleaned_data['settled_on']}",
            )
            messages.success(request, f"{obj.la_name}'s share is settled.")
    return redirect("governance:settlement", settlement_id=obj.settlement_id)


@requires("view_settlement_statement", load=loaders.share)
def statement(request: HttpRequest, share_id: int, obj: SettlementShare) -> HttpResponse:
    settlement = obj.settlement
    total = sum(s.contribution_pence for s in settlement.shares.all())
    made = Statement(
        obj.la_name,
        obj.contribution_pence,
        total,
        settlement.balance_pence,
        obj.share_pence,
        settlement.due_on,
    )
    record(request, Action.VIEW, obj=obj, la_codes=[obj.la_code], summary="settlement statement")
    return render(
        request,
        "governance/statement.html",
        {
            "title": f"Settlement statement: {obj.la_name}",
            "share": obj,
            "settlement": settlement,
            "statement": made,
            "today": today(),
        },
    )
