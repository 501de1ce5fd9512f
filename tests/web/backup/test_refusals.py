"""What backup and restore refuse, and that a refusal leaves everything as it was: a database
holding data (unless told to replace it), a damaged or altered archive, an archive from a newer
tartan, an existing file, and a file kept on disk."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models

from tartan.web.accounts.models import User
from tartan.web.accounts.roles import Role
from tartan.web.audit import triggers
from tartan.web.backup import values
from tartan.web.backup.dump import backup
from tartan.web.backup.errors import BackupError
from tartan.web.backup.load import restore
from tartan.web.governance.models import Document

pytestmark = pytest.mark.usefixtures("transactional_db")


@pytest.fixture
def archive(make_user, tmp_path) -> Path:
    make_user(Role.LA_ANALYST, "845", username="kept")
    path = tmp_path / "tartan-backup.zip"
    backup(path)
    return path


def _rewritten(source: Path, target: Path, change) -> Path:
    """A copy of the archive with ``change(name, data)`` applied to each member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))
    return target


def _untouched() -> None:
    assert User.objects.filter(username="kept").exists()
    assert triggers.installed(connection) == triggers.expected(connection)


def test_restore_refuses_a_database_holding_data_unless_told(archive):
    with pytest.raises(BackupError, match=r"not empty.*accounts_user.*--replace"):
        restore(archive)
    _untouched()


def test_a_damaged_archive_is_refused_before_anything_is_dropped(archive, tmp_path):
    def change(name: str, data: bytes) -> bytes:
        return (
            data.replace(b'"kept"', b'"changed"') if name == "tables/accounts_user.jsonl" else data
        )

    altered = _rewritten(archive, tmp_path / "altered.zip", change)
    with pytest.raises(
        BackupError, match=r"tables/accounts_user\.jsonl has been changed or damaged"
    ):
        restore(altered, replace=True)
    _untouched()


def test_an_archive_missing_a_stored_file_is_refused(make_user, tmp_path):
    Document.store("mou.pdf", b"%PDF-1.4 memorandum", make_user(Role.PROGRAMME_STAFF))
    make_user(Role.LA_ANALYST, "845", username="kept")
    full = tmp_path / "full.zip"
    backup(full)
    with zipfile.ZipFile(full) as old, zipfile.ZipFile(tmp_path / "short.zip", "w") as new:
        for name in old.namelist():
            if not name.startswith("files/"):
                new.writestr(name, old.read(name))
    with pytest.raises(BackupError, match=r"members do not match the manifest.*missing.*files/"):
        restore(tmp_path / "short.zip", replace=True)
    _untouched()


def test_an_archive_from_a_newer_tartan_is_refused(archive, tmp_path):
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"].append(["audit", "0999_from_the_future"])
        return json.dumps(manifest).encode()

    newer = _rewritten(archive, tmp_path / "newer.zip", change)
    with pytest.raises(BackupError, match=r"newer tartan.*audit\.0999_from_the_future"):
        restore(newer, replace=True)
    _untouched()


def test_an_archive_whose_columns_are_not_its_migrations_is_refused(archive, tmp_path):
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        users = next(t for t in manifest["tables"] if t["name"] == "accounts_user")
        users["columns"] = [[c, "file" if c == "username" else k] for c, k in users["columns"]]
        return json.dumps(manifest).encode()

    altered = _rewritten(archive, tmp_path / "columns.zip", change)
    with pytest.raises(BackupError, match=r"accounts_user: the archive's columns differ"):
        restore(altered, replace=True)
    _untouched()


def test_something_that_is_not_a_backup_is_refused(archive, tmp_path):
    stranger = tmp_path / "photos.zip"
    with zipfile.ZipFile(stranger, "w") as photos:
        photos.writestr("holiday.jpg", b"\xff\xd8")
    with pytest.raises(BackupError, match=r"is not a tartan backup"):
        restore(stranger, replace=True)
    _untouched()


def test_a_backup_never_overwrites_a_file(archive):
    before = archive.read_bytes()
    with pytest.raises(BackupError, match=r"exists already"):
        backup(archive)
    assert archive.read_bytes() == before
    assert not list(archive.parent.glob(".*.partial"))


def test_every_stored_file_is_in_the_database():
    """Uploads live in binary columns, so the database's backup holds them all: no model keeps a
    file on disk, and no media folder is configured."""
    on_disk = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    assert on_disk == []
    assert not settings.MEDIA_ROOT


def test_a_field_keeping_its_file_on_disk_stops_the_backup():
    scan = models.FileField()
    scan.set_attributes_from_name("scan")
    scan.model = Document
    with pytest.raises(BackupError, match=r"governance\.Document\.scan keeps its file on disk"):
        values.kind_of(scan)
