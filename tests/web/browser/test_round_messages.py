"""A round from opening to release in the browser, with the messages each step sends arriving at
a real SMTP server: the right recipients, and not one figure (issue 14, done when). The
messages of the round are written to out/messages_of_a_round.txt for people to read."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tartan.web.accounts.roles import Position, Role
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound, Figure
from tartan.web.mail.delivery import deliver_due
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code
from tests.web.conftest import MEMBERS, explain_all, return_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUT = Path(__file__).resolve().parents[3] / "out" / "messages_of_a_round.txt"


def _ok(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def _sign_out(page) -> None:
    page.click("text=Sign out")
    page.click("button:has-text('Sign out')")


def test_a_round_from_opening_to_release_sends_its_messages(page, make_user, mail_server, tmp_path):
    dbg = with_backup_code(make_user(Role.DBG_MEMBER, username="dbg"))
    analyst = make_user(Role.LA_ANALYST, "845", username="analyst-845")
    keystaff = with_backup_code(
        make_user(Role.LA_KEY_STAFF, "845", position=Position.DCS, username="dcs-845")
    )
    make_user(Role.LA_ANALYST, "871", username="analyst-871")
    make_user(Role.DFE_VIEWER, username="dfe")
    make_user(Role.PARTNER_VIEWER, username="ofsted")

    # The DBG opens the round in the browser; a deadline already near.
    sign_in(page, dbg)
    page.goto("/rounds/new/")
    page.fill("#id_period", "2024-25 Q4")
    page.fill("#id_deadline", (date.today() + timedelta(days=2)).isoformat())
    page.click("button:has-text('Open the round')")
    round_ = CollectionRound.objects.get(period="2024-25 Q4")
    for code in MEMBERS:
        if code not in ("845", "871"):
            services.submit(round_, code, dbg, f"{code}.csv", return_bytes(code, round_.period))
    _sign_out(page)

    # The analyst sees what waits, and uploads.
    sign_in(page, analyst)
    assert "return for 2024-25 Q4 is due by" in page.locator("#waiting").inner_text()
    _ok(page, "20-home-analyst-waiting")
    upload = tmp_path / "845.csv"
    upload.write_bytes(return_bytes("845", round_.period))
    page.goto(f"/rounds/{round_.pk}/submit/")
    page.set_input_files("#id_file", str(upload))
    page.click("text=Upload and check")
    _sign_out(page)

    # Slough is late: the DBG chases it from the dashboard, then asks East Sussex a question.
    sign_in(page, dbg)
    page.goto(f"/rounds/{round_.pk}/?show=missing")
    _ok(page, "21-dbg-dashboard-filtered")
    page.goto(f"/rounds/{round_.pk}/la/845/queries/new/")
    page.fill("#id_subject", "Referrals in the quarter")
    page.fill("#id_text", "The count rose a lot: please check it.")
    page.click("button:has-text('Send the question')")
    _sign_out(page)

    sign_in(page, analyst)
    assert "A question from the DBG waits for your answer" in page.content()
    page.click("text=A question from the DBG waits for your answer: Referrals in the quarter")
    page.fill("#reply", "Checked: a new front door opened in January.")
    page.click("button:has-text('Send')")
    page.goto("/messages/")
    _ok(page, "22-my-messages")
    _sign_out(page)

    sign_in(page, dbg)
    page.click("text=East Sussex answered your question")
    page.fill("#reply", "Thank you.")
    page.click("button:has-text('Send and close the question')")
    services.submit(round_, "871", dbg, "871.csv", return_bytes("871", round_.period))
    explain_all(round_, dbg)
    page.goto(f"/rounds/{round_.pk}/")
    page.click("button:has-text('Sign the quarter off')")
    page.click("text=Release the quarter")
    page.click("button:has-text('Release 2024-25 Q4')")
    assert "is released" in page.content()
    _sign_out(page)
    sign_in(page, keystaff)
    _ok(page, "23-home-keystaff")

    while deliver_due().sent:
        pass
    received = sorted((str(m["Subject"]), m["X-Envelope-To"]) for m in mail_server.messages)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(f"{to}\t{subject}\n" for subject, to in received))
    subjects = {subject for subject, _ in received}
    assert {
        "The collection round for 2024-25 Q4 is open",
        "East Sussex: the data benchmarking group has a question about 2024-25 Q4",
        "East Sussex answered your question about 2024-25 Q4",
        "East Sussex: the question about 2024-25 Q4 is closed",
        "2024-25 Q4 is signed off",
        "2024-25 Q4 is released",
    } <= subjects
    assert not mail_server.to("ofsted@example.org")
    assert ("2024-25 Q4 is released", "dfe@example.org") in received
    assert ("2024-25 Q4 is released", "analyst-845@example.org") not in received
    figures = {
        f"{int(value):,}"
        for value in Figure.objects.filter(version__round=round_).values_list("value", flat=True)
        if value is not None and value >= 100
    } | {
        str(int(value))
        for value in Figure.objects.filter(version__round=round_).values_list("value", flat=True)
        if value is not None and value >= 100
    }
    for message in mail_server.messages:
        text = message.get_body(("plain",)).get_content()
        words = set(text.replace(",", " ").split()) | set(text.split())
        assert not (words & figures), message["Subject"]
        assert "front door" not in text
