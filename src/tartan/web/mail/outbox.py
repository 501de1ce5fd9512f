"""Putting messages in the outbox. Each is rendered when the event happens, from facts that are
never figures, and written in the transaction of the action that caused it, so that an action
rolled back sends nothing and an action done always sends."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tartan.web.mail.kinds import FACTS, KINDS, MessageKind
from tartan.web.mail.models import Message, Preference

Fact = str | int | date | list[str] | None


class UnknownFact(ValueError):
    """A message was given a fact its kind's templates may not use (it could be a figure)."""


def absolute(path: str) -> str:
    return settings.TARTAN_SITE_URL.rstrip("/") + path


def wants(person: Any, kind: MessageKind) -> bool:
    if kind.required:
        return True
    return not Preference.objects.filter(user=person, kind=kind.key, wanted=False).exists()


def render(kind: MessageKind, facts: Mapping[str, Fact]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one message.

    Each kind has one template, plain text whose first line is the subject; the HTML part is
    the same paragraphs in the service's mail layout, so that the two never say different
    things.
    """
    context = {
        **facts,
        "site": settings.TARTAN_SITE_NAME,
        "preferences": absolute(reverse("mail:mine")),
    }
    # Templates render with autoescaping on (the service's Jinja environment); plain text
    # gets its characters back ("Brighton & Hove", not "Brighton &amp; Hove").
    text = html.unescape(render_to_string(kind.template, context, using="jinja2")).strip()
    subject_line, _, body = text.partition("\n")
    if not subject_line.startswith("Subject: "):
        raise ValueError(f"{kind.template} must start with a Subject: line")
    subject = subject_line.removeprefix("Subject: ").strip()
    paragraphs = [part.strip() for part in body.strip().split("\n\n") if part.strip()]
    parts = {**context, "subject": subject, "paragraphs": paragraphs}
    full_text = html.unescape(render_to_string("mail/layout.txt", parts, using="jinja2"))
    body_html = render_to_string("mail/layout.html", parts, using="jinja2")
    return subject, full_text, body_html


def _checked(kind_key: str, facts: Mapping[str, Fact]) -> MessageKind:
    kind = KINDS[kind_key]
    unknown = set(facts) - FACTS
    if unknown:
        raise UnknownFact(f"{kind_key} was given {', '.join(sorted(unknown))}")
    return kind


def to_address(
    kind_key: str,
    address: str,
    facts: Mapping[str, Fact],
    path: str,
    dedupe: str | None = None,
    person: Any = None,
) -> Message | None:
    """One message to one address (a person invited, a subscriber without an account)."""
    kind = _checked(kind_key, facts)
    key = f"{kind_key}:{dedupe}:{address.lower()}"[:200] if dedupe else None
    if key and Message.objects.filter(dedupe_key=key).exists():
        return None
    link = absolute(path) if path else ""
    subject, text, body_html = render(kind, {**facts, "link": link})
    return Message.objects.create(
        kind=kind.key,
        recipient=person,
        to_address=address,
        subject=subject[:200],
        text=text,
        html=body_html,
        link=link[:500],
        dedupe_key=key,
        next_attempt_at=timezone.now(),
    )


def to_people(
    kind_key: str,
    people: Iterable[Any],
    facts: Mapping[str, Fact],
    path: str,
    dedupe: str | None = None,
) -> list[Message]:
    """The message to each active person with an email address who has not turned it off."""
    kind = _checked(kind_key, facts)
    made = []
    seen: set[int] = set()
    for person in people:
        if person.pk in seen or not person.is_active or not person.email:
            continue
        seen.add(person.pk)
        if not wants(person, kind):
            continue
        message = to_address(
            kind_key,
            person.email,
            {**facts, "name": person.display_name},
            path,
            dedupe=dedupe,
            person=person,
        )
        if message is not None:
            made.append(message)
    return made
