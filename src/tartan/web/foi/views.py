"""The FOI pages: the list, recording a request, one request with its consultation, an LA's
answer, and the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.web.files import marking_of_person
from tartan.web.foi import forms, services
from tartan.web.foi.models import FoiRequest
from tartan.web.groups.registry import dbg_group, group_name, groups_of
from tartan.web.permissions import requires


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def load_foi(request: HttpRequest, foi_id: int) -> FoiRequest:
    return get_object_or_404(FoiRequest, pk=foi_id)


@requires("use_foi")
def foi_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    group = dbg_group(user)
    if group:
        found = FoiRequest.objects.filter(group_key=group)
    else:
        found = FoiRequest.objects.filter(
            Q(la_code=user.la_code) | Q(consultations__la_code=user.la_code)
        ).distinct()
    return render(
        request, "foi/list.html", {"title": "Freedom of information requests", "requests": found}
    )


def groups_to_choose(la_code: str) -> list[tuple[str, str]]:
    return [(key, group_name(key)) for key in groups_of(la_code, timezone.localdate())]


@requires("record_foi")
def foi_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = forms.RequestForm(
        posted(request),
        initial={"received_on": timezone.localdate()},
        groups=groups_to_choose(user.la_code),
    )
    problem = None
    if not form.groups:
        problem = "Your LA is not in a benchmarking group today, so there is nobody to consult"
    elif request.method == "POST" and form.is_valid():
        key = form.chosen_group()
        received_on = form.cleaned_data["received_on"]
        if key not in groups_of(user.la_code, received_on):
            problem = "Your LA was not in that group on the day the request was received"
        else:
            made = services.record_request(
                request,
                user,
                key,
                form.cleaned_data["reference"],
                received_on,
                form.cleaned_data["summary"],
            )
            messages.success(
                request,
                f"Recorded. The other LAs are asked to answer by {made.respond_by:%d %B %Y}.",
            )
            return redirect("foi:detail", foi_id=made.pk)
    return render(
        request,
        "foi/new.html",
        {"title": "Record an FOI request", "form": form, "problem": problem},
    )


@requires("view_foi", load=load_foi)
def foi_detail(request: HttpRequest, foi_id: int, obj: FoiRequest) -> HttpResponse:
    from tartan.web.foi.policies import answer_foi, decide_foi

    user: Any = request.user
    own = obj.consultations.filter(la_code=user.la_code).first() if answer_foi(user, obj) else None
    return render(
        request,
        "foi/detail.html",
        {
            "title": f"FOI request {obj.reference}",
            "foi": obj,
            "consultations": obj.consultations.select_related("answered_by"),
            "own": own,
            "answer_form": forms.AnswerForm() if own else None,
            "may_decide": decide_foi(user, obj) and services.may_decide_now(obj),
            "decide_form": forms.DecideForm(),
            "marking": marking_of_person(user, obj.group_key),
        },
    )


@requires("answer_foi", load=load_foi)
def foi_answer(request: HttpRequest, foi_id: int, obj: FoiRequest) -> HttpResponse:
    user: Any = request.user
    form = forms.AnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        consultation = obj.consultations.get(la_code=user.la_code)
        try:
            services.answer(
                request,
                user,
                consultation,
                form.cleaned_data["answer"],
                form.cleaned_data["comment"],
            )
            messages.success(request, "Your LA's answer is recorded.")
        except services.FoiError as refused:
            messages.error(request, str(refused))
    return redirect("foi:detail", foi_id=obj.pk)


@requires("decide_foi", load=load_foi)
def foi_decide(request: HttpRequest, foi_id: int, obj: FoiRequest) -> HttpResponse:
    form = forms.DecideForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            user: Any = request.user
            services.decide(
                request, user, obj, form.cleaned_data["outcome"], form.cleaned_data["note"]
            )
            messages.success(request, "The outcome is recorded.")
        except services.FoiError as refused:
            messages.error(request, str(refused))
    return redirect("foi:detail", foi_id=obj.pk)
