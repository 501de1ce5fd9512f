"""The protocol as functions: ask to share wider, answer, respond for the region, make a
concealed export through the gate, and load the cross-regional dataset."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

import holidays
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tartan.disclosure.knowledge import published_knowledge
from tartan.disclosure.release import gated_export
from tartan.disclosure.report import FORMATS, Marking, concealed_report, render
from tartan.national.dataset import read_dataset
from tartan.web.accounts.models import Organisation
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.services import members
from tartan.web.groups.registry import group_name
from tartan.web.mail import protocol as messages
from tartan.web.reports.data import View, benchmark_table
from tartan.web.sharing.models import (
    ExportDecision,
    NationalFigure,
    NationalImport,
    RequestKind,
    ShareRequest,
)


class ProtocolError(ValueError):
    """A step the protocol does not allow; the message says why."""


def working_days_after(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (England and Wales bank holidays off)."""
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, start.year + 2))
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in bank:
            counted += 1
    return day


def asked(request: ShareRequest) -> list[str]:
    """Every LA whose figures the report shows: a rug shows its LA by name and every other
    member through the group figure, the ranks and the neighbour average, so every LA in the
    release is asked."""
    release = request.round.current_release
    return sorted(r.la_code for r in release.returns.all()) if release else []


@dataclass(frozen=True)
class Status:
    state: str  # "waiting", "notice", "approved", "refused", "expired"
    missing: list[str]
    detail: str


def status(request: ShareRequest, today: date | None = None) -> Status:
    today = today or timezone.localdate()
    answers = {a.la_code: a for a in request.answers.all()}
    missing = [code for code in asked(request) if code not in answers]
    refused = [a.la_code for a in answers.values() if not a.agrees]
    if refused:
        return Status("refused", missing, f"refused by {', '.join(refused)}")
    if request.region_agrees is False:
        return Status("refused", missing, "the region objected")
    if today > request.until:
        return Status("expired", missing, f"the permission ran until {request.until:%d %B %Y}")
    if missing:
        return Status(
            "waiting",
            missing,
            f"waiting for {len(missing)} authorit{'y' if len(missing) == 1 else 'ies'}",
        )
    if request.kind == RequestKind.CROSS_GOVERNMENT:
        if request.region_agrees is None:
            return Status("notice", missing, "waiting for the region's response")
        if request.notice_ends and today < request.notice_ends:
            return Status(
                "notice", missing, f"the notice period runs until {request.notice_ends:%d %B %Y}"
            )
    return Status(
        "approved", [], f"every authority agreed; for {request.recipient}, {request.purpose}"
    )


@transaction.atomic
def request_share(
    user: object,
    round_: CollectionRound,
    kind: str,
    report: str,
    la_code: str,
    recipient: str,
    purpose: str,
    until: date,
) -> ShareRequest:
    if not round_.is_released:
        raise ProtocolError("only a released quarter can be shared beyond the group")
    if until <= timezone.localdate():
        raise ProtocolError("the permission must run until a future date")
    notice = None
    if kind == RequestKind.CROSS_GOVERNMENT:
        notice = working_days_after(timezone.localdate(), settings.TARTAN_DFE_NOTICE_WORKING_DAYS)
    made = ShareRequest.objects.create(
        kind=kind,
        round=round_,
        report=report,
        la_code=la_code,
        recipient=recipient,
        purpose=purpose,
        until=until,
        requested_by=user,
        notice_ends=notice,
    )
    messages.share_asked(made, asked(made))
    return made


def _tell_the_outcome(request: ShareRequest) -> None:
    decided = status(request)
    if decided.state in ("approved", "refused"):
        messages.share_outcome(request, decided.state)


@transaction.atomic
def answer(request: ShareRequest, la_code: str, user: object, agrees: bool, reason: str) -> None:
    if la_code not in asked(request):
        raise ProtocolError("this authority is not asked")
    if not reason.strip():
        raise ProtocolError("give a reason for the answer")
    if request.answers.filter(la_code=la_code).exists():
        raise ProtocolError("this authority has already answered")
    request.answers.create(la_code=la_code, agrees=agrees, reason=reason.strip(), by=user)
    _tell_the_outcome(request)


