"""Groups are tenants for the programme's weekly update and its waiting list too: another group's
programme staff never see, open or send the South East's update, an update goes to its own
group's directory only, and the home page's "waiting on you" names only the reader's group's
memoranda and invoices. Each denial is paired with the South East's programme allowed."""

from __future__ import annotations

import pytest

from tartan.web.accounts.models import User
from tartan.web.accounts.roles import Role
from tartan.web.governance import models as gm
from tartan.web.mail.delivery import deliver_due
from tartan.web.mail.models import Message, WeeklyUpdate
from tartan.web.waiting import for_person
from tests.web.conftest import signed_in
from tests.web.governance.conftest import make_memorandum

NORTH_EAST = "north-east"

pytestmark = pytest.mark.django_db


def test_a_weekly_update_is_its_groups_and_goes_to_its_groups_directory(
    make_user, other_programme, mail_server
):
    se_programme = make_user(Role.PROGRAMME_STAFF)
    gm.Participant.objects.create(name="A", organisation="Kent", role="DCS", email="se@example.org")
    gm.Participant.objects.create(
        name="B", organisation="Durham", role="DCS", email="ne@example.org", group_key=NORTH_EAST
    )
    se, ne = signed_in(se_programme), signed_in(other_programme)
    made = se.post("/messages/weekly/", {"title": "SE week 12", "news": "News.", "due": ""})
    update = WeeklyUpdate.objects.get()
    assert update.group_key == "south-east"
    assert "SE week 12" not in ne.get("/messages/weekly/").content.decode()
    assert "SE week 12" in se.get("/messages/weekly/").content.decode()
    assert ne.get(made["Location"]).status_code == 404
    assert ne.post(made["Location"]).status_code == 404
    update.refresh_from_db()
    assert update.sent_at is None
    assert Message.objects.count() == 0
    assert "Send it to 1 subscribers" in se.get(made["Location"]).content.decode()
    se.post(made["Location"])
    deliver_due()
    assert [m["X-Envelope-To"] for m in mail_server.messages] == ["se@example.org"]
    ne.post("/messages/weekly/", {"title": "NE week 12", "news": "News.", "due": ""})
    assert WeeklyUpdate.objects.get(title="NE week 12").group_key == NORTH_EAST


def test_programme_staff_serving_no_group_write_no_update(make_user):
    staff = make_user(Role.PROGRAMME_STAFF)
    staff.organisation.group_key = ""
    staff.organisation.save()
    assert signed_in(User.objects.get(pk=staff.pk)).get("/messages/weekly/").status_code == 403


def test_waiting_on_the_programme_is_its_own_groups_memoranda_only(make_user, other_programme):
    se_programme = make_user(Role.PROGRAMME_STAFF)
    memo = make_memorandum(se_programme, ["845"], title="South East only")
    assert memo.status == gm.MemorandumStatus.AWAITING
    assert memo.group_key == "south-east"
    assert any("South East only" in w.text for w in for_person(se_programme))
    assert not any("South East only" in w.text for w in for_person(other_programme))
