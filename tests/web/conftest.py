"""People, organisations and rounds for the web tests, on whichever database is configured."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tartan.catalogue import shipped_catalogue
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.returns.template import template_csv
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Position, Role
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound, Explanation, Finding
from tests.web.second_group import (  # noqa: F401
    other_dbg,
    other_group,
    other_person,
    other_programme,
)

GROUP = "south-east"
MEMBERS = list(shipped_groups()[GROUP].members)
OTHER_KINDS = {
    Role.DBG_MEMBER: ("Data Benchmarking Group", OrganisationKind.PROCESSOR),
    Role.PROGRAMME_STAFF: ("SESLIP", OrganisationKind.PROGRAMME),
    Role.DFE_VIEWER: ("Department for Education", OrganisationKind.DFE),
    Role.PARTNER_VIEWER: ("Ofsted", OrganisationKind.PARTNER),
    Role.ADMINISTRATOR: ("SESLIP", OrganisationKind.PROGRAMME),
}


SEEDED_FROM = date(2015, 4, 1)


@pytest.fixture
def organisations(db) -> None:
    from tartan.web.groups.registry import seed

    seed(shipped_groups(), SEEDED_FROM)
    register = shipped_register()
    for code in [*MEMBERS, "301"]:  # the group, and one LA from outside it (Barking and Dagenham)
        Organisation.objects.get_or_create(
            la_code=code,
            defaults={
                "name": register[code].name,
                "kind": OrganisationKind.LOCAL_AUTHORITY,
                "group_key": GROUP if code in MEMBERS else "",
            },
        )


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(organisations) -> MakeUser:
    made = {"n": 0}

    def make(
        role: Role,
        la_code: str | None = None,
        position: Position = Position.OTHER,
        username: str | None = None,
    ) -> User:
        made["n"] += 1
        if la_code:
            org = Organisation.objects.get(la_code=la_code)
        else:
            name, kind = OTHER_KINDS[role]
            serves = (
                GROUP if kind in (OrganisationKind.PROCESSOR, OrganisationKind.PROGRAMME) else ""
            )
            org, _ = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind, "group_key": serves}
            )
        name = username or f"{role.value}-{la_code or 'x'}-{made['n']}"
        return User.objects.create_user(
            username=name,
            email=f"{name}@example.org",
            password="a-long-test-password",
            organisation=org,
            roles=[role.value],
            position=position.value,
            first_name=role.label,
        )

    return make


def signed_in(user: User, verified: bool = True) -> Client:
    """A client signed in as ``user``, through the second factor where the role needs one."""
    client = Client()
    client.force_login(user)
    if verified and user.needs_two_factor:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def return_bytes(la_code: str, period: str, figures: dict[str, float] | None = None) -> bytes:
    la = shipped_register()[la_code]
    if figures is None:
        figures = synthetic_returns([la_code], Period.parse(period), 1)[0].figures
    return template_csv(la, Period.parse(period), shipped_catalogue(), figures)


def submit_all(round_: CollectionRound, user: User, skip: tuple[str, ...] = ()) -> None:
    for code in MEMBERS:
        if code not in skip:
            services.submit(round_, code, user, f"{code}.csv", return_bytes(code, round_.period))


def explain_all(round_: CollectionRound, user: User) -> None:
    for finding in Finding.objects.filter(version__round=round_, severity="query"):
        Explanation.objects.create(finding=finding, text="explained", by=user)


@pytest.fixture
def dbg(make_user) -> User:
    return make_user(Role.DBG_MEMBER)


@pytest.fixture
def open_round(dbg) -> CollectionRound:
    return services.open_round(dbg, GROUP, "2024-25 Q4", date.today() + timedelta(days=30))


@pytest.fixture
def released_round(dbg, make_user) -> CollectionRound:
    """2024-25 Q4 with every member's return, signed off and released."""
    round_ = services.open_round(dbg, GROUP, "2024-25 Q4", date.today() - timedelta(days=1))
    submit_all(round_, dbg)
    explain_all(round_, dbg)
    services.sign_off(round_, dbg)
    services.release(round_, dbg, {})
    return CollectionRound.objects.get(pk=round_.pk)


@pytest.fixture
def mail_server(settings):
    """A real SMTP server on a local port, the service's SMTP backend pointed at it."""
    from tests.web.mail_server import MailServer

    server = MailServer()
    server.start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _audit_triggers_and_flush(request):
    """Tests on a live server flush the database after each test, deleting every row, which
    the audit triggers rightly refuse: lift them for the flush and put them back after."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if not transactional and not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    from django.db import connection

    from tartan.web.audit import triggers

    request.getfixturevalue("transactional_db")
    triggers.install(connection)
    yield
    triggers.remove(connection)


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Each test starts with empty table and fragment caches: a rolled-back test's version ids
    are reused by the next test, so a table cached under them would be another test's."""
    from django.core.cache import cache

    from tartan.web.reports import data, fragments

    data._built.clear()
    fragments._kept.clear()
    cache.clear()
