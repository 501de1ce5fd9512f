"""What is sent, to whom, and that no message carries a figure or a worry's words (issue 14.2-14.5)."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import jinja2
import jinja2.meta
import pytest
from django.core.management import call_command

from tartan.web.accounts.roles import Position, Role
from tartan.web.collection import services
from tartan.web.collection.models import Figure
from tartan.web.mail.delivery import deliver_due
from tartan.web.mail.kinds import FACTS, KINDS
from tartan.web.mail.models import Message, Unsubscribed, WeeklyUpdate
from tartan.web.sharing import services as sharing
from tests.web.conftest import GROUP, explain_all, return_bytes, signed_in, submit_all

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[3] / "src" / "tartan" / "web" / "templates" / "mail"
SOON = date.today() + timedelta(days=30)


def test_every_kind_has_a_template_that_uses_only_allowed_facts():
    environment = jinja2.Environment()
    for kind in KINDS.values():
        source = (TEMPLATES / f"{kind.key}.txt").read_text()
        assert source.startswith("Subject: "), kind.key
        used = jinja2.meta.find_undeclared_variables(environment.parse(source))
        assert used <= FACTS, (kind.key, used - FACTS)
    for layout in ("layout.txt", "layout.html"):
        used = jinja2.meta.find_undeclared_variables(
            environment.parse((TEMPLATES / layout).read_text())
        )
        assert used <= FACTS | {"paragraphs"}, (layout, used)


def _figures_of(round_) -> set[str]:
    """Every figure of the round's returns, as a message could print it (whole numbers > 9)."""
    values: set[str] = set()
    for value in Figure.objects.filter(version__round=round_).values_list("value", flat=True):
        if value is not None and value >= 10:
            values.add(f"{Decimal(value).normalize():f}")
            values.add(f"{int(value):,}")
    return values


NOT_FIGURES = re.compile(
    r"https?://\S+|\d{4}-\d{2} Q\d|\d{1,2} (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December) \d{4}"
)


def _carries_a_figure(text: str, figures: set[str]) -> set[str]:
    """The numbers in a message, links, quarters and dates aside, that are figures of a return."""
    numbers = set(re.findall(r"\d[\d,]*(?:\.\d+)?", NOT_FIGURES.sub(" ", text)))
    return numbers & figures


def test_a_whole_round_sends_each_message_to_the_right_people_and_none_carries_a_figure(
    make_user, mail_server, settings
):
    settings.TARTAN_DEADLINE_REMINDER_DAYS = 3
    settings.TARTAN_OVERDUE_DCS_AFTER_DAYS = 7
    dbg = make_user(Role.DBG_MEMBER, username="dbg")
    analyst = make_user(Role.LA_ANALYST, "845", username="analyst-845")
    keystaff = make_user(Role.LA_KEY_STAFF, "845", username="keystaff-845")
    make_user(Role.LA_KEY_STAFF, "871", position=Position.DCS, username="dcs-871")
    make_user(Role.LA_ANALYST, "871", username="analyst-871")
    make_user(Role.DFE_VIEWER, username="dfe")
    make_user(Role.PARTNER_VIEWER, username="partner")

    deadline = date.today() + timedelta(days=2)
    round_ = services.open_round(dbg, GROUP, "2024-25 Q4", deadline)
    submit_all(round_, dbg, skip=("871",))
    call_command("send_reminders", today=date.today())  # deadline in 2 days: 871 reminded
    call_command("send_reminders", today=deadline + timedelta(days=1))  # overdue
    call_command("send_reminders", today=deadline + timedelta(days=7))  # the DCS is told
    call_command("send_reminders", today=deadline + timedelta(days=7))  # nothing twice
    query = services.raise_query(round_, "845", dbg, "Referrals", "Why did referrals rise?")
    services.reply(query, analyst, "A new front door opened.", from_dbg=False)
    services.reply(query, dbg, "Thank you.", from_dbg=True, close=True)
    services.submit(round_, "871", dbg, "871.csv", return_bytes("871", round_.period))
    explain_all(round_, dbg)
    services.sign_off(round_, dbg)
    release = services.release(round_, dbg, {})
    share = sharing.request_share(
        keystaff, round_, "identified", "rug", "845", "Police", "Review", SOON
    )
    for code in sharing.asked(share):
        sharing.answer(share, code, make_user(Role.LA_KEY_STAFF, code), True, "agreed")
    while deliver_due().sent:
        pass

    got = {(str(m["Subject"]), m["X-Envelope-To"]) for m in mail_server.messages}
    expect = {
        ("The collection round for 2024-25 Q4 is open", "analyst-845@example.org"),
        ("The collection round for 2024-25 Q4 is open", "keystaff-845@example.org"),
        ("Slough: the return for 2024-25 Q4 is due in 2 days", "analyst-871@example.org"),
        ("Slough: the return for 2024-25 Q4 is overdue", "analyst-871@example.org"),
        ("Slough: the return for 2024-25 Q4 is overdue", "dcs-871@example.org"),
        (
            "East Sussex: the data benchmarking group has a question about 2024-25 Q4",
            "keystaff-845@example.org",
        ),
        ("East Sussex answered your question about 2024-25 Q4", "dbg@example.org"),
        ("East Sussex: the question about 2024-25 Q4 is closed", "analyst-845@example.org"),
        ("2024-25 Q4 is signed off", "analyst-845@example.org"),
        ("2024-25 Q4 is released", "keystaff-845@example.org"),
        ("2024-25 Q4 is released", "dfe@example.org"),
        (
            "East Sussex: permission to share 2024-25 Q4 with Police is asked",
            "keystaff-845@example.org",
        ),
        (f"Your request {share.pk} to share with Police: approved", "keystaff-845@example.org"),
    }
    assert expect <= got, expect - got
    # Nobody outside their part hears: the partner, the DfE before release, analysts of a
    # released quarter (released goes to key staff).
    assert not mail_server.to("partner@example.org")
    assert [str(m["Subject"]) for m in mail_server.to("dfe@example.org")] == [
        "2024-25 Q4 is released"
    ]
    assert "2024-25 Q4 is released" not in {
        str(m["Subject"]) for m in mail_server.to("analyst-845@example.org")
    }
    overdue_to_871 = [
        m for m in mail_server.to("analyst-871@example.org") if "overdue" in str(m["Subject"])
    ]
    assert len(overdue_to_871) == 1
    figures = _figures_of(round_)
    assert len(figures) > 100
    for message in mail_server.messages:
        for part in ("plain", "html"):
            body = message.get_body((part,)).get_content()
            shown = html.unescape(re.sub(r"<[^>]+>", " ", body))  # what a reader sees
            assert not _carries_a_figure(shown, figures), (message["Subject"], part)
            assert "Why did referrals rise?" not in body
            assert "front door" not in body
        assert message.get_body(("html",)) is not None
    assert release.pk


