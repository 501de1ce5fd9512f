"""What waits for each person on their home page, the DBG's dashboard (summary, filters, chase),
what blocks sign-off and release and who clears it, and forms that refuse an empty field by
name and keep what was typed (issue 14.6-14.8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tartan.web.accounts.roles import Position, Role
from tartan.web.collection import services
from tartan.web.collection.models import ContextNote, Finding
from tartan.web.mail.models import Message
from tests.web.conftest import GROUP, explain_all, return_bytes, signed_in, submit_all

pytestmark = pytest.mark.django_db


def _home(user) -> str:
    return signed_in(user).get("/").content.decode()


def test_an_analysts_home_says_nothing_waits_then_lists_deadline_queries_and_questions(
    make_user, dbg
):
    analyst = make_user(Role.LA_ANALYST, "845")
    assert "Nothing waits for you." in _home(analyst)
    round_ = services.open_round(dbg, GROUP, "2025-26 Q1", date.today() + timedelta(days=5))
    page = _home(analyst)
    assert "East Sussex&#39;s return for 2025-26 Q1 is due by" in page
    assert f"/rounds/{round_.pk}/submit/" in page
    version = services.submit(round_, "845", analyst, "r.csv", return_bytes("845", round_.period))
    Finding.objects.create(version=version, code="Q601", severity="query", item="s47", message="m")
    services.raise_query(round_, "845", dbg, "Assessments", "Please check")
    page = _home(analyst)
    assert "is due by" not in page
    assert "1 validation query to explain on the return for 2025-26 Q1" in page
    assert "A question from the DBG waits for your answer: Assessments" in page


def test_an_overdue_return_is_urgent_on_the_las_home(make_user, dbg):
    services.open_round(dbg, GROUP, "2025-26 Q1", date.today() - timedelta(days=1))
    page = _home(make_user(Role.LA_KEY_STAFF, "845"))
    assert "it is overdue" in page
    assert "govuk-tag--red" in page


def test_the_dbgs_home_lists_returns_to_check_late_las_and_answered_questions(make_user, dbg):
    assert "Nothing waits for you." in _home(dbg)
    round_ = services.open_round(dbg, GROUP, "2025-26 Q1", date.today() - timedelta(days=1))
    submit_all(round_, dbg, skip=("871", "872"))
    explain_all(round_, dbg)
    query = services.raise_query(round_, "845", dbg, "Referrals", "Why?")
    services.reply(query, make_user(Role.LA_ANALYST, "845"), "Because.", from_dbg=False)
    page = _home(dbg)
    assert "16 returns for 2025-26 Q1 ready to check" in page
    assert "2 LAs are late for 2025-26 Q1" in page
    assert "East Sussex answered your question" in page


def test_programme_staffs_home_lists_signatures_and_invoices(make_user):
    from tests.web.governance.conftest import make_memorandum

    programme = make_user(Role.PROGRAMME_STAFF)
    assert "Nothing waits for you." in _home(programme)
    make_memorandum(programme, ["845", "846"])
    page = _home(programme)
    assert "signatures outstanding on South East Memorandum of Understanding" in page


def test_the_dashboard_has_a_summary_line_and_filters(make_user, dbg):
    round_ = services.open_round(dbg, GROUP, "2025-26 Q1", date.today() - timedelta(days=1))
    submit_all(round_, dbg, skip=("871",))
    explain_all(round_, dbg)
    services.raise_query(round_, "845", dbg, "Referrals", "Why?")
    client = signed_in(dbg)
    page = client.get(f"/rounds/{round_.pk}/").content.decode()
    assert "17 ready · 1 with queries or questions open · 1 late · 0 not yet submitted" in page
    late = client.get(f"/rounds/{round_.pk}/?show=late").content.decode()
    table = late[late.index('id="dashboard"') : late.index("</table>")]
    assert "Slough" in table
    assert "East Sussex" not in table
    assert "overdue" in page


def test_one_click_chases_a_late_la_and_is_recorded(make_user, dbg, mail_server):
    make_user(Role.LA_ANALYST, "871", username="slough-analyst")
    make_user(Role.LA_KEY_STAFF, "871", position=Position.DCS, username="slough-dcs")
    round_ = services.open_round(dbg, GROUP, "2025-26 Q1", date.today() - timedelta(days=3))
    client = signed_in(dbg)
    response = client.post(f"/rounds/{round_.pk}/la/871/chase/")
    assert response["Location"] == f"/rounds/{round_.pk}/"
    chased = Message.objects.filter(kind="overdue", to_address__startswith="slough")
    assert sorted(m.to_address for m in chased) == [
        "slough-analyst@example.org",
        "slough-dcs@example.org",
    ]
    from tartan.web.audit.models import AuditEvent

    assert AuditEvent.objects.filter(summary__startswith="chased 871").exists()
    # Only the DBG chases.
    assert (
        signed_in(make_user(Role.LA_KEY_STAFF, "845"))
        .post(f"/rounds/{round_.pk}/la/871/chase/")
        .status_code
        == 404
    )


def test_sign_off_says_what_blocks_it_and_who_clears_it_and_release_waits_for_it(make_user, dbg):
    round_ = services.open_round(dbg, GROUP, "2025-26 Q1", date.today() + timedelta(days=3))
    submit_all(round_, dbg)
    explain_all(round_, dbg)
    services.raise_query(round_, "846", dbg, "Referrals", "Why?")
    client = signed_in(dbg)
    page = client.get(f"/rounds/{round_.pk}/").content.decode()
    assert "Brighton and Hove has 1 open question from the DBG" in page
    assert "Brighton and Hove answers and the DBG closes the question" in page
    assert "Sign the quarter off</button>" not in page
    assert "the quarter has not been signed off" in page
    assert f'href="/rounds/{round_.pk}/release/"' not in page
    release = client.get(f"/rounds/{round_.pk}/release/").content.decode()
    assert "cannot be released yet" in release
    assert 'id="release-form"' not in release


def test_a_released_quarter_takes_no_submission(make_user, released_round):
    analyst = make_user(Role.LA_ANALYST, "845")
    client = signed_in(analyst)
    assert client.get(f"/rounds/{released_round.pk}/submit/").status_code == 404
    assert f"/rounds/{released_round.pk}/submit/" not in client.get("/rounds/").content.decode()


def test_an_empty_note_is_refused_by_name_and_keeps_the_row_chosen(make_user, open_round):
    analyst = make_user(Role.LA_ANALYST, "845")
    response = signed_in(analyst).post(
        f"/rounds/{open_round.pk}/la/845/notes/", {"indicator": "cla", "text": "  "}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write the note for 12. Children looked after: the note is empty." in page
    assert '<option value="cla" selected>' in page
    assert not ContextNote.objects.exists()


def test_an_empty_explanation_and_reply_are_refused_by_name(make_user, open_round, dbg):
    analyst = make_user(Role.LA_ANALYST, "845")
    version = services.submit(
        open_round, "845", analyst, "r.csv", return_bytes("845", open_round.period)
    )
    finding = Finding.objects.create(
        version=version, code="Q601", severity="query", item="s47", message="m"
    )
    client = signed_in(analyst)
    page = client.post(
        f"/rounds/{open_round.pk}/la/845/explain/", {"finding": finding.pk, "text": ""}
    ).content.decode()
    assert "Write your explanation of Q601 (s47, Section 47 enquiries started)" in page
    query = services.raise_query(open_round, "845", dbg, "Referrals", "Why?")
    reply = client.post(f"/rounds/queries/{query.pk}/", {"text": " "})
    assert reply.status_code == 200
    assert "Write your reply: the reply is empty." in reply.content.decode()
    assert query.messages.count() == 1


def test_the_return_panel_is_not_green_while_something_waits(make_user, open_round, dbg):
    analyst = make_user(Role.LA_ANALYST, "845")
    services.submit(open_round, "845", analyst, "r.csv", return_bytes("845", open_round.period))
    client = signed_in(analyst)
    calm = client.get(f"/rounds/{open_round.pk}/la/845/").content.decode()
    query = services.raise_query(open_round, "845", dbg, "Referrals", "Why?")
    waiting = client.get(f"/rounds/{open_round.pk}/la/845/").content.decode()
    assert "govuk-panel--confirmation" in calm
    assert "govuk-panel--confirmation" not in waiting
    assert "Accepted, and waiting for you" in waiting
    assert f"/rounds/queries/{query.pk}/" in waiting


def test_the_submit_page_names_every_item_with_its_label(make_user, open_round):
    page = (
        signed_in(make_user(Role.LA_ANALYST, "845"))
        .get(f"/rounds/{open_round.pk}/submit/")
        .content.decode()
    )
    assert "<code>s47</code>, Section 47 enquiries started" in page
    assert page.count("govuk-summary-list__row") == 21
