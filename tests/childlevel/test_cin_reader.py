"""Reading the CIN census: schema years, bad values, malformed files and entity attacks."""

from datetime import date

import pytest

from tartan.childlevel.cin_reader import read_cin_census
from tests.childlevel.builders import Episode, census_xml, child_xml, codes, read_census


def test_a_recent_census_reads_into_tables(tmp_path):
    census, log = read_census(
        tmp_path,
        census_xml(
            child_xml(
                "A1",
                Episode(
                    "2024-04-02",
                    "2024-05-01",
                    assessments=[("2024-04-02", "2024-04-20")],
                    enquiries=[("2024-04-03", "2024-04-15")],
                    plans=[("2024-04-15", None, 0)],
                ),
            )
        ),
    )
    assert census is not None
    assert log.findings == []
    assert census.header.lea == "845"
    assert census.header.reference_date == date(2025, 3, 31)
    assert census.tables["child"]["child"].to_list() == ["A1"]
    assert census.tables["episode"]["CINreferralDate"].to_list() == [date(2024, 4, 2)]
    assert census.tables["episode"]["ReferralNFA"].to_list() == [False]
    assert census.tables["section47"]["DateOfInitialCPC"].to_list() == [date(2024, 4, 15)]
    assert census.tables["plan"]["NumberOfPreviousCPP"].to_list() == [0]


def test_older_and_newer_schema_spellings_are_read_alike(tmp_path):
    # 2016-17 style: 0/1 yes-no values, SeenSocialWorker in plans, <Sex>, dates with a time,
    # a comment, and a newer element (CINPlanDates).
    xml = b"""<?xml version="1.0"?>
<Message>
  <Header><Source><LEA>845</LEA></Source></Header>
  <Children>
    <Child>
      <!-- exported by a case system -->
      <ChildIdentifiers><LAchildID>B2</LAchildID><Sex>2</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
        <Disabilities><Disability>MOB</Disability><Disability>HAND</Disability></Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-04-02T00:00:00</CINreferralDate>
        <ReferralNFA>1</ReferralNFA>
        <CINPlanDates><CINPlanStartDate>2024-04-10Z</CINPlanStartDate></CINPlanDates>
        <ChildProtectionPlans>
          <CPPstartDate>2024-04-05+01:00</CPPstartDate>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <SeenSocialWorker>0</SeenSocialWorker>
          <Reviews><CPPreviewDate>2024-05-01</CPPreviewDate><CPPreviewDate>2024-08-01</CPPreviewDate></Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
  </Children>
</Message>"""
    census, log = read_census(tmp_path, xml)
    assert census is not None
    assert log.findings == []
    child = census.tables["child"].row(0, named=True)
    assert child["GenderCurrent"] == "2"
    assert child["Disabilities"] == "MOB;HAND"
    assert census.tables["episode"]["CINreferralDate"].to_list() == [date(2024, 4, 2)]
    assert census.tables["episode"]["ReferralNFA"].to_list() == [True]
    plan = census.tables["plan"].row(0, named=True)
    assert plan["CPPstartDate"] == date(2024, 4, 5)
    assert plan["SeenSocialWorker"] is False
    assert plan["CPPreviewDate"] == "2024-05-01;2024-08-01"
    assert census.tables["cin_plan"]["CINPlanStartDate"].to_list() == [date(2024, 4, 10)]


def test_bad_values_are_reported_with_the_child_and_element_and_ignored(tmp_path):
    xml = census_xml(
        child_xml(
            "C3",
            Episode(
                "01/04/2024",  # UK format: not xs:date, and the episode has no referral date
                assessments=[("2024-13-01", None)],  # month 13; the assessment is left out
                plans=[("2024-04-05", "2024-04-01", 0)],  # ends before it starts
            ),
            Episode("2024-04-20", nfa="maybe"),
        ),
        child_xml("", Episode("2024-04-02")),  # no LAchildID
        child_xml("C3", Episode("2024-05-01")),  # the same LAchildID again
    ).replace(b"<NumberOfPreviousCPP>0<", b"<NumberOfPreviousCPP>one<")
    census, log = read_census(tmp_path, xml)
    assert census is not None
    assert sorted(codes(log)) == [
        "C111",
        "C112",
        "C112",
        "C113",
        "C113",
        "C114",
        "C115",
        "C117",
        "C118",
    ]
    bad_date = next(f for f in log.findings if f.code == "C112")
    assert "C3" in bad_date.message
    assert bad_date.column == "CINreferralDate"
    assert bad_date.row is not None
    assert bad_date.row > 1
    # The episode without a usable referral date is left out; the other two remain.
    assert census.tables["episode"]["CINreferralDate"].to_list() == [
        date(2024, 4, 20),
        date(2024, 5, 1),
    ]
    assert census.tables["assessment"].height == 0
    assert census.tables["plan"]["NumberOfPreviousCPP"].to_list() == [None]


