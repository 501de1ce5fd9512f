"""The rules of a request, enforced below the pages: fields within the purpose, no approval
without a DPIA (service, model and database), the order of the steps, retention limits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from tartan.web.audit.models import Action, AuditEvent
from tartan.web.childdata import services
from tartan.web.childdata.errors import ChildDataError, DpiaMissing, FieldsOutsidePurpose, NotNow
from tartan.web.childdata.models import ChildDataRequest, Status
from tests.web.childdata.conftest import FIELDS, QUESTION, Steps

pytestmark = pytest.mark.django_db

DAY = date(2025, 1, 6)


@pytest.fixture
def fixed(people) -> Steps:
    return Steps(people, DAY)


def test_fields_beyond_the_purpose_are_refused(fixed):
    request = fixed.draft()
    # CPPstartDate belongs to child_protection_review, not to placement_stability.
    with pytest.raises(FieldsOutsidePurpose, match=r"cin_protection_plans\.CPPstartDate"):
        services.choose_fields(
            request, fixed.people["dbg"], [*FIELDS, "cin_protection_plans.CPPstartDate"]
        )
    # Nor may a direct identifier be asked for under any purpose.
    with pytest.raises(FieldsOutsidePurpose, match=r"ssda903_header\.UPN"):
        services.choose_fields(request, fixed.people["dbg"], ["ssda903_header.UPN"])
    assert ChildDataRequest.objects.get(pk=request.pk).fields == FIELDS


def test_the_model_refuses_fields_beyond_the_purpose_too(fixed):
    request = fixed.draft()
    request.fields = ["ssda903_ad1.DATE_MATCH"]  # adoption_timeliness only
    with pytest.raises(FieldsOutsidePurpose):
        request.save()


def test_fields_are_kept_in_the_purposes_order_and_cut_when_the_purpose_changes(fixed):
    request = fixed.draft(fields=["ssda903_episodes.PLACE", "ssda903_header.SEX"])
    assert request.fields == ["ssda903_header.SEX", "ssda903_episodes.PLACE"]
    details = services.Details(
        "845", "adoption_timeliness", QUESTION, fixed.people["recipient"], DAY + timedelta(30)
    )
    changed = services.update(request, fixed.people["dbg"], details, DAY)
    # adoption_timeliness allows both fields too; child_protection_review neither.
    assert changed.fields == ["ssda903_header.SEX", "ssda903_episodes.PLACE"]
    details = services.Details(
        "845", "child_protection_review", QUESTION, fixed.people["recipient"], DAY + timedelta(30)
    )
    assert services.update(changed, fixed.people["dbg"], details, DAY).fields == []


def test_approval_is_refused_until_a_dpia_is_attached(fixed):
    request = fixed.submitted()
    with pytest.raises(DpiaMissing, match="Data Protection Impact Assessment"):
        services.approve(request, fixed.people["keystaff_845"], "", DAY)
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.SUBMITTED
    assert not AuditEvent.objects.filter(summary__startswith="approved").exists()


def test_the_model_refuses_an_approval_without_a_dpia(fixed):
    request = fixed.submitted()
    request.status = Status.APPROVED
    with pytest.raises(DpiaMissing):
        request.save()


def test_the_database_refuses_an_approval_without_a_dpia(fixed):
    request = fixed.submitted()
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildDataRequest.objects.filter(pk=request.pk).update(status=Status.APPROVED)


def test_approval_with_a_dpia_records_which_dpia_and_who(fixed):
    request = fixed.with_dpia()
    assert request.status == Status.DPIA_ATTACHED
    approved = services.approve(request, fixed.people["keystaff_845"], "Until June.", DAY)
    assert approved.status == Status.APPROVED
    assert approved.approved_dpia == request.current_dpia
    assert approved.approved_dpia.approver_name == "Priya Shah"
    assert approved.decided_by == fixed.people["keystaff_845"]
    events = AuditEvent.objects.filter(action=Action.CHILD_DATA, object_id=str(request.pk))
    assert [e.summary for e in events.order_by("id")] == [
        "drafted for placement_stability",
        f"fields chosen: {', '.join(FIELDS)}",
        "submitted to East Sussex",
        "DPIA attached: dpia-placement-stability.pdf, approved by Priya Shah (Data Protection "
        "Officer) on 06 January 2025",
        "approved on the DPIA dpia-placement-stability.pdf",
    ]
    assert {e.la_codes for e in events} == {",845,"}
    assert {e.purpose for e in events} == {"placement_stability"}


def test_a_dpia_needs_an_approver_and_a_date_not_in_the_future(fixed):
    request = fixed.submitted()
    common = {"document_name": "d.pdf", "content": b"x", "today": DAY}
    with pytest.raises(ChildDataError, match="name and role"):
        services.attach_dpia(
            request, fixed.people["dbg"], approver_name="", approver_role="DPO",
            approved_on=DAY, **common,
        )  # fmt: skip
    with pytest.raises(ChildDataError, match="future"):
        services.attach_dpia(
            request, fixed.people["dbg"], approver_name="A", approver_role="DPO",
            approved_on=DAY + timedelta(1), **common,
        )  # fmt: skip
    with pytest.raises(ChildDataError, match="empty"):
        services.attach_dpia(
            request, fixed.people["dbg"], approver_name="A", approver_role="DPO",
            approved_on=DAY, document_name="d.pdf", content=b"", today=DAY,
        )  # fmt: skip


def test_a_dpia_cannot_be_attached_to_a_draft_nor_after_the_decision(fixed):
    draft = fixed.draft()
    arguments = {
        "document_name": "d.pdf",
        "content": b"x",
        "approver_name": "A",
        "approver_role": "DPO",
        "approved_on": DAY,
        "today": DAY,
    }
    with pytest.raises(NotNow, match="draft"):
        services.attach_dpia(draft, fixed.people["dbg"], **arguments)
    approved = fixed.approved()
    with pytest.raises(NotNow, match="approved"):
        services.attach_dpia(approved, fixed.people["dbg"], **arguments)


def test_refusing_needs_a_reason_and_ends_the_request(fixed):
    request = fixed.submitted()
    with pytest.raises(ChildDataError, match="why"):
        services.refuse(request, fixed.people["keystaff_845"], "  ")
    refused = services.refuse(request, fixed.people["keystaff_845"], "Not proportionate.")
    assert refused.status == Status.REFUSED
    with pytest.raises(NotNow):
        services.approve(refused, fixed.people["keystaff_845"], "", DAY)


def test_only_drafts_change_and_submit(fixed):
    request = fixed.submitted()
    with pytest.raises(NotNow, match="draft"):
        services.choose_fields(request, fixed.people["dbg"], FIELDS)
    with pytest.raises(NotNow, match="draft"):
        services.submit(request, fixed.people["dbg"], DAY)


def test_a_draft_without_fields_cannot_be_submitted(fixed):
    request = fixed.draft(fields=["ssda903_header.SEX"])
    ChildDataRequest.objects.filter(pk=request.pk).update(fields=[])
    with pytest.raises(ChildDataError, match="fields"):
        services.submit(ChildDataRequest.objects.get(pk=request.pk), fixed.people["dbg"], DAY)
    with pytest.raises(ChildDataError, match="at least one"):
        services.choose_fields(request, fixed.people["dbg"], [])


def test_retention_is_after_today_and_at_most_two_years(fixed):
    with pytest.raises(ChildDataError, match="after today"):
        fixed.draft(keep_days=0)
    with pytest.raises(ChildDataError, match="two years"):
        fixed.draft(keep_days=800)
    assert fixed.draft(keep_days=731).retention_until == date(2027, 1, 7)


def test_who_may_ask_for_whose_data_and_send_it_to_whom(fixed):
    # An LA does not ask for its own data, and asks only within its group.
    with pytest.raises(ChildDataError, match="authority"):
        fixed.draft(requester="keystaff_845", la_code="845", recipient="keystaff_845")
    with pytest.raises(ChildDataError, match="authority"):
        fixed.draft(requester="keystaff_846", la_code="301", recipient="keystaff_846")
    # The recipient signs in with two factors: an analyst is not one.
    with pytest.raises(ChildDataError, match="two factors"):
        fixed.draft(requester="keystaff_846", recipient="analyst_846")
    # Nor is the recipient someone of another organisation than the asker's or the DBG.
    with pytest.raises(ChildDataError, match="recipient"):
        fixed.draft(requester="keystaff_846", recipient="programme")
    made = fixed.draft(requester="keystaff_846", recipient="keystaff_846")
    assert made.on_behalf_of == "Brighton and Hove"
    assert fixed.draft().on_behalf_of == "the South East Data Benchmarking Group"


def test_approval_is_refused_once_the_retention_date_has_come(fixed):
    request = fixed.with_dpia(keep_days=10)
    with pytest.raises(NotNow, match="retention"):
        services.approve(request, fixed.people["keystaff_845"], "", DAY + timedelta(10))
