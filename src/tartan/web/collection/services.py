"""What happens in a collection round, as functions the views call.

Every change is one transaction: an upload that fails validation is kept as a version, and a
crash mid-way leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.utils import timezone

from tartan.reference.register import shipped_register
from tartan.returns.findings import Severity
from tartan.returns.validate import default_settings, validate_bytes
from tartan.web.collection.models import (
    RELEASES,
    CollectionRound,
    DbgQuery,
    Exclusion,
    Explanation,
    Figure,
    Finding,
    QueryStatus,
    Release,
    ReleasedReturn,
    ReturnVersion,
    RoundStatus,
    SignOff,
    VersionStatus,
)
from tartan.web.groups import registry
from tartan.web.mail import cycle as messages
from tartan.web.reports import generations
from tartan.web.request_memo import forget


class CycleError(ValueError):
    """A step of the cycle that is not allowed yet; the message says what is missing."""


def members(round_: CollectionRound) -> list[str]:
    """The group's members in force at the end of the round's quarter."""
    return registry.members(round_)


def _newest_per_la(versions: QuerySet[ReturnVersion]) -> dict[str, ReturnVersion]:
    """Each LA's newest of ``versions``, read without the uploads' bytes: a round keeps every
    upload (a resubmission never overwrites), and the dashboards read this on every page, so
    only the newest per LA is fetched, and its file only where a download asks for it."""
    newer = versions.filter(la_code=OuterRef("la_code"), number__gt=OuterRef("number"))
    newest = versions.exclude(Exists(newer)).defer("content").order_by("la_code")
    return {version.la_code: version for version in newest}


def latest_versions(round_: CollectionRound) -> dict[str, ReturnVersion]:
    """Each LA's newest version in the round, whatever its status."""
    return _newest_per_la(ReturnVersion.objects.filter(round=round_))


def latest_accepted(round_: CollectionRound) -> dict[str, ReturnVersion]:
    return _newest_per_la(ReturnVersion.objects.filter(round=round_, status=VersionStatus.ACCEPTED))


def previous_figures(round_: CollectionRound, la_code: str) -> dict[str, Decimal] | None:
    """The LA's accepted figures for the quarter before, for the change and stock-flow queries."""
    before = CollectionRound.objects.filter(
        group_key=round_.group_key, period=round_.quarter.previous().label
    ).first()
    if before is None:
        return None
    version = latest_accepted(before).get(la_code)
    if version is None:
        return None
    return {f.item: f.value for f in version.figures.all() if f.value is not None}


@transaction.atomic
def open_round(
    user: object, group_key: str, period: str, deadline: date, synthetic: bool = False
) -> CollectionRound:
    if CollectionRound.objects.filter(group_key=group_key, period=period).exists():
        raise CycleError(f"a round for {period} is already open")
    made = CollectionRound.objects.create(
        group_key=group_key, period=period, deadline=deadline, opened_by=user, synthetic=synthetic
    )
    messages.round_opened(made, members(made))
    return made


@transaction.atomic
def submit(
    round_: CollectionRound, la_code: str, user: object, name: str, data: bytes
) -> ReturnVersion:
    """Store the upload as a new version, validate it, keep its findings and figures."""
    locked = CollectionRound.objects.select_for_update().get(pk=round_.pk)
    settings = default_settings(la_code, locked.quarter, previous_figures(locked, la_code))
    report = validate_bytes(name, data, settings)
    number = (
        locked.versions.filter(la_code=la_code).aggregate(Max("number"))["number__max"] or 0
    ) + 1
    if not report.readable:
        status = VersionStatus.UNREADABLE
    elif report.errors:
        status = VersionStatus.REJECTED
    else:
        status = VersionStatus.ACCEPTED
    version = ReturnVersion.objects.create(
        round=locked,
        la_code=la_code,
        number=number,
        original_name=name[:255],
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        uploaded_by=user,
        status=status,
        error_count=len(report.errors),
        query_count=len(report.queries),
    )
    Finding.objects.bulk_create(
        Finding(
            version=version,
            code=f.code,
            severity=f.severity.value,
            row=f.row,
            column=f.column or "",
            item=f.item or "",
            message=f.message,
        )
        for f in report.findings
    )
    figures = report.quarterly_return
    if status == VersionStatus.ACCEPTED and figures is not None:
        Figure.objects.bulk_create(
            [
                Figure(version=version, item=item, value=value)
                for item, value in figures.numbers.items()
            ]
            + [
                Figure(version=version, item=item, value=None, symbol=symbol)
                for item, symbol in figures.symbols.items()
            ]
        )
    messages.queries_to_explain(version)
    return version


