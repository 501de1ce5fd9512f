"""Data for benchmarks/web_load_national.py: a national instance, written straight to the tables.

153 LAs in the nine regional groups, 40 quarters each (the newest open, the rest released), and
1,500 accounts. Returns are the demo's synthetic ones; they are stored as the service stores an
accepted upload (the file, its figures, the release) but written in bulk, since what is measured
is the service under load, not 6,000 uploads. Run inside a process where Django is set up.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tartan.catalogue import shipped_catalogue
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.register import shipped_register
from tartan.returns.template import template_csv
from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.collection.models import (
    CollectionRound,
    Figure,
    Release,
    ReleasedReturn,
    ReturnVersion,
    RoundStatus,
    SignOff,
    VersionStatus,
)
from tartan.web.demo_load import DEMO_PASSWORD
from tartan.web.groups.models import BenchmarkingGroup, Membership

LAST = Period.parse("2025-26 Q4")
QUARTERS = 40
BENCH_BACKUP_CODE = "20262026"
ACCOUNTS = 1500
PER_LA = {Role.LA_ANALYST: 4, Role.LA_KEY_STAFF: 4}


def _people(specs: list[tuple[str, Role, Organisation]]) -> list[User]:
    password = make_password(DEMO_PASSWORD)  # one hash for all: 1,500 hashes take minutes
    users = User.objects.bulk_create(
        [
            User(username=name, password=password, organisation=org, roles=[role.value])
            for name, role, org in specs
        ]
    )
    needing = [u for u in users if u.needs_two_factor]
    TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=u, name="Authenticator app", confirmed=True) for u in needing]
    )
    devices = StaticDevice.objects.bulk_create(
        [StaticDevice(user=u, name="Backup codes", confirmed=True) for u in needing]
    )
    StaticToken.objects.bulk_create(
        [StaticToken(device=d, token=BENCH_BACKUP_CODE) for d in devices for _ in range(3)]
    )
    return users


def populate(folder: Path) -> None:
    call_command("migrate", verbosity=0)
    register, catalogue = shipped_register(), shipped_catalogue()
    current = list(register.current())
    regions: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for la in current:
        regions.setdefault(la.region_code, []).append(la.code)
        names[la.region_code] = la.region_name
    specs: list[tuple[str, Role, Organisation]] = []
    groups = {}
    for region, codes in sorted(regions.items()):
        key = f"region-{region.lower()}"
        groups[key] = codes
        group = BenchmarkingGroup.objects.create(key=key, name=f"{names[region]} DBG")
        Membership.objects.bulk_create(
            [Membership(group=group, la_code=c, starts_on=date(2010, 4, 1)) for c in codes]
        )
        processor = Organisation.objects.create(
            name=f"{names[region]} DBG", kind=OrganisationKind.PROCESSOR, group_key=key
        )
        programme = Organisation.objects.create(
            name=f"{names[region]} programme", kind=OrganisationKind.PROGRAMME, group_key=key
        )
        specs += [(f"dbg.{key}.{n}", Role.DBG_MEMBER, processor) for n in range(4)]
        specs += [(f"programme.{key}.{n}", Role.PROGRAMME_STAFF, programme) for n in range(2)]
        for code in codes:
            org = Organisation.objects.create(
                la_code=code,
                name=register[code].name,
                kind=OrganisationKind.LOCAL_AUTHORITY,
                group_key=key,
            )
            for role, count in PER_LA.items():
                specs += [(f"{role.value}.{code}.{n}", role, org) for n in range(count)]
    dfe = Organisation.objects.create(name="Department for Education", kind=OrganisationKind.DFE)
    specs += [(f"dfe.{n}", Role.DFE_VIEWER, dfe) for n in range(20)]
    ofsted = Organisation.objects.create(name="Ofsted", kind=OrganisationKind.PARTNER)
    specs += [(f"partner.{n}", Role.PARTNER_VIEWER, ofsted) for n in range(ACCOUNTS - len(specs))]
    users = {u.username: u for u in _people(specs)}

    made = synthetic_returns([la.code for la in current], LAST, QUARTERS)
    by_key = {(r.la_code, r.period.label): r for r in made}
    urls: dict[str, object] = {"groups": {}, "national": "/reports/national/"}
    for key, codes in groups.items():
        dbg = users[f"dbg.{key}.0"]
        periods = sorted({r.period for r in made if r.la_code in codes})
        rounds = CollectionRound.objects.bulk_create(
            [
                CollectionRound(
                    group_key=key,
                    period=p.label,
                    deadline=p.end + timedelta(weeks=6),
                    opened_by=dbg,
                    synthetic=True,
                    status=RoundStatus.OPEN if p == LAST else RoundStatus.RELEASED,
                )
                for p in periods
            ]
        )
        versions = []
        for round_ in rounds:
            for code in codes:
                found = by_key.get((code, round_.period))
                if found is None:
                    continue
                content = template_csv(register[code], found.period, catalogue, found.figures)
                versions.append(
                    ReturnVersion(
                        round=round_,
                        la_code=code,
                        number=1,
                        original_name=f"{code}.csv",
                        content=content,
                        sha256=hashlib.sha256(content).hexdigest(),
                        size=len(content),
                        uploaded_by=users[f"la_analyst.{code}.0"],
                        status=VersionStatus.ACCEPTED,
                    )
                )
        versions = ReturnVersion.objects.bulk_create(versions, batch_size=500)
        Figure.objects.bulk_create(
            [
                Figure(version=v, item=item, value=Decimal(str(value)))
                for v in versions
                for item, value in by_key[(v.la_code, v.round.period)].figures.items()
            ],
            batch_size=5000,
        )
        released = [r for r in rounds if r.period != LAST.label]
        SignOff.objects.bulk_create([SignOff(round=r, by=dbg) for r in released])
        releases = Release.objects.bulk_create(
            [Release(round=r, number=1, released_by=dbg) for r in released]
        )
        of_round = {rel.round_id: rel for rel in releases}
        ReleasedReturn.objects.bulk_create(
            [
                ReleasedReturn(release=of_round[v.round_id], la_code=v.la_code, version=v)
                for v in versions
                if v.round_id in of_round
            ],
            batch_size=2000,
        )
        newest = next(r for r in rounds if r.period == LAST.label)
        shown = sorted(released, key=lambda r: r.period)[-4:]
        urls["groups"][key] = {  # type: ignore[index]
            "codes": codes,
            "rugs": [f"/reports/rounds/{r.pk}/rugs/{c}/" for r in shown for c in codes],
            "overviews": [f"/reports/rounds/{r.pk}/overview/" for r in shown],
            "dashboard": f"/rounds/{newest.pk}/",
            "submit": f"/rounds/{newest.pk}/submit/",
        }
        for code in codes[:3]:
            found = by_key[(code, LAST.label)]
            (folder / f"upload_{code}.csv").write_bytes(
                template_csv(register[code], LAST, catalogue, found.figures)
            )
    (folder / "urls.json").write_text(json.dumps(urls))
    print(
        f"national instance: {len(groups)} groups, {len(current)} LAs, {QUARTERS} quarters, "
        f"{ReturnVersion.objects.count():,} returns, {Figure.objects.count():,} figures, "
        f"{User.objects.count():,} accounts"
    )
