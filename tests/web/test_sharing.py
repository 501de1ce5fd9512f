"""The protocol in the service: permission to share wider, the DfE's notice period and purposes,
concealed exports through the gate, published-only exports, and the national dataset."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tartan.demo.synthetic import synthetic_returns
from tartan.national.dataset import dataset_csv
from tartan.periods import Period
from tartan.returns.model import QuarterlyReturn
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.audit.models import AuditEvent
from tartan.web.reports.data import View, benchmark_table
from tartan.web.sharing import services
from tartan.web.sharing.models import AgreedPurpose, ExportDecision, RequestKind
from tests.web.conftest import MEMBERS, signed_in

pytestmark = pytest.mark.django_db
SOON = date.today() + timedelta(days=60)


def _everyone_answers(share, make_user, agrees=True, skip=()):
    for code in services.asked(share):
        if code not in skip:
            services.answer(
                share, code, make_user(Role.LA_KEY_STAFF, code), agrees, "for the reason given"
            )


def test_asking_means_every_la_in_the_release(make_user, released_round):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    response = signed_in(keystaff).post(
        f"/sharing/rounds/{released_round.pk}/request/",
        {
            "kind": "identified",
            "report": "rug",
            "la_code": "845",
            "recipient": "Local Safeguarding Partnership",
            "purpose": "Annual report",
            "until": SOON.isoformat(),
        },
    )
    share = released_round.share_requests.get()
    assert response["Location"] == f"/sharing/requests/{share.pk}/"
    assert services.asked(share) == sorted(MEMBERS)
    assert services.status(share).state == "waiting"


def test_shared_only_when_all_agree_and_only_for_the_requester(make_user, released_round):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    share = services.request_share(
        keystaff, released_round, "identified", "rug", "845", "Police", "Joint review", SOON
    )
    client = signed_in(keystaff)
    assert client.get(f"/sharing/requests/{share.pk}/shared.pdf").status_code == 404
    _everyone_answers(share, make_user, skip=("846",))
    assert services.status(share).state == "waiting"
    assert services.status(share).missing == ["846"]
    services.answer(share, "846", make_user(Role.LA_KEY_STAFF, "846"), True, "fine")
    assert services.status(share).state == "approved"
    download = client.get(f"/sharing/requests/{share.pk}/shared.xlsx")
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('_2024-25_Q4.xlsx"')
    event = AuditEvent.objects.filter(action="download").latest("id")
    assert (event.purpose, "Police" in event.summary) == ("Joint review", True)
    other = make_user(Role.LA_KEY_STAFF, "846")
    assert signed_in(other).get(f"/sharing/requests/{share.pk}/shared.xlsx").status_code == 404


def test_one_refusal_refuses(make_user, released_round):
    share = services.request_share(
        make_user(Role.DBG_MEMBER),
        released_round,
        "identified",
        "overview",
        "",
        "Ofsted",
        "Inspection",
        SOON,
    )
    services.answer(
        share,
        "850",
        make_user(Role.LA_KEY_STAFF, "850"),
        False,
        "Not before our own board has seen it",
    )
    _everyone_answers(share, make_user, skip=("850",))
    assert services.status(share).state == "refused"
    assert "850" in services.status(share).detail


def test_answers_need_a_reason_and_come_from_the_las_key_staff(make_user, released_round):
    share = services.request_share(
        make_user(Role.DBG_MEMBER),
        released_round,
        "identified",
        "overview",
        "",
        "Ofsted",
        "Inspection",
        SOON,
    )
    with pytest.raises(services.ProtocolError, match="reason"):
        services.answer(share, "845", make_user(Role.LA_KEY_STAFF, "845"), True, " ")
    analyst = make_user(Role.LA_ANALYST, "845")
    response = signed_in(analyst).post(
        f"/sharing/requests/{share.pk}/answer/", {"answer": "agree", "reason": "x"}
    )
    assert response.status_code == 404
    outsider = make_user(Role.LA_KEY_STAFF, "301")
    assert (
        signed_in(outsider)
        .post(f"/sharing/requests/{share.pk}/answer/", {"answer": "agree", "reason": "x"})
        .status_code
        == 404
    )


def test_permission_expires(make_user, released_round):
    share = services.request_share(
        make_user(Role.DBG_MEMBER),
        released_round,
        "identified",
        "overview",
        "",
        "Ofsted",
        "Inspection",
        SOON,
    )
    _everyone_answers(share, make_user)
    assert services.status(share, today=SOON).state == "approved"
    assert services.status(share, today=SOON + timedelta(days=1)).state == "expired"


def test_unreleased_quarters_cannot_be_shared(make_user, open_round):
    with pytest.raises(services.ProtocolError, match="released"):
        services.request_share(
            make_user(Role.DBG_MEMBER),
            open_round,
            "identified",
            "overview",
            "",
            "Ofsted",
            "x",
            SOON,
        )


def test_working_days_skip_weekends_and_bank_holidays():
    # Friday 19 December 2025: 20 working days on, past Christmas, Boxing Day and New Year's Day.
    assert services.working_days_after(date(2025, 12, 19), 20) == date(2026, 1, 21)
    assert services.working_days_after(date(2025, 6, 2), 5) == date(2025, 6, 9)


def test_dfe_cross_government_request_needs_notice_and_the_regions_response(
    make_user, released_round, settings
):
    settings.TARTAN_DFE_NOTICE_WORKING_DAYS = 20
    dfe = make_user(Role.DFE_VIEWER)
    share = services.request_share(
        dfe,
        released_round,
        RequestKind.CROSS_GOVERNMENT,
        "overview",
        "",
        "Cabinet Office",
        "Cross-government insight",
        SOON,
    )
    assert share.notice_ends == services.working_days_after(date.today(), 20)
    _everyone_answers(share, make_user)
    assert services.status(share).state == "notice"
    assert (
        signed_in(make_user(Role.LA_KEY_STAFF, "845"))
        .post(f"/sharing/requests/{share.pk}/region/", {"answer": "agree", "response": "x"})
        .status_code
        == 404
    )
    signed_in(make_user(Role.PROGRAMME_STAFF)).post(
        f"/sharing/requests/{share.pk}/region/",
        {"answer": "agree", "response": "The steering group agreed on 3 March."},
    )
    share.refresh_from_db()
    assert share.region_agrees is True
    assert services.status(share, today=share.notice_ends - timedelta(days=1)).state == "notice"
    assert services.status(share, today=share.notice_ends).state == "approved"


def test_the_region_can_object(make_user, released_round):
    share = services.request_share(
        make_user(Role.DFE_VIEWER),
        released_round,
        RequestKind.CROSS_GOVERNMENT,
        "overview",
        "",
        "HM Treasury",
        "Spending review",
        SOON,
    )
    services.respond_for_region(share, make_user(Role.DBG_MEMBER), False, "Not for this purpose")
    assert services.status(share).state == "refused"


def test_dfe_downloads_need_an_agreed_purpose(make_user, released_round):
    dfe = make_user(Role.DFE_VIEWER)
    agreed = AgreedPurpose.objects.create(
        organisation=dfe.organisation,
        text="Prioritising improvement support",
        source="2019 MOU, paragraph 10",
    )
    other = AgreedPurpose.objects.create(
        organisation=Organisation.objects.create(name="Another", kind=OrganisationKind.DFE),
        text="Theirs",
    )
    client = signed_in(dfe)
    url = f"/reports/rounds/{released_round.pk}/rugs/845.xlsx"
    choose = client.get(url)
    assert choose.status_code == 200
    assert "Prioritising improvement support" in choose.content.decode()
    assert choose["Content-Type"].startswith("text/html")
    assert client.get(f"{url}?purpose={other.pk}").status_code == 403
    done = client.get(f"{url}?purpose={agreed.pk}")
    assert done["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        AuditEvent.objects.filter(action="download").latest("id").purpose
        == "Prioritising improvement support"
    )


@pytest.fixture
def ofsted():
    return Organisation.objects.create(name="Ofsted", kind=OrganisationKind.PARTNER)


def test_concealed_export_passes_the_gate_and_reaches_only_its_recipient(
    make_user, released_round, ofsted
):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    response = signed_in(keystaff).post(
        f"/sharing/rounds/{released_round.pk}/la/845/concealed/",
        {
            "recipient": ofsted.pk,
            "design": "distribution",
            "purpose": "Inspection",
            "file_format": "csv",
        },
    )
    decision = ExportDecision.objects.get()
    assert response["Location"] == f"/sharing/exports/{decision.pk}/"
    assert decision.allowed
    assert decision.sha256
    assert decision.evidence["allowed"]
    inspector = make_user(Role.PARTNER_VIEWER)
    inspector.organisation = ofsted
    inspector.save()
    download = signed_in(inspector).get(f"/sharing/exports/{decision.pk}/download/")
    text = download.content.decode()
    assert text.startswith("# CONCEALED REPORT. INTERNAL AND LIMITED USE")
    assert "every other authority of the group is concealed" in text
    assert "Brighton" not in text
    assert "846" not in text
    stranger = make_user(Role.PARTNER_VIEWER)
    stranger.organisation = Organisation.objects.create(
        name="Police", kind=OrganisationKind.PARTNER
    )
    stranger.save()
    assert signed_in(stranger).get(f"/sharing/exports/{decision.pk}/download/").status_code == 404
    assert (
        signed_in(make_user(Role.LA_KEY_STAFF, "846"))
        .get(f"/sharing/exports/{decision.pk}/")
        .status_code
        == 404
    )
    assert (
        signed_in(make_user(Role.DBG_MEMBER)).get(f"/sharing/exports/{decision.pk}/").status_code
        == 200
    )


def test_a_refused_export_keeps_its_evidence_and_no_file(make_user, released_round, ofsted):
    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    decision = services.concealed_export(
        keystaff, released_round, "845", ofsted, "naive", "Inspection"
    )
    assert not decision.allowed
    assert decision.content is None
    page = signed_in(keystaff).get(f"/sharing/exports/{decision.pk}/").content.decode()
    assert "The export was refused" in page
    assert "What would pass" in page
    assert "unpublished figure (" in page  # what failed, and where
    others = [code for code in MEMBERS if code != "845"]
    # but not whose figure: the exporting LA never sees another LA's code or figure
    assert not [code for code in others if f"{code}&#39;s" in page or f"{code}'s" in page]
    assert "Audit evidence" not in page
    assert signed_in(keystaff).get(f"/sharing/exports/{decision.pk}/download/").status_code == 404
    audit = signed_in(make_user(Role.DBG_MEMBER)).get(f"/sharing/exports/{decision.pk}/")
    shown = audit.content.decode()
    assert "Audit evidence" in shown
    assert any(f"{code}&#39;s unpublished figure" in shown for code in others)


@pytest.mark.parametrize(("fmt", "kind"), [("pdf", "application/pdf"), ("xlsx", "openxml")])
def test_the_report_downloads_in_its_format_to_its_recipient_only(
    make_user, released_round, ofsted, fmt, kind
):
    from tests.disclosure.scan import leaks

    keystaff = make_user(Role.LA_KEY_STAFF, "845")
    decision = services.concealed_export(
        keystaff, released_round, "845", ofsted, "halves", "Inspection", fmt
    )
    assert decision.allowed, decision.evidence
    url = f"/sharing/exports/{decision.pk}/download/"
    mine = signed_in(keystaff).get(url)
    assert kind in mine["Content-Type"]
    assert mine["Content-Disposition"].endswith(f'.{fmt}"')
    assert leaks(bytes(mine.content), fmt, "845") == []
    # denied: another LA's key staff, an analyst of another LA, an unrelated partner
    assert signed_in(make_user(Role.LA_KEY_STAFF, "846")).get(url).status_code == 404
    assert signed_in(make_user(Role.LA_ANALYST, "846")).get(url).status_code == 404
    police = make_user(Role.PARTNER_VIEWER)
    police.organisation = Organisation.objects.create(name="Police", kind=OrganisationKind.PARTNER)
    police.save()
    assert signed_in(police).get(url).status_code == 404


def test_the_gate_is_told_what_the_recipient_already_holds(make_user, released_round, ofsted):
    """The collecting recipient: reports of other LAs for the quarter are known to the gate;
    the repeat recipient: labels of this LA's earlier reports to it are checked for reuse."""
    first = services.concealed_export(
        make_user(Role.LA_KEY_STAFF, "846"), released_round, "846", ofsted, "halves", "Inspection"
    )
    assert first.allowed
    second = services.concealed_export(
        make_user(Role.LA_KEY_STAFF, "845"), released_round, "845", ofsted, "halves", "Inspection"
    )
    assert "846" in second.audit_evidence["audit"]["collector_set"]
    assert "846" not in str(second.evidence)
    assert second.evidence["scores"]["collector_holds"] >= 1
    again = services.concealed_export(
        make_user(Role.LA_KEY_STAFF, "845"), released_round, "845", ofsted, "halves", "Inspection"
    )
    # the same inputs: the same decision and the same labels (nothing new to link)
    assert again.allowed
    assert again.audit_evidence["audit"]["labels"] == second.audit_evidence["audit"]["labels"]
    other_purpose = services.concealed_export(
        make_user(Role.LA_KEY_STAFF, "845"), released_round, "845", ofsted, "halves", "Audit"
    )
    assert other_purpose.allowed
    assert not set(other_purpose.audit_evidence["audit"]["labels"]) & set(
        second.audit_evidence["audit"]["labels"]
    )


