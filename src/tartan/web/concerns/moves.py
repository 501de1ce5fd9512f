"""The moves after raising: the peer responds, the colleague assesses the response, shares what
the peer agreed or escalates, the steering-group member records steps, and withdrawal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.concerns.parts import (
    PART_LABELS,
    RESPONSE_PARTS,
    agreement_withheld,
    carried_by_escalation,
    ordered,
    parse,
)
from tartan.concerns.route import Move, Refused
from tartan.web.concerns import forms, people, services
from tartan.web.concerns.models import (
    StepKind,
    Worry,
)
from tartan.web.concerns.pages import (
    audit,
    audited,
    closed_page,
    load_worry,
    posted,
    refused_page,
    worry_context,
)
from tartan.web.permissions import requires


@audited
@requires("respond_to_worry", load=load_worry)
def respond(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.RESPOND)
    if closed:
        return closed
    form = forms.ResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.respond(
                obj,
                request.user,
                facts_verified=data["facts_verified"],
                facts_note=data["facts_note"],
                account=data["account"],
                helpful_actions=data["helpful_actions"],
                self_referral=data["self_referral"],
                self_referral_note=data["self_referral_note"],
                agreed=parse(data["agreed"]),
            )
        except Refused as refused:
            return refused_page(request, obj, refused, Move.RESPOND)
        audit(request, obj, f"peer responded; agreed to share {len(data['agreed'])} parts")
        messages.success(request, "Your response is recorded.")
        return redirect("concerns:worry", ref=obj.ref)
    audit(request, obj, "opened the response form")
    return render(
        request,
        "concerns/respond.html",
        {**worry_context(request, obj), "title": "Respond to the worry", "form": form},
    )


@audited
@requires("assess_response", load=load_worry)
def assess(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.DISPEL, Move.KEEP)
    if closed:
        return closed
    form = forms.AssessForm(posted(request))
    if request.method == "POST" and form.is_valid():
        dispelled = form.cleaned_data["dispelled"] == "yes"
        try:
            services.assess(obj, request.user, dispelled=dispelled)
        except Refused as refused:
            return refused_page(request, obj, refused, Move.DISPEL if dispelled else Move.KEEP)
        audit(request, obj, "dispelled" if dispelled else "not dispelled")
        return redirect("concerns:worry", ref=obj.ref)
    audit(request, obj, "opened the assessment")
    return render(
        request,
        "concerns/assess.html",
        {
            **worry_context(request, obj),
            "title": "Does the response dispel your worry?",
            "form": form,
        },
    )


@audited
@requires("share_further", load=load_worry)
def share(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.SHARE_FURTHER)
    if closed:
        return closed
    agreed = people.agreed_parts(obj)
    form = forms.ShareForm(posted(request), agreed=agreed)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.share_further(
                obj,
                request.user,
                parts=parse(form.cleaned_data["parts"]),
                recipient_description=form.cleaned_data["recipient_description"],
            )
        except Refused as refused:
            return refused_page(request, obj, refused, Move.SHARE_FURTHER)
        audit(request, obj, f"shared {len(disclosure.content)} agreed parts further")
        messages.success(request, "The disclosure is recorded; the peer has been told.")
        return redirect("concerns:worry", ref=obj.ref)
    audit(request, obj, "opened the sharing form")
    return render(
        request,
        "concerns/share.html",
        {**worry_context(request, obj), "title": "Share what the peer agreed", "form": form},
    )


@audited
@requires("escalate_worry", load=load_worry)
def escalate(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.ESCALATE)
    if closed:
        return closed
    members = people.eligible_members(obj)
    form = forms.EscalateForm(posted(request), members=members)
    if request.method == "POST" and form.is_valid():
        member = form.members[form.cleaned_data["member"]]
        try:
            services.escalate(obj, request.user, member=member)
        except Refused as refused:
            return refused_page(request, obj, refused, Move.ESCALATE)
        audit(request, obj, "escalated to a steering-group member; peer notified")
        messages.success(request, "The worry is escalated; the peer has been told.")
        return redirect("concerns:worry", ref=obj.ref)
    agreed = people.agreed_parts(obj)
    carried = ordered(carried_by_escalation(agreed))
    audit(request, obj, "opened the escalation form")
    return render(
        request,
        "concerns/escalate.html",
        {
            **worry_context(request, obj),
            "title": "Escalate to the steering group",
            "form": form,
            "members": members,
            "carried": [(PART_LABELS[p], obj.part_text(p)) for p in carried],
            "withheld_preview": [PART_LABELS[p] for p in ordered(RESPONSE_PARTS - agreed)],
            "agreement_given": not agreement_withheld(agreed),
        },
    )


@audited
@requires("record_escalation_step", load=load_worry)
def step(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.RECORD_STEP)
    if closed:
        return closed
    step_form = forms.StepForm(request.POST if "record_step" in request.POST else None)
    conclude_form = forms.ConcludeForm(request.POST if "conclude" in request.POST else None)
    try:
        if "record_step" in request.POST and step_form.is_valid():
            services.record_step(
                obj,
                request.user,
                kind=StepKind(step_form.cleaned_data["kind"]),
                text=step_form.cleaned_data["text"],
            )
            audit(request, obj, f"step recorded: {step_form.cleaned_data['kind']}")
            return redirect("concerns:worry", ref=obj.ref)
        if "conclude" in request.POST and conclude_form.is_valid():
            services.conclude(obj, request.user, outcome=conclude_form.cleaned_data["outcome"])
            audit(request, obj, "outcome recorded; escalation concluded")
            return redirect("concerns:worry", ref=obj.ref)
    except Refused as refused:
        return refused_page(request, obj, refused, Move.RECORD_STEP)
    audit(request, obj, "opened the steps form")
    return render(
        request,
        "concerns/steps.html",
        {
            **worry_context(request, obj),
            "title": "Record a step or the outcome",
            "step_form": step_form,
            "conclude_form": conclude_form,
        },
    )


@audited
@requires("withdraw_worry", load=load_worry)
def withdraw(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.WITHDRAW, Move.WITHDRAW_REFERRAL)
    if closed:
        return closed
    if request.method == "POST":
        try:
            services.withdraw(obj, request.user)
        except Refused as refused:
            return refused_page(request, obj, refused, Move.WITHDRAW)
        audit(request, obj, "withdrawn")
        return redirect("concerns:worry", ref=obj.ref)
    audit(request, obj, "opened the withdrawal")
    return render(
        request,
        "concerns/withdraw.html",
        {**worry_context(request, obj), "title": "Withdraw the worry"},
    )
