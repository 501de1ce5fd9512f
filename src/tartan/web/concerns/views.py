"""The concerns pages: raise a worry, respond, assess, share further, escalate, record steps.

Every page is audited, refusals included, and no audit summary holds a worry's words or names
the authority concerned: the DBG reads the audit trail, and must not learn of a worry from it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.concerns.parts import (
    PART_LABELS,
    RESPONSE_PARTS,
    Part,
    agreement_withheld,
    carried_by_escalation,
    ordered,
    parse,
)
from tartan.concerns.posts import POST_LABELS, Post, peer_post
from tartan.concerns.route import Move, Refused, check, open_moves, refusal_message
from tartan.concerns.visibility import Section, sections_for, state_label
from tartan.web.accounts.models import User
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.concerns import forms, policies, services  # noqa: F401  (policies register)
from tartan.web.concerns.models import (
    DisclosureKind,
    Notification,
    SteeringGroupMembership,
    StepKind,
    Worry,
)
from tartan.web.permissions import requires

STOP_SUMMARY = "statutory-case stop shown; nothing saved"


def audited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Record a refused attempt on a worry (someone outside it, or a missing one) before the 404."""

    @wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            ref = kwargs.get("ref")
            if ref is not None and request.user.is_authenticated:
                record(
                    request,
                    Action.CONCERN,
                    object_type="Worry",
                    object_id=str(ref),
                    summary=f"refused: {request.resolver_match.url_name} (not in this worry)",
                )
            raise

    return run


def _posted(request: HttpRequest) -> Any:
    """The posted data, even when empty: an empty form posted is a form to check, not a new one."""
    return request.POST if request.method == "POST" else None


def load_worry(request: HttpRequest, ref: Any, **_: Any) -> Worry:
    return get_object_or_404(
        Worry.objects.select_related("raiser__organisation", "peer__organisation"), ref=ref
    )


def _audit(request: HttpRequest, worry: Worry | None, summary: str) -> None:
    record(
        request,
        Action.CONCERN,
        object_type="Worry",
        object_id=str(worry.ref) if worry is not None else "",
        summary=summary,
    )


def _refused(
    request: HttpRequest, worry: Worry | None, refused: Refused, move: Move
) -> HttpResponse:
    _audit(request, worry, f"refused: {move.value} ({refused.refusal.value})")
    return render(
        request,
        "concerns/refused.html",
        {"title": "You cannot do this now", "message": refused.message, "worry": worry},
        status=409,
    )


def _closed(request: HttpRequest, worry: Worry, *moves: Move) -> HttpResponse | None:
    """The refusal page if none of these moves is open to this person now, else None."""
    parties = services.parties_of(request.user, worry)
    refusals = [check(move, worry.current_state, parties) for move in moves]
    if all(refusals):
        first = next(r for r in refusals if r is not None)
        message = refusal_message(first, moves[0], worry.current_state)
        return _refused(request, worry, Refused(first, message), moves[0])
    return None


def _stop(request: HttpRequest) -> HttpResponse:
    _audit(request, None, STOP_SUMMARY)
    return render(
        request, "concerns/statutory_stop.html", {"title": "Use the statutory disclosure duties"}
    )


@audited
@requires("use_concerns")
def worry_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    mine = Q(referrer=user) | Q(raiser=user) | Q(peer=user) | Q(steering_member=user)
    rows = []
    for worry in Worry.objects.filter(mine):
        parties = services.parties_of(user, worry)
        if parties:
            name = services.authority_name(worry.la_code)
            rows.append((worry, name, state_label(parties, worry.current_state), parties))
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    _audit(request, None, f"listed own worries ({len(rows)})")
    return render(
        request,
        "concerns/list.html",
        {"title": "Worries about an authority's services", "rows": rows, "unread": unread},
    )


