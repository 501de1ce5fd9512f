"""People's rights over what the service holds (memorandum 5.5.5): a person's subject-access
export, an LA's portability export of its own data, and the anonymisation of a person's
directory entry with every historical version of it.

Audit events are never changed: they are the record the protocol keeps of who did what, so a
subject-access export includes them and an erasure leaves them (and records itself in them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from tartan.web.accounts.models import Organisation, User
from tartan.web.audit.models import Action, AuditEvent
from tartan.web.audit.record import record
from tartan.web.files import Archive, csv_text, dicts_of, json_text, marking_lines, rows_of
from tartan.web.governance.models import Participant

ACCOUNT_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "position",
    "is_active",
    "date_joined",
    "last_login",
)
DIRECTORY_FIELDS = ("name", "organisation", "role", "email", "phone", "consent_withheld", "active")
HISTORY_FIELDS = ("history_date", "history_type", *DIRECTORY_FIELDS)
AUDIT_FIELDS = (
    "at",
    "username",
    "organisation",
    "roles",
    "action",
    "object_type",
    "object_id",
    "la_codes",
    "purpose",
    "summary",
    "ip_address",
    "user_agent",
)
MESSAGE_FIELDS = ("created_at", "sent_at", "kind", "to_address", "subject", "text")


def audit_by(person: User | None) -> Any:
    if person is None:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(Q(user=person) | Q(username=person.username))


def audit_about(person: User | None, entry: Participant | None) -> Any:
    about = Q(pk__in=[])
    if person is not None:
        about |= Q(object_type="User", object_id=str(person.pk))
    if entry is not None:
        about |= Q(object_type="Participant", object_id=str(entry.pk))
    return AuditEvent.objects.filter(about)


def messages_to(person: User | None, entry: Participant | None) -> Any:
    from tartan.web.mail.models import Message

    to = Q(pk__in=[])
    if person is not None:
        to |= Q(recipient=person)
        if person.email:
            to |= Q(to_address__iexact=person.email)
    if entry is not None and entry.email:
        to |= Q(to_address__iexact=entry.email)
    return Message.objects.filter(to)


def subject_access(
    made_for: User, person: User | None = None, entry: Participant | None = None
) -> bytes:
    """A ZIP of JSON and CSV: the account, the directory entry with its history, the audit
    events by and about the person, and the messages sent to them."""
    if entry is None and person is not None:
        entry = Participant.objects.filter(user=person).first()
    marking = marking_lines(made_for)
    archive = Archive(marking)
    if person is not None:
        account: dict[str, Any] = dicts_of([person], ACCOUNT_FIELDS)[0]
        account["organisation"] = str(person.organisation or "")
        account["roles"] = list(person.role_labels)
        account["invitations"] = [
            {
                "created_at": i.created_at.isoformat(),
                "used_at": i.used_at.isoformat() if i.used_at else None,
            }
            for i in person.invitations.all()
        ]
        account["message_preferences"] = dicts_of(
            person.message_preferences.all(), ("kind", "wanted")
        )
        account["protocol_acknowledgements"] = [
            {"version": a.version.version, "at": a.at.isoformat()}
            for a in person.protocol_acknowledgements.select_related("version")
        ]
        archive.text("account.json", json_text(account))
    if entry is not None:
        directory = dicts_of([entry], DIRECTORY_FIELDS)[0]
        directory["history"] = dicts_of(entry.history.order_by("history_date"), HISTORY_FIELDS)
        archive.text("directory_entry.json", json_text(directory))
    by = audit_by(person)
    archive.text(
        "audit_events_by_them.csv", csv_text(AUDIT_FIELDS, rows_of(by, AUDIT_FIELDS), marking)
    )
    about = audit_about(person, entry)
    archive.text(
        "audit_events_about_them.csv", csv_text(AUDIT_FIELDS, rows_of(about, AUDIT_FIELDS), marking)
    )
    sent = messages_to(person, entry)
    archive.text(
        "messages_to_them.csv", csv_text(MESSAGE_FIELDS, rows_of(sent, MESSAGE_FIELDS), marking)
    )
    return archive.close()


VERSION_FIELDS = (
    "period",
    "la_code",
    "number",
    "original_name",
    "sha256",
    "size",
    "uploaded_by_name",
    "uploaded_at",
    "status",
    "error_count",
    "query_count",
)


def portability(made_for: User, organisation: Organisation) -> bytes:
    """An LA's own data in open formats: every return version with its original file, its
    figures and findings, the LA's explanations, context notes and query threads."""
    from tartan.web.collection.models import (
        ContextNote,
        Explanation,
        Figure,
        Finding,
        QueryMessage,
        ReturnVersion,
    )

    code = organisation.la_code or ""
    marking = marking_lines(made_for, organisation.group_key or None)
    archive = Archive(marking)
    versions = list(
        ReturnVersion.objects.filter(la_code=code)
        .select_related("round", "uploaded_by")
        .order_by("round__period", "number")
    )
    rows = []
    for v in versions:
        rows.append(
            [
                v.round.period,
                v.la_code,
                v.number,
                v.original_name,
                v.sha256,
                v.size,
                v.uploaded_by.display_name,
                v.uploaded_at,
                v.status,
                v.error_count,
                v.query_count,
            ]
        )
        safe = v.original_name.replace("/", "_").replace("\\", "_")
        archive.bytes(
            f"returns/{v.round.period.replace(' ', '_')}/v{v.number}-{safe}", bytes(v.content)
        )
    archive.text("return_versions.csv", csv_text(VERSION_FIELDS, rows, marking))
    figures = Figure.objects.filter(version__la_code=code).select_related("version__round")
    archive.text(
        "figures.csv",
        csv_text(
            ["period", "version", "item", "value", "symbol"],
            [
                [f.version.round.period, f.version.number, f.item, f.value, f.symbol]
                for f in figures
            ],
            marking,
        ),
    )
    findings = Finding.objects.filter(version__la_code=code).select_related("version__round")
    archive.text(
        "findings.csv",
        csv_text(
            ["period", "version", "code", "severity", "row", "column", "item", "message"],
            [
                [
                    x.version.round.period,
                    x.version.number,
                    x.code,
                    x.severity,
                    x.row,
                    x.column,
                    x.item,
                    x.message,
                ]
                for x in findings
            ],
            marking,
        ),
    )
    explanations = Explanation.objects.filter(finding__version__la_code=code).select_related(
        "finding__version__round", "by"
    )
    archive.text(
        "explanations.csv",
        csv_text(
            ["period", "version", "finding", "text", "by", "at"],
            [
                [
                    e.finding.version.round.period,
                    e.finding.version.number,
                    e.finding.code,
                    e.text,
                    e.by.display_name,
                    e.at,
                ]
                for e in explanations
            ],
            marking,
        ),
    )
    notes = ContextNote.objects.filter(la_code=code).select_related("round", "by")
    archive.text(
        "context_notes.csv",
        csv_text(
            ["period", "indicator", "text", "by", "at"],
            [[n.round.period, n.indicator, n.text, n.by.display_name, n.at] for n in notes],
            marking,
        ),
    )
    thread = QueryMessage.objects.filter(query__la_code=code).select_related(
        "query__round", "author"
    )
    archive.text(
        "queries.csv",
        csv_text(
            ["period", "query", "subject", "status", "author", "at", "text"],
            [
                [
                    m.query.round.period,
                    m.query.pk,
                    m.query.subject,
                    m.query.status,
                    m.author.display_name,
                    m.at,
                    m.text,
                ]
                for m in thread
            ],
            marking,
        ),
    )
    archive.text(
        "README.txt",
        f"Everything tartan holds of {organisation.name}'s own returns, in CSV (UTF-8, the first "
        "lines are the protective marking as # comments) with each original file as uploaded.\n",
    )
    return archive.close()


