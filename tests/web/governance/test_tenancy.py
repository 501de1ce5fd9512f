"""Groups are tenants (issue 15 item 1): another group's programme staff never see, open,
download or change the South East programme's memoranda, subscriptions and invoices,
settlements, grants, projects, meetings, highlight reports or directory entries.

``world`` (conftest) is the South East's: its ``programme`` serves the South East. The North
East's programme staff (``other_programme``) are the outsiders; they get the same 404 as for a
record that does not exist, lists without the South East's records, and their POSTs change
nothing. Every denial is paired with the South East's own programme being allowed the same
request, so that each test can fail.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse

from tartan.reference.register import shipped_register
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import Role
from tartan.web.evidence import policies as evidence_policies
from tartan.web.governance import models as gm
from tartan.web.governance import tenancy
from tartan.web.governance.services import memoranda as memo_service
from tartan.web.groups.tenancy import programme_group, programme_serving
from tests.web.conftest import signed_in
from tests.web.governance.conftest import TODAY, make_memorandum, make_year, sign_everything
from tests.web.governance.test_permissions import PROGRAMME, ROUTES, _resolve
from tests.web.second_group import OTHER_MEMBERS

SOUTH_EAST, NORTH_EAST = "south-east", "north-east"

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(world, other_programme):
    return signed_in(world.users["programme"]), signed_in(other_programme)


# --- the common answer ---------------------------------------------------------------------


def test_programme_staff_serve_their_organisation_s_group_only(world, other_programme):
    se = world.users["programme"]
    assert programme_group(se) == SOUTH_EAST
    assert programme_group(other_programme) == NORTH_EAST
    assert programme_serving(se, SOUTH_EAST)
    assert not programme_serving(se, NORTH_EAST)
    assert not programme_serving(world.users["key845"], SOUTH_EAST)  # not programme staff
    assert not programme_serving(se, "")
    # Evidence asks the same question of the same function.
    assert evidence_policies.programme_serving is programme_serving


def test_programme_staff_whose_organisation_serves_no_group_serve_none(world):
    se = world.users["programme"]
    se.organisation.group_key = ""
    se.organisation.save()
    se = User.objects.get(pk=se.pk)
    assert programme_group(se) is None
    assert tenancy.mine(gm.Memorandum.objects.all(), se).count() == 0
    assert signed_in(se).get(reverse("governance:memoranda")).status_code == 403


def test_every_record_s_group_comes_from_the_record_it_belongs_to(world):
    records = [
        world.memo,
        world.memo.parties.first(),
        world.memo.signatures.first(),
        world.year,
        world.sub845,
        world.invoice845,
        world.invoice845.lines.first(),
        world.settlement,
        world.share845,
        world.grant,
        world.po846,
        world.return846,
        world.grant.acceptances.first(),
        world.project,
        world.project.reports.first(),
        world.meeting,
        world.highlight,
        world.invitation845,
        world.action845,
        world.entry845,
        world.seat,
        world.complaint,
    ]
    assert {tenancy.group_of(r) for r in records} == {SOUTH_EAST}
    every = {m.__name__ for m in apps.get_app_config("governance").get_models()}
    # Every governance model has a group except the ones shared by the whole service.
    unowned = every - set(tenancy.PATHS)
    assert {n for n in unowned if not n.startswith("Historical")} == {"Document"}


# --- pages and downloads: allowed for the group's own programme, 404 for another's ---------

OBJECT_ROUTES = [r for r in ROUTES if r[4] and r[2] >= PROGRAMME]


@pytest.mark.parametrize(
    ("name", "kwargs", "ok"),
    [(r[0], r[1], r[3]) for r in OBJECT_ROUTES],
    ids=[f"{r[0]}-{'-'.join(r[1].values())}" for r in OBJECT_ROUTES],
)
def test_another_group_s_programme_cannot_open_a_record(clients, world, name, kwargs, ok):
    url = reverse(f"governance:{name}", kwargs=_resolve(world, kwargs))
    own, other = clients
    assert own.get(url).status_code == ok
    assert other.get(url).status_code == 404


def test_the_routes_cover_every_area(world):
    covered = {r[0] for r in OBJECT_ROUTES}
    assert {
        "memorandum",
        "history",
        "document",
        "year",
        "subscription",
        "invoice",
        "invoice-pdf",
        "settlement",
        "statement",
        "grant",
        "transfer-paid",
        "progress-new",
        "meeting",
        "minutes-pdf",
        "highlight",
        "highlight-pdf",
        "pack",
        "pack-pdf",
        "participant-edit",
        "seat-end",
    } <= covered


# --- lists: another group's records are absent, not merely refused on open -----------------

LISTS = [
    ("memoranda", lambda w: [w.memo.title, reverse("governance:memorandum", args=[w.memo.pk])]),
    (
        "subscriptions",
        lambda w: [reverse("governance:year", args=[w.year.pk]), w.invoice845.number],
    ),
    ("overdue", lambda w: [w.invoice845.number]),
    ("settlements", lambda w: [reverse("governance:settlement", args=[w.settlement.pk])]),
    ("grants", lambda w: [reverse("governance:grant", args=[w.grant.pk])]),
    ("projects", lambda w: [reverse("governance:progress-new", args=[w.project.pk])]),
    ("meetings", lambda w: [reverse("governance:meeting", args=[w.meeting.pk])]),
    ("directory-manage", lambda w: [w.entry_other.name, w.entry845.name]),
    (
        "seats",
        lambda w: [w.entry845.name, reverse("governance:project-public", args=[w.project.pk])],
    ),
    (
        "index",
        lambda w: ["1 invoice is overdue", reverse("governance:memorandum", args=[w.memo.pk])],
    ),
]


@pytest.mark.parametrize(("name", "shows"), LISTS, ids=[n for n, _ in LISTS])
def test_another_group_s_records_are_absent_from_the_lists(clients, world, name, shows):
    own, other = clients
    url = reverse(f"governance:{name}")
    own_page = own.get(url)
    other_page = other.get(url)
    assert (own_page.status_code, other_page.status_code) == (200, 200)
    for text in shows(world):
        assert text in own_page.content.decode(), text
        assert text not in other_page.content.decode(), text


# --- POSTs on another group's records are refused and change nothing -----------------------


def _in_force(programme: User, title: str) -> gm.Memorandum:
    memo = make_memorandum(
        programme,
        ["845", "846"],
        title=title,
        starts_on=TODAY - timedelta(days=400),
        ends_on=TODAY + timedelta(days=365),
    )
    sign_everything(memo, programme)
    memo.refresh_from_db()
    return memo


def assert_refused_then_allowed(clients, url, data, state):
    """The outsider's POST is a 404 and leaves ``state()`` as it was; the group's own
    programme's identical POST changes it (so the data would have done something)."""
    own, other = clients
    before = state()
    assert other.post(url, data).status_code == 404
    assert state() == before
    assert own.post(url, data).status_code == 302
    assert state() != before


