"""Sharing under the protocol: permission requests, concealed exports, published-only
exports, and the cross-regional dataset."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.benchmark.export import csv_bytes
from tartan.benchmark.table import published_benchmark
from tartan.catalogue import shipped_catalogue
from tartan.disclosure.designs import DESIGNS
from tartan.disclosure.published import check_published_only
from tartan.marking import ProtectiveMarking
from tartan.national.dataset import dataset_csv
from tartan.reference.register import shipped_register
from tartan.returns.model import QuarterlyReturn
from tartan.rug.model import build_overview
from tartan.rug.pdf import rugs_pdf
from tartan.rug.xlsx import rugs_workbook
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.policies import dbg_of, is_dbg
from tartan.web.collection.services import members
from tartan.web.collection.views import load_round, load_round_la
from tartan.web.downloads import attachment
from tartan.web.groups import registry
from tartan.web.groups.registry import group_name, groups_of
from tartan.web.permissions import requires
from tartan.web.reports.data import View, benchmark_table
from tartan.web.reports.views import rug_for
from tartan.web.sharing import policies, services  # noqa: F401  (policies register)
from tartan.web.sharing.models import (
    ExportDecision,
    NationalImport,
    Report,
    RequestKind,
    ShareRequest,
)


def load_request(request: HttpRequest, request_id: int, **_: Any) -> ShareRequest:
    return get_object_or_404(
        ShareRequest.objects.select_related("round", "requested_by"), pk=request_id
    )


def load_decision(request: HttpRequest, decision_id: int, **_: Any) -> ExportDecision:
    return get_object_or_404(
        ExportDecision.objects.select_related("round", "recipient"), pk=decision_id
    )


class ShareForm(forms.Form):
    kind = forms.ChoiceField(choices=RequestKind.choices, label="What is asked")
    report = forms.ChoiceField(choices=Report.choices, label="Report")
    la_code = forms.CharField(max_length=3, required=False, label="For a rug: the authority's code")
    recipient = forms.CharField(max_length=200, label="Shared with")
    purpose = forms.CharField(max_length=500, label="For what purpose")
    until = forms.DateField(label="Until", widget=forms.DateInput(attrs={"type": "date"}))


@requires("view_share_requests")
def request_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    found = ShareRequest.objects.select_related("round", "requested_by")
    if is_dbg(user):
        found = found.filter(round__group_key=registry.dbg_group(user))
    else:
        found = found.filter(
            Q(requested_by__organisation=user.organisation)
            | Q(round__releases__returns__la_code=user.la_code or "-")
        ).distinct()  # type: ignore[union-attr]
    rows = [(r, services.status(r)) for r in found]
    return render(
        request, "sharing/request_list.html", {"title": "Permission to share wider", "rows": rows}
    )


@requires("request_share", load=load_round)
def request_new(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    form = ShareForm(request.POST or None)
    if not request.user.has_role(Role.DFE_VIEWER):  # type: ignore[union-attr]
        form.fields["kind"].choices = [(RequestKind.IDENTIFIED.value, RequestKind.IDENTIFIED.label)]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["report"] == Report.RUG and data["la_code"] not in members(obj):
            form.add_error("la_code", "Give the 3-digit code of a member authority")
        else:
            try:
                made = services.request_share(
                    request.user,
                    obj,
                    data["kind"],
                    data["report"],
                    data["la_code"],
                    data["recipient"],
                    data["purpose"],
                    data["until"],
                )
            except services.ProtocolError as error:
                form.add_error(None, str(error))
            else:
                record(
                    request,
                    Action.SHARE,
                    obj=made,
                    la_codes=services.asked(made),
                    purpose=made.purpose,
                    summary=f"asked to share {made.report} with {made.recipient}",
                )
                return redirect("sharing:request", request_id=made.pk)
    return render(
        request,
        "sharing/request_new.html",
        {"title": f"Ask to share {obj.period} beyond the group", "round": obj, "form": form},
    )


@requires("view_share_request", load=load_request)
def request_detail(request: HttpRequest, request_id: int, obj: ShareRequest) -> HttpResponse:
    register = shipped_register()
    answers = {a.la_code: a for a in obj.answers.select_related("by")}
    asked = [(code, register[code].name, answers.get(code)) for code in services.asked(obj)]
    mine = request.user.la_code  # type: ignore[union-attr]
    context = {
        "title": f"Request {obj.pk}: share with {obj.recipient}",
        "share": obj,
        "status": services.status(obj),
        "asked": asked,
        "can_answer": mine in {code for code, _, _ in asked} and mine not in answers,
    }
    return render(request, "sharing/request_detail.html", context)


@requires("answer_share", load=load_request)
def request_answer(request: HttpRequest, request_id: int, obj: ShareRequest) -> HttpResponse:
    if request.method == "POST":
        la_code = request.user.la_code  # type: ignore[union-attr]
        agrees = request.POST.get("answer") == "agree"
        try:
            services.answer(obj, la_code, request.user, agrees, request.POST.get("reason", ""))
        except services.ProtocolError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.SHARE,
                obj=obj,
                la_codes=[la_code],
                purpose=obj.purpose,
                summary=f"{'agreed' if agrees else 'refused'} to share with {obj.recipient}",
            )
            messages.success(request, "Your answer is recorded.")
    return redirect("sharing:request", request_id=obj.pk)


@requires("respond_for_region", load=load_request)
def request_region(request: HttpRequest, request_id: int, obj: ShareRequest) -> HttpResponse:
    if request.method == "POST":
        agrees = request.POST.get("answer") == "agree"
        try:
            services.respond_for_region(obj, request.user, agrees, request.POST.get("response", ""))
        except services.ProtocolError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.SHARE,
                obj=obj,
                la_codes=services.asked(obj),
                purpose=obj.purpose,
                summary=f"region {'agreed' if agrees else 'objected'}",
            )
            messages.success(request, "The region's response is recorded.")
    return redirect("sharing:request", request_id=obj.pk)


@requires("download_shared", load=load_request)
def request_download(
    request: HttpRequest, request_id: int, file_format: str, obj: ShareRequest
) -> HttpResponse:
    round_ = obj.round
    table = benchmark_table(round_, View.RELEASED)
    marking = ProtectiveMarking(
        produced_for=f"{obj.recipient}, for {obj.purpose}, with the permission of every authority shown (request {obj.pk}, until {obj.until:%d %B %Y})",
        group=group_name(round_.group_key),
        synthetic=round_.synthetic,
    )
    if obj.report == Report.RUG:
        rugs = [rug_for(table, round_, obj.la_code, marking)]
        overview = None
    else:
        overview = build_overview(table, round_.quarter, members(round_), marking)
        rugs = [rug_for(table, round_, code, marking) for code in overview.la_codes]
    name = f"shared_{obj.report}_{obj.la_code or 'overview'}_{round_.period.replace(' ', '_')}.{file_format}"
    data = (
        rugs_workbook(rugs, overview, shipped_catalogue())
        if file_format == "xlsx"
        else rugs_pdf(rugs if overview is None else [], overview)
    )
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=services.asked(obj),
        purpose=obj.purpose,
        summary=f"shared with {obj.recipient}: {name}",
    )
    return attachment(data, name)


class ConcealedForm(forms.Form):
    recipient = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.PARTNER), label="Shared with"
    )
    design = forms.ChoiceField(
        choices=[
            ("distribution", "Your figures beside the comparators' distribution (recommended)"),
            ("halves", "With one row per comparator showing its half (better or worse)"),
        ],
        label="Design",
    )
    file_format = forms.ChoiceField(
        choices=[
            ("pdf", "PDF (to print or attach)"),
            ("xlsx", "Excel workbook"),
            ("html", "Web page"),
            ("csv", "CSV (figures only)"),
        ],
        label="Format",
    )
    purpose = forms.CharField(max_length=300, label="For what purpose")


@requires("make_concealed_export", load=load_round_la)
def concealed_new(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    round_, code = obj
    form = ConcealedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = services.concealed_export(
            request.user,
            round_,
            code,
            data["recipient"],
            data["design"],
            data["purpose"],
            data["file_format"],
        )
        record(
            request,
            Action.EXPORT,
            obj=decision,
            la_codes=members(round_),
            purpose=data["purpose"],
            summary=f"concealed export for {data['recipient']}: {'allowed' if decision.allowed else 'refused'}",
        )
        return redirect("sharing:decision", decision_id=decision.pk)
    return render(
        request,
        "sharing/concealed_new.html",
        {
            "title": "Share your report with a partner",
            "round": round_,
            "la_code": code,
            "form": form,
            "designs": DESIGNS,
        },
    )


@requires("view_export_decisions")
def decision_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    found = ExportDecision.objects.select_related("round", "recipient")
    if is_dbg(user):
        found = found.filter(round__group_key=registry.dbg_group(user))
    else:
        if user.has_role(Role.PARTNER_VIEWER):  # type: ignore[union-attr]
            found = found.filter(recipient=user.organisation, allowed=True)  # type: ignore[union-attr]
        else:
            found = found.filter(la_code=user.la_code)  # type: ignore[union-attr]
    return render(
        request, "sharing/decision_list.html", {"title": "Concealed exports", "decisions": found}
    )


@requires("view_export_decision", load=load_decision)
def decision_detail(request: HttpRequest, decision_id: int, obj: ExportDecision) -> HttpResponse:
    record(request, Action.VIEW, obj=obj, la_codes=[obj.la_code], summary="export decision")
    return render(
        request,
        "sharing/decision_detail.html",
        {
            "title": f"Export {obj.pk}: {'allowed' if obj.allowed else 'refused'}",
            "decision": obj,
            # the full evidence may name other authorities and their figures: the DBG only
            "audit": obj.audit_evidence if dbg_of(request.user, obj.round) else None,
        },
    )


@requires("view_export_decision", load=load_decision)
def decision_download(request: HttpRequest, decision_id: int, obj: ExportDecision) -> HttpResponse:
    if not obj.allowed or obj.content is None:
        return render(request, "404.html", {"title": "Page not found"}, status=404)
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=[obj.la_code],
        purpose=obj.purpose,
        summary=f"concealed export for {obj.recipient}",
    )
    return attachment(
        bytes(obj.content),
        f"concealed_{obj.la_code}_{obj.round.period.replace(' ', '_')}.{obj.file_format}",
    )


class NationalForm(forms.Form):
    file = forms.FileField(label="National dataset (CSV)")
    source = forms.CharField(
        max_length=200, label="From", help_text="For example: North West data benchmarking group"
    )
    received = forms.DateField(label="Received on", widget=forms.DateInput(attrs={"type": "date"}))


@requires("manage_national")
def national(request: HttpRequest) -> HttpResponse:
    form = NationalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dataset = services.import_national(
            request.user,
            upload.name,
            upload.read(),
            form.cleaned_data["source"],
            form.cleaned_data["received"],
        )
        record(
            request,
            Action.UPLOAD,
            obj=dataset,
            summary=f"national dataset from {dataset.source}: {dataset.accepted} LA quarters accepted, {len(dataset.rejected)} left out",
        )
        messages.success(
            request, f"{dataset.accepted} LA quarters accepted, {len(dataset.rejected)} left out."
        )
        return redirect("sharing:national")
    own = CollectionRound.objects.filter(group_key=registry.dbg_group(request.user))
    released = [r for r in own if r.is_released]
    return render(
        request,
        "sharing/national.html",
        {
            "title": "Cross-regional dataset",
            "form": form,
            "imports": NationalImport.objects.all()[:50],
            "released": released,
        },
    )


@requires("export_national", load=load_round)
def national_export(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    release = obj.current_release
    if release is None:
        return render(request, "404.html", {"title": "Page not found"}, status=404)
    returns = []
    for released in release.returns.select_related("version"):
        figures = {f.item: f for f in released.version.figures.all()}
        returns.append(
            QuarterlyReturn(
                released.la_code,
                obj.quarter,
                {item: f.value for item, f in figures.items() if f.value is not None},
                {item: f.symbol for item, f in figures.items() if f.symbol},
            )
        )
    marking = ProtectiveMarking(
        produced_for="the DfE and other regions' data benchmarking groups",
        group=group_name(obj.group_key),
        synthetic=obj.synthetic,
    )
    data = dataset_csv(returns, marking.lines)
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=[r.la_code for r in returns],
        summary=f"national dataset {obj.period}",
    )
    return attachment(data, f"national_dataset_{obj.group_key}_{obj.period.replace(' ', '_')}.csv")


@requires("download_published")
def published_export(request: HttpRequest, year: int, la_code: str) -> HttpResponse:
    """An LA's published figures for a year, with the comparators DfE publishes: no concealment
    or permission needed, and the file says so and cites the releases."""
    if la_code not in shipped_register() or not 2013 <= year <= date.today().year + 1:
        return render(request, "404.html", {"title": "Page not found"}, status=404)
    table = published_benchmark(year).filter(pl.col("la_code") == la_code)
    check = check_published_only(table)
    if table.is_empty() or not check.all_published:
        return render(request, "404.html", {"title": "Page not found"}, status=404)
    marking = ProtectiveMarking(
        produced_for=f"anyone: every figure is published ({'; '.join(check.releases)})",
        group=", ".join(group_name(k) for k in groups_of(la_code, date.today())) or "England",
        unpublished=False,
        produced_at=timezone.now(),
    )
    record(
        request,
        Action.DOWNLOAD,
        object_type="Published",
        object_id=f"{la_code}-{year}",
        summary="published figures only",
    )
    return attachment(csv_bytes(table, marking), f"published_{la_code}_{year}.csv")
