"""The meeting pack on the web (issue 13.11): the DBG writes the commentary, the group asks
for the pack, the real task worker makes it, and only the asker downloads it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tartan.reference.register import shipped_register
from tartan.web.accounts.roles import Role
from tartan.web.prepared.models import PackCommentary, PreparedFile, PreparedStatus
from tartan.web.submissions.once import FIELD
from tests.rug.pdf_words import pdf_info, pdf_text
from tests.web.conftest import MEMBERS, signed_in, submit_all
from tests.web.test_prepared import run_worker

COMMENTARY = "Referrals rose across the region this quarter.\n\nAssessments held up well."


def _post(client, round_, **data):
    page = client.get(reverse("reports:pack", args=[round_.pk])).content.decode()
    once = page.split(f'name="{FIELD}" value="')[1].split('"')[0]
    return client.post(reverse("reports:pack", args=[round_.pk]), {FIELD: once, **data})


def _ask(client, round_) -> PreparedFile:
    response = _post(client, round_, action="ask")
    assert response.status_code == 302
    return PreparedFile.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.mark.django_db(transaction=True)
def test_the_pack_is_made_by_the_worker_with_every_rug_and_the_commentary(dbg, released_round):
    client = signed_in(dbg)
    assert (
        _post(client, released_round, action="commentary", commentary=COMMENTARY).status_code == 302
    )
    assert PackCommentary.objects.get(round=released_round).text == COMMENTARY
    prepared = _ask(client, released_round)
    assert prepared.status == PreparedStatus.WAITING  # the request rendered nothing
    assert prepared.content is None
    run_worker()
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.READY, prepared.error
    download = client.get(reverse("prepared:download", args=[prepared.pk]))
    assert download.status_code == 200
    data = download.content
    assert pdf_info(data)["Tagged"] == "yes"
    text = pdf_text(data)
    for entry in ("Contents", "Commentary from the group", "Regional overview", "Context notes"):
        assert entry in text
    assert "Referrals rose across the region this quarter." in text
    assert "Assessments held up well." in text
    for code in MEMBERS:
        assert f"{shipped_register()[code].name} ({code})" in text
    assert "DRAFT" not in text
    assert sorted(prepared.la_codes) == sorted(MEMBERS)


@pytest.mark.django_db(transaction=True)
def test_before_release_the_dbg_gets_a_draft_pack(dbg, open_round):
    submit_all(open_round, dbg, skip=(MEMBERS[-1],))
    prepared = _ask(signed_in(dbg), open_round)
    run_worker()
    prepared.refresh_from_db()
    assert prepared.status == PreparedStatus.READY, prepared.error
    text = pdf_text(bytes(prepared.content))
    assert "DRAFT: not signed off." in text
    assert f"No return yet from {shipped_register()[MEMBERS[-1]].name} ({MEMBERS[-1]})" in text


def test_who_may_see_the_pack_page(make_user, dbg, released_round):
    url = reverse("reports:pack", args=[released_round.pk])
    allowed = [dbg, make_user(Role.LA_KEY_STAFF, MEMBERS[0])]
    denied = [make_user(Role.LA_ANALYST, MEMBERS[0]), make_user(Role.DFE_VIEWER)]
    for user in allowed:
        assert signed_in(user).get(url).status_code == 200, user
    for user in denied:
        assert signed_in(user).get(url).status_code == 404, user


def test_before_release_only_the_dbg_sees_the_pack_page(make_user, dbg, open_round):
    early = reverse("reports:pack", args=[open_round.pk])
    assert signed_in(dbg).get(early).status_code == 200
    assert signed_in(make_user(Role.LA_KEY_STAFF, MEMBERS[0])).get(early).status_code == 404


def test_only_the_dbg_writes_the_commentary(make_user, released_round):
    keystaff = make_user(Role.LA_KEY_STAFF, MEMBERS[0])
    client = signed_in(keystaff)
    page = client.get(reverse("reports:pack", args=[released_round.pk])).content.decode()
    assert 'name="commentary"' not in page
    assert _post(client, released_round, action="commentary", commentary="mine").status_code == 404
    assert not PackCommentary.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_only_the_asker_fetches_the_pack(make_user, released_round):
    asker = make_user(Role.LA_KEY_STAFF, MEMBERS[0])
    prepared = _ask(signed_in(asker), released_round)
    for other in (make_user(Role.LA_KEY_STAFF, MEMBERS[0]), make_user(Role.DFE_VIEWER)):
        assert signed_in(other).get(reverse("prepared:file", args=[prepared.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_overview_links_to_the_pack_for_those_who_may_see_it(make_user, dbg, released_round):
    overview = reverse("reports:overview", args=[released_round.pk])
    pack = reverse("reports:pack", args=[released_round.pk])
    for user in (dbg, make_user(Role.LA_KEY_STAFF, MEMBERS[0])):
        assert f'href="{pack}"' in signed_in(user).get(overview).content.decode(), user
    analyst = signed_in(make_user(Role.LA_ANALYST, MEMBERS[0])).get(overview)
    if analyst.status_code == 200:
        assert f'href="{pack}"' not in analyst.content.decode()