def test_memoranda_signatures_variations_notices_and_parties(clients, world):
    memo = world.memo
    party = memo.parties.get(organisation__la_code="845")
    assert_refused_then_allowed(
        clients,
        reverse("governance:signature-new", args=[memo.pk]),
        {
            "party": party.pk,
            "role": "dcs",
            "signatory_name": "Carolyn Fair",
            "signed_on": (TODAY - timedelta(days=2)).isoformat(),
            "evidence_note": "signed page scanned",
        },
        lambda: memo.signatures.count(),
    )
    ended = _in_force(world.users["programme"], "Varied")
    assert_refused_then_allowed(
        clients,
        reverse("governance:variation-new", args=[ended.pk]),
        {"kind": "variation", "summary": "New terms", "proposed_on": TODAY.isoformat()},
        lambda: ended.variations.count(),
    )
    running = _in_force(world.users["programme"], "Running")
    assert_refused_then_allowed(
        clients,
        reverse("governance:terminate", args=[running.pk]),
        {
            "party": running.parties.first().pk,
            "notice_given_on": TODAY.isoformat(),
            "takes_effect_on": (TODAY + timedelta(days=90)).isoformat(),
            "evidence_note": "letter",
        },
        lambda: gm.Termination.objects.filter(memorandum=running).count(),
    )
    other = world.other_memo
    kent = Organisation.objects.get(la_code="886")
    assert_refused_then_allowed(
        clients,
        reverse("governance:memorandum-parties", args=[other.pk]),
        {"organisations": [kent.pk]},
        lambda: other.parties.count(),
    )


def test_memorandum_documents_are_not_found_for_another_group(clients, world):
    own, other = clients
    for document in (world.memo.document, world.evidence846):
        url = reverse("governance:document", args=[document.pk])
        assert own.get(url).status_code == 200
        assert other.get(url).status_code == 404