def _unexplained(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    explained = Explanation.objects.filter(finding=OuterRef("pk"))
    return findings.filter(severity=Severity.QUERY.value).exclude(Exists(explained))


def unexplained_queries(version: ReturnVersion) -> list[Finding]:
    return list(_unexplained(version.findings.all()))


def unexplained_counts(versions: list[ReturnVersion]) -> dict[int, int]:
    """Each version's count of query findings not yet explained, in one query for them all."""
    counted = (
        _unexplained(Finding.objects.filter(version__in=versions))
        .values("version_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row["version_id"]: row["count"] for row in counted}


@dataclass(frozen=True)
class LaStatus:
    la_code: str
    la_name: str
    latest: ReturnVersion | None
    accepted: ReturnVersion | None
    unexplained: int
    open_queries: int
    late: bool

    @property
    def label(self) -> str:
        if self.latest is None:
            return "Late" if self.late else "Not submitted"
        if self.accepted is None:
            return (
                "Has errors" if self.latest.status == VersionStatus.REJECTED else "Cannot be read"
            )
        if self.unexplained:
            return "Queries to explain"
        if self.open_queries:
            return "DBG question open"
        return "Ready"

    @property
    def state(self) -> str:
        """One word for filtering the dashboard: ready, waiting, late or missing."""
        if self.accepted is None:
            return "late" if self.late else "missing"
        return "waiting" if self.unexplained or self.open_queries else "ready"


def dashboard(round_: CollectionRound, today: date | None = None) -> list[LaStatus]:
    today = today or timezone.localdate()
    latest = latest_versions(round_)
    accepted = latest_accepted(round_)
    open_by_la: dict[str, int] = {}
    for query in round_.queries.exclude(status=QueryStatus.CLOSED):
        open_by_la[query.la_code] = open_by_la.get(query.la_code, 0) + 1
    register = shipped_register()
    unexplained = unexplained_counts(list(accepted.values()))
    rows = []
    for code in members(round_):
        version = accepted.get(code)
        rows.append(
            LaStatus(
                la_code=code,
                la_name=register[code].name,
                latest=latest.get(code),
                accepted=version,
                unexplained=unexplained.get(version.pk, 0) if version else 0,
                open_queries=open_by_la.get(code, 0),
                late=version is None and today > round_.deadline,
            )
        )
    return rows


@dataclass(frozen=True)
class Blocker:
    """What stops a step, and who can clear it."""

    what: str
    who: str

    @property
    def text(self) -> str:
        return f"{self.what} ({self.who})"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def sign_off_blockers(states: list[LaStatus]) -> list[Blocker]:
    blockers = []
    for s in states:
        if s.accepted is None:
            continue
        if s.unexplained:
            blockers.append(
                Blocker(
                    f"{s.la_name} has {_plural(s.unexplained, 'validation query', 'validation queries')} to explain",
                    f"{s.la_name}'s analysts explain them on the return's page",
                )
            )
        if s.open_queries:
            blockers.append(
                Blocker(
                    f"{s.la_name} has {_plural(s.open_queries, 'open question', 'open questions')} from the DBG",
                    f"{s.la_name} answers and the DBG closes the question",
                )
            )
    if not any(s.accepted for s in states):
        blockers.append(
            Blocker("no return has been accepted yet", "the LAs' analysts upload their returns")
        )
    return blockers


def release_blockers(round_: CollectionRound) -> list[Blocker]:
    """Why the quarter cannot be released now (LAs without a return are excluded on the
    release form itself, each with a reason)."""
    last_sign = round_.sign_offs.order_by("-at").first()
    if last_sign is None:
        return [Blocker("the quarter has not been signed off", "a DBG member signs it off")]
    late = [v for v in latest_accepted(round_).values() if v.uploaded_at > last_sign.at]
    return [
        Blocker(
            f"{shipped_register()[v.la_code].name} sent version {v.number} after the sign-off",
            "a DBG member checks it and signs the quarter off again",
        )
        for v in late
    ]


@transaction.atomic
def sign_off(round_: CollectionRound, user: object, note: str = "") -> SignOff:
    states = dashboard(round_)
    blockers = sign_off_blockers(states)
    if blockers:
        raise CycleError("the quarter cannot be signed off: " + "; ".join(b.text for b in blockers))
    sign = SignOff.objects.create(round=round_, by=user, note=note)
    if round_.status == RoundStatus.OPEN:
        CollectionRound.objects.filter(pk=round_.pk).update(status=RoundStatus.SIGNED_OFF)
    messages.signed_off(round_, [s.la_code for s in states if s.accepted])
    return sign


@transaction.atomic
def release(
    round_: CollectionRound, user: object, exclusions: dict[str, str], reason: str = ""
) -> Release:
    """Release the signed-off quarter; every member is either in it or explicitly excluded."""
    accepted = latest_accepted(round_)
    blockers = release_blockers(round_)
    if blockers:
        raise CycleError("; ".join(b.text for b in blockers))
    missing = [code for code in members(round_) if code not in accepted]
    unexplained = [code for code in missing if not exclusions.get(code, "").strip()]
    if unexplained:
        raise CycleError(
            f"these LAs have no accepted return: exclude each with a reason ({', '.join(unexplained)})"
        )
    current = round_.current_release
    if current is not None:
        in_it = {r.la_code: r.version_id for r in current.returns.all()}
        if in_it == {code: v.pk for code, v in accepted.items()}:
            raise CycleError("nothing has changed since the last release")
        if not reason.strip():
            raise CycleError("say why this correction is released")
    new = Release.objects.create(
        round=round_, number=(current.number + 1) if current else 1, released_by=user, reason=reason
    )
    ReleasedReturn.objects.bulk_create(
        ReleasedReturn(release=new, la_code=code, version=v) for code, v in accepted.items()
    )
    Exclusion.objects.bulk_create(
        Exclusion(release=new, la_code=code, reason=exclusions[code].strip()) for code in missing
    )
    if current is not None:
        Release.objects.filter(pk=current.pk).update(superseded_by=new)
        forget(RELEASES)  # update() sends no signal
        generations.renew(generations.RELEASES)
    CollectionRound.objects.filter(pk=round_.pk).update(status=RoundStatus.RELEASED)
    messages.released(new)
    return new


@transaction.atomic
def raise_query(
    round_: CollectionRound, la_code: str, user: object, subject: str, text: str
) -> DbgQuery:
    query = DbgQuery.objects.create(
        round=round_,
        la_code=la_code,
        version=latest_versions(round_).get(la_code),
        subject=subject,
        raised_by=user,
    )
    query.messages.create(author=user, text=text)
    messages.dbg_query_raised(query)
    return query


@transaction.atomic
def reply(query: DbgQuery, user: object, text: str, from_dbg: bool, close: bool = False) -> None:
    query.messages.create(author=user, text=text)
    status = (
        QueryStatus.CLOSED if close else (QueryStatus.OPEN if from_dbg else QueryStatus.ANSWERED)
    )
    DbgQuery.objects.filter(pk=query.pk).update(status=status)
    messages.dbg_query_replied(query, from_dbg, close)
