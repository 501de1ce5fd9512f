"""A return computed in the service from an LA's case records (SSD extracts or CSC API
payloads): the pages, what is kept (the figures) and what is not (the files), bad uploads, and
every role against both pages."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest

from tartan.childlevel.synthetic import GeneratorError, generate
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.collection.models import ReturnVersion, VersionStatus
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

LA = "845"


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    """East Sussex's synthetic 2024-25 Q4 caseload as SSD extracts and API payloads."""
    period = Period.parse("2024-25 Q4")
    folder = tmp_path_factory.mktemp("case-records")
    for seed in range(1, 30):
        figures = synthetic_returns([LA], period, quarters=1, seed=seed)[-1].figures
        try:
            return generate(figures, LA, period, folder, seed=seed, formats=("ssd", "csc-api"))
        except GeneratorError:
            continue
    raise AssertionError("no synthetic return could be generated")


def zipped(folder: Path, leave_out: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            if path.name != leave_out:
                archive.write(path, f"extract/{path.name}")
    return buffer.getvalue()


def _upload(client, round_, route: str, name: str, data: bytes):
    return client.post(
        f"/rounds/{round_.pk}/case-records/",
        {"route": route, "file": _file(name, data)},
    )


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _left_behind() -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob("tartan-case-records-*"))


def test_an_ssd_upload_becomes_a_version_with_the_records_figures(make_user, open_round, records):
    client = signed_in(make_user(Role.LA_ANALYST, LA))
    response = _upload(client, open_round, "ssd", "ssd.zip", zipped(records.ssd))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/rounds/{open_round.pk}/case-records/computed/")
    assert _left_behind() == []
    page = client.get(response["Location"]).content.decode()
    assert "Every record could be used" in page
    assert f"{records.figures['referrals']:,}" in page
    assert ReturnVersion.objects.count() == 0  # nothing is submitted until the analyst says so
    submitted = client.post(response["Location"])
    assert submitted.status_code == 302
    version = ReturnVersion.objects.get(round=open_round, la_code=LA)
    assert version.status == VersionStatus.ACCEPTED
    stored = {f.item: int(f.value) for f in version.figures.all() if f.value is not None}
    assert stored == records.figures
    summaries = list(
        AuditEvent.objects.filter(action="upload").order_by("pk").values_list("summary", flat=True)
    )
    assert "computed into a return and deleted" in summaries[0]
    assert "computed from Standard Safeguarding Dataset extracts" in summaries[1]
    # The computed return is used once: submitting again asks for the records again.
    again = client.post(response["Location"])
    assert again["Location"].endswith("/case-records/")
    assert ReturnVersion.objects.filter(round=open_round, la_code=LA).count() == 1


def test_api_payloads_give_the_return_with_a2_not_supplied(make_user, open_round, records):
    client = signed_in(make_user(Role.LA_ANALYST, LA))
    response = _upload(client, open_round, "csc-api", "payloads.zip", zipped(records.csc_api))
    page = client.get(response["Location"]).content.decode()
    assert "C509" in page
    assert "not supplied by these records" in page
    client.post(response["Location"])
    version = ReturnVersion.objects.get(round=open_round, la_code=LA)
    stored = {f.item: int(f.value) for f in version.figures.all() if f.value is not None}
    assert stored == {k: v for k, v in records.figures.items() if not k.startswith("a2_")}


def test_records_that_cannot_be_used_show_their_findings_and_cannot_be_submitted(
    make_user, open_round, records
):
    client = signed_in(make_user(Role.LA_ANALYST, LA))
    data = zipped(records.ssd, leave_out="ssd_cp_plans.csv")
    response = _upload(client, open_round, "ssd", "ssd.zip", data)
    page = client.get(response["Location"]).content.decode()
    assert "The records cannot be used" in page
    assert "C402" in page and "ssd_cp_plans" in page  # noqa: PT018
    assert "Submit as a new version" not in page
    client.post(response["Location"])
    assert ReturnVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "members", "problem"),
    [
        ("ssd.zip", {"notes.exe": b"MZ"}, "not one of the files this route reads"),
        ("ssd.zip", None, "not a readable zip file"),
        ("photo.png", None, "neither a zip nor one of the files"),
        (
            "ssd.zip",
            {"a/ssd_person.csv": b"x", "b/ssd_person.csv": b"y"},
            "two files of the same name",
        ),
    ],
)
def test_uploads_that_are_not_case_records_are_refused_with_the_reason(
    make_user, open_round, name, members, problem
):
    client = signed_in(make_user(Role.LA_ANALYST, LA))
    if members is None:
        data = b"not a zip at all"
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        data = buffer.getvalue()
    response = _upload(client, open_round, "ssd", name, data)
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert _left_behind() == []


def test_a_link_in_the_zip_is_refused(make_user, open_round):
    client = signed_in(make_user(Role.LA_ANALYST, LA))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("ssd_person.csv")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    response = _upload(client, open_round, "ssd", "ssd.zip", buffer.getvalue())
    assert "is a link" in response.content.decode()


ROLES = {
    "analyst_845": (Role.LA_ANALYST, "845"),
    "keystaff_845": (Role.LA_KEY_STAFF, "845"),
    "analyst_301": (Role.LA_ANALYST, "301"),  # outside the group
    "dbg": (Role.DBG_MEMBER, None),
    "programme": (Role.PROGRAMME_STAFF, None),
    "dfe": (Role.DFE_VIEWER, None),
    "partner": (Role.PARTNER_VIEWER, None),
    "admin": (Role.ADMINISTRATOR, None),
}


@pytest.mark.parametrize("page", ["case-records/", "case-records/computed/"])
def test_only_the_groups_la_analysts_may_compute_a_return(make_user, open_round, page):
    url = f"/rounds/{open_round.pk}/{page}"
    expected = dict.fromkeys(ROLES, 404)  # a round one may not submit to is not there
    expected["analyst_845"] = 200 if page == "case-records/" else 302  # nothing computed yet
    found = {}
    for name, (role, la) in ROLES.items():
        found[name] = signed_in(make_user(role, la)).get(url).status_code
    assert found == expected
    from django.test import Client

    assert Client().get(url).status_code == 302  # not signed in: to the sign-in page
    assert signed_in(make_user(Role.LA_ANALYST, "301")).post(url).status_code == 404
    assert ReturnVersion.objects.count() == 0
