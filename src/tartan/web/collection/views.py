"""Collection rounds: open, submit, read the findings, explain, check, sign off, release."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.catalogue import shipped_catalogue
from tartan.periods import Period, PeriodError
from tartan.reference.register import shipped_register
from tartan.returns.reader import MAX_FILE_BYTES
from tartan.returns.template import template_csv, template_xlsx
from tartan.rug.model import note_choices
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection import policies, services
from tartan.web.collection.models import (
    CollectionRound,
    ContextNote,
    DbgQuery,
    Explanation,
    Finding,
    QueryStatus,
    ReturnVersion,
)
from tartan.web.downloads import attachment
from tartan.web.groups import registry
from tartan.web.mail import reminders
from tartan.web.markings import marking_for
from tartan.web.permissions import requires


def load_round(request: HttpRequest, round_id: int, **_: Any) -> CollectionRound:
    return get_object_or_404(CollectionRound, pk=round_id)


def load_round_la(
    request: HttpRequest, round_id: int, la_code: str, **_: Any
) -> tuple[CollectionRound, str]:
    if la_code not in shipped_register():
        raise Http404("no such LA")
    return get_object_or_404(CollectionRound, pk=round_id), la_code


def load_version(request: HttpRequest, version_id: int, **_: Any) -> ReturnVersion:
    return get_object_or_404(ReturnVersion.objects.select_related("round"), pk=version_id)


def load_query(request: HttpRequest, query_id: int, **_: Any) -> DbgQuery:
    return get_object_or_404(DbgQuery.objects.select_related("round"), pk=query_id)


class RoundForm(forms.Form):
    period = forms.CharField(label="Quarter", help_text="For example, 2025-26 Q2")
    deadline = forms.DateField(
        label="Deadline for returns",
        help_text="For example, 2025-11-14",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_period(self) -> str:
        try:
            period = Period.parse(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        if not period.is_quarter:
            raise forms.ValidationError("A round collects one quarter, like 2025-26 Q2")
        return period.label


@requires("view_rounds")
def round_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    rounds = CollectionRound.objects.all()
    # Each person sees the rounds of their own groups: an LA's members, the DBG its own.
    rounds = rounds.filter(group_key__in=registry.groups_of_person(user, timezone.localdate()))
    mine = {}
    if user.la_code:  # type: ignore[union-attr]
        for each in rounds:
            mine[each.pk] = services.latest_versions(each).get(user.la_code)  # type: ignore[union-attr]
    return render(
        request,
        "collection/round_list.html",
        {"title": "Collection rounds", "rounds": rounds, "mine": mine, "today": date.today()},
    )


@requires("manage_rounds")
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.open_round(
                request.user,
                registry.dbg_group(request.user),
                form.cleaned_data["period"],
                form.cleaned_data["deadline"],
            )
        except services.CycleError as error:
            form.add_error("period", str(error))
        else:
            record(
                request,
                Action.ROUND,
                obj=created,
                summary=f"opened {created.period}, deadline {created.deadline}",
            )
            messages.success(request, f"The round for {created.period} is open.")
            return redirect("collection:round", round_id=created.pk)
    return render(
        request, "collection/round_new.html", {"title": "Open a collection round", "form": form}
    )


FILTERS = {
    "ready": "Ready",
    "waiting": "Queries or questions open",
    "late": "Late",
    "missing": "Not yet submitted",
}


@requires("manage_rounds", load=load_round)
def round_detail(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    statuses = services.dashboard(obj)
    shown = request.GET.get("show", "")
    counts = {state: sum(1 for s in statuses if s.state == state) for state in FILTERS}
    return render(
        request,
        "collection/round_detail.html",
        {
            "title": f"Round {obj.period}",
            "round": obj,
            "statuses": [s for s in statuses if s.state == shown] if shown in FILTERS else statuses,
            "counts": counts,
            "filters": FILTERS,
            "shown": shown if shown in FILTERS else "",
            "overdue": obj.status == "open" and timezone.localdate() > obj.deadline,
            "sign_off_blockers": services.sign_off_blockers(statuses),
            "release_blockers": services.release_blockers(obj),
            "releases": obj.releases.all(),
            "sign_offs": obj.sign_offs.all(),
        },
    )


@requires("chase_late_return", load=load_round_la)
def chase(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    """One click: the overdue message to a late LA's people, now, recorded."""
    round_, code = obj
    if request.method == "POST":
        sent = reminders.overdue_message(round_, code, timezone.localdate(), dcs=False, chase=True)
        record(
            request,
            Action.ROUND,
            obj=round_,
            la_codes=[code],
            summary=f"chased {code} for {round_.period}: {len(sent)} message(s)",
        )
        name = shipped_register()[code].name
        if sent:
            messages.success(request, f"{name} is chased: {len(sent)} people told.")
        else:
            messages.error(request, f"Nobody at {name} has an email address to chase.")
    return redirect("collection:round", round_id=round_.pk)


