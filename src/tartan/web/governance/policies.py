"""Who may do what in programme governance (issue 6, point 7).

Programme staff manage everything of the group their programme serves, and nothing of another
group's (issue 15 item 1: groups are tenants; ``tenancy`` says which group a record is in). A
page without a record (a list, a form to create one) is open to any programme staff serving a
group; the list shows their group's records alone and what they create is their group's. An LA's own people (analysts and key staff) see their
own LA's subscriptions, invoices, settlement statement and signatures, and the memoranda their
LA is a party to; the DfE's people likewise see the memoranda the DfE is a party to and its own
signatures. Nobody else sees an invoice. A project manager submits the progress reports of their
own projects. Anyone may read the public contact directory, and a person may change their own
entry. One policy per permission; a denied object is a 404 (permissions.requires).
"""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.governance.tenancy import document_groups, programme_group, serves
from tartan.web.groups.tenancy import programme_serving
from tartan.web.permissions import policy

LA_PEOPLE = (Role.LA_ANALYST, Role.LA_KEY_STAFF)


def is_programme(user: Any) -> bool:
    """Programme staff of some group's programme (lists and new records: their own group's)."""
    return programme_group(user) is not None


def runs(user: Any, record: Any = None) -> bool:
    """Programme staff serving the record's group; without a record, serving any group."""
    if record is None:
        return is_programme(user)
    return serves(user, record)


def own_la(user: Any, la_code: str) -> bool:
    return bool(user.has_role(*LA_PEOPLE)) and user.la_code == la_code


def speaks_for(user: Any, organisation: Any) -> bool:
    """Whether the person belongs to that party: an LA's own people, or the DfE's."""
    if user.organisation_id is None or user.organisation_id != organisation.pk:
        return False
    if organisation.kind == OrganisationKind.LOCAL_AUTHORITY:
        return bool(user.has_role(*LA_PEOPLE))
    if organisation.kind == OrganisationKind.DFE:
        return bool(user.has_role(Role.DFE_VIEWER))
    return False


def own_party(user: Any, memorandum: Any) -> Any:
    """The party the person belongs to on this memorandum, or None."""
    for party in memorandum.parties.select_related("organisation"):
        if speaks_for(user, party.organisation):
            return party
    return None


@policy("view_governance")
def view_governance(user: Any, obj: Any = None) -> bool:
    """The governance area: programme staff, and people of LAs and the DfE for their own."""
    return is_programme(user) or bool(user.has_role(*LA_PEOPLE, Role.DFE_VIEWER))


@policy("view_memoranda")
def view_memoranda(user: Any, obj: Any = None) -> bool:
    return is_programme(user) or bool(user.has_role(*LA_PEOPLE, Role.DFE_VIEWER))


@policy("view_memorandum")
def view_memorandum(user: Any, memorandum: Any) -> bool:
    return runs(user, memorandum) or own_party(user, memorandum) is not None


@policy("manage_memoranda")
def manage_memoranda(user: Any, obj: Any = None) -> bool:
    """Create memoranda, add parties, record signatures, variations, reviews and notices, and
    see the full history: programme staff of its group."""
    return runs(user, obj)


@policy("download_document")
def download_document(user: Any, document: Any) -> bool:
    if any(programme_serving(user, key) for key in document_groups(document)):
        return True
    from tartan.web.governance.models import Memorandum, Signature, Termination, Variation

    memoranda = list(Memorandum.objects.filter(document=document))
    memoranda += [v.memorandum for v in Variation.objects.filter(document=document)]
    memoranda += [t.memorandum for t in Termination.objects.filter(evidence=document)]
    if any(own_party(user, memo) is not None for memo in memoranda):
        return True
    if grant_document_for(user, document):
        return True
    return any(
        speaks_for(user, s.party.organisation)
        for s in Signature.objects.filter(evidence=document).select_related("party__organisation")
    )


@policy("view_subscriptions")
def view_subscriptions(user: Any, obj: Any = None) -> bool:
    return is_programme(user) or bool(user.has_role(*LA_PEOPLE))


@policy("view_subscription")
def view_subscription(user: Any, subscription: Any) -> bool:
    return runs(user, subscription) or own_la(user, subscription.la_code)


@policy("view_invoice")
def view_invoice(user: Any, invoice: Any) -> bool:
    """Programme staff of its group and the invoiced LA's own people; nobody else."""
    return runs(user, invoice) or own_la(user, invoice.subscription.la_code)


@policy("manage_subscriptions")
def manage_subscriptions(user: Any, obj: Any = None) -> bool:
    """Set each year's terms, population figures, subscriptions, invoices, payments and
    reminders: programme staff of the year's group."""
    return runs(user, obj)


@policy("manage_grants")
def manage_grants(user: Any, obj: Any = None) -> bool:
    return runs(user, obj)


@policy("manage_settlements")
def manage_settlements(user: Any, obj: Any = None) -> bool:
    return runs(user, obj)


@policy("view_settlement_statement")
def view_settlement_statement(user: Any, share: Any) -> bool:
    return runs(user, share) or own_la(user, share.la_code)


@policy("report_progress")
def report_progress(user: Any, obj: Any = None) -> bool:
    """The list of projects to report on: programme staff, and anyone managing a project."""
    return is_programme(user) or user.managed_projects.filter(active=True).exists()


