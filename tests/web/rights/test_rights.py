"""People's rights (memorandum 5.5.5): a subject-access export of everything the service holds
about a person, an LA's portability export of its own data, and the erasure of a directory
entry with every historical version of it, where retention allows. Each ZIP is read back."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.utils import timezone

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action, AuditEvent
from tartan.web.audit.record import record
from tartan.web.collection import services as collection
from tartan.web.collection.models import ContextNote, ReturnVersion
from tartan.web.governance.models import Participant
from tartan.web.mail.models import Message
from tartan.web.rights import services
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def read_csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode()
    body = [line for line in text.splitlines() if not line.startswith("# ")]
    return list(csv.DictReader(body))


def message_to(user, subject: str) -> Message:
    return Message.objects.create(
        kind="test",
        recipient=user,
        to_address=user.email,
        subject=subject,
        text=f"{subject}: the text",
        html=f"<p>{subject}</p>",
        next_attempt_at=timezone.now(),
    )


@pytest.fixture
def person(make_user):
    user = make_user(Role.LA_ANALYST, "845", username="sam.analyst")
    user.first_name, user.last_name = "Sam", "Analyst"
    user.save()
    entry = Participant.objects.create(
        name="Sam Analyst",
        organisation="East Sussex",
        role="Performance analyst",
        email="sam@example.org",
        user=user,
    )
    entry.phone = "01273 000000"
    entry.save()  # a second historical version
    return user, entry


def test_a_person_downloads_everything_held_about_them(person, make_user):
    user, _entry = person
    other = make_user(Role.LA_ANALYST, "846")
    admin = make_user(Role.ADMINISTRATOR)
    record(None, Action.ADMIN, obj=user, user=admin, summary="roles of sam.analyst changed")
    record(None, Action.ADMIN, obj=other, user=admin, summary="roles of someone else changed")
    message_to(user, "Your return is due")
    message_to(other, "Not for Sam")
    response = signed_in(user).get("/your-data/my-data.zip")
    assert response["Content-Type"] == "application/zip"
    files = read_zip(response.content)
    assert set(files) == {
        "MARKING.txt",
        "account.json",
        "directory_entry.json",
        "audit_events_by_them.csv",
        "audit_events_about_them.csv",
        "messages_to_them.csv",
    }
    account = json.loads(files["account.json"])
    assert account["username"] == "sam.analyst"
    assert account["email"] == user.email
    assert account["organisation"] == "East Sussex"
    assert account["roles"] == ["LA analyst"]
    directory = json.loads(files["directory_entry.json"])
    assert directory["name"] == "Sam Analyst"
    assert directory["phone"] == "01273 000000"
    assert [h["phone"] for h in directory["history"]] == ["", "01273 000000"]
    about = read_csv(files["audit_events_about_them.csv"])
    summaries = [row["summary"] for row in about]
    assert "roles of sam.analyst changed" in summaries
    assert any(s.startswith("account sam.analyst made") for s in summaries)
    assert "roles of someone else changed" not in summaries
    sent = read_csv(files["messages_to_them.csv"])
    assert [row["subject"] for row in sent] == ["Your return is due"]
    assert "Freedom of Information Act" in files["MARKING.txt"].decode()
    # The export itself is recorded, and is about them the next time.
    event = AuditEvent.objects.get(summary="subject-access export of own data")
    assert event.user == user
    assert event.action == Action.DOWNLOAD
    again = read_zip(signed_in(user).get("/your-data/my-data.zip").content)
    by = read_csv(again["audit_events_by_them.csv"])
    assert "subject-access export of own data" in [row["summary"] for row in by]


def test_an_administrator_answers_a_request_for_an_entry_without_an_account(make_user):
    admin = make_user(Role.ADMINISTRATOR)
    entry = Participant.objects.create(
        name="Lee Lay", organisation="Kent", role="Chair", email="lee@example.org"
    )
    response = signed_in(admin).get(f"/your-data/directory/{entry.pk}/export.zip")
    files = read_zip(response.content)
    assert "account.json" not in files
    assert json.loads(files["directory_entry.json"])["email"] == "lee@example.org"
    assert AuditEvent.objects.filter(
        object_type="Participant", object_id=str(entry.pk), action=Action.DOWNLOAD
    ).exists()


def test_an_las_portability_export_holds_every_version_note_explanation_and_query(
    released_round, make_user, dbg
):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    analyst = make_user(Role.LA_ANALYST, "845")
    ContextNote.objects.create(
        round=released_round, la_code="845", indicator="8", text="A large sibling group", by=analyst
    )
    query = collection.raise_query(released_round, "845", dbg, "Referrals", "Why so many?")
    collection.reply(query, analyst, "A new front door", from_dbg=False)
    response = signed_in(keystaff).get("/your-data/la/845/export.zip")
    assert response.status_code == 200
    files = read_zip(response.content)
    versions = list(ReturnVersion.objects.filter(la_code="845"))
    listed = read_csv(files["return_versions.csv"])
    assert len(listed) == len(versions) >= 1
    assert {row["la_code"] for row in listed} == {"845"}
    for version in versions:
        name = f"returns/{version.round.period.replace(' ', '_')}/v{version.number}-{version.original_name}"
        assert files[name] == bytes(version.content)
    figures = read_csv(files["figures.csv"])
    assert len(figures) == sum(v.figures.count() for v in versions) > 0
    explanations = read_csv(files["explanations.csv"])
    expected = sum(f.explanations.count() for v in versions for f in v.findings.all())
    assert len(explanations) == expected
    notes = read_csv(files["context_notes.csv"])
    assert [n["text"] for n in notes] == ["A large sibling group"]
    thread = read_csv(files["queries.csv"])
    assert [m["text"] for m in thread] == ["Why so many?", "A new front door"]
    # Nothing of another LA's.
    assert not any("846" in name for name in files)
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, la_codes=",845,").exists()


def test_erasure_anonymises_the_entry_and_every_historical_version(person, make_user):
    user, entry = person
    admin = make_user(Role.ADMINISTRATOR)
    message_to(user, "Welcome Sam")
    user.is_active = False
    user.save()
    client = signed_in(admin)
    assert (
        "Erase the entry" in client.get(f"/your-data/directory/{entry.pk}/erase/").content.decode()
    )
    response = client.post(
        f"/your-data/directory/{entry.pk}/erase/", {"reason": "Sam's request of 3 May 2026"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == f"Erased person {entry.pk}"
    assert entry.email.endswith("@erased.invalid")
    assert entry.phone == ""
    assert entry.user is None
    assert entry.organisation == "East Sussex"  # the role in the programme is kept
    history = list(entry.history.all())
    assert len(history) == 3  # created, phone added, erased
    for row in history:
        assert row.name == entry.name
        assert row.email == entry.email
        assert row.phone == ""
        assert row.user_id is None
    assert not Participant.history.filter(name__icontains="Sam").exists()
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    message = Message.objects.get(recipient=user)
    assert message.to_address == entry.email
    assert "Sam" not in message.text
    event = AuditEvent.objects.get(object_type="Participant", action=Action.ADMIN)
    assert event.user == admin
    assert "3 historical versions" in event.summary
    assert "Sam's request" in event.summary


def test_erasure_is_refused_while_the_account_is_in_use(person, make_user):
    _user, entry = person
    admin = make_user(Role.ADMINISTRATOR)
    client = signed_in(admin)
    page = client.get(f"/your-data/directory/{entry.pk}/erase/").content.decode()
    assert "Retention rule 1" in page
    assert "Erase the entry</button>" not in page
    response = client.post(f"/your-data/directory/{entry.pk}/erase/", {"reason": "asked"})
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.name == "Sam Analyst"
    assert not AuditEvent.objects.filter(object_type="Participant").exists()
    with pytest.raises(services.ErasureRefused, match="Retention rule 1"):
        services.erase(None, admin, entry, "asked")


def test_an_erased_entry_is_not_erased_twice(make_user):
    admin = make_user(Role.ADMINISTRATOR)
    entry = Participant.objects.create(
        name="Lee Lay", organisation="Kent", role="Chair", email="lee@example.org"
    )
    services.erase(None, admin, entry, "asked")
    with pytest.raises(services.ErasureRefused, match="already been erased"):
        services.erase(None, admin, Participant.objects.get(pk=entry.pk), "again")
    assert AuditEvent.objects.filter(object_type="Participant").count() == 1