def test_subscriptions_and_invoices(clients, world):
    invoice = world.invoice845

    def invoice_state():
        invoice.refresh_from_db()
        return (invoice.status, invoice.paid_on)

    assert_refused_then_allowed(
        clients,
        reverse("governance:invoice-payment", args=[invoice.pk]),
        {"paid_on": TODAY.isoformat(), "reference": "BACS 1"},
        invoice_state,
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:invoice-cancel", args=[world.invoice846.pk]),
        {"reason": "wrong address"},
        lambda: gm.Invoice.objects.get(pk=world.invoice846.pk).status,
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:subscription-details", args=[world.sub845.pk]),
        {"invoice_address": "Hove Town Hall", "contact_email": "", "purchase_order": "PO-7"},
        lambda: gm.Subscription.objects.get(pk=world.sub845.pk).purchase_order,
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:population", args=[world.year.pk]),
        {"rows": "886,1579200", "import_source": "ONS mid-2022, all ages"},
        lambda: world.year.figures.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:year-subscriptions", args=[world.year.pk]),
        {},
        lambda: world.year.subscriptions.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:invoice-issue", args=[world.sub846.pk]),
        {},
        lambda: world.sub846.invoices.count(),
    )


def test_another_group_s_overdue_run_reminds_none_of_the_south_east_s_invoices(clients, world):
    own, other = clients
    assert other.post(reverse("governance:overdue")).status_code == 302
    assert gm.Reminder.objects.count() == 0
    assert own.post(reverse("governance:overdue")).status_code == 302
    assert gm.Reminder.objects.filter(invoice=world.invoice845).count() == 1


def test_each_group_has_its_own_years_and_subscribes_its_own_members(clients, world):
    own, other = clients
    data = {
        "year": world.year.year,  # the South East's year too: each group sets its own terms
        "large_from": "400000",
        "large": "12,500",
        "small": "6,250",
        "vat_percent": "20",
        "payment_days": "30",
        "issuer_name": "Durham County Council",
        "issuer_address": "County Hall",
    }
    assert other.post(reverse("governance:year-new"), data).status_code == 302
    mine = gm.SubscriptionYear.objects.get(group_key=NORTH_EAST)
    assert mine.created_by.organisation.group_key == NORTH_EAST
    assert other.get(reverse("governance:year", args=[mine.pk])).status_code == 200
    assert own.get(reverse("governance:year", args=[mine.pk])).status_code == 404
    page = other.get(reverse("governance:subscriptions")).content.decode()
    assert reverse("governance:year", args=[mine.pk]) in page
    assert (
        reverse("governance:year", args=[mine.pk])
        not in own.get(reverse("governance:subscriptions")).content.decode()
    )
    # Its year page lists its own members, not the South East's.
    year_page = other.get(reverse("governance:year", args=[mine.pk])).content.decode()
    register = shipped_register()
    for code, shown in (("846", False), (OTHER_MEMBERS[0], True)):
        row = f'{register[code].name} <span class="govuk-body-s">({code})</span>'
        assert (row in year_page) is shown


def test_settlements(clients, world):
    share = world.share845

    def state():
        share.refresh_from_db()
        return share.settled_on

    assert_refused_then_allowed(
        clients,
        reverse("governance:settled", args=[share.pk]),
        {"settled_on": TODAY.isoformat(), "reference": "BACS 9"},
        state,
    )


def test_a_settlement_is_worked_out_from_the_group_s_own_memoranda_and_years(
    clients, world, other_programme
):
    own, other = clients
    programme = world.users["programme"]
    ending = _in_force(programme, "Ending")
    memo_service.terminate(
        ending,
        ending.parties.first(),
        TODAY - timedelta(days=5),
        TODAY - timedelta(days=1),
        "",
        "letter",
        None,
        programme,
    )
    # The North East's form offers neither the South East's memorandum nor its year; a POST
    # naming them is refused as a choice that does not exist.
    url = reverse("governance:settlement-new")
    assert str(ending) in own.get(url).content.decode()
    assert str(ending) not in other.get(url).content.decode()
    data = {"memorandum": ending.pk, "year": world.year.pk, "balance": "100"}
    assert other.post(url, data).status_code == 200
    assert not gm.Settlement.objects.filter(memorandum=ending).exists()
    assert own.post(url, data).status_code == 302
    assert gm.Settlement.objects.filter(memorandum=ending).exists()


