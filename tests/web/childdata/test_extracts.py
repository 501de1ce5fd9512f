"""Data under an approved request: the extract ``tartan childlevel pseudonymise`` made is
accepted; one with a column beyond the approval or a raw identifier is refused; erased
children are dropped on upload and from extracts already stored."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

import polars as pl
import pytest

from tartan.childlevel.erasure import Erasure
from tartan.web.childdata import transfers
from tartan.web.childdata.errors import ExtractRefused, NotNow
from tartan.web.childdata.models import ChildDataExtract, Removal, Status
from tests.web.childdata.conftest import (
    FIELDS,
    KEY,
    OTHER_KEY_TEXT,
    Steps,
    child_ids,
    pseudonymise,
    unzipped,
    zipped,
)

pytestmark = pytest.mark.django_db

DAY = date(2025, 1, 6)


@pytest.fixture
def fixed(people) -> Steps:
    return Steps(people, DAY)


@pytest.fixture
def approved(fixed):
    return fixed.approved()


def _receive(request, data: bytes, fixed: Steps, day: date = DAY) -> ChildDataExtract:
    return transfers.receive_extract(request, fixed.people["analyst_845"], "x.zip", data, day)


def _rewrite_csv(folder, table: str, change) -> None:
    """Change one table of an extract folder, and its manifest's list of columns with it."""
    path = folder / f"{table}.csv"
    frame = change(pl.read_csv(path, infer_schema=False))
    frame.write_csv(path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"][table] = frame.columns
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_the_extract_made_for_the_request_is_stored_and_only_what_was_checked(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    stored = _receive(approved, zipped(folder), fixed)
    approved.refresh_from_db()
    assert approved.status == Status.DATA_RECEIVED
    assert stored.key_id == KEY.key_id
    assert stored.tables == {
        "ssda903_header": ["pseudonym", "SEX", "DOB"],
        "ssda903_episodes": ["pseudonym", "DECOM", "PLACE", "HOME_POST"],
    }
    tables = unzipped(bytes(stored.content))
    children = set(child_ids(source_files))
    assert stored.children == len(children)
    assert set(tables["ssda903_header"]["pseudonym"]) == {KEY.pseudonym(c) for c in children}
    assert tables["ssda903_header"]["DOB"].str.ends_with("-01").all()
    assert tables["ssda903_episodes"]["HOME_POST"].drop_nulls().str.contains(" ").sum() == 0


def test_an_extract_in_a_zip_without_a_folder_is_accepted_too(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    assert _receive(approved, zipped(folder, top=None), fixed).children > 0


def test_an_extract_with_a_column_beyond_the_approval_is_refused(
    approved, fixed, source_files, tmp_path
):
    # Made for the whole purpose rather than the approved fields: PLACE_PROVIDER, REC and more.
    folder = pseudonymise(source_files, tmp_path / "extract", approved, fields=[])
    with pytest.raises(ExtractRefused) as refused:
        _receive(approved, zipped(folder), fixed)
    assert any(
        "ssda903_episodes carries" in p and "PLACE_PROVIDER" in p for p in refused.value.problems
    )
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED
    assert not ChildDataExtract.objects.exists()


def test_an_extract_with_one_extra_column_added_by_hand_is_refused(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    _rewrite_csv(folder, "ssda903_episodes", lambda f: f.with_columns(pl.lit("E11").alias("REC")))
    with pytest.raises(ExtractRefused, match="REC, beyond the fields the request approved"):
        _receive(approved, zipped(folder), fixed)


def test_an_extract_with_the_childs_identifier_as_a_column_is_refused(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    ids = child_ids(source_files)
    _rewrite_csv(
        folder,
        "ssda903_header",
        lambda f: f.with_columns(
            pl.Series("CHILD", ids[: f.height] + [""] * (f.height - len(ids)))
        ),
    )
    with pytest.raises(ExtractRefused, match="raw identifier\\(s\\) CHILD"):
        _receive(approved, zipped(folder), fixed)


def test_an_extract_with_identifiers_in_place_of_pseudonyms_is_refused(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    raw = {KEY.pseudonym(c): c for c in child_ids(source_files)}
    _rewrite_csv(
        folder,
        "ssda903_header",
        lambda f: f.with_columns(pl.col("pseudonym").replace_strict(raw, default=None)),
    )
    with pytest.raises(ExtractRefused, match="something other than a pseudonym"):
        _receive(approved, zipped(folder), fixed)


def test_an_extract_with_full_dates_of_birth_or_postcodes_is_refused(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    _rewrite_csv(
        folder, "ssda903_header", lambda f: f.with_columns(pl.lit("2015-06-17").alias("DOB"))
    )
    _rewrite_csv(
        folder,
        "ssda903_episodes",
        lambda f: f.with_columns(pl.lit("BN1 1AA").alias("HOME_POST")),
    )
    with pytest.raises(ExtractRefused) as refused:
        _receive(approved, zipped(folder), fixed)
    problems = " ".join(refused.value.problems)
    assert "ssda903_header.DOB" in problems
    assert "first of the month" in problems
    assert "ssda903_episodes.HOME_POST" in problems
    assert "district" in problems


def test_an_extract_made_for_another_purpose_recipient_or_table_is_refused(
    approved, fixed, source_files, tmp_path
):
    other = pseudonymise(
        source_files,
        tmp_path / "other-recipient",
        approved,
        recipient="child-level request 999 for someone",
    )
    with pytest.raises(ExtractRefused, match="recipient"):
        _receive(approved, zipped(other), fixed)
    adoption = pseudonymise(
        source_files,
        tmp_path / "adoption",
        approved,
        purpose="adoption_timeliness",
        fields=["ssda903_header.SEX", "ssda903_ad1.DATE_MATCH"],
    )
    with pytest.raises(ExtractRefused) as refused:
        _receive(approved, zipped(adoption), fixed)
    problems = " ".join(refused.value.problems)
    assert "purpose 'adoption_timeliness'" in problems
    assert "table ssda903_ad1, which the request did not approve" in problems


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"../manifest.json": b"{}"}, "not an extract's file"),
        ({"extract/notes.txt": b"x", "extract/manifest.json": b"{}"}, "not part of an extract"),
        ({"a/manifest.json": b"{}", "b/x.csv": b"pseudonym\n"}, "more than one folder"),
        ({"x.csv": b"pseudonym\n"}, "no manifest.json"),
        ({"manifest.json": b"{not json"}, "cannot be read as an extract"),
    ],
)
def test_a_zip_that_is_not_an_extract_is_refused(approved, fixed, members, message):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(ExtractRefused, match=message):
        _receive(approved, buffer.getvalue(), fixed)


def test_a_file_that_is_not_a_zip_is_refused(approved, fixed):
    with pytest.raises(ExtractRefused, match="not a zip"):
        _receive(approved, b"CHILD,DOB\n1,2015-06-17\n", fixed)


def test_a_table_the_manifest_does_not_list_is_refused(approved, fixed, source_files, tmp_path):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    (folder / "raw_header.csv").write_text("CHILD,DOB\n123,17/06/2015\n")
    with pytest.raises(ExtractRefused, match=r"raw_header\.csv, which its manifest does not list"):
        _receive(approved, zipped(folder), fixed)


def test_an_erased_child_is_dropped_on_upload(approved, fixed, source_files, tmp_path):
    erased_id = child_ids(source_files)[0]
    erased = KEY.pseudonym(erased_id)
    transfers.record_erasures(
        fixed.people["analyst_845"], [Erasure(erased, KEY.key_id, DAY, "erasure request")]
    )
    # The LA's extract still holds the child (made without its register): the service drops them.
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    stored = _receive(approved, zipped(folder), fixed)
    assert stored.erased_left_out == 1
    assert stored.children == len(set(child_ids(source_files))) - 1
    for frame in unzipped(bytes(stored.content)).values():
        assert erased not in set(frame["pseudonym"])


def test_an_erasure_after_upload_rewrites_the_stored_extract(
    approved, fixed, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    first = _receive(approved, zipped(folder), fixed)
    erased = KEY.pseudonym(child_ids(source_files)[1])
    added, rewritten = transfers.record_erasures(
        fixed.people["analyst_845"], [Erasure(erased, KEY.key_id, DAY, "")]
    )
    assert (added, rewritten) == (1, 1)
    first.refresh_from_db()
    assert first.content is None
    assert first.removed_because == Removal.ERASURE
    current = approved.current_extract
    assert current.children == first.children - 1
    assert current.erased_left_out == 1
    stored = ChildDataExtract.objects.get(pk=current.pk)
    for frame in unzipped(bytes(stored.content)).values():
        assert erased not in set(frame["pseudonym"])
    # And the child does not come back with a later upload of the older extract.
    again = _receive(approved, zipped(folder), fixed)
    assert again.erased_left_out == 1
    assert again.children == current.children


def test_another_las_erasures_do_not_touch_this_las_data(approved, fixed, source_files, tmp_path):
    erased = KEY.pseudonym(child_ids(source_files)[0])
    transfers.record_erasures(fixed.people["analyst_846"], [Erasure(erased, KEY.key_id, DAY, "")])
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    assert _receive(approved, zipped(folder), fixed).erased_left_out == 0


def test_one_key_per_recipient(fixed, source_files, tmp_path):
    first = fixed.approved()
    _receive(first, zipped(pseudonymise(source_files, tmp_path / "a", first)), fixed)
    other = fixed.approved(requester="keystaff_846", recipient="keystaff_846")
    same_key = pseudonymise(source_files, tmp_path / "b", other)
    with pytest.raises(ExtractRefused, match="one key per recipient"):
        _receive(other, zipped(same_key), fixed)
    own_key = pseudonymise(source_files, tmp_path / "c", other, key_text=OTHER_KEY_TEXT)
    assert _receive(other, zipped(own_key), fixed).children > 0


def test_a_new_upload_replaces_the_last(approved, fixed, source_files, tmp_path):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    first = _receive(approved, zipped(folder), fixed)
    second = _receive(approved, zipped(folder), fixed)
    first.refresh_from_db()
    assert (first.content, first.removed_because) == (None, Removal.SUPERSEDED)
    assert approved.current_extract == second


def test_no_data_moves_before_approval_or_after_retention(fixed, source_files, tmp_path):
    waiting = fixed.with_dpia()
    folder = pseudonymise(source_files, tmp_path / "extract", waiting)
    with pytest.raises(NotNow, match="approved or data received"):
        _receive(waiting, zipped(folder), fixed)
    approved = fixed.approved(keep_days=30)
    folder = pseudonymise(source_files, tmp_path / "late", approved)
    with pytest.raises(NotNow, match="retention"):
        _receive(approved, zipped(folder), fixed, DAY + timedelta(31))


def test_a_purpose_narrowed_to_the_approved_fields_is_what_pseudonymise_writes(
    approved, source_files, tmp_path
):
    folder = pseudonymise(source_files, tmp_path / "extract", approved)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == {
        "ssda903_header": ["pseudonym", "SEX", "DOB"],
        "ssda903_episodes": ["pseudonym", "DECOM", "PLACE", "HOME_POST"],
    }
    assert manifest["recipient"] == approved.extract_recipient
    assert approved.fields == FIELDS


def test_a_damaged_zip_is_refused(approved, fixed, source_files, tmp_path):
    data = bytearray(zipped(pseudonymise(source_files, tmp_path / "extract", approved)))
    where = data.index(b"pseudonym") + 2  # inside the first file's stored bytes
    data[where] ^= 0xFF
    with pytest.raises(ExtractRefused, match="the zip is damaged"):
        _receive(approved, bytes(data), fixed)