def test_only_the_las_key_staff_export_its_report(make_user, released_round, ofsted):
    url = f"/sharing/rounds/{released_round.pk}/la/845/concealed/"
    assert signed_in(make_user(Role.LA_KEY_STAFF, "846")).get(url).status_code == 404
    assert signed_in(make_user(Role.LA_ANALYST, "845")).get(url).status_code == 404
    assert signed_in(make_user(Role.LA_KEY_STAFF, "845")).get(url).status_code == 200


def test_published_only_export_needs_no_permission_and_cites_releases(make_user):
    response = signed_in(make_user(Role.PARTNER_VIEWER)).get("/sharing/published/2025/845.csv")
    text = response.content.decode()
    first = text.splitlines()[0]
    assert first.startswith("# PUBLISHED FIGURES ONLY")
    assert "Children in need, reporting year 2025" in first
    assert "845,East Sussex" in text


def test_national_dataset_round_trip_feeds_the_comparisons(make_user, released_round):
    dbg = make_user(Role.DBG_MEMBER)
    client = signed_in(dbg)
    ours = client.get(f"/sharing/national/rounds/{released_round.pk}.csv").content.decode()
    assert ours.startswith("# INTERNAL AND LIMITED USE")
    assert {
        line.split(",")[0]
        for line in ours.splitlines()[
            len([x for x in ours.splitlines() if x.startswith("#")]) + 1 :
        ]
    } == set(MEMBERS)
    outside = ["878", "886", "881", "935", "885", "838", "802", "933", "839", "926"]
    outside = [code for code in outside if code not in MEMBERS]
    theirs = synthetic_returns(outside, Period.parse("2024-25 Q4"), 1)
    from decimal import Decimal

    data = dataset_csv(
        [
            QuarterlyReturn(r.la_code, r.period, {k: Decimal(str(v)) for k, v in r.figures.items()})
            for r in theirs
        ],
        ["from the South West"],
    )
    bad = data.replace(
        b",referrals,", b",referrals,-", 1
    )  # the first LA in the file: the lowest code
    response = client.post(
        "/sharing/national/",
        {
            "file": SimpleUploadedFile("sw.csv", bad),
            "source": "South West",
            "received": "2025-05-20",
        },
    )
    assert response.status_code == 302
    from tartan.web.sharing.models import NationalImport

    dataset = NationalImport.objects.get()
    assert dataset.accepted == len(outside) - 1
    assert dataset.rejected == [[min(outside), "2024-25 Q4"]]
    assert any(f["code"] == "E302" and f["row"] for f in dataset.findings)
    table = benchmark_table(released_round, View.RELEASED)
    row = table.filter(
        (pl.col("la_code") == "845")
        & (pl.col("indicator") == "cla")
        & (pl.col("measure") == "rate")
    ).row(0, named=True)
    assert "2024-25 Q4" in row["sn_periods"]
    quarterly_neighbours = int(row["sn_periods"].split("2024-25 Q4 ×")[1].split(";")[0])
    assert quarterly_neighbours >= len(outside) - 1