def test_an_unknown_element_is_reported_once(tmp_path):
    xml = census_xml(child_xml("D4", Episode("2024-04-02")), child_xml("D5", Episode("2024-04-03")))
    xml = xml.replace(
        b"<ReferralSource>", b"<FavouriteColour>blue</FavouriteColour><ReferralSource>"
    )
    census, log = read_census(tmp_path, xml)
    assert census is not None
    assert codes(log) == ["C116"]
    assert log.findings[0].column == "FavouriteColour"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "C101"),
        (b"   \n\n", "C101"),
        (b"<Message><Children><Child><ChildIdentifiers>", "C102"),
        (b"<Message><Children></Message>", "C102"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "C102"),
        (b"<Return><Children><Child/></Children></Return>", "C104"),
        (b"<Message><Children></Children></Message>", "C104"),
    ],
)
def test_a_file_that_is_not_a_census_blocks_with_a_finding(tmp_path, data, code):
    census, log = read_census(tmp_path, data)
    assert census is None
    assert codes(log) == [code]
    assert log.blocked


def test_a_missing_file_and_another_las_census_block(tmp_path):
    read = read_cin_census(tmp_path / "nowhere.xml")
    assert read.census is None
    assert codes(read.log) == ["C106"]
    path = tmp_path / "cin.xml"
    path.write_bytes(census_xml(child_xml("E1", Episode("2024-04-02")), lea="846"))
    read = read_cin_census(path, expected_la="845")
    assert read.census is None
    assert codes(read.log) == ["C105"]


def test_external_entities_are_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE Message [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        "<Message><Children><Child><ChildIdentifiers><LAchildID>&xxe;</LAchildID>"
        "</ChildIdentifiers></Child></Children></Message>"
    ).encode()
    census, log = read_census(tmp_path, xml)
    assert census is None
    assert codes(log) == ["C103"]
    assert all("TOP-SECRET" not in f.message for f in log.findings)


def test_a_billion_laughs_is_refused_without_expanding(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE Message [{entities}]>\n'
        "<Message><Children><Child><ChildIdentifiers><LAchildID>&lol9;</LAchildID>"
        "</ChildIdentifiers></Child></Children></Message>"
    ).encode()
    census, log = read_census(tmp_path, xml)
    assert census is None
    assert codes(log) == ["C103"]


def test_a_document_type_hidden_after_a_long_comment_is_still_refused(tmp_path):
    # Past the first 64 KB the quick check cannot see it; the parser's own check does.
    padding = b"<!--" + b" " * 70_000 + b"-->\n"
    xml = (
        b'<?xml version="1.0"?>\n' + padding + b'<!DOCTYPE Message [<!ENTITY x "y">]>\n'
        b"<Message><Children><Child><ChildIdentifiers><LAchildID>&x;</LAchildID>"
        b"</ChildIdentifiers></Child></Children></Message>"
    )
    census, log = read_census(tmp_path, xml)
    assert census is None
    assert codes(log) == ["C103"]


def test_the_reader_streams_and_reports_its_progress(tmp_path):
    children = [child_xml(f"K{i}", Episode("2024-04-02")) for i in range(2000)]
    path = tmp_path / "cin.xml"
    path.write_bytes(census_xml(*children))
    seen: list[int] = []
    read = read_cin_census(path, progress=seen.append)
    assert read.census is not None
    assert read.census.tables["child"].height == 2000
    assert sum(seen) == path.stat().st_size
    assert len(seen) > 1  # read in pieces, not in one go


def test_a_census_in_a_foreign_namespace_is_refused(tmp_path):
    # The DfE's CIN census schema has no target namespace: elements in one belong to some
    # other format, and reading them as a census would be a guess.
    xml = b"""<?xml version="1.0"?>
<Message xmlns="urn:example:not-cin">
  <Header><Source><LEA>845</LEA></Source></Header>
  <Children><Child><ChildIdentifiers><LAchildID>B2</LAchildID></ChildIdentifiers>
    <CINdetails><CINreferralDate>2024-04-02</CINreferralDate></CINdetails></Child></Children>
</Message>"""
    census, log = read_census(tmp_path, xml)
    assert census is None
    assert [(f.code, f.column) for f in log.findings] == [("C107", "Message")]
    assert "urn:example:not-cin" in log.findings[0].message


def test_the_2026_pre_proceedings_module_is_read(tmp_path):
    xml = b"""<?xml version="1.0"?>
<Message>
  <Header><Source><LEA>845</LEA></Source></Header>
  <Children><Child><ChildIdentifiers><LAchildID>B2</LAchildID><Sex>F</Sex></ChildIdentifiers>
    <CINdetails><CINreferralDate>2026-09-01</CINreferralDate>
      <PreProceedingsandFGDM><PPStartDate>2026-09-09</PPStartDate>
        <FGDMMeetingOffer>1</FGDMMeetingOffer><ReviewMeetingsCount>3</ReviewMeetingsCount>
        <PPOutcome>A</PPOutcome><CourtAppDate>2026-12-18</CourtAppDate>
      </PreProceedingsandFGDM></CINdetails></Child></Children>
</Message>"""
    census, log = read_census(tmp_path, xml)
    assert census is not None
    assert log.findings == []
    row = census.tables["pre_proceedings"].row(0, named=True)
    assert row["PPStartDate"] == date(2026, 9, 9)
    assert row["FGDMMeetingOffer"] is True
    assert row["ReviewMeetingsCount"] == 3
    assert row["CourtAppDate"] == date(2026, 12, 18)