def test_grants(clients, world):
    grant = world.grant
    po = grant.transfers.get(purchase_order="PO1")  # invoiced, not yet paid

    def paid():
        po.refresh_from_db()
        return po.paid_on

    assert_refused_then_allowed(
        clients, reverse("governance:transfer-paid", args=[po.pk]), {"paid_on": TODAY}, paid
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:acceptance-new", args=[grant.pk]),
        {
            "la_code": "886",
            "accepted_on": TODAY.isoformat(),
            "accepted_by": "DCS Kent",
            "evidence_note": "signed letter",
        },
        lambda: grant.acceptances.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:transfer-new", args=[grant.pk]),
        {
            "la_code": "886",
            "amount": "400",
            "purpose": "Practice leaders",
            "purchase_order": "PO-9",
            "invoice_number": "KCC-12",
            "invoice_date": TODAY.isoformat(),
        },
        lambda: grant.transfers.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:purchase-order-new", args=[grant.pk]),
        {
            "la_code": "886",
            "amount": "100",
            "purpose": "Workshop",
            "purchase_order": "PO-10",
            "raised_on": TODAY.isoformat(),
        },
        lambda: grant.transfers.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:return-ask", args=[grant.pk]),
        {"la_code": "845", "period": "2024-25 Q4", "due_on": TODAY.isoformat()},
        lambda: grant.returns.count(),
    )


def test_a_grant_recorded_by_another_group_is_its_own(clients, world):
    own, other = clients
    response = other.post(
        reverse("governance:grant-new"),
        {
            "year": "2024-25",
            "reference": "NE s31",
            "amount": "1000",
            "received_on": TODAY.isoformat(),
            "lead_la_code": OTHER_MEMBERS[0],
            "conditions": "Spend on improvement",
        },
    )
    assert response.status_code == 302
    grant = gm.Grant.objects.get(reference="NE s31")
    assert grant.group_key == NORTH_EAST
    assert own.get(reverse("governance:grant", args=[grant.pk])).status_code == 404
    assert "NE s31" not in own.get(reverse("governance:grants")).content.decode()


def test_projects_and_progress_reports(clients, world):
    project = world.project
    assert_refused_then_allowed(
        clients,
        reverse("governance:progress-new", args=[project.pk]),
        {
            "period": "2024-25 Q4",
            "rag": "amber",
            "progress": "Slower",
            "risks": "",
            "next_steps": "",
        },
        lambda: project.reports.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:project-public", args=[project.pk]),
        {"shown_publicly": "on", "public_summary": "Peer reviews across the region"},
        lambda: gm.Project.objects.get(pk=project.pk).shown_publicly,
    )


def test_each_group_names_its_projects_freely(clients, world):
    own, other = clients
    data = {"name": world.project.name, "description": "", "active": "on"}
    assert other.post(reverse("governance:project-new"), data).status_code == 302
    assert gm.Project.objects.filter(name=world.project.name).count() == 2
    again = own.post(reverse("governance:project-new"), data)
    assert again.status_code == 200  # the South East has one of that name already
    assert gm.Project.objects.filter(name=world.project.name).count() == 2


def test_meetings_and_highlight_reports(clients, world):
    meeting = world.meeting
    assert_refused_then_allowed(
        clients,
        reverse("governance:decision-new", args=[meeting.pk]),
        {"decision-text": "Adopt the front door indicators"},
        lambda: meeting.decisions.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:meeting-minutes", args=[meeting.pk]),
        {"minutes-agenda": "1. The rugs", "minutes-minutes": "Discussed."},
        lambda: gm.Meeting.objects.get(pk=meeting.pk).minutes,
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:meeting-invite", args=[meeting.pk]),
        {"invite-participant": world.entry_other.pk},
        lambda: meeting.invitations.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:action-update", args=[world.action845.pk]),
        {"update-text": "Sent round", "update-status": "done"},
        lambda: world.action845.updates.count(),
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:highlight-assemble", args=[meeting.pk]),
        {"summary": "Again"},
        lambda: meeting.highlights.count(),
    )


