"""Publishing protocol versions, acknowledging them, the issues log and the periodic report to
DCSs (memorandum 5.5.6). Each change and its audit event are written together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from tartan.web.accounts.models import User
from tartan.web.accounts.roles import OrganisationKind
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.files import sha256
from tartan.web.groups.registry import dbg_group, groups_of_person, members_on
from tartan.web.protocol.models import Acknowledgement, IssueStatus, ProtocolIssue, ProtocolVersion


def current_version(group_key: str) -> ProtocolVersion | None:
    """The version of ``group_key``'s protocol in force today: the latest already effective."""
    return ProtocolVersion.objects.filter(
        group_key=group_key, effective_on__lte=timezone.localdate()
    ).first()


def binding(user: Any) -> list[ProtocolVersion]:
    """The versions in force that bind this person: those of the groups they work in; for
    someone who works in no group (the DfE, a partner) those of every group, whose figures
    they may be shown."""
    from tartan.web.groups.models import BenchmarkingGroup

    groups = groups_of_person(user, timezone.localdate())
    in_force = ProtocolVersion.objects.filter(effective_on__lte=timezone.localdate())
    # Every page asks (the acknowledgement middleware): one query for all the groups, not one
    # per group. A version is in force if no later one of its group is ('later' as Meta orders).
    later = in_force.filter(group_key=OuterRef("group_key")).filter(
        Q(effective_on__gt=OuterRef("effective_on"))
        | Q(effective_on=OuterRef("effective_on"), id__gt=OuterRef("id"))
    )
    chosen = in_force.filter(
        group_key__in=groups or BenchmarkingGroup.objects.values("key")
    ).exclude(Exists(later))
    return sorted(chosen, key=lambda version: version.group_key)


# The versions the session's person is known to have acknowledged: one query fewer per page.
ACKNOWLEDGED_KEY = "_protocol_acknowledged"


def needs_acknowledgement(user: Any, session: Any = None) -> ProtocolVersion | None:
    """The first version binding this person that they have still to acknowledge, if any."""
    stored = session.get(ACKNOWLEDGED_KEY, []) if session is not None else []
    known = set(stored) if isinstance(stored, list) else set()
    for version in binding(user):
        if version.pk in known:
            continue
        if not Acknowledgement.objects.filter(version=version, person=user).exists():
            return version
        known.add(version.pk)
    # Written only when it changes: a session saved on every page would renew its idle expiry
    # on every page (SessionKeepAlive renews it every five minutes at most).
    if session is not None and sorted(known) != stored:
        session[ACKNOWLEDGED_KEY] = sorted(known)
    return None


@transaction.atomic
def publish(
    request: HttpRequest | None,
    user: User,
    version: str,
    effective_on: date,
    summary: str,
    document: bytes = b"",
    document_name: str = "",
) -> ProtocolVersion:
    group_key = dbg_group(user)
    if group_key is None:
        raise PermissionError("only a group's DBG publishes its protocol")
    made = ProtocolVersion.objects.create(
        group_key=group_key,
        version=version,
        effective_on=effective_on,
        summary=summary,
        document=document,
        document_name=document_name if document else "",
        sha256=sha256(document) if document else "",
        published_by=user,
    )
    record(
        request,
        Action.GOVERNANCE,
        obj=made,
        user=user,
        summary=(
            f"published {group_key}'s protocol version {version}, "
            f"in force from {effective_on:%d %B %Y}"
        ),
    )
    return made


@transaction.atomic
def acknowledge(
    request: HttpRequest | None, user: User, version: ProtocolVersion
) -> Acknowledgement:
    made, created = Acknowledgement.objects.get_or_create(version=version, person=user)
    if created:
        record(
            request,
            Action.GOVERNANCE,
            obj=made,
            user=user,
            summary=f"acknowledged protocol version {version.version}",
        )
    return made


def people_to_acknowledge(group_key: str) -> list[User]:
    """The people of one group the protocol binds, each with an active account and a role: its
    member LAs' people and its own DBG's. A DBG sees its own group only, never another's people
    (an LA in two groups is in both lists)."""
    members = members_on(group_key, timezone.localdate())
    ours = Q(organisation__la_code__in=members) | Q(
        organisation__kind=OrganisationKind.PROCESSOR, organisation__group_key=group_key
    )
    return [
        u
        for u in User.objects.filter(ours, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "username")
        if u.roles
    ]


@dataclass(frozen=True)
class Standing:
    person: User
    acknowledged_at: datetime | None


