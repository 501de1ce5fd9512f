"""The programme's public face: the steering group's seats, complaints and their outcome, and
the published-only benchmarking figures (memorandum 6.2.4)."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from tartan.benchmark.table import published_benchmark
from tartan.catalogue.model import MeasureKind
from tartan.disclosure.published import check_published_only
from tartan.web.audit.models import Action
from tartan.web.audit.record import client_address, record
from tartan.web.governance.models import Complaint, Office, Participant, SteeringSeat
from tartan.web.governance.services import GovernanceError
from tartan.web.groups.tenancy import default_group_key
from tartan.web.hourly_limit import another_allowed
from tartan.web.mail import outbox

# The programme is the South East's: its public figures are the region's LAs, with the region
# and England as DfE publishes them.
PROGRAMME_REGION = "South East"


def public_group() -> str:
    """The group whose programme the public pages are (the service's default group): each
    group's steering group has its own seats, and the public face, its plans and the
    complaints route are this one's until each group has a public face of its own."""
    return default_group_key()


def public_seats() -> Any:
    return SteeringSeat.current.filter(participant__group_key=public_group())


def offices_held(user: Any) -> set[str]:
    """The offices of the public programme a signed-in person holds today, through their own
    directory entry (the complaints made to that programme are theirs to handle)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(public_seats().filter(participant__user=user).values_list("office", flat=True))


def holder(office: str) -> Participant | None:
    seat = public_seats().filter(office=office).first()
    return seat.participant if seat else None


@transaction.atomic
def add_seat(
    participant: Participant, office: str, started_on: date, request: HttpRequest
) -> SteeringSeat:
    """A new chair or programme manager ends the previous one's seat the day the new one starts."""
    if office in (Office.CHAIR, Office.PROGRAMME_MANAGER):
        # Each group's steering group has its own chair and manager: only this group's ends.
        current = SteeringSeat.current.select_for_update().filter(
            office=office, participant__group_key=participant.group_key
        )
        for seat in current:
            seat.ended_on = started_on
            seat.save()
    seat = SteeringSeat.objects.create(
        participant=participant, office=office, started_on=started_on, recorded_by=request.user
    )
    record(request, Action.GOVERNANCE, obj=seat, summary=f"steering group seat: {seat}")
    return seat


@transaction.atomic
def end_seat(seat: SteeringSeat, ended_on: date, request: HttpRequest) -> SteeringSeat:
    """End a seat held today. An ended seat keeps its date: ending it again (a page left open)
    would rewrite whom the public page and the complaints route named, and until when."""
    locked = SteeringSeat.objects.select_for_update().get(pk=seat.pk)
    if locked.ended_on is not None and locked.ended_on <= ended_on:
        raise GovernanceError(f"{locked} ended on {locked.ended_on:%d %B %Y} already")
    locked.ended_on = ended_on
    locked.save()
    record(request, Action.GOVERNANCE, obj=locked, summary=f"steering group seat ended: {locked}")
    return locked


class TooManyComplaints(GovernanceError):
    """More complaints from one address in an hour than TARTAN_COMPLAINTS_PER_HOUR."""


def _allow_another(request: HttpRequest) -> bool:
    """At most TARTAN_COMPLAINTS_PER_HOUR complaints an hour from one address: the form is
    open to anyone, and each one sends mail."""
    key = f"tartan-complaints:{client_address(request) or 'unknown'}"
    return another_allowed(key, settings.TARTAN_COMPLAINTS_PER_HOUR)


def _new_reference() -> str:
    while True:
        reference = f"C-{secrets.token_hex(3).upper()}"
        if not Complaint.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def submit_complaint(
    request: HttpRequest,
    addressed_to: str,
    name: str,
    email: str,
    organisation: str,
    details: str,
) -> Complaint:
    """Record a complaint, audit it, and acknowledge it to the complainant by mail (the
    acknowledgement names the reference and who will answer; never the complaint's words)."""
    if not _allow_another(request):
        raise TooManyComplaints(
            "too many complaints have been sent from here in the last hour: try again later"
        )
    complaint = Complaint.objects.create(
        reference=_new_reference(),
        addressed_to=addressed_to,
        name=name,
        email=email,
        organisation=organisation,
        details=details,
    )
    record(
        request,
        Action.GOVERNANCE,
        obj=complaint,
        summary=f"complaint {complaint.reference} received for the {addressed_to}",
    )
    person = holder(addressed_to)
    office = Office(addressed_to).label
    outbox.to_address(
        "complaint_received",
        email,
        {
            "name": name,
            "reference": complaint.reference,
            "recipient": f"{person.name}, {office}" if person else office,
        },
        reverse("governance:public"),
    )
    return complaint


@transaction.atomic
def record_outcome(
    complaint: Complaint, outcome: str, outcome_on: date, request: HttpRequest
) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if locked.closed:
        raise GovernanceError("this complaint's outcome is already recorded")
    locked.outcome = outcome.strip()
    locked.outcome_on = outcome_on
    locked.outcome_by = request.user
    locked.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=locked,
        summary=f"complaint {locked.reference} outcome recorded",
    )
    return locked


@dataclass(frozen=True)
class PublicFigures:
    """One indicator's published figures for the programme's LAs, the region and England."""

    year_end: int
    rows: pl.DataFrame
    region_value: float | None
    england_value: float | None
    releases: list[str]


@functools.cache
def _published(year_end: int) -> pl.DataFrame:
    """The shipped published tables change only with a release of the service: build once."""
    return published_benchmark(year_end)


def published_years() -> list[int]:
    """Years ending March with published figures, newest first."""
    from tartan.published.store import published_values

    labels = published_values()["period"].unique().to_list()
    return sorted((int(p[:4]) + 1 for p in labels if len(p) == 7 and p[4] == "-"), reverse=True)


def public_figures(year_end: int, indicator: str, measure: str) -> PublicFigures:
    """Only DfE's published figures: the benchmark table of the published files, checked to be
    all published before anything is shown (the published-only exception, 5.5.3.iv)."""
    table = _published(year_end)
    chosen = table.filter(
        (pl.col("group") == PROGRAMME_REGION)
        & (pl.col("indicator") == indicator)
        & (pl.col("measure") == measure)
    ).sort("la_name")
    check = check_published_only(chosen)
    if not check.all_published:
        raise GovernanceError("; ".join(check.problems))
    first = chosen.row(0, named=True) if chosen.height else {}
    return PublicFigures(
        year_end=year_end,
        rows=chosen,
        region_value=first.get("group_value"),
        england_value=first.get("england_value"),
        releases=check.releases,
    )


def indicator_choices(year_end: int) -> list[tuple[str, str]]:
    """(indicator|measure, title) for every indicator measure published that year."""
    table = _published(year_end).filter(pl.col("group") == PROGRAMME_REGION)
    rows = table.select("indicator", "measure", "indicator_number", "indicator_title", "row_title")
    rows = rows.unique(["indicator", "measure"]).sort("indicator_number", "measure")
    return [
        (
            f"{r['indicator']}|{r['measure']}",
            f"{r['indicator_title']} ({MeasureKind(r['measure']).unit})",
        )
        for r in rows.iter_rows(named=True)
    ]
