"""The worker's side of the outbox: send what is due, one message at a time, and when the mail
server refuses or is down, keep the message and try again later (1, 2, 4 … minutes, at most
every 6 hours). Nothing is dropped: a message stays until a server has taken it."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.utils import timezone

from tartan.web.mail.models import Message

LONGEST_WAIT = timedelta(hours=6)


@dataclass(frozen=True)
class Round:
    sent: int
    failed: int


def backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def _next_due(now: datetime) -> Message | None:
    due = Message.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "id"
    )
    # Several workers share the outbox on PostgreSQL: each takes a message no other holds.
    if connection.vendor == "postgresql":
        due = due.select_for_update(skip_locked=True)
    return due.first()


def _send(message: Message, mail_connection: object) -> None:
    email = EmailMultiAlternatives(
        message.subject,
        message.text,
        settings.DEFAULT_FROM_EMAIL,
        [message.to_address],
        connection=mail_connection,  # type: ignore[arg-type]
    )
    email.attach_alternative(message.html, "text/html")
    email.send()


def _server_unreachable(error: BaseException) -> bool:
    """The server cannot be reached at all (rather than refusing this one message).

    smtplib's errors are OSErrors too: only a plain socket error, or a failed connection or
    greeting, means the server is not there.
    """
    if isinstance(error, (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)):
        return True
    return not isinstance(error, smtplib.SMTPException)


def deliver_due(now: datetime | None = None, limit: int = 200) -> Round:
    """Send up to ``limit`` messages that are due; return how many went and how many wait again."""
    now = now or timezone.now()
    sent = failed = 0
    mail_connection = get_connection(fail_silently=False)
    tried: set[int] = set()
    try:
        for _ in range(limit):
            with transaction.atomic():
                message = _next_due(now)
                if message is None or message.pk in tried:
                    break
                tried.add(message.pk)
                try:
                    _send(message, mail_connection)
                except (OSError, smtplib.SMTPException) as error:
                    message.attempts += 1
                    message.next_attempt_at = now + backoff(message.attempts)
                    message.last_error = f"{type(error).__name__}: {error}"[:500]
                    failed += 1
                    mail_connection.close()
                    if _server_unreachable(error):
                        # Every other message would wait out the same timeout: stop this round.
                        message.save(
                            update_fields=["attempts", "next_attempt_at", "sent_at", "last_error"]
                        )
                        break
                else:
                    message.attempts += 1
                    message.sent_at = timezone.now()
                    message.last_error = ""
                    sent += 1
                message.save(update_fields=["attempts", "next_attempt_at", "sent_at", "last_error"])
    finally:
        mail_connection.close()
    return Round(sent, failed)
