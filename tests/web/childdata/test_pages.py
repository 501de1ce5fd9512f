"""A request through the pages, from the draft to the recipient's download; what each page
refuses and why; every access and download in the audit trail."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tartan.childlevel.erasure import ErasureRegister
from tartan.web.audit.models import Action, AuditEvent
from tartan.web.childdata.models import ChildDataRequest, ErasedChild, Status
from tests.web.childdata.conftest import (
    FIELDS,
    KEY,
    QUESTION,
    child_ids,
    pseudonymise,
    unzipped,
    zipped,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def _summaries(request: ChildDataRequest) -> list[str]:
    events = AuditEvent.objects.filter(
        action=Action.CHILD_DATA, object_type="ChildDataRequest", object_id=str(request.pk)
    )
    return [e.summary for e in events.order_by("id")]


def _page(response) -> str:
    return response.content.decode()


def test_a_request_from_draft_to_download(people, source_files, tmp_path):
    today = timezone.localdate()
    dbg, la_analyst, la_key, recipient = (
        signed_in(people[n]) for n in ("dbg", "analyst_845", "keystaff_845", "recipient")
    )
    response = dbg.post(
        "/child-data/new/",
        {
            "la_code": "845",
            "purpose": "placement_stability",
            "question": QUESTION,
            "recipient": str(people["recipient"].pk),
            "retention_until": (today + timedelta(days=100)).isoformat(),
        },
    )
    request = ChildDataRequest.objects.get()
    assert response["Location"] == f"/child-data/{request.pk}/fields/"
    fields_page = _page(dbg.get(f"/child-data/{request.pk}/fields/"))
    assert 'value="ssda903_episodes.PLACE_PROVIDER"' in fields_page  # the purpose's fields
    assert 'value="cin_protection_plans.CPPstartDate"' not in fields_page  # and no other

    # A field beyond the purpose, posted by hand, is refused by the service, not only the page.
    beyond = dbg.post(
        f"/child-data/{request.pk}/fields/",
        {"chosen": [*FIELDS, "cin_protection_plans.CPPstartDate"]},
    )
    assert beyond.status_code == 400
    assert "does not allow cin_protection_plans.CPPstartDate" in _page(beyond)
    assert ChildDataRequest.objects.get(pk=request.pk).fields == []
    dbg.post(f"/child-data/{request.pk}/fields/", {"chosen": FIELDS})
    dbg.post(f"/child-data/{request.pk}/submit/")
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.SUBMITTED

    # The LA's key staff cannot approve before the DPIA is attached, whatever they post.
    decide_page = _page(la_key.get(f"/child-data/{request.pk}/decide/"))
    assert 'id="no-dpia"' in decide_page
    early = la_key.post(f"/child-data/{request.pk}/decide/", {"decision": "approve"})
    assert early.status_code == 409
    assert "cannot be approved until a Data Protection Impact Assessment" in _page(early)
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.SUBMITTED

    document = SimpleUploadedFile("dpia.pdf", b"%PDF-1.4 the DPIA", "application/pdf")
    la_analyst.post(
        f"/child-data/{request.pk}/dpia/",
        {
            "document": document,
            "approver_name": "Priya Shah",
            "approver_role": "Data Protection Officer",
            "approved_on": today.isoformat(),
        },
    )
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.DPIA_ATTACHED
    la_key.post(f"/child-data/{request.pk}/decide/", {"decision": "approve", "note": "Fine."})
    request.refresh_from_db()
    assert request.status == Status.APPROVED

    detail = _page(la_analyst.get(f"/child-data/{request.pk}/"))
    assert f"--fields {','.join(FIELDS)}" in detail
    assert f"--recipient &#34;{request.extract_recipient}&#34;" in detail
    folder = pseudonymise(source_files, tmp_path / "extract", request)
    upload = SimpleUploadedFile("request.zip", zipped(folder), "application/zip")
    response = la_analyst.post(f"/child-data/{request.pk}/extract/", {"extract": upload})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.DATA_RECEIVED

    download = recipient.get(f"/child-data/{request.pk}/extract/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == (
        f'attachment; filename="child-level-request-{request.pk}.zip"'
    )
    assert download["Cache-Control"] == "private, no-store"
    tables = unzipped(download.content)
    assert set(tables["ssda903_header"]["pseudonym"]) == {
        KEY.pseudonym(c) for c in child_ids(source_files)
    }
    dpia = request.dpias.get()
    assert dbg.get(f"/child-data/dpias/{dpia.pk}/download/").content == b"%PDF-1.4 the DPIA"

    summaries = _summaries(request)
    for expected in (
        "drafted for placement_stability",
        "submitted to East Sussex",
        "opened the decision page",
        "DPIA attached: dpia.pdf, approved by Priya Shah (Data Protection Officer) on "
        f"{today:%d %B %Y}",
        "approved on the DPIA dpia.pdf",
        "viewed the request",
        "downloaded the DPIA dpia.pdf",
    ):
        assert expected in summaries
    assert any(s.startswith("extract received: ") for s in summaries)
    (downloaded,) = [s for s in summaries if s.startswith("downloaded the extract")]
    event = AuditEvent.objects.get(summary=downloaded)
    assert (event.user, event.la_codes, event.purpose) == (
        people["recipient"],
        ",845,",
        "placement_stability",
    )
    # The request's page shows its history to those who see it.
    assert "downloaded the extract" in _page(la_key.get(f"/child-data/{request.pk}/"))


def test_a_refused_extract_says_why_and_is_audited(people, steps, source_files, tmp_path):
    request = steps.approved()
    folder = pseudonymise(source_files, tmp_path / "extract", request, fields=[])
    upload = SimpleUploadedFile("request.zip", zipped(folder), "application/zip")
    response = signed_in(people["analyst_845"]).post(
        f"/child-data/{request.pk}/extract/", {"extract": upload}
    )
    assert response.status_code == 400
    assert "beyond the fields the request approved" in _page(response)
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.APPROVED
    assert any(s.startswith("extract refused: ") for s in _summaries(request))


def test_a_past_retention_date_is_refused_by_the_page(people):
    response = signed_in(people["dbg"]).post(
        "/child-data/new/",
        {
            "la_code": "845",
            "purpose": "placement_stability",
            "question": QUESTION,
            "recipient": str(people["recipient"].pk),
            "retention_until": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "must be after today" in _page(response)
    assert not ChildDataRequest.objects.exists()


def test_refusing_through_the_page_needs_a_reason(people, steps):
    request = steps.submitted()
    la_key = signed_in(people["keystaff_845"])
    response = la_key.post(f"/child-data/{request.pk}/decide/", {"decision": "refuse"})
    assert response.status_code == 400
    assert "Say why" in _page(response)
    la_key.post(f"/child-data/{request.pk}/decide/", {"decision": "refuse", "note": "Too wide."})
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.REFUSED


def test_a_refused_attempt_on_someone_elses_request_is_audited(people, steps):
    request = steps.submitted()
    response = signed_in(people["analyst_846"]).get(f"/child-data/{request.pk}/")
    assert response.status_code == 404
    event = AuditEvent.objects.get(summary="refused: request")
    assert (event.user, event.object_id, event.la_codes) == (
        people["analyst_846"],
        str(request.pk),
        "",
    )


def test_the_erasure_register_takes_one_pseudonym_or_the_las_register_file(people, tmp_path):
    analyst = signed_in(people["analyst_845"])
    one = KEY.pseudonym("CHILD-1")
    analyst.post("/child-data/erasures/", {"form": "one", "pseudonym": one, "key_id": KEY.key_id})
    register = ErasureRegister(tmp_path / "erased.csv", [])
    register.add(KEY.pseudonym("CHILD-2"), KEY.key_id, timezone.localdate(), "")
    register.add(one, KEY.key_id, timezone.localdate(), "")
    register.save()
    upload = SimpleUploadedFile("erased.csv", (tmp_path / "erased.csv").read_bytes(), "text/csv")
    response = analyst.post("/child-data/erasures/", {"form": "register", "register": upload})
    assert response.status_code == 302
    assert set(ErasedChild.objects.values_list("pseudonym", "la_code")) == {
        (one, "845"),
        (KEY.pseudonym("CHILD-2"), "845"),
    }
    page = _page(analyst.get("/child-data/erasures/"))
    assert one[:16] in page
    # Brighton and Hove sees its own register only.
    assert 'id="no-entries"' in _page(signed_in(people["analyst_846"]).get("/child-data/erasures/"))
    bad = analyst.post(
        "/child-data/erasures/", {"form": "one", "pseudonym": "CHILD-3", "key_id": KEY.key_id}
    )
    assert "A pseudonym is 64 characters" in _page(bad)
    assert not ErasedChild.objects.filter(pseudonym="CHILD-3").exists()


def test_the_home_page_links_the_area_for_those_it_is_for(people):
    for name in ("dbg", "analyst_845", "keystaff_846", "programme"):
        assert "/child-data/" in _page(signed_in(people[name]).get("/")), name
    for name in ("dfe", "partner", "admin"):
        assert "/child-data/" not in _page(signed_in(people[name]).get("/")), name


def test_the_list_shows_each_person_their_requests(people, steps):
    of_845 = steps.submitted()
    of_846 = steps.submitted(la_code="846")
    page = _page(signed_in(people["analyst_845"]).get("/child-data/"))
    assert f"/child-data/{of_845.pk}/" in page
    assert f"/child-data/{of_846.pk}/" not in page
    page = _page(signed_in(people["dbg"]).get("/child-data/"))
    assert f"/child-data/{of_845.pk}/" in page
    assert f"/child-data/{of_846.pk}/" in page
    assert AuditEvent.objects.filter(summary="listed 2 request(s)").exists()


def test_an_upload_too_large_is_refused_before_it_is_read(people, steps):
    request = steps.approved()
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w") as archive:
        archive.writestr("manifest.json", b"x" * (7 * 1024 * 1024))
    upload = SimpleUploadedFile("big.zip", big.getvalue(), "application/zip")
    response = signed_in(people["analyst_845"]).post(
        f"/child-data/{request.pk}/extract/", {"extract": upload}
    )
    assert response.status_code == 413
    assert "larger than 5 MB" in _page(response)
    assert ChildDataRequest.objects.get(pk=request.pk).status == Status.APPROVED


def test_pages_for_a_step_no_longer_open_say_so_and_offer_no_form(people, steps):
    submitted = steps.submitted()
    asker = signed_in(people["dbg"])
    for step in ("edit", "fields"):
        page = _page(asker.get(f"/child-data/{submitted.pk}/{step}/"))
        assert 'id="not-draft"' in page
        assert "<form" not in page.split('id="main-content"')[1]
    la = signed_in(people["analyst_845"])
    assert 'id="not-now"' in _page(la.get(f"/child-data/{submitted.pk}/extract/"))
    approved = steps.approved()
    assert 'id="not-now"' in _page(la.get(f"/child-data/{approved.pk}/dpia/"))
    assert 'id="decided"' in _page(
        signed_in(people["keystaff_845"]).get(f"/child-data/{approved.pk}/decide/")
    )
    # Posted anyway, the services refuse: the request does not move.
    response = asker.post(f"/child-data/{submitted.pk}/fields/", {"chosen": FIELDS[:1]})
    assert response.status_code == 409
    assert ChildDataRequest.objects.get(pk=submitted.pk).fields == FIELDS