def test_the_messages_page_keeps_choices_and_lists_what_was_sent(make_user):
    person = make_user(Role.LA_ANALYST, "845")
    client = signed_in(person)
    page = client.get("/messages/").content.decode()
    assert "A quarter is signed off" in page
    assert "No messages yet." in page
    client.post("/messages/", {"wanted": ["deadline_soon"]})
    from tartan.web.mail.models import Preference

    off = set(Preference.objects.filter(user=person, wanted=False).values_list("kind", flat=True))
    assert "signed_off" in off
    assert "deadline_soon" not in off
    assert "round_opened" not in off  # required: not offered
    dbg = make_user(Role.DBG_MEMBER)
    services.open_round(dbg, GROUP, "2025-26 Q1", SOON)
    assert (
        "The collection round for 2025-26 Q1 is open" in client.get("/messages/").content.decode()
    )


def test_the_weekly_update_goes_to_consenting_subscribers_and_unsubscribing_works(
    make_user, mail_server
):
    from tartan.web.governance.models import Participant

    programme = make_user(Role.PROGRAMME_STAFF)
    Participant.objects.create(name="A", organisation="Kent", role="DCS", email="a@example.org")
    Participant.objects.create(
        name="B", organisation="Kent", role="DCS", email="b@example.org", consent_withheld=True
    )
    client = signed_in(programme)
    made = client.post(
        "/messages/weekly/",
        {"title": "Week 12", "news": "The Q2 round opens on Monday.", "due": "Returns by Friday"},
    )
    update = WeeklyUpdate.objects.get()
    assert made["Location"] == f"/messages/weekly/{update.pk}/"
    preview = client.get(made["Location"]).content.decode()
    assert "The Q2 round opens on Monday." in preview
    assert "Send it to 1 subscribers" in preview
    client.post(made["Location"])
    client.post(made["Location"])  # sent once only
    deliver_due()
    assert [m["X-Envelope-To"] for m in mail_server.messages] == ["a@example.org"]
    text = mail_server.messages[0].get_body(("plain",)).get_content()
    link = re.search(r"Unsubscribe: http://127.0.0.1:8000(\S+)", text).group(1)
    from django.test import Client

    assert "Stop sending" in Client().get(link).content.decode()
    Client().post(link)
    assert Unsubscribed.objects.filter(address="a@example.org").exists()
    assert Client().get("/messages/unsubscribe/forged-token/").status_code == 404
    update.refresh_from_db()
    assert update.recipients == 1


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/messages/", set(Role)),
        ("/messages/weekly/", {Role.PROGRAMME_STAFF}),
    ],
)
def test_who_may_open_the_message_pages(make_user, url, allowed):
    for role in Role:
        la = "845" if role in (Role.LA_ANALYST, Role.LA_KEY_STAFF) else None
        status = signed_in(make_user(role, la)).get(url).status_code
        assert status == (200 if role in allowed else 403), (role, url)


def test_a_weekly_update_page_is_for_programme_staff_only(make_user):
    update = WeeklyUpdate.objects.create(
        title="x", news="y", created_by=make_user(Role.PROGRAMME_STAFF)
    )
    for role in Role:
        la = "845" if role in (Role.LA_ANALYST, Role.LA_KEY_STAFF) else None
        status = signed_in(make_user(role, la)).get(f"/messages/weekly/{update.pk}/").status_code
        assert status == (200 if role is Role.PROGRAMME_STAFF else 404), role
    assert Message.objects.count() == 0
