"""An erased child never comes back through an import or a merge of older extracts."""

from datetime import date

import pytest

from tartan.childlevel.erasure import ErasureRegister, RegisterError
from tartan.childlevel.extracts import (
    ExtractError,
    make_extract,
    merge_extracts,
    read_extract,
    write_extract,
)
from tartan.childlevel.pseudonyms import PseudonymKey
from tartan.childlevel.purposes import purpose
from tests.childlevel.builders import episode_row, read_folder, write_ssda903

KEY = PseudonymKey(b"k" * 40)


def _extract(
    tmp_path, name, children, made_on, key=KEY, purpose_name="quarterly_return", register=None
):
    folder = write_ssda903(
        tmp_path / f"{name}-903",
        [episode_row(child, decom, "S", "C2", "U1") for child, decom in children],
    )
    data, _ = read_folder(folder)
    extract = make_extract(purpose(purpose_name), key, "DBG", made_on, register, ssda903=data)
    write_extract(extract, tmp_path / name)
    return tmp_path / name


def test_merging_an_older_extract_does_not_bring_an_erased_child_back(tmp_path):
    older = _extract(
        tmp_path, "older", [("ALICE", "01/01/2024"), ("BOB", "01/02/2024")], date(2024, 4, 1)
    )
    register = ErasureRegister(tmp_path / "register.csv", [])
    register.add(KEY.pseudonym("ALICE"), KEY.key_id, date(2024, 5, 1), "erasure request")
    register.save()
    # After the erasure the LA's newer extract no longer holds Alice, but the older one does.
    newer = _extract(
        tmp_path,
        "newer",
        [("BOB", "01/02/2024"), ("CAROL", "01/05/2024")],
        date(2024, 7, 1),
        register=register,
    )
    register = ErasureRegister.load(tmp_path / "register.csv")
    merged = merge_extracts(
        [read_extract(newer, register), read_extract(older, register)], register
    )
    assert merged.pseudonyms() == {KEY.pseudonym("BOB"), KEY.pseudonym("CAROL")}
    assert KEY.pseudonym("ALICE") not in set(
        merged.tables["ssda903_episodes"]["pseudonym"].to_list()
    )
    # Even handed the older extract as it was before the erasure, the merge drops Alice.
    unfiltered = read_extract(older, ErasureRegister(tmp_path / "empty.csv", []))
    assert KEY.pseudonym("ALICE") in unfiltered.pseudonyms()
    merged_again = merge_extracts([unfiltered, read_extract(newer, register)], register)
    assert KEY.pseudonym("ALICE") not in merged_again.pseudonyms()


def test_the_newest_extract_holding_a_child_wins(tmp_path):
    older = _extract(
        tmp_path, "older", [("BOB", "01/02/2024"), ("DAVE", "01/03/2023")], date(2024, 4, 1)
    )
    newer = _extract(tmp_path, "newer", [("BOB", "15/02/2024")], date(2024, 7, 1))
    register = ErasureRegister(tmp_path / "register.csv", [])
    merged = merge_extracts(
        [read_extract(newer, register), read_extract(older, register)], register
    )
    episodes = merged.tables["ssda903_episodes"]
    bob = episodes.filter(episodes["pseudonym"] == KEY.pseudonym("BOB"))["DECOM"].to_list()
    assert bob == ["2024-02-15"]  # the newer extract's record replaces the older one
    assert KEY.pseudonym("DAVE") in merged.pseudonyms()  # kept from the older extract
    assert merged.manifest.made_on == date(2024, 7, 1)


def test_extracts_with_different_keys_or_purposes_are_not_merged(tmp_path):
    register = ErasureRegister(tmp_path / "register.csv", [])
    first = read_extract(
        _extract(tmp_path, "a", [("BOB", "01/02/2024")], date(2024, 4, 1)), register
    )
    other_key = read_extract(
        _extract(
            tmp_path, "b", [("BOB", "01/02/2024")], date(2024, 4, 1), key=PseudonymKey(b"x" * 40)
        ),
        register,
    )
    other_purpose = read_extract(
        _extract(
            tmp_path,
            "c",
            [("BOB", "01/02/2024")],
            date(2024, 4, 1),
            purpose_name="adoption_timeliness",
        ),
        register,
    )
    with pytest.raises(ExtractError, match="different keys"):
        merge_extracts([first, other_key], register)
    with pytest.raises(ExtractError, match="different purposes"):
        merge_extracts([first, other_purpose], register)


def test_the_register_must_exist_and_holds_no_identifiers(tmp_path):
    with pytest.raises(RegisterError, match="no erasure register"):
        ErasureRegister.load(tmp_path / "typo.csv")
    register = ErasureRegister.open_or_create(tmp_path / "register.csv")
    assert register.add(KEY.pseudonym("ALICE"), KEY.key_id, date(2024, 5, 1))
    assert not register.add(KEY.pseudonym("ALICE"), KEY.key_id, date(2024, 6, 1))
    register.save()
    text = (tmp_path / "register.csv").read_text()
    assert "ALICE" not in text
    assert KEY.pseudonym("ALICE") in text
    assert ErasureRegister.load(tmp_path / "register.csv").erased(KEY.key_id) == {
        KEY.pseudonym("ALICE")
    }
