"""Which group a governance record belongs to, and scoping to the group a person's programme
serves (issue 15 item 1: groups are tenants; nobody sees another group's).

The records a programme starts carry their group in ``group_key``, set on creation from the
creating person's programme (``organisation.group_key``): memoranda, subscription years, grants,
projects, meetings and directory entries; a complaint
carries the group whose public page it was made on. Every other record belongs to one of those and takes
its group from it through its foreign keys (a signature from its memorandum, an invoice from its
subscription's year, a population figure from its year, a settlement from the memorandum it
settles, a grant return from its grant, a highlight report from its meeting, a seat from its
directory entry), so that a record and its parent can never disagree. ``PATHS`` says, for each
model, where its group is.

LA-keyed records (an LA's subscription, invoice, figure, share) belong to the group of the year
or memorandum they are under, not to the LA's organisation: an LA may be in two groups, and it
is the programme that set the year that invoices it.

Records made before groups were tenants, and records made outside a request with no group
given (the demo, the tests), belong to the service's default group
(``groups.tenancy.default_group_key``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from tartan.web.groups.tenancy import (
    is_programme_staff,
    own_organisations,
    programme_group,
    programme_serving,
)

# Where each model's group is, as a queryset lookup (``__`` between foreign keys).
PATHS: dict[str, str] = {
    "Memorandum": "group_key",
    "Party": "memorandum__group_key",
    "Signature": "memorandum__group_key",
    "Variation": "memorandum__group_key",
    "Review": "memorandum__group_key",
    "Termination": "memorandum__group_key",
    "SubscriptionYear": "group_key",
    "PopulationFigure": "year__group_key",
    "Subscription": "year__group_key",
    "Invoice": "subscription__year__group_key",
    "InvoiceLine": "invoice__subscription__year__group_key",
    "Reminder": "invoice__subscription__year__group_key",
    "Settlement": "memorandum__group_key",
    "SettlementShare": "settlement__memorandum__group_key",
    "Grant": "group_key",
    "ConditionsAcceptance": "grant__group_key",
    "GrantTransfer": "grant__group_key",
    "GrantReturn": "grant__group_key",
    "Project": "group_key",
    "ProgressReport": "project__group_key",
    "Meeting": "group_key",
    "HighlightReport": "meeting__group_key",
    "Invitation": "meeting__group_key",
    "Decision": "meeting__group_key",
    "MeetingAction": "meeting__group_key",
    "ActionUpdate": "action__meeting__group_key",
    "Participant": "group_key",
    "SteeringSeat": "participant__group_key",
    "Complaint": "group_key",
}

# The records a document can be attached to, and the field that holds it.
DOCUMENT_HOLDERS = (
    ("Memorandum", "document"),
    ("Variation", "document"),
    ("Signature", "evidence"),
    ("Termination", "evidence"),
    ("Grant", "conditions_document"),
    ("ConditionsAcceptance", "evidence"),
    ("GrantTransfer", "invoice_document"),
    ("GrantReturn", "document"),
)


def _path(model: type[Model] | Model) -> str:
    name = model.__name__ if isinstance(model, type) else type(model).__name__
    try:
        return PATHS[name]
    except KeyError:
        raise LookupError(f"{name} has no group (add it to tenancy.PATHS)") from None


def group_of(record: Model) -> str:
    """The group a governance record belongs to."""
    value: Any = record
    for step in _path(record).split("__"):
        value = getattr(value, step)
    return str(value or "")


def serves(user: Any, record: Model) -> bool:
    """Whether the person is programme staff of the programme serving the record's group."""
    return programme_serving(user, group_of(record))


def mine(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """The records of the group the person's programme serves (none if they serve none)."""
    key = programme_group(user)
    if key is None:
        return queryset.none()
    return queryset.filter(**{_path(queryset.model): key})


def new_group(user: Any) -> str:
    """The group a record a person creates belongs to: the one their programme serves."""
    key = programme_group(user)
    if key is None:
        raise PermissionError("only programme staff serving a group create its records")
    return key


def people_of(group_key: str) -> QuerySet[Any]:
    """The active accounts a group's programme may name (invite to a meeting, make a project's
    manager): the people of the group's own organisations, and of organisations serving no one
    group (the DfE, partners); never another group's."""
    from django.db.models import Q

    from tartan.web.accounts.models import User
    from tartan.web.accounts.roles import OrganisationKind

    return User.objects.filter(is_active=True).filter(
        Q(organisation__in=own_organisations(group_key))
        | Q(organisation__kind__in=(OrganisationKind.DFE, OrganisationKind.PARTNER))
    )


def document_groups(document: Any) -> set[str]:
    """The groups of the records a document is attached to."""
    from django.apps import apps

    found: set[str] = set()
    for name, field in DOCUMENT_HOLDERS:
        model = apps.get_model("governance", name)
        found |= {
            str(key)
            for key in model.objects.filter(**{field: document}).values_list(
                _path(model), flat=True
            )
        }
    return found


__all__ = [
    "document_groups",
    "group_of",
    "is_programme_staff",
    "mine",
    "new_group",
    "people_of",
    "programme_group",
    "serves",
]
