"""Every concerns page against every kind of person, on their own worry and on other people's.

A worry's pages answer 404 to anyone outside its conversation, whatever their role (superusers
included): a denied worry is not confirmed to exist. A page for a move answers its actor with
409 when the move is not open now, and says why.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import URLPattern, reverse

from tartan.web.concerns import services
from tartan.web.concerns.models import SteeringGroupMembership, Worry
from tartan.web.concerns.urls import urlpatterns
from tests.web.concerns.conftest import KENT, NATURE, Cast, escalated_worry
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

EVERYONE = list(Cast.__dataclass_fields__)
NOT_IN_PROTOCOL = {"dbg", "dfe", "partner", "administrator", "superuser"}
IN_PROTOCOL = set(EVERYONE) - NOT_IN_PROTOCOL
PROGRAMME = {"programme", "lga"}

AREA_PAGES = {
    "list": dict.fromkeys(IN_PROTOCOL, 200),
    "notifications": dict.fromkeys(IN_PROTOCOL, 200),
    "new": dict.fromkeys(IN_PROTOCOL, 200),
    "details": dict.fromkeys(IN_PROTOCOL, 200),
    "steering-group": dict.fromkeys(PROGRAMME, 200),
    "steering-group-end": dict.fromkeys(PROGRAMME, 302),
}
AREA_DEFAULT = 403

# Worry A: raised by East Sussex's DCS with Kent's, escalated to Surrey's DCS.
ESCALATED = {
    "worry": {"dcs_es": 200, "dcs_kent": 200, "dcs_surrey": 200},
    "decide": {"dcs_es": 409},
    "respond": {"dcs_kent": 409},
    "assess": {"dcs_es": 409},
    "share": {"dcs_es": 409},
    "escalate": {"dcs_es": 409},
    "steps": {"dcs_surrey": 200},
    "withdraw": {"dcs_es": 409},
}
# Worry B: other people's, raised by East Sussex's lead member with Kent's, not yet answered.
WITH_PEER = {
    "worry": {"lm_es": 200, "lm_kent": 200},
    "decide": {"lm_es": 409},
    "respond": {"lm_kent": 200},
    "assess": {"lm_es": 409},
    "share": {"lm_es": 409},
    "escalate": {"lm_es": 409},
    "steps": {},
    "withdraw": {"lm_es": 200},
}
WORRY_DEFAULT = 404


@pytest.fixture
def worries(cast) -> tuple[Worry, Worry]:
    a = escalated_worry(cast)
    b = services.start(cast.lm_es, la_code=KENT, text=NATURE, statutory_case=False)
    return a, b


def statuses(cast, path: str, method: str = "get") -> dict[str, int]:
    found = {}
    for who in EVERYONE:
        client = signed_in(getattr(cast, who))
        found[who] = getattr(client, method)(path).status_code
    return found


def test_the_matrix_covers_every_concerns_page():
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == set(AREA_PAGES) | set(ESCALATED)
    assert set(ESCALATED) == set(WITH_PEER)


@pytest.mark.parametrize("name", sorted(AREA_PAGES))
def test_area_pages(cast, name):
    kwargs = {}
    if name == "steering-group-end":
        kwargs["membership_id"] = SteeringGroupMembership.objects.get().pk
    path = reverse(f"concerns:{name}", kwargs=kwargs or None)
    expected = {who: AREA_PAGES[name].get(who, AREA_DEFAULT) for who in EVERYONE}
    assert statuses(cast, path) == expected


@pytest.mark.parametrize("name", sorted(ESCALATED))
def test_pages_of_a_worry_and_of_other_peoples_worries(cast, worries, name):
    a, b = worries
    for worry, table in ((a, ESCALATED), (b, WITH_PEER)):
        path = reverse(f"concerns:{name}", kwargs={"ref": worry.ref})
        expected = {who: table[name].get(who, WORRY_DEFAULT) for who in EVERYONE}
        assert statuses(cast, path) == expected, worry.state


@pytest.mark.parametrize("name", sorted(ESCALATED))
def test_posting_to_a_worry_from_outside_it_is_a_404_and_changes_nothing(cast, worries, name):
    a, _ = worries
    path = reverse(f"concerns:{name}", kwargs={"ref": a.ref})
    outsiders = [who for who in EVERYONE if who not in ESCALATED["worry"]]
    for who in outsiders:
        response = signed_in(getattr(cast, who)).post(
            path, {"member": str(getattr(cast, who).pk), "decision": "decline", "kind": "note"}
        )
        assert response.status_code == 404, who
    assert Worry.objects.get(pk=a.pk).state == a.state


@pytest.mark.parametrize("name", sorted(ESCALATED))
def test_a_worry_that_does_not_exist_is_a_404_for_everyone(cast, name):
    path = reverse(f"concerns:{name}", kwargs={"ref": uuid.uuid4()})
    assert set(statuses(cast, path).values()) == {404}


@pytest.mark.parametrize("name", sorted(AREA_PAGES) + sorted(ESCALATED))
def test_nobody_signed_out_reaches_any_page(client, worries, name):
    kwargs = {}
    if name in ESCALATED:
        kwargs["ref"] = worries[0].ref
    if name == "steering-group-end":
        kwargs["membership_id"] = SteeringGroupMembership.objects.get().pk
    response = client.get(reverse(f"concerns:{name}", kwargs=kwargs or None))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_key_staff_must_pass_the_second_factor_first(cast, worries):
    client = signed_in(cast.dcs_kent, verified=False)
    response = client.get(reverse("concerns:worry", kwargs={"ref": worries[0].ref}))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor")


@pytest.mark.parametrize("name", sorted(ESCALATED))
def test_every_request_on_a_worry_is_audited_allowed_or_not(cast, worries, name):
    from tartan.web.audit.models import AuditEvent

    a, _ = worries
    path = reverse(f"concerns:{name}", kwargs={"ref": a.ref})
    for who in EVERYONE:
        user = getattr(cast, who)
        before = AuditEvent.objects.filter(user=user, object_id=str(a.ref)).count()
        signed_in(user).get(path)
        after = AuditEvent.objects.filter(user=user, object_id=str(a.ref)).count()
        assert after == before + 1, (name, who)


@pytest.mark.parametrize("name", ["list", "notifications", "new", "details", "steering-group"])
def test_every_area_page_shown_is_audited(cast, name):
    from tartan.web.audit.models import AuditEvent

    for who in IN_PROTOCOL | PROGRAMME:
        user = getattr(cast, who)
        response = signed_in(user).get(reverse(f"concerns:{name}"))
        if response.status_code == 200:
            assert AuditEvent.objects.filter(user=user, action="concern").exists(), (name, who)
