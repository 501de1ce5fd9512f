"""Raising a worry: the statutory-case question first, then the worry; and the DCS's decision
on a referral from their staff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tartan.concerns.posts import POST_LABELS, Post, peer_post
from tartan.concerns.route import Move, Refused
from tartan.web.concerns import forms, people, services
from tartan.web.concerns.models import (
    Worry,
)
from tartan.web.concerns.pages import (
    STOP_SUMMARY,
    audit,
    audited,
    closed_page,
    load_worry,
    posted,
    refused_page,
    stop_page,
    worry_context,
)
from tartan.web.permissions import requires


@audited
@requires("raise_worry")
def start(request: HttpRequest) -> HttpResponse:
    form = forms.StatutoryQuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["statutory_case"] == "yes":
            return stop_page(request)
        return redirect("concerns:details")
    audit(request, None, "opened the statutory-case question")
    return render(
        request,
        "concerns/start.html",
        {
            "title": "Raise a worry about an authority's services",
            "form": form,
            "refer": people.first_move(request.user) is Move.REFER,
        },
    )


@audited
@requires("raise_worry")
def details(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST" and request.POST.get("statutory_case") != "no":
        # Not answered "no" on the question page: stop before reading anything else.
        return stop_page(request)
    authorities = [(a.la_code, a.name) for a in people.target_authorities(user)]
    la_code = request.POST.get("la_code", "")
    candidates = people.recipients(user, la_code) if la_code else []
    form = forms.WorryForm(posted(request), authorities=authorities, people=candidates)
    refer = people.first_move(user) is Move.REFER
    if request.method == "POST" and form.is_valid():
        chosen = form.fields["recipient"].person(form.cleaned_data.get("recipient", ""))
        if len(candidates) > 1 and chosen is None:
            form.add_error("recipient", "More than one person holds that post: choose who")
        else:
            try:
                worry = services.start(
                    user,
                    la_code=form.cleaned_data["la_code"],
                    text=form.cleaned_data["nature"],
                    statutory_case=False,
                    recipient=chosen,
                )
            except Refused as refused:
                audit(request, None, f"refused: {refused.refusal.value}")
                form.add_error(None, refused.message)
            else:
                audit(request, worry, "referred to own DCS" if refer else "raised with the peer")
                messages.success(
                    request,
                    "Your worry is with your DCS."
                    if refer
                    else "Your worry is raised with your peer.",
                )
                return redirect("concerns:worry", ref=worry.ref)
    audit(request, None, "opened the worry form")
    post = people.protocol_post(user)
    return render(
        request,
        "concerns/details.html",
        {
            "title": "Your worry",
            "form": form,
            "refer": refer,
            "peer_label": POST_LABELS[peer_post(post)] if post else "",
            "several": len(candidates) > 1,
        },
    )


@audited
@requires("decide_referral", load=load_worry)
def decide(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = closed_page(request, obj, Move.RAISE_REFERRAL, Move.DECLINE_REFERRAL)
    if closed:
        return closed
    candidates = people.people_in_post(obj.la_code, Post.DCS)
    initial = {"nature": obj.referral_text}
    form = forms.DecideReferralForm(posted(request), people=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        chosen = form.fields["recipient"].person(form.cleaned_data.get("recipient", ""))
        if decision == "raise" and len(candidates) > 1 and chosen is None:
            form.add_error("recipient", "More than one DCS is registered there: choose who")
        else:
            try:
                services.decide_referral(
                    obj,
                    request.user,
                    raise_it=decision == "raise",
                    statutory_case=decision == "statutory",
                    nature=form.cleaned_data["nature"],
                    recipient=chosen,
                )
            except Refused as refused:
                return refused_page(request, obj, refused, Move.RAISE_REFERRAL)
            if decision == "statutory":
                audit(request, obj, f"referral not raised: {STOP_SUMMARY}, referral erased")
                return render(
                    request,
                    "concerns/statutory_stop.html",
                    {"title": "Use the statutory disclosure duties", "erased": True},
                )
            audit(request, obj, "referral raised" if decision == "raise" else "referral declined")
            return redirect("concerns:worry", ref=obj.ref)
    audit(request, obj, "opened the referral decision")
    return render(
        request,
        "concerns/decide.html",
        {
            **worry_context(request, obj),
            "title": "Decide whether to raise it",
            "form": form,
            "several": len(candidates) > 1,
        },
    )