def standings(version: ProtocolVersion, group_key: str) -> list[Standing]:
    when = dict(version.acknowledgements.values_list("person_id", "at"))
    return [Standing(p, when.get(p.pk)) for p in people_to_acknowledge(group_key)]


@transaction.atomic
def raise_issue(
    request: HttpRequest | None,
    user: User,
    group_key: str,
    title: str,
    description: str,
    raised_on: date,
) -> ProtocolIssue:
    issue = ProtocolIssue.objects.create(
        group_key=group_key,
        title=title,
        description=description,
        raised_on=raised_on,
        raised_by=user,
    )
    record(request, Action.GOVERNANCE, obj=issue, user=user, summary=f"protocol issue: {title}")
    return issue


@transaction.atomic
def close_issue(
    request: HttpRequest | None, user: User, issue: ProtocolIssue, resolution: str
) -> ProtocolIssue:
    issue.status = IssueStatus.CLOSED
    issue.resolution = resolution
    issue.closed_on = timezone.localdate()
    issue.save()
    record(
        request,
        Action.GOVERNANCE,
        obj=issue,
        user=user,
        summary=f"closed protocol issue: {issue.title}",
    )
    return issue


@dataclass(frozen=True)
class PeriodReport:
    """What the DBG reports to the DCSs on the protocol's operation over a period."""

    start: date
    end: date
    version: ProtocolVersion | None
    bound: int
    acknowledged: int
    acknowledgements_in_period: int
    issues_raised: list[ProtocolIssue]
    issues_closed: int
    issues_open: int
    releases: int
    share_requests: int
    export_decisions: int
    worries_raised: int
    foi_requests: int

    @property
    def not_acknowledged(self) -> int:
        return self.bound - self.acknowledged

    def rows(self) -> list[tuple[str, Any]]:
        return [
            ("Period start", self.start.isoformat()),
            ("Period end", self.end.isoformat()),
            ("Protocol version in force", self.version.version if self.version else "none"),
            ("People bound by the protocol", self.bound),
            ("People who have acknowledged the version in force", self.acknowledged),
            ("People who have not", self.not_acknowledged),
            ("Acknowledgements made in the period", self.acknowledgements_in_period),
            ("Issues raised in the period", len(self.issues_raised)),
            ("Issues closed in the period", self.issues_closed),
            ("Issues open at the end", self.issues_open),
            ("Quarters released (including corrections)", self.releases),
            ("Requests to share reports", self.share_requests),
            ("Export decisions", self.export_decisions),
            ("Worries raised under the concerns protocol", self.worries_raised),
            ("FOI requests recorded", self.foi_requests),
        ]


def _moment(day: date, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def period_report(group_key: str, start: date, end: date) -> PeriodReport:
    """One group's report: its people, its rounds, its LAs' worries and FOI requests."""
    from tartan.web.collection.models import Release
    from tartan.web.concerns.models import Worry
    from tartan.web.foi.models import FoiRequest
    from tartan.web.sharing.models import ExportDecision, ShareRequest

    since, until = _moment(start), _moment(end, end=True)
    version = current_version(group_key)
    bound = people_to_acknowledge(group_key)
    members = members_on(group_key, end)
    issues = ProtocolIssue.objects.filter(group_key=group_key)
    acknowledged = (
        Acknowledgement.objects.filter(version=version, person__in=bound).count() if version else 0
    )
    return PeriodReport(
        start=start,
        end=end,
        version=version,
        bound=len(bound),
        acknowledged=acknowledged,
        acknowledgements_in_period=Acknowledgement.objects.filter(
            at__range=(since, until), person__in=bound
        ).count(),
        issues_raised=list(issues.filter(raised_on__range=(start, end))),
        issues_closed=issues.filter(closed_on__range=(start, end)).count(),
        issues_open=issues.filter(raised_on__lte=end).exclude(closed_on__lte=end).count(),
        releases=Release.objects.filter(
            released_at__range=(since, until), round__group_key=group_key
        ).count(),
        share_requests=ShareRequest.objects.filter(
            requested_at__range=(since, until), round__group_key=group_key
        ).count(),
        export_decisions=ExportDecision.objects.filter(
            made_at__range=(since, until), round__group_key=group_key
        ).count(),
        worries_raised=Worry.objects.filter(
            created_at__range=(since, until), la_code__in=members
        ).count(),
        foi_requests=FoiRequest.objects.filter(
            received_on__range=(start, end), group_key=group_key
        ).count(),
    )