@dataclass(frozen=True)
class Erasure:
    entry: Participant
    versions_anonymised: int
    messages_anonymised: int


ERASED = "Erased person"
# What retention keeps, and so when an entry may not be erased yet (docs/governance.md,
# "People's rights"). The audit trail and memoranda signatures are records the protocol keeps
# whatever happens to the directory: an erasure never touches them.
RULE_IN_USE = (
    "Retention rule 1: the person still has an active account. While they work in the "
    "programme the directory is how it reaches them, so their entry is kept; deactivate the "
    "account first."
)
RULE_ALREADY_ERASED = "This entry has already been erased."


class ErasureRefused(ValueError):
    """Retention does not allow the erasure; the message names the rule."""


def erasure_blockers(entry: Participant) -> list[str]:
    """Why retention does not allow this entry to be erased now (empty when it does)."""
    reasons = []
    if entry.name.startswith(ERASED):
        reasons.append(RULE_ALREADY_ERASED)
    elif entry.user is not None and entry.user.is_active:
        reasons.append(RULE_IN_USE)
    return reasons


@transaction.atomic
def erase(request: HttpRequest | None, by: User, entry: Participant, reason: str) -> Erasure:
    """Anonymise the entry, every historical version of it, its inactive account's names and
    address, and the address and text of messages sent to it. The audit keeps the event."""
    problems = erasure_blockers(entry)
    if problems:
        raise ErasureRefused(problems[0])
    address = f"erased-{entry.pk}@erased.invalid"
    name = f"{ERASED} {entry.pk}"
    sent = messages_to(entry.user, entry)
    messages_anonymised = sent.update(
        to_address=address, text="[erased]", html="[erased]", subject="[erased]"
    )
    person = entry.user
    entry.name = name
    entry.email = address
    entry.phone = ""
    entry.active = False
    entry.consent_withheld = True
    entry.user = None
    entry.save()
    # django-simple-history keeps every version: each is anonymised too, the new one included.
    versions = entry.history.update(name=name, email=address, phone="", user=None)
    if person is not None:
        person.first_name = ""
        person.last_name = ""
        person.email = ""
        person.save()
    record(
        request,
        Action.ADMIN,
        obj=entry,
        user=by,
        summary=f"directory entry {entry.pk} anonymised with {versions} historical versions and "
        f"{messages_anonymised} messages: {reason}",
    )
    return Erasure(entry, versions, messages_anonymised)
