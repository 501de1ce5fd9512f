"""A service with something in every kind of store: returns through a released quarter, a DPIA
and a child-level extract, a governance document, a concealed export, another region's national
dataset, a session, a second factor and a failed sign-in; and a reading of every table and
every stored file that owes nothing to the backup's own code."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from tartan.demo.synthetic import synthetic_returns
from tartan.national.dataset import dataset_csv
from tartan.periods import Period
from tartan.returns.model import QuarterlyReturn
from tartan.web.childdata import transfers
from tartan.web.governance.models import Document
from tartan.web.sharing import services as sharing
from tests.web.childdata.conftest import (  # noqa: F401  (fixtures)
    Steps,
    people,
    pseudonymise,
    source_files,
    zipped,
)
from tests.web.conftest import signed_in

DAY = date(2025, 1, 6)
OUTSIDE = ["878", "886", "881"]  # South West LAs: the national dataset's region


def file_models() -> list[type[models.Model]]:
    """Every model that keeps a file (a binary column)."""
    return [
        model
        for model in apps.get_models()
        if any(isinstance(f, models.BinaryField) for f in model._meta.concrete_fields)
    ]


@pytest.fixture
def everything_stored(released_round, people, source_files, tmp_path) -> None:  # noqa: F811
    request = Steps(people, DAY).approved()
    extract = pseudonymise(source_files, tmp_path / "extract", request)
    transfers.receive_extract(request, people["analyst_845"], "x.zip", zipped(extract), DAY)
    Document.store("mou-2024-25.pdf", b"%PDF-1.4 memorandum", people["programme"])
    ofsted = people["partner"].organisation
    export = sharing.concealed_export(
        people["keystaff_845"], released_round, "845", ofsted, "distribution", "Inspection"
    )
    assert export.allowed
    theirs = synthetic_returns(OUTSIDE, Period.parse("2024-25 Q4"), 1)
    dataset = dataset_csv(
        [
            QuarterlyReturn(r.la_code, r.period, {k: Decimal(str(v)) for k, v in r.figures.items()})
            for r in theirs
        ],
        ["from the South West"],
    )
    sharing.import_national(people["dbg"], "sw.csv", dataset, "South West", DAY)
    from tartan.web.prepared.models import PreparedFile, PreparedKind, PreparedStatus

    workbook = b"PK a workbook prepared in the background"
    PreparedFile.objects.create(  # a file the task worker prepared for someone
        kind=PreparedKind.OVERVIEW_WORKBOOK,
        round=released_round,
        requested_by=people["dbg"],
        status=PreparedStatus.READY,
        name="regional_overview.xlsx",
        content=workbook,
        sha256=hashlib.sha256(workbook).hexdigest(),
    )
    signed_in(people["dbg"]).get("/")  # a session and an authenticator
    Client().post("/accounts/sign-in/", {"username": "analyst_845", "password": "wrong"})
    from tartan.web.protocol import services as protocol

    protocol.publish(None, people["dbg"], "1.0", DAY, "Read it.", b"%PDF-1.4 protocol", "p.pdf")
    empty = [
        model._meta.label
        for model in file_models()
        if not any(
            model._base_manager.exclude(**{f.name: None}).exclude(**{f.name: b""}).exists()
            for f in model._meta.concrete_fields
            if isinstance(f, models.BinaryField)
        )
    ]
    assert not empty, f"the test stores no file in {empty}: give it one"


def every_row(connection: Any) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, str]]:
    """Each table's rows as the database gives them (files as their SHA-256), in a fixed order,
    and the hash of every stored file by table, column and row."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    files: dict[str, str] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            names = [column[0] for column in cursor.description]
            rows = []
            for row in cursor.fetchall():
                cells = []
                for name, value in zip(names, row, strict=True):
                    if isinstance(value, bytes | memoryview):
                        value = "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
                        files[f"{table}.{name} row {row[0]}"] = value
                    cells.append(value)
                rows.append(tuple(cells))
            tables[table] = sorted(rows, key=repr)
    # When each migration was applied is the restore's own history; which were applied is not.
    tables["django_migrations"] = sorted(
        (app, name) for _, app, name, _ in tables["django_migrations"]
    )
    return tables, files
