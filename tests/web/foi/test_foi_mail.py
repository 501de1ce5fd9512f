"""The LAs consulted on an FOI request are told, through the real SMTP server: each consulted
LA's key staff (who may answer), with the reference, the deadline and the link; never what is
asked, never the LA that received it, nobody outside the group. The message and the
consultation are written together or not at all."""

from __future__ import annotations

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.foi.models import Consultation, FoiRequest
from tartan.web.mail.delivery import deliver_due
from tartan.web.mail.models import Message
from tests.web.conftest import signed_in
from tests.web.second_group import OTHER_MEMBERS

pytestmark = pytest.mark.django_db

ASKED = {
    "reference": "FOI/2026/555",
    "received_on": "2026-12-18",
    "summary": "Every referral rate of the neighbouring councils",
}


def test_each_consulted_las_key_staff_are_told_and_nobody_else(
    make_user, other_person, dbg, mail_server
):
    receiving = make_user(Role.LA_KEY_STAFF, "845")
    colleague = make_user(Role.LA_KEY_STAFF, "845")
    consulted = [make_user(Role.LA_KEY_STAFF, "846"), make_user(Role.LA_KEY_STAFF, "871")]
    analyst = make_user(Role.LA_ANALYST, "846")  # may not answer for the LA: not told
    elsewhere = other_person(Role.LA_KEY_STAFF, OTHER_MEMBERS[0])
    other_dbg = other_person(Role.DBG_MEMBER)
    response = signed_in(receiving).post("/foi/new/", ASKED)
    assert response.status_code == 302
    made = FoiRequest.objects.get()
    assert deliver_due().failed == 0
    for person in consulted:
        (got,) = mail_server.to(person.email)
        text = got.get_body(("plain",)).get_content()
        assert got["Subject"] == (
            "FOI request FOI/2026/555: East Sussex asks for your answer by 20 January 2027"
        )
        assert f"/foi/{made.pk}/" in text
        # What is asked is read in the service, behind the request's permission.
        assert "referral rate" not in got.as_string()
    for person in (receiving, colleague, analyst, elsewhere, other_dbg, dbg):
        assert mail_server.to(person.email) == [], person.username
    assert Message.objects.filter(kind="foi_consultation").count() == len(consulted)
    # Every consulted LA's answer is open to the person told.
    page = signed_in(consulted[0]).get(f"/foi/{made.pk}/")
    assert page.status_code == 200


def test_a_consultation_whose_message_cannot_be_written_leaves_nothing(make_user, monkeypatch):
    make_user(Role.LA_KEY_STAFF, "846")
    client = signed_in(make_user(Role.LA_KEY_STAFF, "845"))
    client.raise_request_exception = False

    def disk_full(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Message.objects, "create", disk_full)
    assert client.post("/foi/new/", ASKED).status_code == 500
    monkeypatch.undo()
    assert not FoiRequest.objects.exists()
    assert not Consultation.objects.exists()
    assert not Message.objects.exists()