@audited
@requires("raise_worry")
def start(request: HttpRequest) -> HttpResponse:
    form = forms.StatutoryQuestionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["statutory_case"] == "yes":
            return _stop(request)
        return redirect("concerns:details")
    _audit(request, None, "opened the statutory-case question")
    return render(
        request,
        "concerns/start.html",
        {
            "title": "Raise a worry about an authority's services",
            "form": form,
            "refer": services.first_move(request.user) is Move.REFER,
        },
    )


@audited
@requires("raise_worry")
def details(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST" and request.POST.get("statutory_case") != "no":
        # Not answered "no" on the question page: stop before reading anything else.
        return _stop(request)
    authorities = [(a.la_code, a.name) for a in services.target_authorities(user)]
    la_code = request.POST.get("la_code", "")
    people = services.recipients(user, la_code) if la_code else []
    form = forms.WorryForm(_posted(request), authorities=authorities, people=people)
    refer = services.first_move(user) is Move.REFER
    if request.method == "POST" and form.is_valid():
        chosen = form.fields["recipient"].person(form.cleaned_data.get("recipient", ""))
        if len(people) > 1 and chosen is None:
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
                _audit(request, None, f"refused: {refused.refusal.value}")
                form.add_error(None, refused.message)
            else:
                _audit(request, worry, "referred to own DCS" if refer else "raised with the peer")
                messages.success(
                    request,
                    "Your worry is with your DCS."
                    if refer
                    else "Your worry is raised with your peer.",
                )
                return redirect("concerns:worry", ref=worry.ref)
    _audit(request, None, "opened the worry form")
    post = services.protocol_post(user)
    return render(
        request,
        "concerns/details.html",
        {
            "title": "Your worry",
            "form": form,
            "refer": refer,
            "peer_label": POST_LABELS[peer_post(post)] if post else "",
            "several": len(people) > 1,
        },
    )


def _context(request: HttpRequest, worry: Worry) -> dict[str, Any]:
    """What this person may see of the worry, and nothing else: the sections visibility allows."""
    parties = services.parties_of(request.user, worry)
    sections = sections_for(parties, worry.current_state)
    response = getattr(worry, "response", None) if Section.RESPONSE in sections else None
    disclosures = list(worry.disclosures.select_related("recipient", "made_by"))
    escalation = next((d for d in disclosures if d.kind == DisclosureKind.ESCALATION), None)
    if Section.ESCALATION not in sections:
        escalation = None
    response_rows = []
    if response is not None:
        for part in ordered(set(Part)):
            text = "See the worry as raised." if part is Part.NATURE else response.text_of(part)
            response_rows.append((part.value, PART_LABELS[part], text))
    withheld = RESPONSE_PARTS - parse(escalation.content) if escalation is not None else set()
    c = {
        "title": f"Worry about {services.authority_name(worry.la_code)}",
        "worry": worry,
        "authority": services.authority_name(worry.la_code),
        "parties": {p.value for p in parties},
        "sections": {s.value for s in sections},
        "state_label": state_label(parties, worry.current_state),
        "moves": {m.value for m in open_moves(worry.current_state, parties)},
        "response": response,
        "response_rows": response_rows,
        "further": [d for d in disclosures if d.kind == DisclosureKind.FURTHER],
        "escalation": escalation,
        "withheld_labels": [PART_LABELS[p] for p in ordered(withheld)],
        "steps": list(worry.steps.select_related("by")) if Section.STEPS in sections else [],
        "post_labels": {p.value: label for p, label in POST_LABELS.items()},
    }
    return {**c, "c": c}


@audited
@requires("view_worry", load=load_worry)
def worry_detail(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    context = _context(request, obj)
    _audit(request, obj, f"viewed as {', '.join(sorted(context['parties']))}")
    Notification.objects.filter(recipient=request.user, worry=obj, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "concerns/worry.html", context)


@audited
@requires("decide_referral", load=load_worry)
def decide(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = _closed(request, obj, Move.RAISE_REFERRAL, Move.DECLINE_REFERRAL)
    if closed:
        return closed
    people = services.people_in_post(obj.la_code, Post.DCS)
    initial = {"nature": obj.referral_text}
    form = forms.DecideReferralForm(_posted(request), people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        chosen = form.fields["recipient"].person(form.cleaned_data.get("recipient", ""))
        if decision == "raise" and len(people) > 1 and chosen is None:
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
                return _refused(request, obj, refused, Move.RAISE_REFERRAL)
            if decision == "statutory":
                _audit(request, obj, f"referral not raised: {STOP_SUMMARY}, referral erased")
                return render(
                    request,
                    "concerns/statutory_stop.html",
                    {"title": "Use the statutory disclosure duties", "erased": True},
                )
            _audit(request, obj, "referral raised" if decision == "raise" else "referral declined")
            return redirect("concerns:worry", ref=obj.ref)
    _audit(request, obj, "opened the referral decision")
    return render(
        request,
        "concerns/decide.html",
        {
            **_context(request, obj),
            "title": "Decide whether to raise it",
            "form": form,
            "several": len(people) > 1,
        },
    )


@audited
@requires("respond_to_worry", load=load_worry)
def respond(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = _closed(request, obj, Move.RESPOND)
    if closed:
        return closed
    form = forms.ResponseForm(_posted(request))
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
            return _refused(request, obj, refused, Move.RESPOND)
        _audit(request, obj, f"peer responded; agreed to share {len(data['agreed'])} parts")
        messages.success(request, "Your response is recorded.")
        return redirect("concerns:worry", ref=obj.ref)
    _audit(request, obj, "opened the response form")
    return render(
        request,
        "concerns/respond.html",
        {**_context(request, obj), "title": "Respond to the worry", "form": form},
    )


@audited
@requires("assess_response", load=load_worry)
def assess(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = _closed(request, obj, Move.DISPEL, Move.KEEP)
    if closed:
        return closed
    form = forms.AssessForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        dispelled = form.cleaned_data["dispelled"] == "yes"
        try:
            services.assess(obj, request.user, dispelled=dispelled)
        except Refused as refused:
            return _refused(request, obj, refused, Move.DISPEL if dispelled else Move.KEEP)
        _audit(request, obj, "dispelled" if dispelled else "not dispelled")
        return redirect("concerns:worry", ref=obj.ref)
    _audit(request, obj, "opened the assessment")
    return render(
        request,
        "concerns/assess.html",
        {**_context(request, obj), "title": "Does the response dispel your worry?", "form": form},
    )


@audited
@requires("share_further", load=load_worry)
def share(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = _closed(request, obj, Move.SHARE_FURTHER)
    if closed:
        return closed
    agreed = services.agreed_parts(obj)
    form = forms.ShareForm(_posted(request), agreed=agreed)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.share_further(
                obj,
                request.user,
                parts=parse(form.cleaned_data["parts"]),
                recipient_description=form.cleaned_data["recipient_description"],
            )
        except Refused as refused:
            return _refused(request, obj, refused, Move.SHARE_FURTHER)
        _audit(request, obj, f"shared {len(disclosure.content)} agreed parts further")
        messages.success(request, "The disclosure is recorded; the peer has been told.")
        return redirect("concerns:worry", ref=obj.ref)
    _audit(request, obj, "opened the sharing form")
    return render(
        request,
        "concerns/share.html",
        {**_context(request, obj), "title": "Share what the peer agreed", "form": form},
    )


@audited
@requires("escalate_worry", load=load_worry)
def escalate(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = _closed(request, obj, Move.ESCALATE)
    if closed:
        return closed
    members = services.eligible_members(obj)
    form = forms.EscalateForm(_posted(request), members=members)
    if request.method == "POST" and form.is_valid():
        member = form.members[form.cleaned_data["member"]]
        try:
            services.escalate(obj, request.user, member=member)
        except Refused as refused:
            return _refused(request, obj, refused, Move.ESCALATE)
        _audit(request, obj, "escalated to a steering-group member; peer notified")
        messages.success(request, "The worry is escalated; the peer has been told.")
        return redirect("concerns:worry", ref=obj.ref)
    agreed = services.agreed_parts(obj)
    carried = ordered(carried_by_escalation(agreed))
    _audit(request, obj, "opened the escalation form")
    return render(
        request,
        "concerns/escalate.html",
        {
            **_context(request, obj),
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
    closed = _closed(request, obj, Move.RECORD_STEP)
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
            _audit(request, obj, f"step recorded: {step_form.cleaned_data['kind']}")
            return redirect("concerns:worry", ref=obj.ref)
        if "conclude" in request.POST and conclude_form.is_valid():
            services.conclude(obj, request.user, outcome=conclude_form.cleaned_data["outcome"])
            _audit(request, obj, "outcome recorded; escalation concluded")
            return redirect("concerns:worry", ref=obj.ref)
    except Refused as refused:
        return _refused(request, obj, refused, Move.RECORD_STEP)
    _audit(request, obj, "opened the steps form")
    return render(
        request,
        "concerns/steps.html",
        {
            **_context(request, obj),
            "title": "Record a step or the outcome",
            "step_form": step_form,
            "conclude_form": conclude_form,
        },
    )


@audited
@requires("withdraw_worry", load=load_worry)
def withdraw(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    closed = _closed(request, obj, Move.WITHDRAW, Move.WITHDRAW_REFERRAL)
    if closed:
        return closed
    if request.method == "POST":
        try:
            services.withdraw(obj, request.user)
        except Refused as refused:
            return _refused(request, obj, refused, Move.WITHDRAW)
        _audit(request, obj, "withdrawn")
        return redirect("concerns:worry", ref=obj.ref)
    _audit(request, obj, "opened the withdrawal")
    return render(
        request, "concerns/withdraw.html", {**_context(request, obj), "title": "Withdraw the worry"}
    )


@audited
@requires("use_concerns")
def notifications(request: HttpRequest) -> HttpResponse:
    mine = list(Notification.objects.filter(recipient=request.user).select_related("worry"))
    _audit(request, None, f"read own notifications ({len(mine)})")
    page = render(
        request,
        "concerns/notifications.html",
        {"title": "Your notifications about worries", "notifications": mine},
    )
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return page


def _candidates() -> list[User]:
    """People who could sit on the steering group: key staff of member authorities and programme
    staff, not already members."""
    current = set(SteeringGroupMembership.objects.current().values_list("person_id", flat=True))
    people = User.objects.filter(is_active=True).select_related("organisation")
    return [
        p
        for p in people.order_by("last_name", "username")
        if p.pk not in current
        and p.has_role(*services.STEERING_ROLES)
        and (p.la_code is None or p.organisation.group_key)
    ]


@audited
@requires("manage_steering_group")
def steering_group(request: HttpRequest) -> HttpResponse:
    people = _candidates()
    form = forms.MembershipForm(_posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        person = form.people[form.cleaned_data["person"]]
        SteeringGroupMembership.objects.create(person=person, added_by=request.user)
        _audit(request, None, f"steering group: added {person.username}")
        messages.success(request, f"{person.display_name} is a member of the steering group.")
        return redirect("concerns:steering-group")
    _audit(request, None, "viewed the steering group")
    memberships = SteeringGroupMembership.objects.select_related("person__organisation")
    return render(
        request,
        "concerns/steering_group.html",
        {
            "title": "The steering group",
            "form": form,
            "current": [m for m in memberships if m.left_on is None],
            "former": [m for m in memberships if m.left_on is not None],
        },
    )


@audited
@requires("manage_steering_group")
def steering_group_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(SteeringGroupMembership, pk=membership_id, left_on__isnull=True)
    if request.method == "POST":
        membership.left_on = timezone.localdate()
        membership.ended_by = request.user
        membership.save()
        _audit(request, None, f"steering group: ended {membership.person.username}")
        messages.success(request, f"{membership.person.display_name} has left the steering group.")
    return redirect("concerns:steering-group")
