"""The database itself keeps the audit trail append-only, whichever statement is tried (issue
11.7): on SQLite REPLACE and UPSERT too, with or without recursive triggers on the connection."""

from __future__ import annotations

import os

import pytest
from django.db import DatabaseError, connection, transaction

from tartan.web.audit import triggers
from tartan.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

TABLE = "audit_auditevent"
COLUMNS = "id, at, username, organisation, roles, action, object_type, object_id, la_codes, purpose, summary, user_agent"


def _rewrite(event_id: int) -> str:
    return f"VALUES ({event_id}, '2020-01-01 00:00:00', 'nobody', '', '', 'view', '', '', '', '', 'rewritten', '')"


SQLITE_STATEMENTS = {
    "insert or replace": lambda pk: f"INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {_rewrite(pk)}",
    "replace into": lambda pk: f"REPLACE INTO {TABLE} ({COLUMNS}) {_rewrite(pk)}",
    "upsert": lambda pk: (
        f"INSERT INTO {TABLE} ({COLUMNS}) {_rewrite(pk)} ON CONFLICT(id) DO UPDATE SET summary = excluded.summary"
    ),
    "update": lambda pk: f"UPDATE {TABLE} SET summary = 'rewritten' WHERE id = {pk}",
    "update or replace": lambda pk: (
        f"UPDATE OR REPLACE {TABLE} SET summary = 'rewritten' WHERE id = {pk}"
    ),
    "delete": lambda pk: f"DELETE FROM {TABLE} WHERE id = {pk}",
}
POSTGRES_STATEMENTS = {
    "upsert": lambda pk: (
        f"INSERT INTO {TABLE} ({COLUMNS}) {_rewrite(pk)} ON CONFLICT (id) DO UPDATE SET summary = excluded.summary"
    ),
    "update": lambda pk: f"UPDATE {TABLE} SET summary = 'rewritten' WHERE id = {pk}",
    "delete": lambda pk: f"DELETE FROM {TABLE} WHERE id = {pk}",
    "truncate": lambda pk: f"TRUNCATE {TABLE}",
}


def _recursive_triggers(cursor, setting: str) -> str:
    """Sets SQLite's recursive_triggers for this connection; returns what it was."""
    if connection.vendor != "sqlite":
        return setting  # a SQLite setting only
    cursor.execute("PRAGMA recursive_triggers")
    (before,) = cursor.fetchone()
    cursor.execute(f"PRAGMA recursive_triggers = {setting}")
    return "ON" if before else "OFF"


# The database the settings will connect to (tartan.web.settings.base decides the same way).
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
CASES = (
    [(name, "-") for name in POSTGRES_STATEMENTS]
    if ON_POSTGRES
    else [(name, setting) for name in SQLITE_STATEMENTS for setting in ("ON", "OFF")]
)


@pytest.mark.parametrize(("name", "recursive_triggers"), CASES)
def test_no_statement_rewrites_or_removes_an_event(name, recursive_triggers):
    statement = (POSTGRES_STATEMENTS if ON_POSTGRES else SQLITE_STATEMENTS)[name]
    event = AuditEvent.objects.create(action="view", summary="a view")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE waits for no deferred check: run the insert's now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The service's connections turn recursive triggers on; the table must hold without
        # it, as for any other connection to the file.
        before = _recursive_triggers(cursor, recursive_triggers)
        try:
            with (
                pytest.raises(DatabaseError, match="append-only"),
                transaction.atomic(),
            ):
                cursor.execute(statement(event.pk))
        finally:
            _recursive_triggers(cursor, before)
    assert list(AuditEvent.objects.values_list("pk", "summary", "username")) == [
        (event.pk, "a view", "")
    ]


def test_the_service_turns_recursive_triggers_on_for_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA recursive_triggers")
        assert cursor.fetchone() == (1,)


def test_new_events_are_still_appended():
    first = AuditEvent.objects.create(action="view", summary="first")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) {_rewrite(first.pk + 1)}")
    assert AuditEvent.objects.count() == 2


def test_every_trigger_is_in_place_after_every_migration():
    """A migration that rebuilds the table (SQLite does, to add a column) drops its triggers:
    the test database is built by all the migrations, so this fails if one forgets them."""
    assert triggers.installed(connection) == triggers.expected(connection)
