"""`tartan restore` and `tartan backup` move a service to the other kind of database: a backup
of the suite's database (SQLite, or PostgreSQL in the second pass) restored into the other one,
backed up again from there, holds the same rows and the same stored files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.db import connection

from tartan.web.backup.dump import backup
from tartan.web.governance.models import Document
from tests.web import postgres
from tests.web.conftest import signed_in

pytestmark = [pytest.mark.usefixtures("transactional_db"), pytest.mark.slow]

TARTAN = Path(sys.executable).with_name("tartan")


@pytest.fixture
def other_database(tmp_path):
    """Environment for commands that reach the other kind of database, made empty."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "MIGRATION_DATABASE_URL", "TARTAN_DATA_DIR")
    }
    if connection.vendor == "postgresql":
        yield {**environment, "TARTAN_DATA_DIR": str(tmp_path / "sqlite")}
        return
    name = f"{postgres.prefix()}_restored"
    postgres.drop(name)
    postgres.run(f"CREATE DATABASE {name}")
    yield {**environment, "DATABASE_URL": postgres.url_for(name)}
    postgres.drop(name)


def _tartan(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TARTAN), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _members(path: Path) -> tuple[dict, dict[str, list[bytes]]]:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        rows = {
            table["name"]: archive.read(f"tables/{table['name']}.jsonl").splitlines()
            for table in manifest["tables"]
        }
    return manifest, rows


def test_a_service_moves_to_the_other_database_and_back_out(
    released_round, make_user, other_database, tmp_path
):
    from tartan.web.accounts.roles import Role

    Document.store("mou-2024-25.pdf", b"%PDF-1.4 memorandum", make_user(Role.PROGRAMME_STAFF))
    signed_in(make_user(Role.DBG_MEMBER)).get("/")
    first = tmp_path / "from-here.zip"
    backup(first)

    restored = _tartan(other_database, "restore", str(first))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "the audit trail records the restore" in " ".join(restored.stdout.split())
    again = _tartan(other_database, "restore", str(first))
    assert again.returncode == 1
    assert "restore refuses to overwrite it" in " ".join(again.stderr.split())
    second = tmp_path / "from-there.zip"
    backed_up = _tartan(other_database, "backup", str(second))
    assert backed_up.returncode == 0, backed_up.stdout + backed_up.stderr

    here, rows_here = _members(first)
    there, rows_there = _members(second)
    assert {here["database"], there["database"]} == {"sqlite", "postgresql"}
    assert there["migrations"] == here["migrations"]
    assert there["files"] == here["files"]
    assert [t["columns"] for t in there["tables"]] == [t["columns"] for t in here["tables"]]
    for table, rows in rows_here.items():
        if table != "audit_auditevent":
            assert rows_there[table] == rows, table
    audit_here, audit_there = rows_here["audit_auditevent"], rows_there["audit_auditevent"]
    assert audit_there[: len(audit_here)] == audit_here
    columns = next(t["columns"] for t in there["tables"] if t["name"] == "audit_auditevent")
    kind = [name for name, _ in columns].index("object_type")
    added = [json.loads(line)[kind] for line in audit_there[len(audit_here) :]]
    assert added == ["restore", "backup"]
