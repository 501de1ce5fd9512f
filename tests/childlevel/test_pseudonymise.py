"""Pseudonyms, minimisation by purpose, and refusing to work without a proper key."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tartan.childlevel.erasure import ErasureRegister
from tartan.childlevel.extracts import make_extract, read_extract, write_extract
from tartan.childlevel.minimise import postcode_district
from tartan.childlevel.pseudonyms import PseudonymKey, PseudonymKeyError, load_key
from tartan.childlevel.purposes import PurposeError, load_purposes, purpose
from tests.childlevel.builders import (
    Episode,
    census_xml,
    child_xml,
    episode_row,
    read_census,
    read_folder,
    write_ssda903,
)

KEY_A = PseudonymKey(b"a" * 32)
KEY_B = PseudonymKey(b"b" * 32)


def _sources(tmp_path: Path):
    census, _ = read_census(
        tmp_path,
        census_xml(
            child_xml("CHILD-1", Episode("2024-04-02"), birth="2015-06-17"),
            child_xml("CHILD-2", Episode("2024-05-02"), birth="2019-02-28"),
        ),
    )
    folder = write_ssda903(
        tmp_path / "903",
        [episode_row("CHILD-1", "01/04/2024", "S", "C2", "U1")],
    )
    (folder / "header.csv").write_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nCHILD-1,1,17/06/2015,WBRI,A123456789012,,\n"
    )
    data, _ = read_folder(folder)
    return census, data


def test_pseudonyms_are_keyed_and_differ_per_key():
    assert KEY_A.pseudonym("CHILD-1") == KEY_A.pseudonym(" CHILD-1 ")
    assert KEY_A.pseudonym("CHILD-1") != KEY_A.pseudonym("CHILD-2")
    assert KEY_A.pseudonym("CHILD-1") != KEY_B.pseudonym("CHILD-1")
    assert len(KEY_A.pseudonym("CHILD-1")) == 64
    assert KEY_A.key_id != KEY_B.key_id
    assert "aaaa" not in repr(KEY_A)


def test_the_key_comes_from_a_file_or_the_environment_and_never_from_nowhere(tmp_path):
    with pytest.raises(PseudonymKeyError, match="No key"):
        load_key(None, None, environ={})
    with pytest.raises(PseudonymKeyError, match="at least 32"):
        load_key(None, None, environ={"TARTAN_PSEUDONYM_KEY": "short"})
    assert load_key(None, "MY_KEY", environ={"MY_KEY": "k" * 40}).secret == b"k" * 40
    key_file = tmp_path / "keys" / "recipient.key"
    key_file.parent.mkdir()
    key_file.write_text("z" * 64 + "\n")
    assert load_key(key_file, None, environ={}).secret == b"z" * 64
    data = tmp_path / "keys"
    with pytest.raises(PseudonymKeyError, match="with the data"):
        load_key(key_file, None, environ={}, data_places=[data])


def test_an_extract_carries_only_the_purposes_columns_with_dates_and_postcodes_cut(tmp_path):
    census, data = _sources(tmp_path)
    chosen = purpose("placement_stability")
    extract = make_extract(chosen, KEY_A, "DBG", date(2024, 7, 1), None, census, data)
    assert set(extract.tables) == {"ssda903_header", "ssda903_episodes"}
    assert extract.tables["ssda903_header"].columns == ["pseudonym", "SEX", "DOB"]
    header = extract.tables["ssda903_header"].row(0, named=True)
    assert header["pseudonym"] == KEY_A.pseudonym("CHILD-1")
    assert header["DOB"] == date(2015, 6, 1)
    episode = extract.tables["ssda903_episodes"].row(0, named=True)
    assert (episode["HOME_POST"], episode["PL_POST"]) == ("BN1", "TN2")
    written = tmp_path / "extract"
    write_extract(extract, written)
    everything = b"".join(p.read_bytes() for p in written.iterdir())
    assert b"CHILD-1" not in everything
    assert b"A123456789012" not in everything
    assert b"a" * 32 not in everything


def test_the_return_purpose_carries_what_the_items_need_and_no_birth_dates(tmp_path):
    census, data = _sources(tmp_path)
    extract = make_extract(
        purpose("quarterly_return"), KEY_A, "DBG", date(2024, 7, 1), None, census, data
    )
    columns = {c for frame in extract.tables.values() for c in frame.columns}
    assert "CINreferralDate" in columns
    assert "DECOM" in columns
    assert not columns & {"PersonBirthDate", "DOB", "UPN", "HOME_POST", "Ethnicity"}


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("BN1 1AA", "BN1"),
        ("bn11aa", "BN1"),
        ("SW1A 2AA", "SW1A"),
        ("TN34", "TN34"),
        ("M1 1AE", "M1"),
        ("not a postcode", None),
        (None, None),
    ],
)
def test_postcodes_go_to_their_district(text, district):
    frame = pl.DataFrame({"HOME_POST": [text]}, schema={"HOME_POST": pl.String})
    assert frame.select(postcode_district("HOME_POST")).item() == district


def test_purposes_are_checked_when_loaded(tmp_path):
    path = tmp_path / "purposes.toml"
    path.write_text(
        '[purposes.x]\ndescription = "x"\n[purposes.x.tables]\nssda903_header = ["UPN"]\n'
    )
    with pytest.raises(PurposeError, match="direct identifier"):
        load_purposes(path)
    path.write_text(
        '[purposes.x]\ndescription = "x"\n[purposes.x.tables]\nssda903_header = ["SHOE_SIZE"]\n'
    )
    with pytest.raises(PurposeError, match="no column SHOE_SIZE"):
        load_purposes(path)
    with pytest.raises(PurposeError, match="not a purpose"):
        purpose("marketing")


def test_reading_an_extract_applies_the_register(tmp_path):
    census, data = _sources(tmp_path)
    extract = make_extract(
        purpose("quarterly_return"), KEY_A, "DBG", date(2024, 7, 1), None, census, data
    )
    write_extract(extract, tmp_path / "extract")
    register = ErasureRegister(tmp_path / "register.csv", [])
    register.add(KEY_A.pseudonym("CHILD-2"), KEY_A.key_id, date(2024, 8, 1))
    read = read_extract(tmp_path / "extract", register)
    assert read.pseudonyms() == {KEY_A.pseudonym("CHILD-1")}
    # An erasure under another key does not touch this extract.
    other = ErasureRegister(tmp_path / "other.csv", [])
    other.add(KEY_A.pseudonym("CHILD-1"), KEY_B.key_id, date(2024, 8, 1))
    assert len(read_extract(tmp_path / "extract", other).pseudonyms()) == 2
