"""tartan reads the CIN census and SSDA903 fake data files that the DfE rule validators of
Data to Insight publish (their repositories' ``fake_data``), read from a copy on this machine
(see ``validator_mirrors``)."""

from __future__ import annotations

import shutil

import pytest
from lxml import etree

from tartan.childlevel.cin_reader import read_cin_census
from tartan.childlevel.compute import compute_return
from tartan.childlevel.ssda903_reader import read_ssda903
from tartan.periods import Period
from tests.childlevel.validator_mirrors import fake_data


def test_every_fake_cin_census_reads_with_every_element_known(tmp_path):
    files = [p for p in fake_data("cin", "fake_data", tmp_path) if p.suffix == ".xml"]
    assert any(p.name == "CIN_Census_2026.xml" for p in files)
    for path in files:
        read = read_cin_census(path)
        assert read.census is not None, path.name
        codes = {f.code for f in read.log.findings}
        assert "C116" not in codes, (path.name, read.log.findings)
        children = etree.parse(str(path)).getroot().findall("Children/Child")
        assert read.census.tables["child"].height == len(children), path.name
        modules = sum(len(c.findall("CINdetails")) for c in children)
        assert read.census.tables["episode"].height == modules, path.name


def test_the_2026_fake_census_has_its_pre_proceedings_read(tmp_path):
    files = {p.name: p for p in fake_data("cin", "fake_data", tmp_path)}
    census = read_cin_census(files["CIN_Census_2026.xml"]).census
    assert census is not None
    assert census.tables["pre_proceedings"].height == 1
    assert census.tables["pre_proceedings"]["PPOutcome"].to_list() == ["A"]


def test_the_large_fake_census_gives_a_return(tmp_path):
    files = {p.name: p for p in fake_data("cin", "fake_data", tmp_path)}
    result = compute_return(Period.parse("2021-22 Q2"), cin=files["fake_CIN_data.xml"])
    assert not result.blocked
    assert set(result.figures) >= {"referrals", "cin_end", "cpp_end"}
    assert result.figures["referrals"] > 0


@pytest.mark.parametrize("table", ["episodes", "header", "ad1", "placed_for_adoption"])
def test_the_fake_ssda903_tables_read(tmp_path, table):
    files = {p.name: p for p in fake_data("903", "tests/fake_data", tmp_path / "all")}
    folder = tmp_path / "903"
    folder.mkdir()
    for name in ("episodes.csv", "header.csv", "ad1.csv", "placed_for_adoption.csv"):
        shutil.copy(files[name], folder / name)
    read = read_ssda903(folder)
    assert read.data is not None, read.log.findings
    name = {"placed_for_adoption": "PlacedAdoption", "ad1": "AD1"}.get(table, table.title())
    rows = sum(1 for line in files[f"{table}.csv"].read_text().splitlines()[1:] if line.strip())
    left_out = {f.row for f in read.log.findings if f.code in ("C205", "C207")}
    assert read.data.table(name).height + len(left_out) <= rows
    assert read.data.table(name).height > 0
