"""Memoranda: signing, an extension blocked until the last party signs, the regional lead,
termination, reviews on the dashboard, history as at a date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tartan.governance.signing import SignatoryRole
from tartan.web.accounts.roles import Position, Role
from tartan.web.audit.models import Action, AuditEvent
from tartan.web.governance.models import (
    Document,
    Memorandum,
    MemorandumStatus,
    NotSignedByAll,
    Variation,
    VariationKind,
)
from tartan.web.governance.services import GovernanceError
from tartan.web.governance.services import memoranda as service
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY, make_memorandum, sign, sign_everything

pytestmark = pytest.mark.django_db


def test_in_force_only_when_every_party_has_signed(programme):
    memo = make_memorandum(programme, ["886", "887"], dfe=True)
    assert len(memo.missing(None)) == 7  # three for each LA, the DfE's regional lead
    for role in (SignatoryRole.DCS, SignatoryRole.CHIEF_EXECUTIVE, SignatoryRole.LEAD_MEMBER):
        sign(memo, "886", role, programme)
        sign(memo, "887", role, programme)
    memo.refresh_from_db()
    assert memo.status == MemorandumStatus.AWAITING
    assert [m.text for m in memo.missing(None)] == [
        "Department for Education: DfE regional improvement lead"
    ]
    sign(memo, "Department for Education", SignatoryRole.DFE_REGIONAL_LEAD, programme)
    memo.refresh_from_db()
    assert memo.status == MemorandumStatus.IN_FORCE


def test_the_regional_lead_signs_once_for_every_member_la(programme):
    memo = make_memorandum(programme, ["845", "846", "886"], dfe=True, regional_lead_may_sign=True)
    sign(memo, "845", SignatoryRole.REGIONAL_LEAD, programme)
    assert [m.text for m in memo.missing(None)] == [
        "Department for Education: DfE regional improvement lead"
    ]


def test_signatures_the_memorandum_does_not_provide_for_are_refused(programme):
    memo = make_memorandum(programme, ["845"], dfe=True)
    with pytest.raises(GovernanceError, match="does not sign as"):
        sign(memo, "845", SignatoryRole.REGIONAL_LEAD, programme)
    with pytest.raises(GovernanceError, match="does not sign as"):
        sign(memo, "Department for Education", SignatoryRole.DCS, programme)
    with pytest.raises(GovernanceError, match="future"):
        sign(memo, "845", SignatoryRole.DCS, programme, on=TODAY + timedelta(days=1))
    sign(memo, "845", SignatoryRole.DCS, programme)
    with pytest.raises(GovernanceError, match="already signed"):
        sign(memo, "845", SignatoryRole.DCS, programme)


def test_an_extension_is_blocked_until_the_last_party_signs(programme):
    memo = make_memorandum(programme, ["886", "887"], dfe=True)
    sign_everything(memo, programme)
    memo.refresh_from_db()
    old_end = memo.ends_on
    extension = service.propose_variation(
        memo, VariationKind.EXTENSION, "Extend by a year", date(2027, 3, 31), TODAY, None, programme
    )
    parties_roles = [(m.party.key, m.role) for m in memo.missing(extension)]
    for key, role in parties_roles[:-1]:
        party = memo.parties.get(pk=int(key))
        service.record_signature(
            memo, extension, party, role, "A", TODAY, "signed copy", None, programme
        )
        extension.refresh_from_db()
        memo.refresh_from_db()
        assert extension.effective_on is None
        assert memo.ends_on == old_end
    assert [m.text for m in memo.missing(extension)] == [
        "Medway: Lead Member for Children's Services"
    ]
    # Nor can anyone force it through the model: the rule lives below the views.
    extension.effective_on = TODAY
    with pytest.raises(NotSignedByAll, match="Medway: Lead Member"):
        extension.save()
    memo.ends_on = date(2027, 3, 31)
    with pytest.raises(NotSignedByAll, match="only through an extension"):
        memo.save()
    memo.refresh_from_db()
    extension.refresh_from_db()
    assert extension.effective_on is None
    key, role = parties_roles[-1]
    service.record_signature(
        memo, extension, memo.parties.get(pk=int(key)), role, "B", TODAY, "email", None, programme
    )
    extension.refresh_from_db()
    memo.refresh_from_db()
    assert extension.effective_on == TODAY
    assert memo.ends_on == date(2027, 3, 31)


def test_the_page_shows_who_is_still_to_sign_the_extension(programme):
    memo = make_memorandum(programme, ["886"], dfe=True)
    sign_everything(memo, programme)
    memo.refresh_from_db()
    extension = service.propose_variation(
        memo, VariationKind.EXTENSION, "One more year", date(2027, 3, 31), TODAY, None, programme
    )
    sign(memo, "886", SignatoryRole.DCS, programme, variation=extension)
    page = signed_in(programme).get(reverse("governance:memorandum", args=[memo.pk]))
    html = page.content.decode()
    assert "Not in effect: waiting for signatures" in html
    assert "Kent: Chief Executive" in html
    assert "Department for Education: DfE regional improvement lead" in html


def test_recording_a_signature_through_the_page_is_audited(programme):
    memo = make_memorandum(programme, ["845"])
    party = memo.parties.get()
    client = signed_in(programme)
    response = client.post(
        reverse("governance:signature-new", args=[memo.pk]),
        {
            "party": party.pk,
            "role": "dcs",
            "signatory_name": "Carolyn Fair",
            "signed_on": (TODAY - timedelta(days=2)).isoformat(),
            "evidence_note": "signed page scanned",
        },
    )
    assert response.status_code == 302
    assert memo.signatures.get().signatory_name == "Carolyn Fair"
    event = AuditEvent.objects.filter(action=Action.GOVERNANCE).first()
    assert "Director of Children's Services" in event.summary
    assert event.la_code_list == ["845"]
    refused = client.post(
        reverse("governance:signature-new", args=[memo.pk]),
        {
            "party": party.pk,
            "role": "dcs",
            "signatory_name": "Again",
            "signed_on": "2024-01-01",
            "evidence_note": "x",
        },
    )
    assert "already signed" in refused.content.decode()


def test_an_la_sees_only_its_own_signatures(world):
    html = (
        signed_in(world.users["key845"])
        .get(reverse("governance:memorandum", args=[world.memo.pk]))
        .content.decode()
    )
    assert "Brighton and Hove: " not in html
    assert "signed PDF received by email" not in html  # 846's signature
    assert "East Sussex: Director of Children&#39;s Services" in html
    own846 = signed_in(world.users["key846"]).get(
        reverse("governance:memorandum", args=[world.memo.pk])
    )
    assert "signed PDF received by email" in own846.content.decode()


def test_termination_by_written_notice(programme):
    memo = make_memorandum(programme, ["845", "846"], ends_on=TODAY + timedelta(days=300))
    party = memo.parties.first()
    with pytest.raises(GovernanceError, match="in force"):
        service.terminate(memo, party, TODAY, TODAY, "", "letter", None, programme)
    sign_everything(memo, programme)
    memo.refresh_from_db()
    with pytest.raises(GovernanceError, match="in writing"):
        service.terminate(memo, party, TODAY, TODAY, "", " ", None, programme)
    with pytest.raises(GovernanceError, match="before the end of its term"):
        service.terminate(memo, party, TODAY, TODAY + timedelta(days=400), "", "x", None, programme)
    effect = TODAY + timedelta(days=30)
    service.terminate(memo, party, TODAY, effect, "budget", "letter of 1 May", None, programme)
    memo.refresh_from_db()
    assert memo.status == MemorandumStatus.TERMINATED
    assert memo.state_on(TODAY).startswith("In force; notice given")
    assert memo.state_on(effect) == f"Terminated from {effect:%d %B %Y}"
    assert memo.last_day == effect - timedelta(days=1)


def test_reviews_due_and_overdue_appear_on_the_dashboard(programme):
    overdue = make_memorandum(
        programme,
        ["845"],
        title="Overdue review",
        first_review_on=TODAY - timedelta(days=10),
        ends_on=TODAY + timedelta(days=800),
        starts_on=TODAY - timedelta(days=100),
    )
    make_memorandum(
        programme,
        ["845"],
        title="Due review",
        first_review_on=TODAY + timedelta(days=20),
        ends_on=TODAY + timedelta(days=800),
        starts_on=TODAY - timedelta(days=100),
    )
    make_memorandum(
        programme,
        ["845"],
        title="Far review",
        first_review_on=TODAY + timedelta(days=200),
        ends_on=TODAY + timedelta(days=800),
        starts_on=TODAY - timedelta(days=100),
    )
    page = signed_in(programme).get(reverse("governance:index")).content.decode()
    html = page.split("Waiting for signatures")[0]  # the reviews section
    assert "Overdue review" in html
    assert "10 days late" in html
    assert "Due review" in html
    assert "in 20 days" in html
    assert "Far review" not in html
    service.record_review(overdue, TODAY - timedelta(days=10), TODAY, "Reviewed", programme)
    html = signed_in(programme).get(reverse("governance:index")).content.decode()
    assert "Overdue review" not in html.split("Waiting for signatures")[0]


def _backdate(model, pk_field, pk, when):
    model.history.filter(**{pk_field: pk}).update(history_date=when)


def test_history_and_the_memorandum_as_at_a_date(programme):
    memo = make_memorandum(programme, ["845"])
    moment = timezone.make_aware(datetime(2023, 5, 2, 10, 0))
    Memorandum.history.filter(id=memo.pk).update(history_date=moment)
    for model in (memo.parties.model,):
        model.history.filter(memorandum_id=memo.pk).update(history_date=moment)
    sign_everything(memo, programme)  # in force today
    memo.refresh_from_db()
    before = service.as_at(memo, date(2023, 6, 1))
    assert before.memorandum.status == MemorandumStatus.AWAITING
    assert before.signatures == []
    assert len(before.parties) == 1
    now = service.as_at(memo, TODAY)
    assert now.memorandum.status == MemorandumStatus.IN_FORCE
    assert len(now.signatures) == 3
    assert service.as_at(memo, date(2020, 1, 1)) is None
    client = signed_in(programme)
    page = client.get(reverse("governance:history", args=[memo.pk]), {"date": "2023-06-01"})
    html = page.content.decode()
    assert "As at 01 June 2023" in html
    assert "Awaiting signatures" in html
    assert "status awaiting → in_force" in html
    too_early = client.get(reverse("governance:history", args=[memo.pk]), {"date": "2020-01-01"})
    assert "not recorded yet on that date" in too_early.content.decode()


def test_parties_join_only_before_anyone_is_bound(programme):
    memo = make_memorandum(programme, ["845"])
    sign_everything(memo, programme)
    memo.refresh_from_db()
    from tartan.web.accounts.models import Organisation

    with pytest.raises(GovernanceError, match="by a variation"):
        service.add_parties(memo, [Organisation.objects.get(la_code="846")])
    assert Variation.objects.count() == 0


def test_a_memorandum_is_created_with_its_document_served_only_through_the_policy(
    programme, make_user
):
    client = signed_in(programme)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("governance:memorandum-new"),
        {
            "title": "Data sharing MOU",
            "version": "2019",
            "starts_on": "2019-04-01",
            "ends_on": "2021-03-31",
            "first_review_on": "2019-06-30",
            "la_signatories": ["dcs"],
            "regional_lead_may_sign": "on",
            "document_file": SimpleUploadedFile("mou.pdf", b"%PDF-1.4 text"),
        },
    )
    memo = Memorandum.objects.get(title="Data sharing MOU")
    assert response["Location"] == reverse("governance:memorandum-parties", args=[memo.pk])
    assert memo.la_roles == [SignatoryRole.DCS]
    download = client.get(reverse("governance:document", args=[memo.document_id]))
    assert download.content == b"%PDF-1.4 text"
    assert download["Content-Disposition"] == 'attachment; filename="mou.pdf"'
    outsider = make_user(Role.LA_KEY_STAFF, "886", Position.DCS)
    assert (
        signed_in(outsider).get(reverse("governance:document", args=[memo.document_id])).status_code
        == 404
    )
    bad = client.post(
        reverse("governance:memorandum-new"),
        {
            "title": "x",
            "version": "1",
            "starts_on": "2020-01-01",
            "ends_on": "2019-01-01",
            "first_review_on": "2019-06-30",
            "la_signatories": ["dcs"],
            "document_file": SimpleUploadedFile("run.exe", b"MZ"),
        },
    )
    html = bad.content.decode()
    assert "The term must end after it starts" in html
    assert "Upload a PDF" in html


# A refused POST shows the form again and its transaction commits: the file posted with it must
# not be kept (it is stored in the service call's own savepoint).


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), "application/pdf")


def test_a_refused_signature_keeps_no_signed_page(programme):
    memo = make_memorandum(programme, ["845"])
    party = memo.parties.get()
    sign(memo, "845", SignatoryRole.DCS, programme)
    documents = Document.objects.count()
    refused = signed_in(programme).post(
        reverse("governance:signature-new", args=[memo.pk]),
        {
            "party": party.pk,
            "role": "dcs",
            "signatory_name": "Again",
            "signed_on": (TODAY - timedelta(days=1)).isoformat(),
            "evidence_note": "signed page scanned",
            "evidence_file": _pdf("signed-again.pdf"),
        },
    )
    assert "already signed" in refused.content.decode()
    assert Document.objects.count() == documents


def test_a_refused_variation_keeps_no_document(programme):
    memo = make_memorandum(programme, ["845"])  # awaiting signatures: not in force
    documents = Document.objects.count()
    refused = signed_in(programme).post(
        reverse("governance:variation-new", args=[memo.pk]),
        {
            "kind": VariationKind.EXTENSION.value,
            "summary": "Extend by a year",
            "new_ends_on": date(2027, 3, 31).isoformat(),
            "proposed_on": TODAY.isoformat(),
            "document_file": _pdf("variation.pdf"),
        },
    )
    assert "only a memorandum in force can be extended or varied" in refused.content.decode()
    assert Document.objects.count() == documents
    assert Variation.objects.count() == 0


def test_a_refused_notice_of_termination_keeps_no_file(programme):
    memo = make_memorandum(programme, ["845"])  # awaiting signatures: not in force
    documents = Document.objects.count()
    refused = signed_in(programme).post(
        reverse("governance:terminate", args=[memo.pk]),
        {
            "party": memo.parties.get().pk,
            "notice_given_on": TODAY.isoformat(),
            "takes_effect_on": TODAY.isoformat(),
            "reason": "budget",
            "evidence_note": "letter of 1 May",
            "evidence_file": _pdf("notice.pdf"),
        },
    )
    assert "only a memorandum in force can be terminated" in refused.content.decode()
    assert Document.objects.count() == documents
    memo.refresh_from_db()
    assert memo.status == MemorandumStatus.AWAITING
