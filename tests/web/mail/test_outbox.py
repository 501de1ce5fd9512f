"""The outbox: messages are rows written with the action, sent by the worker through a real
SMTP server, kept and retried with backoff while the server is down, never lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tartan.web.accounts.roles import Role
from tartan.web.mail import outbox
from tartan.web.mail.delivery import backoff, deliver_due
from tartan.web.mail.kinds import KINDS
from tartan.web.mail.models import Message, Preference

pytestmark = pytest.mark.django_db


def _person(make_user, role=Role.LA_ANALYST, la="845", email="analyst@example.org"):
    person = make_user(role, la)
    person.email = email
    person.save()
    return person


FACTS = {"period": "2025-26 Q1", "deadline": date(2025, 8, 14), "group": "South East"}


def test_a_message_goes_through_the_smtp_server_with_text_and_html(make_user, mail_server):
    person = _person(make_user)
    outbox.to_people("round_opened", [person], FACTS, "/rounds/1/")
    assert Message.objects.get().sent_at is None
    assert deliver_due().sent == 1
    (received,) = mail_server.to("analyst@example.org")
    assert received["Subject"] == "The collection round for 2025-26 Q1 is open"
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",)).get_content()
    assert "Returns are due by 14 August 2025." in text
    assert "http://127.0.0.1:8000/rounds/1/" in text
    assert 'href="http://127.0.0.1:8000/rounds/1/"' in html
    assert Message.objects.get().sent_at is not None
    assert deliver_due().sent == 0  # sent once only


def test_a_server_that_is_down_loses_nothing_and_the_messages_go_when_it_is_back(
    make_user, mail_server
):
    people = [_person(make_user, email=f"p{n}@example.org") for n in range(3)]
    outbox.to_people("round_opened", people, FACTS, "/rounds/1/")
    mail_server.stop()
    first = deliver_due()
    assert (first.sent, first.failed) == (0, 1)  # the round stops at an unreachable server
    waiting = Message.objects.order_by("id")
    assert [m.sent_at for m in waiting] == [None, None, None]
    assert "ConnectionRefusedError" in waiting[0].last_error
    assert waiting[0].next_attempt_at > timezone.now()
    mail_server.start()
    later = timezone.now() + timedelta(hours=1)
    assert deliver_due(now=later).sent == 3
    assert sorted(m["X-Envelope-To"] for m in mail_server.messages) == [
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    ]


def test_backoff_doubles_to_six_hours():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(30) == timedelta(hours=6)


def test_the_worker_command_sends(make_user, mail_server, capsys):
    outbox.to_people("round_opened", [_person(make_user)], FACTS, "/rounds/1/")
    call_command("send_outbox")
    assert "1 sent" in capsys.readouterr().out
    assert len(mail_server.messages) == 1


def test_optional_messages_follow_the_persons_choice_and_required_ones_always_go(make_user):
    person = _person(make_user)
    Preference.objects.create(user=person, kind="signed_off", wanted=False)
    Preference.objects.create(user=person, kind="round_opened", wanted=False)  # required anyway
    assert outbox.to_people("signed_off", [person], FACTS, "/") == []
    assert len(outbox.to_people("round_opened", [person], FACTS, "/")) == 1
    assert not KINDS["signed_off"].required
    assert KINDS["round_opened"].required


def test_nobody_inactive_or_without_an_address_is_written_to(make_user):
    gone = _person(make_user, email="gone@example.org")
    gone.is_active = False
    gone.save()
    nameless = _person(make_user, email="")
    assert outbox.to_people("round_opened", [gone, nameless], FACTS, "/") == []


def test_the_same_reminder_is_never_written_twice(make_user):
    person = _person(make_user)
    outbox.to_people("overdue", [person], {**FACTS, "la_name": "East Sussex"}, "/", dedupe="r1")
    outbox.to_people("overdue", [person], {**FACTS, "la_name": "East Sussex"}, "/", dedupe="r1")
    assert Message.objects.count() == 1


def test_a_fact_that_is_not_allowed_is_refused():
    with pytest.raises(outbox.UnknownFact, match="value"):
        outbox.to_address("round_opened", "x@example.org", {**FACTS, "value": 1234}, "/")
