"""The requests: the list, drafting (details and fields), submitting, and a request's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.childdata import forms, services
from tartan.web.childdata.errors import ChildDataError
from tartan.web.childdata.fields import by_table
from tartan.web.childdata.models import ChildDataRequest
from tartan.web.childdata.pages import (
    audited,
    history,
    load_request,
    refused,
    request_context,
    today,
)
from tartan.web.childdata.people import la_name, visible_requests
from tartan.web.permissions import requires


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@requires("view_child_data_requests")
def request_list(request: HttpRequest) -> HttpResponse:
    rows = [(r, la_name(r.la_code)) for r in visible_requests(request.user)]
    record(
        request,
        Action.CHILD_DATA,
        object_type="ChildDataRequest",
        summary=f"listed {len(rows)} request(s)",
    )
    return render(
        request,
        "childdata/list.html",
        {"title": "Child-level data requests", "rows": rows, "today": today()},
    )


@requires("request_child_data")
def request_new(request: HttpRequest) -> HttpResponse:
    form = forms.RequestForm(posted(request), user=request.user)
    context = {"title": "Ask for child-level data", "form": form, "submit": "Save the draft"}
    if request.method == "POST" and form.is_valid():
        try:
            made = services.create(request.user, form.details(), today(), via=request)
        except ChildDataError as error:
            return refused(request, error, "childdata/details.html", context)
        messages.success(request, f"{made.reference} is saved as a draft. Now choose the fields.")
        return redirect("childdata:fields", request_id=made.pk)
    return render(request, "childdata/details.html", context)


@audited
@requires("view_child_data_request", load=load_request)
def request_detail(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    services.audit(obj, "viewed the request", via=request)
    context = request_context(request, obj)
    return render(
        request,
        "childdata/request.html",
        {
            **context,
            "title": f"{obj.reference}: child-level data from {context['la']}",
            "dpias": list(obj.dpias.defer("content").select_related("attached_by")),
            "extract": obj.current_extract,
            "history": history(obj),
        },
    )


@audited
@requires("draft_child_data_request", load=load_request)
def request_edit(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    initial = {
        "la_code": obj.la_code,
        "purpose": obj.purpose,
        "question": obj.question,
        "recipient": str(obj.recipient_id),
        "retention_until": obj.retention_until,
    }
    form = forms.RequestForm(posted(request), user=request.user, initial=initial)
    context = {
        "title": f"Change {obj.reference}",
        "form": form,
        "req": obj,
        "submit": "Save the changes",
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.update(obj, request.user, form.details(), today(), via=request)
        except ChildDataError as error:
            return refused(request, error, "childdata/details.html", context)
        messages.success(request, "The draft is saved.")
        return redirect("childdata:fields", request_id=obj.pk)
    return render(request, "childdata/details.html", context)


@audited
@requires("draft_child_data_request", load=load_request)
def request_fields(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    form = forms.FieldsForm(posted(request), initial={"chosen": obj.fields})
    context = {
        **request_context(request, obj),
        "title": "Choose the fields",
        "form": form,
        "groups": by_table(obj.purpose),
    }
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_fields(obj, request.user, form.cleaned_data["chosen"], via=request)
        except ChildDataError as error:
            return refused(request, error, "childdata/fields.html", context)
        messages.success(request, "The fields are saved. Check the request, then submit it.")
        return redirect("childdata:request", request_id=obj.pk)
    return render(request, "childdata/fields.html", context)


@audited
@requires("draft_child_data_request", load=load_request)
def request_submit(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("childdata:request", request_id=obj.pk)
    try:
        services.submit(obj, request.user, today(), via=request)
    except ChildDataError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"{obj.reference} is submitted to {la_name(obj.la_code)}. It needs a DPIA before "
            "they can approve it.",
        )
    return redirect("childdata:request", request_id=obj.pk)
