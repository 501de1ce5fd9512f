"""Recording an FOI request, consulting the other member LAs, their answers, and the outcome."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from tartan.childlevel.workdays import bank_holidays
from tartan.web.accounts.models import User
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.foi.models import Answer, Consultation, FoiRequest, Outcome
from tartan.web.groups.registry import members_on
from tartan.web.mail import protocol as messages

CONSULTATION_WORKING_DAYS = 20
DEADLINE_RULE = "20 working days: weekends and England bank holidays not counted"


class FoiError(ValueError):
    """A step not open now; the message says why."""


def working_days_after(start: date, days: int) -> date:
    """``days`` working days after ``start``, the day received being day 0 (as the FOI Act
    counts): weekdays that are not England bank holidays, substitute days included, from the
    library's list of bank holidays (``tartan.childlevel.workdays``)."""
    bank = set(bank_holidays())
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in bank:
            counted += 1
    return day


@transaction.atomic
def record_request(
    request: HttpRequest | None,
    user: User,
    group_key: str,
    reference: str,
    received_on: date,
    summary: str,
) -> FoiRequest:
    la_code = user.la_code
    if not la_code:
        raise FoiError("only an LA records the FOI requests it receives")
    made = FoiRequest.objects.create(
        group_key=group_key,
        la_code=la_code,
        reference=reference,
        received_on=received_on,
        summary=summary,
        respond_by=working_days_after(received_on, CONSULTATION_WORKING_DAYS),
        deadline_rule=DEADLINE_RULE,
        recorded_by=user,
    )
    others = [c for c in members_on(group_key, received_on) if c != la_code]
    Consultation.objects.bulk_create(Consultation(request=made, la_code=c) for c in others)
    record(
        request,
        Action.GOVERNANCE,
        obj=made,
        user=user,
        la_codes=[la_code, *others],
        summary=f"FOI request {reference} recorded; {len(others)} LAs consulted by {made.respond_by}",
    )
    # In this transaction: a consultation is never recorded untold, nor told unrecorded.
    messages.foi_consultation(made, others)
    return made


@transaction.atomic
def answer(
    request: HttpRequest | None, user: User, consultation: Consultation, choice: str, comment: str
) -> Consultation:
    if consultation.request.outcome != Outcome.PENDING:
        raise FoiError("the outcome is decided: answers are closed")
    consultation.answer = Answer(choice)
    consultation.comment = comment
    consultation.answered_by = user
    consultation.answered_at = timezone.now()
    consultation.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=consultation.request,
        user=user,
        la_codes=[consultation.la_code, consultation.request.la_code],
        summary=f"FOI {consultation.request.reference}: {consultation.la_code} {consultation.get_answer_display().lower()}",
    )
    return consultation


def may_decide_now(foi: FoiRequest, today: date | None = None) -> bool:
    """Every consulted LA has answered, or the deadline has passed."""
    day = today or timezone.localdate()
    waiting = foi.consultations.filter(answer=Answer.WAITING).exists()
    return foi.outcome == Outcome.PENDING and (not waiting or day > foi.respond_by)


def objections(foi: FoiRequest) -> list[str]:
    return list(foi.consultations.filter(answer=Answer.OBJECT).values_list("la_code", flat=True))


@transaction.atomic
def decide(
    request: HttpRequest | None, user: User, foi: FoiRequest, outcome: str, note: str
) -> FoiRequest:
    if not may_decide_now(foi):
        raise FoiError("wait for every consulted LA to answer, or for the deadline to pass")
    if outcome in (Outcome.RELEASED, Outcome.PARTLY) and objections(foi):
        raise FoiError(
            "an LA objects: its unpublished figures are not released without the group's permission"
        )
    foi.outcome = Outcome(outcome)
    foi.outcome_note = note
    foi.decided_by = user
    foi.decided_on = timezone.localdate()
    foi.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=foi,
        user=user,
        la_codes=[foi.la_code, *foi.consultations.values_list("la_code", flat=True)],
        summary=f"FOI {foi.reference}: outcome {foi.get_outcome_display().lower()}",
    )
    return foi
