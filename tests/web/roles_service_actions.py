"""Run by tests/web/test_database_roles.py as the service's own PostgreSQL role (DATABASE_URL):
the service's normal work through its services and pages, then every way there is to rewrite
the audit trail. Prints what happened, as JSON, for the test to judge."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tartan.web.settings.test")
django.setup()

from django.db import DatabaseError, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from tartan.reference.register import shipped_register  # noqa: E402
from tartan.web.accounts.models import Organisation, User  # noqa: E402
from tartan.web.accounts.roles import OrganisationKind, Role  # noqa: E402
from tartan.web.audit import grants, triggers  # noqa: E402
from tartan.web.audit.models import AuditEvent  # noqa: E402
from tartan.web.collection import services  # noqa: E402
from tartan.web.collection.models import ReturnVersion  # noqa: E402
from tests.web.conftest import GROUP, MEMBERS, explain_all, submit_all  # noqa: E402

PASSWORD = "a-long-test-password"
TABLE = triggers.TABLE


def normal_work() -> dict[str, object]:
    """A quarter from opening to release, an analyst signing in (and someone failing to), reading
    their rug and signing out, and an account deactivated."""
    from tartan.reference.groups import shipped_groups
    from tartan.web.groups.registry import seed

    seed(shipped_groups(), date(2015, 4, 1))  # the groups and their members live in the service
    register = shipped_register()
    for code in MEMBERS:
        Organisation.objects.create(
            name=register[code].name,
            kind=OrganisationKind.LOCAL_AUTHORITY,
            la_code=code,
            group_key=GROUP,
        )
    dbg_org = Organisation.objects.create(
        name="DBG", kind=OrganisationKind.PROCESSOR, group_key=GROUP
    )
    dbg = User.objects.create_user(
        "dbg", password=PASSWORD, organisation=dbg_org, roles=[Role.DBG_MEMBER.value]
    )
    analyst = User.objects.create_user(
        "analyst",
        password=PASSWORD,
        organisation=Organisation.objects.get(la_code="845"),
        roles=[Role.LA_ANALYST.value],
    )
    round_ = services.open_round(dbg, GROUP, "2024-25 Q4", date.today() - timedelta(days=1))
    submit_all(round_, dbg)
    explain_all(round_, dbg)
    services.sign_off(round_, dbg)
    services.release(round_, dbg, {})
    client = Client()
    client.post("/accounts/sign-in/", {"username": "analyst", "password": "wrong"})
    signed_in = client.post("/accounts/sign-in/", {"username": "analyst", "password": PASSWORD})
    rug = client.get(f"/reports/rounds/{round_.pk}/rugs/845/")
    client.post("/accounts/sign-out/")
    analyst.is_active = False
    analyst.save()
    return {
        "sign_in_status": signed_in.status_code,
        "rug_status": rug.status_code,
        "versions": ReturnVersion.objects.count(),
        "actions": list(AuditEvent.objects.order_by("id").values_list("action", flat=True)),
    }


def attempts(owner: str) -> dict[str, str]:
    """Every statement that would change what is recorded, each in its own transaction."""
    any_id = AuditEvent.objects.values_list("pk", flat=True).first()
    statements = {
        "update": f"UPDATE {TABLE} SET summary = 'rewritten'",
        "delete": f"DELETE FROM {TABLE}",
        "truncate": f"TRUNCATE {TABLE}",
        "upsert": f"INSERT INTO {TABLE} (id, at, username, organisation, roles, action, object_type, object_id, la_codes, purpose, summary, user_agent) VALUES ({any_id}, now(), '', '', '', 'view', '', '', '', '', 'rewritten', '') ON CONFLICT (id) DO UPDATE SET summary = excluded.summary",
        "drop trigger": f"DROP TRIGGER tartan_audit_no_update ON {TABLE}",
        "disable triggers": f"ALTER TABLE {TABLE} DISABLE TRIGGER USER",
        "replace trigger function": "CREATE OR REPLACE FUNCTION tartan_audit_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql",
        "create trigger": f"CREATE TRIGGER rewrite BEFORE INSERT ON {TABLE} FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
        "alter table": f"ALTER TABLE {TABLE} ADD COLUMN note text",
        "rename table": f"ALTER TABLE {TABLE} RENAME TO audit_old",
        "drop table": f"DROP TABLE {TABLE} CASCADE",
        "replica mode": "SET session_replication_role = replica",
        # PostgreSQL accepts a GRANT of what one may not grant, with a warning: the UPDATE shows
        # whether it took.
        "grant itself the right": f"GRANT UPDATE ON {TABLE} TO CURRENT_USER; UPDATE {TABLE} SET summary = 'rewritten'",
        "become the owner": f"SET ROLE {owner}",
        "create a table": "CREATE TABLE audit_shadow (id integer)",
    }
    outcome = {}
    for name, statement in statements.items():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
            outcome[name] = "allowed"
        except DatabaseError as error:
            outcome[name] = str(error).splitlines()[0]
    return outcome


def main() -> None:
    owner = sys.argv[1]
    work = normal_work()
    summaries = list(AuditEvent.objects.order_by("id").values_list("summary", flat=True))
    tried = attempts(owner)
    print(
        json.dumps(
            {
                "work": work,
                "attempts": tried,
                "unchanged": summaries
                == list(AuditEvent.objects.order_by("id").values_list("summary", flat=True)),
                "triggers": sorted(triggers.installed(connection)),
                "weaknesses": grants.weaknesses(connection),
            }
        )
    )


if __name__ == "__main__":
    main()
