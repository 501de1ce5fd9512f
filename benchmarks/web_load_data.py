"""Data for benchmarks/web_load.py: the demo database plus the people the clients sign in as.

Run inside a process where Django is set up (web_load.py does that).
"""

from __future__ import annotations

import json
from pathlib import Path

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tartan.catalogue import shipped_catalogue
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.returns.template import template_csv
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import Role
from tartan.web.collection.models import CollectionRound
from tartan.web.demo_load import DEMO_PASSWORD, load_demo_database

LAST = Period.parse("2025-26 Q4")
# The benchmark's own accounts sign in again and again: each has one code, many times over
# (the demo's accounts have distinct codes that each work once).
BENCH_BACKUP_CODE = "20262026"


def _person(username: str, role: Role, organisation: Organisation) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.organisation = organisation
    user.roles = [role.value]
    user.set_password(DEMO_PASSWORD)
    user.save()
    if user.needs_two_factor:
        TOTPDevice.objects.get_or_create(
            user=user, name="Authenticator app", defaults={"confirmed": True}
        )
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name="Backup codes", defaults={"confirmed": True}
        )
        StaticToken.objects.bulk_create(
            [StaticToken(device=device, token=BENCH_BACKUP_CODE) for _ in range(50)]
        )
    return user


def populate(folder: Path) -> None:
    group = shipped_groups().default
    members = list(group.members)
    made = synthetic_returns(members, LAST, 12)
    write_returns(made, folder / "returns", shipped_register(), shipped_catalogue())
    load_demo_database(folder / "returns")
    for code in members:
        org = Organisation.objects.get(la_code=code)
        _person(f"keystaff.{code}", Role.LA_KEY_STAFF, org)
        _person(f"analyst.{code}", Role.LA_ANALYST, org)
    processor = User.objects.get(username="dbg").organisation
    assert processor is not None
    for n in range(4):
        _person(f"dbg.{n}", Role.DBG_MEMBER, processor)
    # The people measured have acknowledged their group's protocol, as regular users have; what
    # is measured is their pages, not the acknowledgement asked once at first sign-in.
    from tartan.web.protocol.models import Acknowledgement, ProtocolVersion

    for version in ProtocolVersion.objects.all():
        Acknowledgement.objects.bulk_create(
            [Acknowledgement(version=version, person=person) for person in User.objects.all()],
            ignore_conflicts=True,
        )
    open_round = CollectionRound.objects.get(period=LAST.label)
    released = list(CollectionRound.objects.exclude(pk=open_round.pk).order_by("-period")[:4])
    rugs = [f"/reports/rounds/{r.pk}/rugs/{code}/" for r in released for code in members]
    rugs += [f"/reports/rounds/{r.pk}/overview/" for r in released]
    analysts = members[:4]
    for code in analysts:
        (folder / f"upload_{code}.csv").write_bytes(
            template_csv(
                shipped_register()[code],
                LAST,
                shipped_catalogue(),
                next(r.figures for r in made if r.la_code == code and r.period == LAST),
            )
        )
    urls = {
        "rugs": rugs,
        "dashboard": f"/rounds/{open_round.pk}/",
        "submit": f"/rounds/{open_round.pk}/submit/",
        "keystaff": members,
        "analysts": analysts,
    }
    (folder / "urls.json").write_text(json.dumps(urls))