@policy("submit_progress_report")
def submit_progress_report(user: Any, project: Any) -> bool:
    return runs(user, project) or (project.active and project.manager_id == user.pk)


@policy("manage_highlight_reports")
def manage_highlight_reports(user: Any, obj: Any = None) -> bool:
    """Projects, meetings, highlight reports and meeting packs: the programme manager's."""
    return runs(user, obj)


@policy("manage_directory")
def manage_directory(user: Any, obj: Any = None) -> bool:
    return runs(user, obj)


@policy("edit_directory_entry")
def edit_directory_entry(user: Any, participant: Any) -> bool:
    """A person changes their own entry; programme staff change anybody's in their group."""
    return runs(user, participant) or (
        participant.user_id is not None and participant.user_id == user.pk
    )


@policy("view_meetings")
def view_meetings(user: Any, obj: Any = None) -> bool:
    """The meetings page: programme staff see every meeting; the people who attend meetings
    (LA staff, the DBG's representative, the DfE) see the page, listing only those they are
    invited to."""
    return is_programme(user) or bool(user.has_role(*LA_PEOPLE, Role.DBG_MEMBER, Role.DFE_VIEWER))


@policy("view_meeting")
def view_meeting(user: Any, meeting: Any) -> bool:
    """A meeting, its agenda, minutes and actions: programme staff, and the people invited to
    it (so the DfE sees the meetings it attends and no others)."""
    return runs(user, meeting) or meeting.invitations.filter(user_id=user.pk).exists()


@policy("manage_meetings")
def manage_meetings(user: Any, obj: Any = None) -> bool:
    """Arrange meetings, invite, record attendance, minutes, decisions and actions."""
    return runs(user, obj)


# Grants both ways (issue 17 point 3): the recipient LA sees the main grant's conditions and its
# own purchase orders and returns; its key staff accept, invoice and file for their own LA only.


def la_groups(user: Any) -> list[str]:
    """The groups the person's LA is a member of today: the grants they may see are those."""
    from django.utils import timezone

    from tartan.web.groups import registry

    if not user.has_role(*LA_PEOPLE) or not user.la_code:
        return []
    return registry.groups_of(user.la_code, timezone.localdate())


def grant_document_for(user: Any, document: Any) -> bool:
    """A grant's conditions to the people of its group's LAs; an invoice or return's file to
    its own LA's."""
    from tartan.web.governance.models import Grant, GrantReturn, GrantTransfer

    conditions = Grant.objects.filter(conditions_document=document, group_key__in=la_groups(user))
    if conditions.exists():
        return True
    codes = set(GrantTransfer.objects.filter(invoice_document=document).values_list("la_code"))
    codes |= set(GrantReturn.objects.filter(document=document).values_list("la_code"))
    return any(own_la(user, code) for (code,) in codes)


def own_key_staff(user: Any, la_code: str) -> bool:
    return bool(user.has_role(Role.LA_KEY_STAFF)) and user.la_code == la_code


@policy("view_la_grants")
def view_la_grants(user: Any, obj: Any = None) -> bool:
    """The grants page of an LA, and a grant's conditions with its own LA's part: its people,
    for the grants of the groups their LA is in (another group's grant is not found)."""
    if obj is not None:
        return obj.group_key in la_groups(user)
    return bool(user.has_role(*LA_PEOPLE)) and user.la_code is not None


@policy("accept_grant_conditions")
def accept_grant_conditions(user: Any, grant: Any) -> bool:
    """Key staff accept the conditions for their own LA (the LA is always theirs), of a grant
    of one of their LA's groups."""
    return bool(user.has_role(Role.LA_KEY_STAFF)) and grant.group_key in la_groups(user)


@policy("submit_grant_invoice")
def submit_grant_invoice(user: Any, transfer: Any) -> bool:
    return own_key_staff(user, transfer.la_code)


@policy("file_grant_return")
def file_grant_return(user: Any, grant_return: Any) -> bool:
    return own_key_staff(user, grant_return.la_code)


# The public face (issue 17 point 2): the public pages use PUBLIC; each group's complaints
# register is its own programme manager's and chair's alone, whatever else they are.

COMPLAINT_HANDLERS = frozenset({"programme_manager", "chair"})


def complaint_offices(user: Any) -> set[tuple[str, str]]:
    """(group key, office) for each complaint-handling office the person holds today."""
    from tartan.web.governance.services.public import offices_held

    return {(group, office) for group, office in offices_held(user) if office in COMPLAINT_HANDLERS}


def may_see_complaint(held: set[tuple[str, str]], group_key: str, addressed_to: str) -> bool:
    """The office of the complaint's group it is addressed to; that group's chair also sees
    those to its programme manager. Another group's office opens nothing."""
    return (group_key, addressed_to) in held or (group_key, "chair") in held


@policy("view_complaints")
def view_complaints(user: Any, obj: Any = None) -> bool:
    return bool(complaint_offices(user))


@policy("handle_complaint")
def handle_complaint(user: Any, complaint: Any) -> bool:
    return may_see_complaint(complaint_offices(user), complaint.group_key, complaint.addressed_to)


@policy("manage_public_face")
def manage_public_face(user: Any, obj: Any = None) -> bool:
    """Steering-group seats and what each project shows publicly: programme staff."""
    return runs(user, obj)
