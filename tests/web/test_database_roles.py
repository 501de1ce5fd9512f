"""A deployment where the service cannot alter the audit table (issue 11.7): a migration role
owns the tables and runs `tartan migrate`; the service's role does its normal work and can add
audit events, but cannot change, remove or unprotect them. Set up exactly as docs/web.md says."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tartan.web.audit import grants
from tests.web import postgres

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
TARTAN = Path(sys.executable).with_name("tartan")
CHANGES = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


@pytest.fixture(scope="module")
def deployment():
    """The roles and database as docs/web.md sets them up (its SQL run through psql), then
    `tartan migrate` with the migration role's URL beside the service's. Once per run of the
    suite: in its PostgreSQL pass."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs with the web tests' PostgreSQL pass")
    base = postgres.prefix()
    names = {"database": f"{base}_roles", "owner": f"{base}_owner", "service": f"{base}_service"}
    postgres.drop(names["database"], names["owner"], names["service"])
    setup = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", postgres.server_url()],
        input=grants.setup_sql(names["database"], names["owner"], names["service"]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert setup.returncode == 0, setup.stderr
    urls = {
        "owner": postgres.url_for(names["database"], names["owner"]),
        "service": postgres.url_for(names["database"], names["service"]),
    }
    migrated = _tartan(
        ["migrate"], DATABASE_URL=urls["service"], MIGRATION_DATABASE_URL=urls["owner"]
    )
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    yield names, urls
    postgres.drop(names["database"], names["owner"], names["service"])


def _tartan(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return _run([str(TARTAN), *args], **env)


def _run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """A command with only the database URLs given (none inherited from this run)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "MIGRATION_DATABASE_URL")
    }
    environment.update(DJANGO_SETTINGS_MODULE="tartan.web.settings.test", **env)
    return subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )


def test_the_migration_role_owns_every_table(deployment):
    names, urls = deployment
    with psycopg.connect(urls["owner"]) as owner:
        owners = set(owner.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'"))
    assert owners == {(names["owner"],)}


def test_the_service_works_but_cannot_rewrite_the_audit_trail(deployment):
    names, urls = deployment
    ran = _run(
        [sys.executable, "-m", "tests.web.roles_service_actions", names["owner"]],
        DATABASE_URL=urls["service"],
    )
    assert ran.returncode == 0, ran.stderr
    outcome = json.loads(ran.stdout.splitlines()[-1])
    work = outcome["work"]
    assert work["sign_in_status"] == 302
    assert work["rug_status"] == 200
    assert work["versions"] == 19
    # The accounts made, the quarter's steps, the sign-ins, the rug read, the deactivation.
    assert {"admin", "sign_in_failed", "sign_in", "view", "sign_out"} <= set(work["actions"])
    assert work["actions"][-1] == "admin"
    refused = outcome["attempts"]
    assert "allowed" not in refused.values(), refused
    for name in (
        "update",
        "delete",
        "truncate",
        "upsert",
        "grant itself the right",
        "create a table",
    ):
        assert "permission denied" in refused[name], (name, refused[name])
    for name in ("drop trigger", "disable triggers", "create trigger", "alter table", "drop table"):
        assert re.search("must be owner|permission denied", refused[name]), (name, refused[name])
    assert "permission denied" in refused["replica mode"]
    assert outcome["unchanged"]
    assert outcome["triggers"] == sorted(
        ["tartan_audit_no_update", "tartan_audit_no_delete", "tartan_audit_no_truncate"]
    )
    assert outcome["weaknesses"] == []


def test_the_service_keeps_only_select_and_insert_on_the_audit_table(deployment):
    names, urls = deployment
    with psycopg.connect(urls["owner"]) as owner:
        held = {
            privilege
            for privilege in ("SELECT", "INSERT", *CHANGES)
            if owner.execute(
                "SELECT has_table_privilege(%s, 'audit_auditevent', %s)",
                [names["service"], privilege],
            ).fetchone()[0]
        }
        elsewhere = owner.execute(
            "SELECT has_table_privilege(%s, 'collection_returnversion', 'UPDATE, DELETE')",
            [names["service"]],
        ).fetchone()[0]
    assert held == {"SELECT", "INSERT"}
    assert elsewhere  # normal DML everywhere else


def test_tables_a_later_migration_makes_are_the_services_to_use(deployment):
    """Default privileges: what the owner creates later (a table, its sequence) the service can
    use without another grant."""
    _, urls = deployment
    with psycopg.connect(urls["owner"], autocommit=True) as owner:
        owner.execute("CREATE TABLE later_area (id serial PRIMARY KEY, note text)")
    try:
        with psycopg.connect(urls["service"]) as service:
            service.execute("INSERT INTO later_area (note) VALUES ('new')")
            service.execute("UPDATE later_area SET note = 'changed'")
            assert service.execute("SELECT note FROM later_area").fetchall() == [("changed",)]
            service.execute("DELETE FROM later_area")
    finally:
        with psycopg.connect(urls["owner"], autocommit=True) as owner:
            owner.execute("DROP TABLE later_area")


def test_the_deploy_check_flags_a_service_connected_as_the_owner(deployment):
    _, urls = deployment
    check = [sys.executable, "-m", "django", "check", "--deploy", "--database", "default"]
    check += ["--tag", "database", "--fail-level", "WARNING"]
    as_service = _run(check, DATABASE_URL=urls["service"])
    as_owner = _run(check, DATABASE_URL=urls["owner"])
    assert as_service.returncode == 0, as_service.stdout + as_service.stderr
    assert as_owner.returncode != 0
    assert "audit.W001" in as_owner.stderr + as_owner.stdout
    assert "the audit table's owner" in as_owner.stderr + as_owner.stdout
