"""The permission matrix: every governance route, every kind of person.

Allowed people get the page (or, for a form's POST-only endpoint, its redirect); everyone else
gets 403 for a page without an object and 404 for an object they may not see, so that another
LA's invoice, subscription or statement is indistinguishable from one that does not exist;
anonymous people are sent to sign in, except on the public contacts page.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

from tests.web.conftest import signed_in

PEOPLE = ("programme", "key845", "analyst845", "key846", "dbg", "dfe", "partner", "admin")
PROGRAMME = {"programme"}
GOVERNANCE_READERS = {"programme", "key845", "analyst845", "key846", "dfe"}
LA_845 = {"programme", "key845", "analyst845"}
LA_846 = {"programme", "key846"}
EVERYONE = {*PEOPLE, "anonymous"}
LA_PEOPLE = {"key845", "analyst845", "key846"}
# The programme user is the programme manager, key845 chairs the steering group (conftest).
COMPLAINT_HANDLERS = {"programme", "key845"}

# (route name, kwargs from the world, who may, status when allowed, has an object)
ROUTES = [
    ("index", {}, GOVERNANCE_READERS, 200, False),
    ("memoranda", {}, GOVERNANCE_READERS, 200, False),
    ("memorandum-new", {}, PROGRAMME, 200, False),
    ("memorandum", {"memorandum_id": "memo"}, GOVERNANCE_READERS, 200, True),
    ("memorandum", {"memorandum_id": "other_memo"}, LA_846, 200, True),
    ("memorandum-parties", {"memorandum_id": "memo"}, PROGRAMME, 200, True),
    ("signature-new", {"memorandum_id": "memo"}, PROGRAMME, 200, True),
    ("variation-new", {"memorandum_id": "ended_memo"}, PROGRAMME, 200, True),
    ("review-new", {"memorandum_id": "memo"}, PROGRAMME, 200, True),
    ("terminate", {"memorandum_id": "memo"}, PROGRAMME, 200, True),
    ("history", {"memorandum_id": "memo"}, PROGRAMME, 200, True),
    ("document", {"document_id": "memo.document"}, GOVERNANCE_READERS, 200, True),
    ("document", {"document_id": "evidence846"}, LA_846, 200, True),
    ("subscriptions", {}, LA_845 | LA_846, 200, False),
    ("year-new", {}, PROGRAMME, 200, False),
    ("year", {"year_id": "year"}, PROGRAMME, 200, True),
    ("population", {"year_id": "year"}, PROGRAMME, 302, True),
    ("year-subscriptions", {"year_id": "year"}, PROGRAMME, 302, True),
    ("year-invoices", {"year_id": "year"}, PROGRAMME, 302, True),
    ("subscription", {"subscription_id": "sub845"}, LA_845, 200, True),
    ("subscription", {"subscription_id": "sub846"}, LA_846, 200, True),
    ("subscription-details", {"subscription_id": "sub845"}, PROGRAMME, 302, True),
    ("invoice-issue", {"subscription_id": "sub845"}, PROGRAMME, 302, True),
    ("overdue", {}, PROGRAMME, 200, False),
    ("invoice", {"invoice_id": "invoice845"}, LA_845, 200, True),
    ("invoice", {"invoice_id": "invoice846"}, LA_846, 200, True),
    ("invoice-pdf", {"invoice_id": "invoice845"}, LA_845, 200, True),
    ("invoice-pdf", {"invoice_id": "invoice846"}, LA_846, 200, True),
    ("invoice-payment", {"invoice_id": "invoice845"}, PROGRAMME, 302, True),
    ("invoice-cancel", {"invoice_id": "invoice845"}, PROGRAMME, 302, True),
    ("grants", {}, PROGRAMME, 200, False),
    ("grant-new", {}, PROGRAMME, 200, False),
    ("grant", {"grant_id": "grant"}, PROGRAMME, 200, True),
    ("acceptance-new", {"grant_id": "grant"}, PROGRAMME, 200, True),
    ("transfer-new", {"grant_id": "grant"}, PROGRAMME, 200, True),
    ("settlements", {}, PROGRAMME, 200, False),
    ("settlement-new", {}, PROGRAMME, 200, False),
    ("settlement", {"settlement_id": "settlement"}, PROGRAMME, 200, True),
    ("settled", {"share_id": "share845"}, PROGRAMME, 302, True),
    ("statement", {"share_id": "share845"}, LA_845, 200, True),
    ("statement", {"share_id": "share846"}, LA_846, 200, True),
    ("projects", {}, {"programme", "analyst845"}, 200, False),
    ("project-new", {}, PROGRAMME, 200, False),
    ("progress-new", {"project_id": "project"}, {"programme", "analyst845"}, 200, True),
    ("meetings", {}, GOVERNANCE_READERS | {"dbg"}, 200, False),
    ("meeting-new", {}, PROGRAMME, 200, False),
    # The DfE and 845's key staff are invited to ``meeting``; nobody to ``other_meeting``.
    ("meeting", {"meeting_id": "meeting"}, {"programme", "dfe", "key845"}, 200, True),
    ("meeting", {"meeting_id": "other_meeting"}, PROGRAMME, 200, True),
    ("minutes-pdf", {"meeting_id": "meeting"}, {"programme", "dfe", "key845"}, 200, True),
    ("minutes-pdf", {"meeting_id": "other_meeting"}, PROGRAMME, 200, True),
    ("meeting-invite", {"meeting_id": "meeting"}, PROGRAMME, 302, True),
    ("meeting-attendance", {"meeting_id": "meeting"}, PROGRAMME, 302, True),
    ("meeting-minutes", {"meeting_id": "meeting"}, PROGRAMME, 302, True),
    ("decision-new", {"meeting_id": "meeting"}, PROGRAMME, 302, True),
    ("action-new", {"meeting_id": "meeting"}, PROGRAMME, 302, True),
    ("action-update", {"action_id": "action845"}, PROGRAMME, 302, True),
    ("highlight-assemble", {"meeting_id": "meeting"}, PROGRAMME, 302, True),
    ("highlight", {"highlight_id": "highlight"}, PROGRAMME, 200, True),
    ("highlight-pdf", {"highlight_id": "highlight"}, PROGRAMME, 200, True),
    ("pack", {"highlight_id": "highlight"}, PROGRAMME, 200, True),
    ("pack-pdf", {"highlight_id": "highlight"}, PROGRAMME, 200, True),
    ("directory", {}, set(PEOPLE) | {"anonymous"}, 200, False),
    ("my-entry", {}, {"key845", "programme"}, 200, True),  # both have an entry (conftest)
    ("directory-manage", {}, PROGRAMME, 200, False),
    ("participant-new", {}, PROGRAMME, 200, False),
    ("participant-edit", {"participant_id": "entry845"}, {"programme", "key845"}, 200, True),
    ("participant-edit", {"participant_id": "entry_other"}, PROGRAMME, 200, True),
    ("consent", {"participant_id": "entry845"}, {"programme", "key845"}, 302, True),
    # Grants both ways: another LA's PO or return is not found (404), never usable.
    ("la-grants", {}, LA_PEOPLE, 200, False),
    ("la-grant", {"grant_id": "grant"}, LA_PEOPLE, 200, True),
    ("accept-conditions", {"grant_id": "grant"}, {"key845", "key846"}, 200, True),
    ("purchase-order-new", {"grant_id": "grant"}, PROGRAMME, 200, True),
    ("return-ask", {"grant_id": "grant"}, PROGRAMME, 200, True),
    ("invoice-submit", {"transfer_id": "po846"}, {"key846"}, 200, True),
    ("transfer-paid", {"transfer_id": "po846"}, PROGRAMME, 200, True),
    ("return-file", {"return_id": "return846"}, {"key846"}, 200, True),
    # The public face: open to anyone; the complaints register to its two offices only.
    ("public", {}, EVERYONE, 200, False),
    ("public-plans", {}, EVERYONE, 200, False),
    ("public-steering-group", {}, EVERYONE, 200, False),
    ("public-figures", {}, EVERYONE, 200, False),
    ("complaint-new", {}, EVERYONE, 200, False),
    ("complaint-sent", {}, EVERYONE, 200, False),
    # Each group's own public face, the default group's addressed by its key.
    ("public-groups", {}, EVERYONE, 200, False),
    ("group-public", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("group-public-plans", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("group-public-steering-group", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("group-public-figures", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("group-directory", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("group-complaint-new", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("group-complaint-sent", {"group_key": "=south-east"}, EVERYONE, 200, False),
    ("complaints", {}, COMPLAINT_HANDLERS, 200, False),
    ("complaint", {"complaint_id": "complaint"}, COMPLAINT_HANDLERS, 200, True),
    ("complaint-outcome", {"complaint_id": "complaint"}, COMPLAINT_HANDLERS, 200, True),
    ("seats", {}, PROGRAMME, 200, False),
    ("seat-new", {}, PROGRAMME, 200, False),
    ("seat-end", {"seat_id": "seat"}, PROGRAMME, 302, True),
    ("project-public", {"project_id": "project"}, PROGRAMME, 200, True),
]


def _resolve(world, kwargs):
    """Each kwarg from the world's object at that path (its pk), or as written after "="."""
    made = {}
    for name, path in kwargs.items():
        if path.startswith("="):
            made[name] = path[1:]
            continue
        obj = world
        for part in path.split("."):
            obj = getattr(obj, part)
        made[name] = obj.pk
    return made


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs", "allowed", "ok", "has_object"),
    ROUTES,
    ids=[f"{r[0]}-{'-'.join(r[1].values()) or 'page'}" for r in ROUTES],
)
def test_matrix(world, name, kwargs, allowed, ok, has_object):
    url = reverse(f"governance:{name}", kwargs=_resolve(world, kwargs))
    outcomes = {}
    for who in PEOPLE:
        outcomes[who] = signed_in(world.users[who]).get(url).status_code
    from django.test import Client

    outcomes["anonymous"] = Client().get(url).status_code
    expected = {}
    for who in (*PEOPLE, "anonymous"):
        if who in allowed:
            expected[who] = ok
        elif who == "anonymous":
            expected[who] = 302
        else:
            expected[who] = 404 if has_object else 403
    assert outcomes == expected


def test_every_governance_route_is_in_the_matrix():
    resolver = get_resolver()
    names = {
        p.name
        for p in resolver.url_patterns
        if not isinstance(p, URLPattern) and getattr(p, "namespace", "") == "governance"
        for p in p.url_patterns
    }
    assert names == {r[0] for r in ROUTES}


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_sign_in(world):
    from django.test import Client

    response = Client().get(
        reverse("governance:invoice", kwargs={"invoice_id": world.invoice845.pk})
    )
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


@pytest.mark.django_db
def test_someone_without_a_second_factor_is_sent_to_it(world):
    client = signed_in(world.users["programme"], verified=False)
    response = client.get(reverse("governance:index"))
    assert response.status_code == 302
    assert "two-factor" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "shown"),
    [("programme", True), ("key845", True), ("dfe", True), ("dbg", False), ("partner", False)],
)
def test_the_home_page_links_to_governance_for_those_allowed(world, who, shown):
    html = signed_in(world.users[who]).get(reverse("home")).content.decode()
    assert (reverse("governance:index") in html) is shown
