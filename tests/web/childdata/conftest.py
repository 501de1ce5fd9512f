"""The people of child-level data requests, requests at each step, and real extracts: synthetic
CIN census and SSDA903 files made by ``tartan childlevel generate`` and pseudonymised by
``tartan childlevel pseudonymise``, as an LA would, then zipped."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tartan.childlevel.pseudonyms import PseudonymKey
from tartan.cli import app
from tartan.web.accounts.models import User
from tartan.web.accounts.roles import Role
from tartan.web.childdata import services
from tartan.web.childdata.models import ChildDataRequest

runner = CliRunner(env={"COLUMNS": "200"})

KEY_TEXT = "a-key-the-la-keeps-for-this-recipient-only-0123456789"
KEY = PseudonymKey(KEY_TEXT.encode())
OTHER_KEY_TEXT = "another-key-the-la-keeps-for-someone-else-9876543210"
FIELDS = [
    "ssda903_header.SEX",
    "ssda903_header.DOB",
    "ssda903_episodes.DECOM",
    "ssda903_episodes.PLACE",
    "ssda903_episodes.HOME_POST",
]
PURPOSE = "placement_stability"
QUESTION = "How often do children placed far from home move placement in their first year?"

PEOPLE = {
    "dbg": (Role.DBG_MEMBER, None),  # asks, on behalf of the group
    "recipient": (Role.DBG_MEMBER, None),  # receives the data
    "analyst_845": (Role.LA_ANALYST, "845"),  # East Sussex holds the data
    "keystaff_845": (Role.LA_KEY_STAFF, "845"),  # and decides
    "analyst_846": (Role.LA_ANALYST, "846"),
    "keystaff_846": (Role.LA_KEY_STAFF, "846"),
    "analyst_301": (Role.LA_ANALYST, "301"),  # outside the group
    "programme": (Role.PROGRAMME_STAFF, None),
    "dfe": (Role.DFE_VIEWER, None),
    "partner": (Role.PARTNER_VIEWER, None),
    "admin": (Role.ADMINISTRATOR, None),
}


@pytest.fixture
def people(make_user) -> dict[str, User]:
    return {name: make_user(role, la, username=name) for name, (role, la) in PEOPLE.items()}


@dataclass
class Steps:
    """Moves a request along through the services, as of a given day."""

    people: dict[str, User]
    today: date
    made: list[ChildDataRequest] = field(default_factory=list)

    def draft(
        self,
        *,
        purpose: str = PURPOSE,
        fields: list[str] | None = None,
        la_code: str = "845",
        requester: str = "dbg",
        recipient: str = "recipient",
        keep_days: int = 180,
    ) -> ChildDataRequest:
        details = services.Details(
            la_code=la_code,
            purpose=purpose,
            question=QUESTION,
            recipient=self.people[recipient],
            retention_until=self.today + timedelta(days=keep_days),
        )
        request = services.create(self.people[requester], details, self.today)
        request = services.choose_fields(
            request, self.people[requester], FIELDS if fields is None else fields
        )
        self.made.append(request)
        return request

    def submitted(self, **kwargs: object) -> ChildDataRequest:
        request = self.draft(**kwargs)  # type: ignore[arg-type]
        return services.submit(request, request.requester, self.today)

    def with_dpia(self, **kwargs: object) -> ChildDataRequest:
        request = self.submitted(**kwargs)
        services.attach_dpia(
            request,
            self.people["analyst_845"],
            document_name="dpia-placement-stability.pdf",
            content=b"%PDF-1.4 the assessment",
            approver_name="Priya Shah",
            approver_role="Data Protection Officer",
            approved_on=self.today,
            today=self.today,
        )
        return ChildDataRequest.objects.get(pk=request.pk)

    def approved(self, **kwargs: object) -> ChildDataRequest:
        request = self.with_dpia(**kwargs)
        return services.approve(request, self.people["keystaff_845"], "Approved.", self.today)


@pytest.fixture
def steps(people) -> Steps:
    """Steps as of today: what the pages see."""
    from django.utils import timezone

    return Steps(people, timezone.localdate())


@pytest.fixture(scope="session")
def source_files(tmp_path_factory) -> Path:
    """East Sussex's synthetic case records, as its case management system would export them."""
    folder = tmp_path_factory.mktemp("east-sussex-records")
    result = runner.invoke(
        app,
        [
            "childlevel",
            "generate",
            "--la",
            "845",
            "--period",
            "2024-25 Q1",
            "--out",
            str(folder),
            "--seed",
            "7",
        ],
    )
    assert result.exit_code == 0, result.output
    return folder


def pseudonymise(
    source: Path,
    out: Path,
    request: ChildDataRequest,
    *,
    key_text: str = KEY_TEXT,
    fields: list[str] | None = None,
    purpose: str | None = None,
    recipient: str | None = None,
    register: Path | None = None,
) -> Path:
    """``tartan childlevel pseudonymise`` for the request, as the LA runs it."""
    key_file = out.parent / f"{out.name}.key"
    key_file.write_text(key_text)
    chosen = request.fields if fields is None else fields
    args = [
        "childlevel",
        "pseudonymise",
        "--purpose",
        purpose or request.purpose,
        "--recipient",
        recipient or request.extract_recipient,
        "--out",
        str(out),
        "--key-file",
        str(key_file),
    ]
    if chosen:
        args += ["--fields", ",".join(chosen)]
    tables = {f.split(".")[0] for f in (chosen or [])} or {"ssda903_episodes"}
    if any(t.startswith("cin_") for t in tables):
        args += ["--cin", str(source / "cin_census.xml")]
    if any(t.startswith("ssda903_") for t in tables):
        args += ["--ssda903", str(source / "ssda903")]
    if register is not None:
        args += ["--register", str(register)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return out


def zipped(folder: Path, top: str | None = "extract") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{top}/{path.name}" if top else path.name)
    return buffer.getvalue()


def unzipped(data: bytes) -> dict[str, pl.DataFrame]:
    """The tables of a zipped extract, by name."""
    tables = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                stem = Path(name).stem
                tables[stem] = pl.read_csv(archive.read(name), infer_schema=False)
    return tables


def child_ids(source: Path) -> list[str]:
    """Children in the source's SSDA903 header, the LA's own identifiers."""
    header = pl.read_csv(source / "ssda903" / "header.csv", infer_schema=False)
    return header["CHILD"].to_list()
