"""Memoranda: parties, signatures (and a variation taking effect on the last one), reviews,
termination, and the memorandum as it stood on a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from tartan.governance import signing
from tartan.governance.signing import SignatoryRole, SigningError
from tartan.web.accounts.models import Organisation
from tartan.web.governance.models import (
    Document,
    Memorandum,
    MemorandumStatus,
    NotSignedByAll,
    Party,
    Review,
    Signature,
    Termination,
    Variation,
    VariationKind,
)
from tartan.web.governance.services import GovernanceError


def _locked(memorandum: Memorandum) -> Memorandum:
    return Memorandum.objects.select_for_update().get(pk=memorandum.pk)


@transaction.atomic
def add_parties(memorandum: Memorandum, organisations: list[Organisation]) -> list[Party]:
    memo = _locked(memorandum)
    if memo.status != MemorandumStatus.AWAITING:
        raise GovernanceError(
            "parties join before the memorandum is in force; after that, add them by a variation"
        )
    made = []
    for organisation in organisations:
        party, created = Party.objects.get_or_create(memorandum=memo, organisation=organisation)
        if created:
            made.append(party)
    return made


@transaction.atomic
def record_signature(
    memorandum: Memorandum,
    variation: Variation | None,
    party: Party,
    role: SignatoryRole,
    signatory_name: str,
    signed_on: date,
    evidence_note: str,
    evidence: Document | None,
    user: Any,
    today: date | None = None,
) -> Signature:
    """Record a written signature; on the last one the memorandum comes into force, or the
    variation takes effect (an extension moves the end of the term)."""
    memo = _locked(memorandum)
    today = today or timezone.localdate()
    if party.memorandum_id != memo.pk:
        raise GovernanceError("that organisation is not a party to this memorandum")
    if variation is not None and variation.memorandum_id != memo.pk:
        raise GovernanceError("that variation belongs to another memorandum")
    if variation is not None and variation.in_effect:
        raise GovernanceError("every party has already signed this; it is in effect")
    if memo.status == MemorandumStatus.TERMINATED:
        raise GovernanceError("the memorandum has been terminated")
    if variation is None and memo.status == MemorandumStatus.IN_FORCE:
        raise GovernanceError("every party has already signed the memorandum")
    if signed_on > today:
        raise GovernanceError("a signature cannot be dated in the future")
    if not evidence_note.strip():
        raise GovernanceError("say where the signed copy is: a signature must be in writing")
    try:
        signing.check_signature(
            party.as_signing_party(), role, memo.la_roles, memo.regional_lead_may_sign
        )
    except SigningError as error:
        raise GovernanceError(str(error)) from None
    if Signature.objects.filter(memorandum=memo, variation=variation, party=party, role=role):
        raise GovernanceError(f"{party} has already signed as {role.label}")
    signature = Signature.objects.create(
        memorandum=memo,
        variation=variation,
        party=party,
        role=role.value,
        signatory_name=signatory_name,
        signed_on=signed_on,
        evidence_note=evidence_note.strip(),
        evidence=evidence,
        recorded_by=user,
    )
    if not memo.missing(variation):
        last = max(s.signed_on for s in memo.signatures.filter(variation=variation))
        if variation is None:
            memo.status = MemorandumStatus.IN_FORCE
            memo.save()
        else:
            take_effect(variation, last)
    return signature


def take_effect(variation: Variation, on: date) -> None:
    """The model refuses this while anyone is still to sign (``NotSignedByAll``)."""
    variation.effective_on = on
    variation.save()
    if variation.kind == VariationKind.EXTENSION:
        memo = variation.memorandum
        memo.ends_on = variation.new_ends_on
        memo.save()


@transaction.atomic
def propose_variation(
    memorandum: Memorandum,
    kind: VariationKind,
    summary: str,
    new_ends_on: date | None,
    proposed_on: date,
    document: Document | None,
    user: Any,
) -> Variation:
    memo = _locked(memorandum)
    if memo.status != MemorandumStatus.IN_FORCE:
        raise GovernanceError("only a memorandum in force can be extended or varied")
    if kind == VariationKind.EXTENSION:
        if new_ends_on is None or new_ends_on <= memo.ends_on:
            raise GovernanceError(
                f"an extension needs a new end after the current one ({memo.ends_on:%d %B %Y})"
            )
    else:
        new_ends_on = None
    number = (memo.variations.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Variation.objects.create(
        memorandum=memo,
        number=number,
        kind=kind,
        summary=summary,
        new_ends_on=new_ends_on,
        proposed_on=proposed_on,
        document=document,
        created_by=user,
    )


@transaction.atomic
def record_review(
    memorandum: Memorandum, due_on: date, held_on: date, outcome: str, user: Any
) -> Review:
    memo = _locked(memorandum)
    scheduled = {slot.due_on for slot in memo.review_slots(held_on)}
    if due_on not in scheduled:
        raise GovernanceError("that is not one of the memorandum's scheduled reviews")
    if memo.reviews.filter(due_on=due_on).exists():
        raise GovernanceError("that review has already been recorded")
    return Review.objects.create(
        memorandum=memo, due_on=due_on, held_on=held_on, outcome=outcome, recorded_by=user
    )


@transaction.atomic
def terminate(
    memorandum: Memorandum,
    party: Party,
    notice_given_on: date,
    takes_effect_on: date,
    reason: str,
    evidence_note: str,
    evidence: Document | None,
    user: Any,
) -> Termination:
    """A party's written notice to terminate before the end of the term."""
    memo = _locked(memorandum)
    if Termination.objects.filter(memorandum=memo).exists():
        raise GovernanceError("notice of termination has already been given")
    if memo.status != MemorandumStatus.IN_FORCE:
        raise GovernanceError("only a memorandum in force can be terminated")
    if party.memorandum_id != memo.pk:
        raise GovernanceError("only a party can give notice")
    if not evidence_note.strip():
        raise GovernanceError("notice must be given in writing: say where the notice is")
    if takes_effect_on < notice_given_on:
        raise GovernanceError("termination cannot take effect before the notice is given")
    if takes_effect_on > memo.ends_on:
        raise GovernanceError("notice terminates the memorandum before the end of its term")
    ending = Termination.objects.create(
        memorandum=memo,
        party=party,
        notice_given_on=notice_given_on,
        takes_effect_on=takes_effect_on,
        reason=reason,
        evidence_note=evidence_note.strip(),
        evidence=evidence,
        recorded_by=user,
    )
    memo.status = MemorandumStatus.TERMINATED
    memo.save()
    return ending


