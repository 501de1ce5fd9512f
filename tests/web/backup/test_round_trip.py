"""Backup, then restore over the same database: every table's rows and every stored file come
back as they were, the audit triggers with them, and the restore is on the record (issue 11.10).
Runs on SQLite and, in the suite's second pass, on PostgreSQL. One test, because each restore
runs every migration."""

from __future__ import annotations

import hashlib

import pytest
from django.db import DatabaseError, connection, transaction

from tartan.web.audit import triggers
from tartan.web.audit.models import AuditEvent
from tartan.web.backup.dump import backup
from tartan.web.backup.load import restore
from tests.web.backup.conftest import every_row, file_models

pytestmark = [pytest.mark.usefixtures("transactional_db"), pytest.mark.slow]


def test_a_restore_gives_back_every_row_and_every_stored_file(everything_stored, tmp_path):
    archive = tmp_path / "tartan-backup.zip"
    manifest = backup(archive)
    tables, files = every_row(connection)
    latest = AuditEvent.objects.latest("id")
    assert (latest.object_type, latest.object_id) == ("backup", archive.name)

    outcome = restore(archive, replace=True)

    restored_tables, restored_files = every_row(connection)
    assert restored_files == files
    assert len(files) >= 19 + 5  # the returns, a DPIA, an extract, a document, an export, a dataset
    assert restored_tables.keys() == tables.keys()
    assert len(tables) == len(manifest["tables"]) + 1  # and django_migrations
    for table, rows in tables.items():
        if table != "audit_auditevent":
            assert restored_tables[table] == rows, table
    assert set(tables["audit_auditevent"]) <= set(restored_tables["audit_auditevent"])
    assert len(restored_tables["audit_auditevent"]) == len(tables["audit_auditevent"]) + 1
    event = AuditEvent.objects.latest("id")
    assert (event.object_type, event.object_id) == ("restore", outcome.archive_sha256[:60])
    assert outcome.archive_sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert outcome.rows == sum(len(rows) for t, rows in tables.items() if t != "django_migrations")

    # Each stored file still has the hash the service took when it arrived.
    for model in file_models():
        binary = next(
            f.name for f in model._meta.concrete_fields if f.get_internal_type() == "BinaryField"
        )
        kept = model._base_manager.exclude(**{binary: None}).exclude(**{binary: b""})
        for content, sha256 in kept.values_list(binary, "sha256"):
            assert hashlib.sha256(bytes(content)).hexdigest() == sha256, model._meta.label

    # The restored trail is append-only, and new events are numbered after the restored ones.
    assert triggers.installed(connection) == triggers.expected(connection)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET summary = 'rewritten'")
    assert AuditEvent.objects.create(action="view").pk > event.pk
