"""Every action and its audit events commit together or not at all, and a form sent twice does
its work once (issue 11.6 and 11.8).

Fault injection: the audit write fails after the action's own rows are written; nothing of the
action may remain. Repeats: the same form (same one-time token) posted twice makes one record,
and the second answer goes where the first went.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from tartan.demo.synthetic import synthetic_returns
from tartan.national.dataset import dataset_csv
from tartan.periods import Period
from tartan.returns.model import QuarterlyReturn
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind, Role
from tartan.web.audit.models import AuditEvent
from tartan.web.collection import services
from tartan.web.collection.models import (
    CollectionRound,
    ContextNote,
    DbgQuery,
    Explanation,
    Figure,
    Finding,
    QueryMessage,
    Release,
    ReturnVersion,
    SignOff,
)
from tartan.web.governance.models import Signature
from tartan.web.sharing import services as sharing
from tartan.web.sharing.models import ExportDecision, NationalImport, ShareAnswer, ShareRequest
from tartan.web.submissions.once import ALREADY_DONE, FIELD
from tests.web.conftest import GROUP, explain_all, return_bytes, signed_in, submit_all
from tests.web.governance.conftest import make_memorandum

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "tartan" / "web" / "templates"
SOON = date.today() + timedelta(days=60)


@dataclass(frozen=True)
class Action:
    """One form of the service: who sends it, where, what, and the rows it makes."""

    who: str
    url: Callable[[dict], str]
    data: Callable[[dict], dict]
    makes: tuple[type[models.Model], ...]


@pytest.fixture
def world(make_user, released_round) -> dict:
    dbg = make_user(Role.DBG_MEMBER)
    people = {
        "analyst": make_user(Role.LA_ANALYST, "845"),
        "keystaff": make_user(Role.LA_KEY_STAFF, "845"),
        "keystaff_846": make_user(Role.LA_KEY_STAFF, "846"),
        "dbg": dbg,
        "programme": make_user(Role.PROGRAMME_STAFF),
    }
    open_ = services.open_round(dbg, GROUP, "2025-26 Q1", SOON)
    version = services.submit(open_, "845", dbg, "845.csv", return_bytes("845", open_.period))
    Finding.objects.create(
        version=version, code="Q601", severity="query", item="referrals", message="A change"
    )
    ready = services.open_round(dbg, GROUP, "2025-26 Q2", SOON)
    submit_all(ready, dbg)
    explain_all(ready, dbg)
    signed = services.open_round(dbg, GROUP, "2025-26 Q3", SOON)
    submit_all(signed, dbg)
    explain_all(signed, dbg)
    services.sign_off(signed, dbg)
    query = services.raise_query(open_, "845", dbg, "Referrals", "Why so many?")
    share = sharing.request_share(
        people["keystaff"], released_round, "identified", "rug", "845", "Police", "Review", SOON
    )
    Organisation.objects.create(name="Ofsted", kind=OrganisationKind.PARTNER)
    return {
        **people,
        "open": open_,
        "ready": ready,
        "signed": signed,
        "released": released_round,
        "query": query,
        "share": share,
        "memorandum": make_memorandum(people["programme"], ["845"]),
    }


def _national_csv() -> bytes:
    quarter = Period.parse("2024-25 Q4")
    made = synthetic_returns(["301", "302"], quarter, 1)
    return dataset_csv(
        [
            QuarterlyReturn(
                r.la_code, quarter, {k: Decimal(str(v)) for k, v in r.figures.items()}, {}
            )
            for r in made
        ],
        ["test dataset"],
    )


ACTIONS = {
    "upload": Action(
        "analyst",
        lambda w: f"/rounds/{w['open'].pk}/submit/",
        lambda w: {"file": SimpleUploadedFile("r.csv", return_bytes("845", w["open"].period))},
        (ReturnVersion, Finding, Figure),
    ),
    "explanation": Action(
        "analyst",
        lambda w: f"/rounds/{w['open'].pk}/la/845/explain/",
        lambda w: {
            "finding": Finding.objects.filter(version__round=w["open"], severity="query")
            .first()
            .pk,
            "text": "A new team started.",
        },
        (Explanation,),
    ),
    "context note": Action(
        "analyst",
        lambda w: f"/rounds/{w['open'].pk}/la/845/notes/",
        lambda w: {"indicator": "cla", "text": "Two sibling groups came into care."},
        (ContextNote,),
    ),
    "DBG query": Action(
        "dbg",
        lambda w: f"/rounds/{w['open'].pk}/la/845/queries/new/",
        lambda w: {"subject": "Assessments", "text": "Please check the count."},
        (DbgQuery, QueryMessage),
    ),
    "reply": Action(
        "analyst",
        lambda w: f"/rounds/queries/{w['query'].pk}/",
        lambda w: {"text": "Checked: the figure is right."},
        (QueryMessage,),
    ),
    "round": Action(
        "dbg",
        lambda w: "/rounds/new/",
        lambda w: {"period": "2026-27 Q1", "deadline": SOON.isoformat()},
        (CollectionRound,),
    ),
    "sign-off": Action(
        "dbg", lambda w: f"/rounds/{w['ready'].pk}/sign-off/", lambda w: {"note": ""}, (SignOff,)
    ),
    "release": Action(
        "dbg", lambda w: f"/rounds/{w['signed'].pk}/release/", lambda w: {}, (Release,)
    ),
    "share request": Action(
        "keystaff",
        lambda w: f"/sharing/rounds/{w['released'].pk}/request/",
        lambda w: {
            "kind": "identified",
            "report": "rug",
            "la_code": "845",
            "recipient": "Health partners",
            "purpose": "Joint plan",
            "until": SOON.isoformat(),
        },
        (ShareRequest,),
    ),
    "share answer": Action(
        "keystaff_846",
        lambda w: f"/sharing/requests/{w['share'].pk}/answer/",
        lambda w: {"answer": "agree", "reason": "Fine for this purpose"},
        (ShareAnswer,),
    ),
    "concealed export": Action(
        "keystaff",
        lambda w: f"/sharing/rounds/{w['released'].pk}/la/845/concealed/",
        lambda w: {
            "recipient": Organisation.objects.get(name="Ofsted").pk,
            "design": "distribution",
            "purpose": "Inspection",
            "file_format": "pdf",
        },
        (ExportDecision,),
    ),
    "national dataset": Action(
        "dbg",
        lambda w: "/sharing/national/",
        lambda w: {
            "file": SimpleUploadedFile("national.csv", _national_csv()),
            "source": "London DBG",
            "received": date.today().isoformat(),
        },
        (NationalImport,),
    ),
    "signature": Action(
        "programme",
        lambda w: f"/governance/memoranda/{w['memorandum'].pk}/signatures/new/",
        lambda w: {
            "party": w["memorandum"].parties.get().pk,
            "role": "dcs",
            "signatory_name": "Carolyn Fair",
            "signed_on": (date.today() - timedelta(days=2)).isoformat(),
            "evidence_note": "signed page scanned",
        },
        (Signature,),
    ),
}


def _counts(action: Action) -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in action.makes}


@pytest.mark.parametrize("name", ACTIONS)
def test_the_action_is_undone_when_its_audit_event_cannot_be_written(world, monkeypatch, name):
    action = ACTIONS[name]
    client = signed_in(world[action.who])
    url, data = action.url(world), action.data(world)
    before, events = _counts(action), AuditEvent.objects.count()

    def disk_full(*args, **kwargs):
        raise OSError("disk full while writing the audit event")

    monkeypatch.setattr(AuditEvent.objects, "create", disk_full)
    with pytest.raises(OSError, match="disk full"):
        client.post(url, data)
    monkeypatch.undo()
    assert _counts(action) == before
    assert AuditEvent.objects.count() == events
    # And without the fault, the same action does write its rows and its events.
    made = signed_in(world[action.who]).post(url, action.data(world))
    assert made.status_code == 302, made.content.decode()[:3000]
    first = action.makes[0].__name__
    assert _counts(action)[first] == before[first] + 1
    assert AuditEvent.objects.count() > events


def _form_token(client, url: str) -> str:
    page = client.get(url).content.decode()
    found = re.search(rf'name="{FIELD}" value="([^"]+)"', page)
    assert found, f"no one-time token in the form at {url}"
    return found.group(1)


# The forms whose page is the URL they post to (the others post from another page).
SAME_PAGE = {"upload", "DBG query", "round", "share request", "concealed export", "signature"}


@pytest.mark.parametrize("name", sorted(SAME_PAGE | {"context note", "reply", "explanation"}))
def test_a_form_sent_twice_makes_one_record(world, name):
    action = ACTIONS[name]
    client = signed_in(world[action.who])
    url = action.url(world)
    page = url if name in SAME_PAGE else _page_of(name, world)
    token = _form_token(client, page)
    before = _counts(action)
    first = client.post(url, {**action.data(world), FIELD: token})
    second = client.post(url, {**action.data(world), FIELD: token})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    after = _counts(action)
    made = {key: after[key] - before[key] for key in before}
    assert made[action.makes[0].__name__] == 1, made
    shown = client.get(second["Location"]).content.decode()
    assert ALREADY_DONE.replace("'", "&#39;") in shown or ALREADY_DONE in shown


def _page_of(name: str, world: dict) -> str:
    if name == "reply":
        return f"/rounds/queries/{world['query'].pk}/"
    return f"/rounds/{world['open'].pk}/la/845/"


def test_a_refused_form_keeps_its_token_free_so_the_corrected_form_is_saved(world):
    client = signed_in(world["dbg"])
    token = _form_token(client, "/rounds/new/")
    refused = client.post("/rounds/new/", {"period": "not a quarter", "deadline": "", FIELD: token})
    assert refused.status_code == 200
    saved = client.post(
        "/rounds/new/", {"period": "2026-27 Q1", "deadline": SOON.isoformat(), FIELD: token}
    )
    assert saved.status_code == 302
    assert CollectionRound.objects.filter(period="2026-27 Q1").count() == 1


def test_every_post_form_in_every_template_carries_a_one_time_token():
    missing = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for form in re.finditer(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", text, re.S):
            if "once_input()" not in form.group(1):
                missing.append(f"{template.relative_to(TEMPLATES)}: {form.group(0)[:80]}")
    assert missing == []
    assert sum(1 for t in TEMPLATES.rglob("*.html") if 'method="post"' in t.read_text()) > 30