@dataclass(frozen=True)
class AsAt:
    """A memorandum and its records as they stood at the end of a day."""

    day: date
    memorandum: Any
    parties: list[Any]
    signatures: list[Any]
    variations: list[Any]
    reviews: list[Any]
    termination: Any


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def as_at(memorandum: Memorandum, day: date) -> AsAt | None:
    """From the history tables: None if the memorandum was not recorded yet on that day."""
    moment = end_of(day)
    try:
        memo = memorandum.history.as_of(moment)
    except Memorandum.DoesNotExist:
        return None

    def rows(model: Any) -> list[Any]:
        return list(model.history.as_of(moment).filter(memorandum_id=memorandum.pk))

    termination = rows(Termination)
    return AsAt(
        day=day,
        memorandum=memo,
        parties=rows(Party),
        signatures=rows(Signature),
        variations=rows(Variation),
        reviews=rows(Review),
        termination=termination[0] if termination else None,
    )


@dataclass(frozen=True)
class Change:
    when: datetime
    what: str
    change: str
    who: str


KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _describe(record: Any) -> Change:
    text = KINDS[record.history_type]
    if record.history_type == "~" and record.prev_record is not None:
        delta = record.diff_against(record.prev_record)
        if delta.changes:
            text += ": " + ", ".join(f"{c.field} {c.old} → {c.new}" for c in delta.changes)
    user = record.history_user
    return Change(
        when=timezone.localtime(record.history_date),
        what=str(record.instance._meta.verbose_name).capitalize(),
        change=text,
        who=user.display_name if user is not None else "",
    )


def changes(memorandum: Memorandum) -> list[Change]:
    """Every recorded change to the memorandum and its records, newest first."""
    found: list[Any] = list(memorandum.history.all())
    for model in (Party, Signature, Variation, Review, Termination):
        found.extend(model.history.filter(memorandum_id=memorandum.pk))
    found.sort(key=lambda h: h.history_date, reverse=True)
    return [_describe(record) for record in found]


__all__ = ["NotSignedByAll"]