def test_another_group_s_meeting_and_its_actions_stay_apart(clients, world, other_programme):
    own, other = clients
    response = other.post(
        reverse("governance:meeting-new"),
        {"title": "NE Steering Group", "kind": "steering", "held_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    ne_meeting = gm.Meeting.objects.get(title="NE Steering Group")
    assert ne_meeting.group_key == NORTH_EAST
    assert own.get(reverse("governance:meeting", args=[ne_meeting.pk])).status_code == 404
    # The North East's meeting page offers none of the South East's directory or projects.
    page = other.get(reverse("governance:meeting", args=[ne_meeting.pk])).content.decode()
    assert world.entry_other.name not in page
    assert f"{world.project.name}: " not in page
    # The South East cannot record an update "at" the North East's meeting.
    response = own.post(
        reverse("governance:action-update", args=[world.action845.pk]),
        {"update-text": "x", "update-status": "open", "at_meeting": ne_meeting.pk},
    )
    assert response.status_code == 404
    assert world.action845.updates.count() == 0


def test_directory_entries_and_seats(clients, world):
    entry = world.entry_other

    def state():
        entry.refresh_from_db()
        return (entry.role, entry.consent_withheld)

    assert_refused_then_allowed(
        clients,
        reverse("governance:participant-edit", args=[entry.pk]),
        {
            "name": entry.name,
            "organisation": entry.organisation,
            "role": "Director",
            "email": entry.email,
            "phone": "",
        },
        state,
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:consent", args=[entry.pk]),
        {"consent": "withhold"},
        state,
    )
    assert_refused_then_allowed(
        clients,
        reverse("governance:seat-end", args=[world.seat.pk]),
        {},
        lambda: gm.SteeringSeat.objects.get(pk=world.seat.pk).ended_on,
    )


def test_another_group_s_new_chair_does_not_unseat_the_south_east_s(clients, world):
    own, other = clients
    response = other.post(
        reverse("governance:participant-new"),
        {"name": "Nell North", "organisation": "Durham", "role": "DCS", "email": "n@example.org"},
    )
    assert response.status_code == 302
    nell = gm.Participant.objects.get(name="Nell North")
    assert nell.group_key == NORTH_EAST
    assert nell.name not in own.get(reverse("governance:directory-manage")).content.decode()
    # The North East's seat form offers only its own people.
    data = {"participant": world.entry845.pk, "office": "chair", "started_on": TODAY.isoformat()}
    assert other.post(reverse("governance:seat-new"), data).status_code == 200
    data["participant"] = nell.pk
    assert other.post(reverse("governance:seat-new"), data).status_code == 302
    world.seat.refresh_from_db()
    assert world.seat.ended_on is None  # still the South East's chair


# --- records made before groups were tenants -----------------------------------------------


def test_the_migration_gives_old_records_their_creator_s_group_or_the_default(
    world, other_programme
):
    from importlib import import_module

    migration = import_module("tartan.web.governance.migrations.0004_groups_as_tenants")
    by_ne = gm.Memorandum.objects.create(
        title="NE memorandum",
        version="1",
        starts_on=TODAY,
        ends_on=TODAY,
        first_review_on=TODAY,
        created_by=other_programme,
        group_key="",
    )
    nobody = gm.Participant.objects.create(
        name="No account", organisation="LGA", role="Adviser", email="a@example.org", group_key=""
    )
    migration.fill_groups(apps, None)
    by_ne.refresh_from_db()
    nobody.refresh_from_db()
    world.memo.refresh_from_db()
    assert by_ne.group_key == NORTH_EAST
    assert nobody.group_key == SOUTH_EAST  # the groups file's default
    assert world.memo.group_key == SOUTH_EAST


def test_governance_reminders_go_to_the_record_s_own_group_s_programme_only(world, other_programme):
    from tartan.web.mail.reminders import governance

    made = governance(TODAY)
    kinds = {m.kind for m in made if m.recipient_id == world.users["programme"].pk}
    # The South East's programme is told of its unsigned memorandum and its overdue invoice...
    assert {"signatures_outstanding", "invoice_overdue"} <= kinds
    # ...and the North East's programme of none of the South East's records.
    assert [m.kind for m in made if m.recipient_id == other_programme.pk] == []


def test_an_la_of_another_group_sees_none_of_the_south_east_s_grants(world, other_person):
    ne_key_staff = other_person(Role.LA_KEY_STAFF, OTHER_MEMBERS[0])
    own, other = signed_in(world.users["key846"]), signed_in(ne_key_staff)
    grant = world.grant
    listed = reverse("governance:la-grant", args=[grant.pk])
    assert listed in own.get(reverse("governance:la-grants")).content.decode()
    assert listed not in other.get(reverse("governance:la-grants")).content.decode()
    assert own.get(listed).status_code == 200
    assert other.get(listed).status_code == 404
    url = reverse("governance:accept-conditions", args=[grant.pk])
    assert other.post(url, {"confirm": "on"}).status_code == 404
    assert not grant.acceptances.filter(la_code=OTHER_MEMBERS[0]).exists()
    conditions = gm.Document.store(
        "conditions.pdf", b"%PDF-1.4 conditions", world.users["programme"]
    )
    gm.Grant.objects.filter(pk=grant.pk).update(conditions_document=conditions)
    download = reverse("governance:document", args=[conditions.pk])
    assert own.get(download).status_code == 200
    assert other.get(download).status_code == 404


def test_another_group_s_programme_picks_among_its_own_las(clients, world, other_programme):
    own, other = clients
    year = make_year(other_programme, year="2024-25")
    year.group_key = NORTH_EAST
    year.save()
    register = shipped_register()
    mine, theirs = OTHER_MEMBERS[0], "846"
    option = '<option value="{}"'
    page = other.get(reverse("governance:year", args=[year.pk])).content.decode()
    assert option.format(mine) in page
    assert option.format(theirs) not in page
    url = reverse("governance:population", args=[year.pk])
    other.post(url, {"rows": f"{mine},500000\n{theirs},277000", "import_source": "ONS"})
    assert set(year.figures.values_list("la_code", flat=True)) == {mine}
    other.post(url, {"la_code": theirs, "population": "1", "source": "ONS"})
    assert set(year.figures.values_list("la_code", flat=True)) == {mine}
    grant_page = other.get(reverse("governance:grant-new")).content.decode()
    assert option.format(mine) in grant_page
    assert option.format(theirs) not in grant_page
    assert option.format(theirs) in own.get(reverse("governance:grant-new")).content.decode()
    assert register[mine].name in grant_page


def test_another_group_s_people_are_not_offered_for_a_meeting_or_a_project(
    clients, world, other_programme, other_person
):
    own, other = clients
    ne_analyst = other_person(Role.LA_ANALYST, OTHER_MEMBERS[0])
    option = '<option value="{}"'
    meeting_page = own.get(reverse("governance:meeting", args=[world.meeting.pk])).content.decode()
    project_page = own.get(reverse("governance:project-new")).content.decode()
    for page in (meeting_page, project_page):
        assert option.format(world.users["analyst845"].pk) in page
        assert option.format(world.users["dfe"].pk) in page
        assert option.format(ne_analyst.pk) not in page
        assert option.format(other_programme.pk) not in page
    refused = own.post(
        reverse("governance:meeting-invite", args=[world.meeting.pk]),
        {"invite-user": ne_analyst.pk},
    )
    assert refused.status_code == 302  # back to the meeting, with the form's problem
    assert not world.meeting.invitations.filter(user=ne_analyst).exists()
    ne_page = other.get(reverse("governance:project-new")).content.decode()
    assert option.format(ne_analyst.pk) in ne_page


def test_the_addresses_without_a_group_and_the_complaints_are_the_default_group_s(
    clients, world, other_programme
):
    from django.test import Client

    own, other = clients
    nell = gm.Participant.objects.create(
        name="Nell North",
        organisation="North East programme",
        role="Programme manager",
        email="nell@example.org",
        user=other_programme,
        group_key=NORTH_EAST,
    )
    for office in (gm.Office.PROGRAMME_MANAGER, gm.Office.CHAIR):
        gm.SteeringSeat.objects.create(
            participant=nell, office=office, started_on=TODAY, recorded_by=other_programme
        )
    anyone = Client()
    for name in ("public", "public-steering-group", "directory"):
        page = anyone.get(reverse(f"governance:{name}")).content.decode()
        assert "Nell North" not in page, name
    assert (
        world.entry845.name
        in anyone.get(reverse("governance:public-steering-group")).content.decode()
    )
    # Holding the North East's offices opens its own register, and none of the South East's
    # complaints.
    register = other.get(reverse("governance:complaints"))
    assert register.status_code == 200
    assert world.complaint.reference not in register.content.decode()
    assert other.get(reverse("governance:complaint", args=[world.complaint.pk])).status_code == 404
    assert own.get(reverse("governance:complaint", args=[world.complaint.pk])).status_code == 200