@transaction.atomic
def respond_for_region(request: ShareRequest, user: object, agrees: bool, text: str) -> None:
    if request.kind != RequestKind.CROSS_GOVERNMENT:
        raise ProtocolError("only a request to share across government needs the region's response")
    if not text.strip():
        raise ProtocolError("record the region's response")
    request.region_response = text.strip()
    request.region_agrees = agrees
    request.region_responded_by = user  # type: ignore[assignment]
    request.region_responded_at = timezone.now()
    request.save(
        update_fields=[
            "region_response",
            "region_agrees",
            "region_responded_by",
            "region_responded_at",
        ]
    )
    _tell_the_outcome(request)


@transaction.atomic
def concealed_export(
    user: object,
    round_: CollectionRound,
    la_code: str,
    recipient: Organisation,
    design: str,
    purpose: str,
    file_format: str = "pdf",
) -> ExportDecision:
    """Build the export from the released quarter, put it through the gate, keep the decision
    with its evidence, and keep the report only when the gate lets it out.

    The gate is told what the recipient already holds: the LAs whose reports for this quarter
    it has received (the collecting recipient knows their exact figures) and the labels of
    every other report this LA has sent it (the repeat recipient must not link rows across
    quarters or purposes; the same report made again is the same file, with the same labels)."""
    if not round_.is_released:
        raise ProtocolError("only a released quarter can be exported")
    if file_format not in FORMATS:
        raise ProtocolError(f"unknown format '{file_format}': choose from {', '.join(FORMATS)}")
    table = benchmark_table(round_, View.RELEASED)
    group = members(round_)
    sent = ExportDecision.objects.filter(recipient=recipient, allowed=True)
    known = set(
        sent.filter(round=round_).exclude(la_code=la_code).values_list("la_code", flat=True)
    )
    earlier = sent.filter(la_code=la_code).exclude(round=round_, purpose=purpose, design=design)
    labels = {
        label
        for audit in earlier.values_list("audit_evidence", flat=True)
        for label in (audit or {}).get("audit", {}).get("labels", [])
    }
    try:
        export, _truth, decision = gated_export(
            table,
            la_code,
            round_.period,
            group,
            recipient.name,
            design,
            purpose,
            published_knowledge(round_.quarter, group),
            known=known & set(group),
            previous_labels=labels,
        )
    except ValueError as error:
        raise ProtocolError(str(error)) from None
    data = None
    if decision.allowed:
        marking = Marking(
            group_name(round_.group_key),
            _person(user),
            timezone.now(),
            round_.synthetic,
        )
        data = render(concealed_report(export, table, marking), file_format)
        decision.with_file(data)
    return ExportDecision.objects.create(
        round=round_,
        la_code=la_code,
        recipient=recipient,
        design=design,
        purpose=purpose,
        allowed=decision.allowed,
        evidence=decision.evidence(),
        audit_evidence=decision.audit_evidence(),
        file_format=file_format,
        content=data,
        sha256=decision.file_sha256,
        made_by=user,
    )


def _person(user: object) -> str:
    name = getattr(user, "get_full_name", lambda: "")() or getattr(user, "email", "") or str(user)
    organisation = getattr(user, "organisation", None)
    return f"{name} ({organisation})" if organisation else str(name)


@transaction.atomic
def import_national(
    user: object | None, name: str, data: bytes, source: str, received: date
) -> NationalImport:
    reading = read_dataset(name, data)
    dataset = NationalImport.objects.create(
        source=source,
        received=received,
        original_name=name[:255],
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user,
        accepted=len(reading.accepted),
        rejected=[list(pair) for pair in reading.rejected],
        findings=[f.as_dict() for f in reading.findings],
    )
    NationalFigure.objects.bulk_create(
        NationalFigure(
            dataset=dataset, la_code=r.la_code, period=r.period.label, item=item, value=value
        )
        for r in reading.accepted
        for item, value in r.numbers.items()
    )
    NationalFigure.objects.bulk_create(
        NationalFigure(
            dataset=dataset,
            la_code=r.la_code,
            period=r.period.label,
            item=item,
            value=None,
            symbol=symbol,
        )
        for r in reading.accepted
        for item, symbol in r.symbols.items()
    )
    return dataset
