"""The DPIA (attached, and downloaded through its policy) and the LA's decision."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.web.childdata import forms, services
from tartan.web.childdata.errors import ChildDataError
from tartan.web.childdata.models import ChildDataRequest, Dpia
from tartan.web.childdata.pages import (
    audited,
    load_dpia,
    load_request,
    refused,
    request_context,
    today,
)
from tartan.web.childdata.views import posted
from tartan.web.downloads import attachment
from tartan.web.permissions import requires


@audited
@requires("attach_dpia", load=load_request)
def dpia_attach(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    form = forms.DpiaForm(posted(request), request.FILES or None)
    context = {
        **request_context(request, obj),
        "title": "Attach the Data Protection Impact Assessment",
        "form": form,
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.attach_dpia(
                obj,
                request.user,
                document_name=data["document"].name,
                content=data["document"].read(),
                approver_name=data["approver_name"],
                approver_role=data["approver_role"],
                approved_on=data["approved_on"],
                today=today(),
                via=request,
            )
        except ChildDataError as error:
            return refused(request, error, "childdata/dpia.html", context)
        messages.success(request, "The DPIA is attached. The authority can now decide.")
        return redirect("childdata:request", request_id=obj.pk)
    return render(request, "childdata/dpia.html", context)


@audited
@requires("download_dpia", load=load_dpia)
def dpia_download(request: HttpRequest, dpia_id: int, obj: Dpia) -> HttpResponse:
    content = Dpia.objects.values_list("content", flat=True).get(pk=obj.pk)
    services.audit(obj.request, f"downloaded the DPIA {obj.document_name}", via=request)
    return attachment(bytes(content), obj.document_name)


@audited
@requires("decide_child_data_request", load=load_request)
def decide(request: HttpRequest, request_id: int, obj: ChildDataRequest) -> HttpResponse:
    form = forms.DecisionForm(posted(request))
    context = {
        **request_context(request, obj),
        "title": f"Decide on {obj.reference}",
        "form": form,
        "dpia": obj.current_dpia,
    }
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        approving = form.cleaned_data["decision"] == "approve"
        try:
            if approving:
                services.approve(obj, request.user, note, today(), via=request)
            else:
                services.refuse(obj, request.user, note, via=request)
        except ChildDataError as error:
            return refused(request, error, "childdata/decide.html", context)
        messages.success(request, f"{obj.reference} is {'approved' if approving else 'refused'}.")
        return redirect("childdata:request", request_id=obj.pk)
    if request.method == "GET":
        services.audit(obj, "opened the decision page", via=request)
    return render(request, "childdata/decide.html", context)
