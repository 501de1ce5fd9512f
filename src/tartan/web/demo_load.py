"""Load the demo into the service's database: organisations, one account per role, the rounds.

Every quarter but the last is submitted, checked, signed off and released; the last is open, with
one authority still to submit, so that the cycle can be walked in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Position, Role
from tartan.web.accounts.two_factor import new_backup_codes, secret_text
from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound, Explanation, Finding

DEMO_PASSWORD = "tartan-demo-2026"
LATE_LA = "871"
# Memberships seeded from the groups file start here: before the first quarter of any demo.
SEEDED_FROM = date(2015, 4, 1)  # Slough has not submitted the open quarter yet


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    organisation: str
    la_code: str | None = None
    position: Position = Position.OTHER
    group_key: str | None = None  # the group a DBG or programme serves; None: the default


ACCOUNTS = (
    DemoAccount("analyst", Role.LA_ANALYST, "East Sussex", "845", Position.ANALYST),
    DemoAccount("keystaff", Role.LA_KEY_STAFF, "East Sussex", "845", Position.DCS),
    DemoAccount(
        "dbg", Role.DBG_MEMBER, "Data Benchmarking Group (East Sussex County Council, processor)"
    ),
    DemoAccount(
        "programme",
        Role.PROGRAMME_STAFF,
        "South East Sector Led Improvement Programme",
        None,
        Position.PROGRAMME_STAFF,
    ),
    DemoAccount(
        "dfe", Role.DFE_VIEWER, "Department for Education", None, Position.DFE_REGIONAL_LEAD
    ),
    DemoAccount("ofsted", Role.PARTNER_VIEWER, "Ofsted"),
    DemoAccount("admin", Role.ADMINISTRATOR, "South East Sector Led Improvement Programme"),
    # The DBGs of the demo's two other groups: each sees its own rounds only.
    DemoAccount(
        "dbg.north-east",
        Role.DBG_MEMBER,
        "North East Data Benchmarking Group (Sunderland City Council, processor)",
        group_key="north-east",
    ),
    DemoAccount(
        "dbg.east-midlands",
        Role.DBG_MEMBER,
        "East Midlands Data Benchmarking Group (Leicestershire County Council, processor)",
        group_key="east-midlands",
    ),
)
KINDS = {
    Role.DBG_MEMBER: OrganisationKind.PROCESSOR,
    Role.PROGRAMME_STAFF: OrganisationKind.PROGRAMME,
    Role.DFE_VIEWER: OrganisationKind.DFE,
    Role.PARTNER_VIEWER: OrganisationKind.PARTNER,
    Role.ADMINISTRATOR: OrganisationKind.PROGRAMME,
}


def organisations(group_key: str) -> None:
    from tartan.web.groups.registry import seed

    # The groups file seeds the service's groups; from then on membership lives in the service.
    seed(shipped_groups(), SEEDED_FROM)
    register = shipped_register()
    for code in shipped_groups()[group_key].members:
        Organisation.objects.get_or_create(
            la_code=code,
            defaults={
                "name": register[code].name,
                "kind": OrganisationKind.LOCAL_AUTHORITY,
                "group_key": group_key,
            },
        )


@dataclass(frozen=True)
class SecondFactor:
    """What a demo account signs in with after its password: the authenticator key to type
    into an app, and backup codes that each work once (fresh at every load)."""

    key: str = ""
    backup_codes: tuple[str, ...] = ()


def account(spec: DemoAccount) -> tuple[User, SecondFactor]:
    if spec.la_code:
        org = Organisation.objects.get(la_code=spec.la_code)
    else:
        kind = KINDS[spec.role]
        serves = (
            spec.group_key or shipped_groups().default_key
            if kind in (OrganisationKind.PROCESSOR, OrganisationKind.PROGRAMME)
            else ""
        )
        org, _ = Organisation.objects.get_or_create(
            name=spec.organisation, defaults={"kind": kind, "group_key": serves}
        )
    user, _ = User.objects.get_or_create(username=spec.username)
    user.organisation = org
    user.roles = [spec.role.value]
    user.position = spec.position.value
    user.first_name = spec.username.title()
    # Reserved for examples (RFC 2606): the demo's messages wait in its outbox and go nowhere.
    user.email = f"{spec.username}@example.org"
    user.is_superuser = user.is_staff = spec.role == Role.ADMINISTRATOR
    user.set_password(DEMO_PASSWORD)
    user.save()
    if not user.needs_two_factor:
        return user, SecondFactor()
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )
    return user, SecondFactor(secret_text(device), tuple(new_backup_codes(user)))


def _explain_all(round_: CollectionRound, user: User) -> None:
    pending = Finding.objects.filter(
        version__round=round_, severity="query", explanations__isnull=True
    )
    Explanation.objects.bulk_create(
        Explanation(
            finding=f,
            text="Synthetic demonstration data: the variation was made by the demo.",
            by=user,
        )
        for f in pending
    )


@transaction.atomic
def load_rounds(
    returns_folder: Path,
    group_key: str,
    analysts: dict[str, User],
    dbg: User,
    release_newest: bool = False,
) -> list[CollectionRound]:
    """One round per quarter folder, oldest first; all but the newest released (the newest
    too, with every return, if ``release_newest``)."""
    quarters = sorted(
        (Period.parse(folder.name.replace("_", " ")), folder)
        for folder in returns_folder.iterdir()
        if folder.is_dir()
    )
    made = []
    for index, (period, folder) in enumerate(quarters):
        round_, _ = CollectionRound.objects.get_or_create(
            group_key=group_key,
            period=period.label,
            defaults={
                "deadline": period.end + timedelta(weeks=6),
                "opened_by": dbg,
                "synthetic": True,
            },
        )
        last = index == len(quarters) - 1 and not release_newest
        if not round_.versions.exists():
            for path in sorted(folder.iterdir()):
                code = path.name[:3]
                if last and code == LATE_LA:
                    continue
                services.submit(round_, code, analysts[code], path.name, path.read_bytes())
        if not last and not round_.is_released:
            _explain_all(round_, next(iter(analysts.values())))
            services.sign_off(round_, dbg, "Checked by the demo.")
            services.release(round_, dbg, {})
        made.append(round_)
    return made


def _analysts(group_key: str) -> dict[str, User]:
    analysts = {}
    for code in shipped_groups()[group_key].members:
        user, _ = User.objects.get_or_create(
            username=f"analyst.{code}",
            defaults={
                "organisation": Organisation.objects.get(la_code=code),
                "roles": [Role.LA_ANALYST.value],
                "position": Position.ANALYST.value,
            },
        )
        analysts[code] = user
    return analysts


def load_governance(
    made: list[tuple[DemoAccount, User, str]], rounds: list[CollectionRound]
) -> None:
    """Governance demo records (tartan.web.governance.demo), with the latest released quarter."""
    from tartan.web.governance.demo import load

    users = {spec.username: user for spec, user, _ in made}
    released = [r for r in rounds if r.is_released]
    load(users["programme"], users["keystaff"], released[-1] if released else None)
    from tartan.web.governance import demo_meetings

    demo_meetings.load(users, released[-1] if released else None)


def load_protocol(made: list[tuple[DemoAccount, User, str]]) -> None:
    """The protocol in force, acknowledged by every demo account but one (protocol/demo.py)."""
    from tartan.web.protocol.demo import load

    users = [user for _, user, _ in made]
    load(next(user for spec, user, _ in made if spec.username == "dbg"), users)


def load_demo_database(
    returns_folder: Path,
) -> tuple[list[tuple[DemoAccount, SecondFactor]], int]:
    """Migrate, then load organisations, accounts and rounds. Returns the accounts and keys."""
    call_command("migrate", verbosity=0)
    group_key = shipped_groups().default_key
    organisations(group_key)
    for key in shipped_groups().groups:
        if key != group_key:
            organisations(key)
    made = [(spec, *account(spec)) for spec in ACCOUNTS]
    dbg = next(user for spec, user, _ in made if spec.username == "dbg")
    analysts = _analysts(group_key)
    analysts["845"] = next(user for spec, user, _ in made if spec.username == "analyst")
    rounds = load_rounds(returns_folder, group_key, analysts, dbg)
    # The other groups release every quarter they hold: the national quarter the South East's
    # rugs rank against, and what the DfE's national view lists.
    for spec, user, _ in made:
        folder = returns_folder.parent / "groups" / str(spec.group_key) / "returns"
        if spec.role == Role.DBG_MEMBER and spec.group_key and folder.is_dir():
            load_rounds(
                folder, spec.group_key, _analysts(spec.group_key), user, release_newest=True
            )
    load_governance(made, rounds)
    load_protocol(made)
    load_agreed_purposes(next(user for spec, user, _ in made if spec.role == Role.DFE_VIEWER))
    return [(spec, factor) for spec, _, factor in made], len(rounds)


# The DfE's purposes, in the words of the 2019 data-sharing memorandum.
DFE_PURPOSES = (
    (
        "Support a dialogue with LAs, alongside interpretative information, about offering improvement support",
        "2019 MOU, paragraph 10",
    ),
    (
        "Discuss regional performance with the regional improvement alliance",
        "2019 MOU, paragraph 10",
    ),
    (
        "Match LAs to support, and the proportionality of support across regions",
        "2019 MOU, paragraph 10",
    ),
    (
        "A national picture of targeted support, to facilitate continuous improvement",
        "2019 MOU, paragraph 6",
    ),
)


def load_agreed_purposes(dfe: User) -> None:
    from tartan.web.sharing.models import AgreedPurpose

    for text, source in DFE_PURPOSES:
        AgreedPurpose.objects.get_or_create(
            organisation=dfe.organisation, text=text, defaults={"source": source}
        )