@requires("submit_return", load=load_round)
def template_download(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    la = shipped_register()[request.user.la_code]  # type: ignore[index,union-attr]
    as_xlsx = request.GET.get("format") == "xlsx"
    data = (template_xlsx if as_xlsx else template_csv)(la, obj.quarter, shipped_catalogue())
    name = f"return_{la.code}_{obj.period.replace(' ', '_')}.{'xlsx' if as_xlsx else 'csv'}"
    record(request, Action.DOWNLOAD, obj=obj, summary=f"blank template {name}")
    return attachment(data, name)


TOO_LARGE = "The file is larger than 5 MB; a return is a few kilobytes."


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Your return", help_text="CSV or Excel workbook (.xlsx), up to 5 MB"
    )


@requires("submit_return", load=load_round)
def submit(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            form.add_error("file", TOO_LARGE)
        else:
            la_code = request.user.la_code  # type: ignore[union-attr]
            version = services.submit(obj, la_code, request.user, upload.name, upload.read())
            record(
                request,
                Action.UPLOAD,
                obj=version,
                la_codes=[la_code],
                summary=f"{version.original_name} ({version.size} bytes, sha256 {version.sha256[:12]}…)",
            )
            record(
                request,
                Action.VALIDATE,
                obj=version,
                la_codes=[la_code],
                summary=f"{version.status}: {version.error_count} errors, {version.query_count} queries",
            )
            return redirect("collection:return", round_id=obj.pk, la_code=la_code)
    return render(
        request,
        "collection/submit.html",
        {
            "title": f"Submit your return for {obj.period}",
            "round": obj,
            "form": form,
            "items": list(shipped_catalogue().items.values()),
        },
    )


def item_named(code: str) -> str:
    """An item's code with its label, as people read it ("s47, Section 47 enquiries started")."""
    items = shipped_catalogue().items
    return f"{code}, {items[code].label}" if code in items else code


def _return_page(
    request: HttpRequest, round_: CollectionRound, code: str, **problems: Any
) -> HttpResponse:
    """The return's page; ``problems`` carry a refused form's error and what was typed."""
    versions = list(round_.versions.filter(la_code=code).order_by("-number"))
    latest = versions[0] if versions else None
    findings = list(latest.findings.prefetch_related("explanations")) if latest else []
    accepted = services.latest_accepted(round_).get(code)
    figures = {f.item: f for f in accepted.figures.all()} if accepted else {}
    if accepted:
        record(
            request,
            Action.VIEW,
            obj=accepted,
            la_codes=[code],
            summary=f"return figures {code} {round_.period}",
        )
    notes = {}
    for note in ContextNote.objects.filter(round=round_, la_code=code):
        notes.setdefault(note.indicator, note)
    queries = [f for f in findings if f.is_query]
    threads = list(round_.queries.filter(la_code=code))
    context = {
        "title": f"{shipped_register()[code].name}: return for {round_.period}",
        "round": round_,
        "la_code": code,
        "versions": versions,
        "latest": latest,
        "errors": [f for f in findings if not f.is_query],
        "queries": queries,
        "to_explain": [f for f in queries if not f.explanations.all()],
        "accepted": accepted,
        "figures": [(item, figures.get(item.id)) for item in shipped_catalogue().items.values()],
        "item_named": item_named,
        "note_rows": note_choices(shipped_catalogue()),
        "row_names": {key: f"{n}. {t}" for key, n, t in note_choices(shipped_catalogue())},
        "notes": notes,
        "threads": threads,
        "open_threads": [t for t in threads if t.status != QueryStatus.CLOSED],
        "marking": marking_for(request, round_.group_key, round_.synthetic) if accepted else None,
        **problems,
    }
    return render(request, "collection/return_detail.html", context)


@requires("view_return", load=load_round_la)
def return_detail(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    round_, code = obj
    return _return_page(request, round_, code)


@requires("explain_queries", load=load_round_la)
def explain(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    round_, code = obj
    if request.method != "POST":
        return redirect("collection:return", round_id=round_.pk, la_code=code)
    text = request.POST.get("text", "").strip()
    finding = Finding.objects.filter(
        pk=request.POST.get("finding", "0") or 0,
        version__round=round_,
        version__la_code=code,
        severity="query",
    ).first()
    if finding is None:
        return _return_page(
            request, round_, code, explain_error="Choose the query you are explaining."
        )
    if not text:
        return _return_page(
            request,
            round_,
            code,
            explain_error=f"Write your explanation of {finding.code} ({item_named(finding.item)}): "
            "the explanation is empty.",
            explain_finding=finding.pk,
        )
    Explanation.objects.create(finding=finding, text=text[:2000], by=request.user)
    record(
        request,
        Action.EXPLAIN,
        obj=finding,
        la_codes=[code],
        summary=f"{finding.code} {item_named(finding.item)}",
    )
    messages.success(
        request, f"Your explanation of {finding.code} ({item_named(finding.item)}) is saved."
    )
    return redirect("collection:return", round_id=round_.pk, la_code=code)


@requires("add_context_note", load=load_round_la)
def add_note(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    round_, code = obj
    if request.method != "POST":
        return redirect("collection:return", round_id=round_.pk, la_code=code)
    indicator = request.POST.get("indicator", "")
    text = request.POST.get("text", "").strip()
    rows = {key: f"{n}. {t}" for key, n, t in note_choices(shipped_catalogue())}
    problem = ""
    if indicator not in rows:
        problem = "Choose the row of the rug the note is about."
    elif not text:
        problem = f"Write the note for {rows[indicator]}: the note is empty."
    if problem:
        return _return_page(
            request, round_, code, note_error=problem, note_typed=text, note_row=indicator
        )
    ContextNote.objects.create(
        round=round_, la_code=code, indicator=indicator, text=text[:500], by=request.user
    )
    record(request, Action.NOTE, obj=round_, la_codes=[code], summary=f"note on {rows[indicator]}")
    messages.success(request, "Your note is saved; it shows beside the figure on the rug.")
    return redirect("collection:return", round_id=round_.pk, la_code=code)


@requires("download_version", load=load_version)
def version_download(request: HttpRequest, version_id: int, obj: ReturnVersion) -> HttpResponse:
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=[obj.la_code],
        summary=f"original upload {obj.original_name}",
    )
    return attachment(bytes(obj.content), obj.original_name, "application/octet-stream")


class QueryForm(forms.Form):
    subject = forms.CharField(max_length=200, label="Subject")
    text = forms.CharField(widget=forms.Textarea, label="Your question for the LA")


@requires("raise_query", load=load_round_la)
def query_new(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    round_, code = obj
    form = QueryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        query = services.raise_query(
            round_, code, request.user, form.cleaned_data["subject"], form.cleaned_data["text"]
        )
        record(
            request, Action.QUERY, obj=query, la_codes=[code], summary=f"raised: {query.subject}"
        )
        return redirect("collection:query", query_id=query.pk)
    return render(
        request,
        "collection/query_new.html",
        {
            "title": f"Ask {shipped_register()[code].name} a question about its return",
            "round": round_,
            "la_code": code,
            "form": form,
        },
    )


@requires("view_query", load=load_query)
def query_detail(request: HttpRequest, query_id: int, obj: DbgQuery) -> HttpResponse:
    text = request.POST.get("text", "").strip()
    problem = ""
    if request.method == "POST" and not text:
        problem = "Write your reply: the reply is empty."
    elif request.method == "POST":
        from_dbg = policies.is_dbg(request.user)
        services.reply(
            obj,
            request.user,
            text[:4000],
            from_dbg=from_dbg,
            close=from_dbg and "close" in request.POST,
        )
        record(
            request,
            Action.QUERY,
            obj=obj,
            la_codes=[obj.la_code],
            summary="replied" + (" and closed" if "close" in request.POST else ""),
        )
        return redirect("collection:query", query_id=obj.pk)
    # A thread talks about the LA's unpublished figures: opening it is a view like any other.
    record(
        request,
        Action.VIEW,
        obj=obj,
        la_codes=[obj.la_code],
        summary=f"query thread {obj.pk} {obj.round.period}",
    )
    return render(
        request,
        "collection/query_detail.html",
        {
            "title": obj.subject,
            "query": obj,
            "messages_list": obj.messages.select_related("author"),
            "problem": problem,
        },
    )


@requires("manage_rounds", load=load_round)
def sign_off(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    if request.method == "POST":
        try:
            services.sign_off(obj, request.user, request.POST.get("note", "")[:1000])
        except services.CycleError as error:
            messages.error(request, str(error))
        else:
            record(
                request,
                Action.SIGN_OFF,
                obj=obj,
                la_codes=services.members(obj),
                summary=f"signed off {obj.period}",
            )
            messages.success(request, f"{obj.period} is signed off. It can now be released.")
    return redirect("collection:round", round_id=obj.pk)


@requires("manage_rounds", load=load_round)
def release(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    statuses = services.dashboard(obj)
    missing = [s for s in statuses if s.accepted is None]
    error = ""
    if request.method == "POST":
        exclusions = {s.la_code: request.POST.get(f"exclude_{s.la_code}", "") for s in missing}
        try:
            made = services.release(obj, request.user, exclusions, request.POST.get("reason", ""))
        except services.CycleError as problem:
            error = str(problem)
        else:
            record(
                request,
                Action.RELEASE,
                obj=made,
                la_codes=[s.la_code for s in statuses if s.accepted],
                summary=f"release {made.number} of {obj.period}",
            )
            messages.success(request, f"{obj.period} is released (release {made.number}).")
            return redirect("collection:round", round_id=obj.pk)
    return render(
        request,
        "collection/release.html",
        {
            "title": f"Release {obj.period}",
            "round": obj,
            "missing": missing,
            "error": error,
            "typed": request.POST if request.method == "POST" else {},
            "blockers": services.release_blockers(obj),
            "correction": obj.current_release is not None,
        },
    )
