"""Each group's public face: its steering group's seats, the complaints made to it and their
outcome, and the published-only benchmarking figures of its authorities (memorandum 6.2.4)."""

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
from django.utils import timezone

from tartan.benchmark.table import published_benchmark
from tartan.catalogue.model import MeasureKind
from tartan.disclosure.published import check_published_only
from tartan.reference.register import shipped_register
from tartan.web.audit.models import Action
from tartan.web.audit.record import client_address, record
from tartan.web.governance.models import Complaint, Office, Participant, SteeringSeat
from tartan.web.governance.services import GovernanceError
from tartan.web.groups import registry
from tartan.web.groups.models import BenchmarkingGroup
from tartan.web.groups.tenancy import default_group_key
from tartan.web.hourly_limit import another_allowed
from tartan.web.mail import outbox


def public_group(key: str | None = None) -> BenchmarkingGroup:
    """The group whose public face a page is: the one its address names, or the default group
    for the addresses made before each group had its own (registry.UnknownGroup if unheld)."""
    return registry.group(key or default_group_key())


def group_name_of(key: str) -> str:
    """A record's group by name, or by its key if the service no longer holds it."""
    found = BenchmarkingGroup.objects.filter(key=key).values_list("name", flat=True).first()
    return found or key


def public_seats(group_key: str) -> Any:
    return SteeringSeat.current.filter(participant__group_key=group_key)


def groups_with_a_public_face() -> list[BenchmarkingGroup]:
    """The groups with someone on their steering group today: a group without one has no
    programme for the public to read about or complain to."""
    keys = SteeringSeat.current.values_list("participant__group_key", flat=True)
    return list(BenchmarkingGroup.objects.filter(key__in=keys))


def offices_held(user: Any) -> set[tuple[str, str]]:
    """(group key, office) for each office a signed-in person holds today, through their own
    directory entries: the complaints made to that group's office are theirs to handle, and
    holding one group's office opens no other group's complaints."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    seats = SteeringSeat.current.filter(participant__user=user)
    return set(seats.values_list("participant__group_key", "office"))


def holder(group_key: str, office: str) -> Participant | None:
    seat = public_seats(group_key).filter(office=office).first()
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
    group: BenchmarkingGroup,
    addressed_to: str,
    name: str,
    email: str,
    organisation: str,
    details: str,
) -> Complaint:
    """Record a complaint to a group's office, audit it, and acknowledge it to the complainant
    by mail (the acknowledgement names the reference and which of the group's people will
    answer; never the complaint's words)."""
    if not _allow_another(request):
        raise TooManyComplaints(
            "too many complaints have been sent from here in the last hour: try again later"
        )
    complaint = Complaint.objects.create(
        group_key=group.key,
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
        summary=f"complaint {complaint.reference} received for the {addressed_to} of {group.key}",
    )
    person = holder(group.key, addressed_to)
    office = Office(addressed_to).label
    outbox.to_address(
        "complaint_received",
        email,
        {
            "name": name,
            "reference": complaint.reference,
            "recipient": f"{person.name}, {office}" if person else office,
            "group": group.name,
        },
        reverse("governance:group-public", kwargs={"group_key": group.key}),
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
    """One indicator's published figures for a group's LAs, the group (when DfE publishes its
    value: a region's) and England."""

    year_end: int
    rows: pl.DataFrame
    region: str | None  # the region the group is, whose value DfE publishes; None if not one
    group_value: float | None
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


@functools.cache
def _regions(year_end: int) -> frozenset[str]:
    """The regions the published table of a year names (its ``group`` column)."""
    return frozenset(_published(year_end)["group"].drop_nulls().unique().to_list())


def region_of(group: BenchmarkingGroup, year_end: int) -> str | None:
    """The region a group is, as the published table names it (its ``group`` column): by the
    group's region code, or by its name being a region's. None for a group of another shape."""
    name = shipped_register().regions().get(group.region_code) if group.region_code else None
    for candidate in (name, group.name):
        if candidate in _regions(year_end):
            return candidate
    return None


def _group_rows(group: BenchmarkingGroup, year_end: int, region: str | None) -> pl.DataFrame:
    """The published rows of the group's authorities: a region's as DfE groups them; another
    group's are its members today, each under its own region, whose value is not the group's."""
    table = _published(year_end)
    if region is not None:
        return table.filter(pl.col("group") == region)
    members = registry.members_on(group.key, timezone.localdate())
    return table.filter(pl.col("la_code").is_in(members)).with_columns(
        pl.lit(None, pl.Float64).alias("group_value")
    )


def public_figures(
    group: BenchmarkingGroup, year_end: int, indicator: str, measure: str
) -> PublicFigures:
    """Only DfE's published figures: the benchmark table of the published files, checked to be
    all published before anything is shown (the published-only exception, 5.5.3.iv)."""
    region = region_of(group, year_end)
    rows = _group_rows(group, year_end, region)
    chosen = rows.filter((pl.col("indicator") == indicator) & (pl.col("measure") == measure))
    chosen = chosen.sort("la_name")
    check = check_published_only(chosen)
    if not check.all_published:
        raise GovernanceError("; ".join(check.problems))
    first = chosen.row(0, named=True) if chosen.height else {}
    return PublicFigures(
        year_end=year_end,
        rows=chosen,
        region=region,
        group_value=first.get("group_value"),
        england_value=first.get("england_value"),
        releases=check.releases,
    )


def indicator_choices(group: BenchmarkingGroup, year_end: int) -> list[tuple[str, str]]:
    """(indicator|measure, title) for every indicator measure published that year for the
    group's authorities."""
    table = _group_rows(group, year_end, region_of(group, year_end))
    rows = table.select("indicator", "measure", "indicator_number", "indicator_title", "row_title")
    rows = rows.unique(["indicator", "measure"]).sort("indicator_number", "measure")
    return [
        (
            f"{r['indicator']}|{r['measure']}",
            f"{r['indicator_title']} ({MeasureKind(r['measure']).unit})",
        )
        for r in rows.iter_rows(named=True)
    ]
