"""The data itself: the LA uploads the extract, the recipient downloads it; the LA's erasure
register; retention, flagged and purged."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.childlevel.erasure import Erasure
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.childdata import forms, retention, services, transfers
from tartan.web.childdata.errors import ChildDataError, NotNow
from tartan.web.childdata.models import ChildDataExtract, ChildDataRequest, ErasedChild, Status
from tartan.web.childdata.pages import audited, load_request, refused, request_context, today
from tartan.web.childdata.people import la_name
from tartan.web.childdata.views import posted
from tartan.web.downloads import attachment
from tartan.web.permissions import requires


@audited
@requires("upload_child_data", load=load_request)
def extract_upload(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    context = {
        **request_context(request, obj),
        "title": "Upload the extract",
        "form": forms.ExtractForm(),
    }
    form = forms.ExtractForm(posted(request), request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["extract"]
        try:
            stored = transfers.receive_extract(
                obj, request.user, upload.name, upload.read(), today(), via=request
            )
        except ChildDataError as error:
            services.audit(obj, f"extract refused: {error.message}", via=request)
            return refused(request, error, "childdata/upload.html", context)
        left_out = (
            f" {stored.erased_left_out} erased child(ren) were left out."
            if stored.erased_left_out
            else ""
        )
        messages.success(
            request,
            f"The extract is stored: {stored.children} children.{left_out} Only "
            f"{obj.recipient.display_name} can download it.",
        )
        return redirect("childdata:request", request_id=obj.pk)
    return render(request, "childdata/upload.html", context)


@audited
@requires("download_child_data", load=load_request)
def extract_download(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    extract = obj.current_extract
    if obj.status != Status.DATA_RECEIVED or extract is None:
        raise Http404("no data")
    if obj.past_retention(today()):
        error = NotNow("The data is past its retention date: it can no longer be downloaded.")
        services.audit(obj, "download refused: past its retention date", via=request)
        return refused(
            request,
            error,
            "childdata/gone.html",
            {**request_context(request, obj), "title": "The data has expired"},
        )
    content = ChildDataExtract.objects.values_list("content", flat=True).get(pk=extract.pk)
    services.audit(
        obj,
        f"downloaded the extract ({extract.children} children, sha256 {extract.sha256[:12]}…)",
        via=request,
    )
    return attachment(bytes(content), f"child-level-request-{obj.pk}.zip", "application/zip")


@requires("manage_retention")
def retention_page(request: HttpRequest) -> HttpResponse:
    now = today()
    if request.method == "POST":
        purged = retention.purge_expired(now, user=request.user, via=request)
        if purged:
            messages.success(
                request,
                f"Purged {len(purged)} request(s): {', '.join(r.reference for r in purged)}.",
            )
        else:
            messages.success(request, "Nothing was past its retention date.")
        return redirect("childdata:retention")
    record(
        request,
        Action.CHILD_DATA,
        object_type="ChildDataRequest",
        summary="opened the retention page",
    )
    recently = ChildDataRequest.objects.filter(status=Status.PURGED).order_by("-purged_at")[:20]
    return render(
        request,
        "childdata/retention.html",
        {
            "title": "Retention of child-level data",
            "flagged": [(r, la_name(r.la_code)) for r in retention.past_retention(now)],
            "due": [(r, la_name(r.la_code)) for r in retention.due_soon(now)],
            "purged": [(r, la_name(r.la_code)) for r in recently],
            "today": now,
            "days": retention.DUE_SOON_DAYS,
        },
    )


@requires("record_erasures")
def erasures(request: HttpRequest) -> HttpResponse:
    la_code = request.user.la_code  # type: ignore[union-attr]
    which = request.POST.get("form") if request.method == "POST" else None
    one = forms.ErasureForm(request.POST if which == "one" else None)
    upload = forms.RegisterForm(
        request.POST if which == "register" else None,
        request.FILES if which == "register" else None,
    )
    context = {
        "title": f"Erased children: {la_name(la_code)}",
        "one": one,
        "upload": upload,
        "entries": ErasedChild.objects.filter(la_code=la_code).select_related("recorded_by"),
    }
    entries: list[Erasure] = []
    if which == "one" and one.is_valid():
        data = one.cleaned_data
        entries = [Erasure(data["pseudonym"], data["key_id"], today(), data["reason"])]
    elif which == "register" and upload.is_valid():
        entries = upload.cleaned_data["register"]
    if entries:
        try:
            added, rewritten = transfers.record_erasures(request.user, entries, via=request)
        except ChildDataError as error:
            return refused(request, error, "childdata/erasures.html", context)
        messages.success(
            request,
            f"{added} erasure(s) recorded ({len(entries) - added} already on the register); "
            f"{rewritten} stored extract(s) rewritten without the erased children.",
        )
        return redirect("childdata:erasures")
    if request.method == "GET":
        record(
            request,
            Action.CHILD_DATA,
            object_type="ErasedChild",
            la_codes=[la_code],
            summary="opened the erasure register",
        )
    return render(request, "childdata/erasures.html", context)
