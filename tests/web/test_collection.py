"""The quarterly cycle through the views: upload, findings, versions, queries, sign-off, release."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.collection import services
from tartan.web.collection.models import ImmutableError, QueryStatus, ReturnVersion, VersionStatus
from tests.web.conftest import MEMBERS, explain_all, return_bytes, signed_in, submit_all

pytestmark = pytest.mark.django_db


def _upload(client, round_, data: bytes, name: str = "return.csv"):
    return client.post(f"/rounds/{round_.pk}/submit/", {"file": SimpleUploadedFile(name, data)})


def _with_error(data: bytes) -> bytes:
    lines = data.decode().splitlines()
    lines[6] = lines[6].rsplit(",", 2)[0] + ",-3,"  # s47 negative
    return ("\r\n".join(lines) + "\r\n").encode()


def test_upload_with_an_error_is_kept_but_not_accepted(make_user, open_round):
    analyst = make_user(Role.LA_ANALYST, "845")
    client = signed_in(analyst)
    bad = _with_error(return_bytes("845", open_round.period))
    response = _upload(client, open_round, bad)
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "govuk-error-summary" in text
    assert "Row 7, column value" in text
    assert "negative" in text
    version = ReturnVersion.objects.get(round=open_round, la_code="845")
    assert version.status == VersionStatus.REJECTED
    assert bytes(version.content) == bad
    assert version.sha256 == hashlib.sha256(bad).hexdigest()
    assert not version.figures.exists()


def test_a_resubmission_is_a_new_version_and_nothing_is_overwritten(make_user, open_round):
    analyst = make_user(Role.LA_ANALYST, "845")
    client = signed_in(analyst)
    good = return_bytes("845", open_round.period)
    _upload(client, open_round, _with_error(good))
    _upload(client, open_round, good)
    versions = list(
        ReturnVersion.objects.filter(round=open_round, la_code="845").order_by("number")
    )
    assert [(v.number, v.status) for v in versions] == [(1, "rejected"), (2, "accepted")]
    assert bytes(versions[0].content) != bytes(versions[1].content)
    with pytest.raises(ImmutableError):
        versions[0].save()
    with pytest.raises(ImmutableError):
        versions[0].delete()
    assert versions[1].figures.count() == 21


def test_unreadable_upload_is_kept_too(make_user, open_round):
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    _upload(client, open_round, bytes(range(256)), "photo.csv")
    version = ReturnVersion.objects.get(round=open_round, la_code="845")
    assert version.status == VersionStatus.UNREADABLE
    assert version.findings.get().code == "E002"


def test_upload_for_another_la_is_an_error(make_user, open_round):
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    _upload(client, open_round, return_bytes("846", open_round.period))
    version = ReturnVersion.objects.get(round=open_round, la_code="845")
    assert "E402" in {f.code for f in version.findings.all()}


def test_oversized_upload_is_refused_before_reading(make_user, open_round):
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    just_over = _upload(client, open_round, b"x" * (5 * 1024 * 1024 + 1))
    assert just_over.status_code == 200
    assert "larger than 5 MB" in just_over.content.decode()
    far_over = _upload(client, open_round, b"x" * (20 * 1024 * 1024))
    assert far_over.status_code == 413
    assert "larger than 5 MB" in far_over.content.decode()
    assert not ReturnVersion.objects.exists()


def test_every_upload_and_validation_is_audited(make_user, open_round):
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    _upload(client, open_round, return_bytes("845", open_round.period))
    actions = list(AuditEvent.objects.about_la("845").values_list("action", flat=True))
    assert {"upload", "validate"} <= set(actions)


def test_queries_need_an_explanation_before_sign_off(make_user, dbg, open_round):
    submit_all(open_round, dbg)
    with_queries = [s for s in services.dashboard(open_round) if s.unexplained]
    if not with_queries:
        pytest.skip("the synthetic returns raised no query this time")
    with pytest.raises(services.CycleError, match=r"to explain|open question"):
        services.sign_off(open_round, dbg)
    status = with_queries[0]
    analyst = make_user(Role.LA_ANALYST, status.la_code)
    finding = services.unexplained_queries(status.accepted)[0]
    response = signed_in(analyst).post(
        f"/rounds/{open_round.pk}/la/{status.la_code}/explain/",
        {"finding": finding.pk, "text": "A new front door team."},
    )
    assert response.status_code == 302
    assert finding.explanations.get().text == "A new front door team."


def test_release_needs_sign_off_and_explicit_exclusions(make_user, dbg, open_round):
    submit_all(open_round, dbg, skip=("871",))
    explain_all(open_round, dbg)
    with pytest.raises(services.CycleError, match="not been signed off"):
        services.release(open_round, dbg, {})
    services.sign_off(open_round, dbg)
    with pytest.raises(services.CycleError, match=r"exclude each with a reason.*871"):
        services.release(open_round, dbg, {})
    made = services.release(open_round, dbg, {"871": "Return delayed by a system migration"})
    assert made.number == 1
    assert made.exclusions.get().la_code == "871"
    assert made.returns.count() == len(MEMBERS) - 1


def test_a_correction_after_release_is_a_new_release_and_the_old_is_kept(
    make_user, dbg, released_round
):
    first = released_round.current_release
    services.submit(
        released_round,
        "845",
        dbg,
        "845-corrected.csv",
        return_bytes("845", released_round.period, None),
    )
    with pytest.raises(services.CycleError, match="after the sign-off"):
        services.release(released_round, dbg, {}, "correction")
    explain_all(released_round, dbg)
    services.sign_off(released_round, dbg)
    with pytest.raises(services.CycleError, match="say why"):
        services.release(released_round, dbg, {})
    second = services.release(released_round, dbg, {}, "East Sussex corrected its CLA figures")
    first.refresh_from_db()
    assert first.superseded_by == second
    assert released_round.current_release == second
    assert released_round.releases.count() == 2


def test_dbg_query_thread(make_user, dbg, open_round):
    submit_all(open_round, dbg)
    client = signed_in(dbg)
    response = client.post(
        f"/rounds/{open_round.pk}/la/845/queries/new/",
        {"subject": "Referrals fell", "text": "Why did referrals fall?"},
    )
    query = open_round.queries.get()
    assert response["Location"] == f"/rounds/queries/{query.pk}/"
    analyst = signed_in(make_user(Role.LA_ANALYST, "845"))
    analyst.post(f"/rounds/queries/{query.pk}/", {"text": "A change of front door."})
    query.refresh_from_db()
    assert query.status == QueryStatus.ANSWERED
    client.post(f"/rounds/queries/{query.pk}/", {"text": "Thank you.", "close": "1"})
    query.refresh_from_db()
    assert query.status == QueryStatus.CLOSED
    assert [m.text for m in query.messages.all()] == [
        "Why did referrals fall?",
        "A change of front door.",
        "Thank you.",
    ]


def test_context_note_shows_on_the_rug(make_user, dbg, released_round):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    client = signed_in(keystaff)
    client.post(
        f"/rounds/{released_round.pk}/la/845/notes/",
        {"indicator": "cla", "text": "A sibling group of five came into care."},
    )
    page = client.get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    assert "A sibling group of five came into care." in page.content.decode()


def test_version_numbers_are_unique_per_la(dbg, open_round):
    services.submit(open_round, "845", dbg, "a.csv", return_bytes("845", open_round.period))
    first = ReturnVersion.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnVersion.objects.create(
            round=open_round,
            la_code="845",
            number=first.number,
            original_name="b",
            content=b"",
            sha256="",
            size=0,
            uploaded_by=dbg,
            status="accepted",
        )


def test_pages_with_figures_carry_the_protective_marking(make_user, released_round):
    keystaff = signed_in(make_user(Role.LA_KEY_STAFF, "845"))
    for url in (
        f"/rounds/{released_round.pk}/la/845/",
        "/reports/trends/845/",
        f"/reports/rounds/{released_round.pk}/rugs/845/",
    ):
        page = keystaff.get(url).content.decode()
        assert "INTERNAL AND LIMITED USE" in page, url
        assert "Produced for LA key staff, East Sussex" in page, url
