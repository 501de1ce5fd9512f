"""The CIN census items on hand-computed cases. Quarter: 2024-25 Q1, 1 April to 30 June 2024.

Bank holidays met on the way: Good Friday 29 March and Easter Monday 1 April 2024, the early May
bank holiday 6 May 2024 and the spring bank holiday 27 May 2024.
"""

from tartan.childlevel.cin_items import (
    assessments,
    children_in_need,
    protection_plans,
    referrals,
    section47,
)
from tartan.periods import Period
from tests.childlevel.builders import Episode, census_xml, child_xml, codes, read_census

Q1 = Period.parse("2024-25 Q1")


def _tables(tmp_path, *children):
    census, log = read_census(tmp_path, census_xml(*children))
    assert census is not None, log.findings
    return census.tables, log


def test_referrals_and_re_referrals_within_12_months(tmp_path):
    tables, _ = _tables(
        tmp_path,
        # Exactly 12 months after the previous referral: within 12 months (counted).
        child_xml("R1", Episode("2023-05-15", "2023-09-01"), Episode("2024-05-15")),
        # 12 months and a day: not within.
        child_xml("R2", Episode("2023-05-14", "2023-09-01"), Episode("2024-05-15")),
        # Closed with no further action: still a referral.
        child_xml("R3", Episode("2024-04-03", "2024-04-03", nfa="true")),
        # Two referrals in the quarter: the second is a re-referral of the first.
        child_xml("R4", Episode("2024-04-10", "2024-04-30"), Episode("2024-06-01")),
        # One referral entered in two episodes: one referral, not a re-referral of itself.
        child_xml("R5", Episode("2024-04-20"), Episode("2024-04-20")),
        # Before the quarter.
        child_xml("R6", Episode("2024-03-31")),
    )
    assert referrals(tables["episode"], Q1) == {"referrals": 6, "rereferrals_12m": 2}


def test_children_in_need_at_quarter_end(tmp_path):
    tables, _ = _tables(
        tmp_path,
        child_xml("A", Episode("2024-01-10")),  # open: counted
        child_xml("B", Episode("2024-01-10", "2024-06-30")),  # closed on the last day: not
        child_xml("C", Episode("2024-01-10", "2024-07-01")),  # closed after: counted
        child_xml("D", Episode("2024-06-30", "2024-06-30", nfa="true")),  # NFA: not
        child_xml("E", Episode("2023-10-01"), Episode("2024-02-01")),  # two open: once
        child_xml("F", Episode("2024-07-02")),  # referred after the quarter: not
        child_xml("G", Episode("2024-05-01", nfa="true")),  # NFA without a closure: not
    )
    assert children_in_need(tables["episode"], Q1) == {"cin_end": 3}


def test_assessments_completed_and_within_45_working_days(tmp_path):
    tables, log = _tables(
        tmp_path,
        child_xml(
            "A",
            Episode(
                "2024-02-20",
                assessments=[
                    ("2024-06-03", "2024-06-03"),  # same day: day 0, on time
                    ("2024-04-10", "2024-06-14"),  # 45 working days (two bank holidays)
                    ("2024-04-10", "2024-06-17"),  # 46: late
                    ("2024-03-01", "2024-04-02"),  # 20, over Easter; started last quarter
                    ("2024-06-20", None),  # not yet authorised
                    ("2024-05-02", "2024-07-01"),  # authorised after the quarter
                    ("2024-05-10", "2024-05-01"),  # authorised before its start: not on time
                ],
            ),
        ),
    )
    assert assessments(tables["assessment"], Q1) == {"assessments": 5, "assessments_45d": 3}
    assert codes(log) == ["C117"]


def test_section_47_and_conferences_within_15_working_days(tmp_path):
    tables, _ = _tables(
        tmp_path,
        # Started on Thursday 21 March 2024; the 15th working day falls after the Easter
        # weekend, on Monday 15 April (without the bank holidays it would be the 17th).
        child_xml("S1", Episode("2024-03-20", enquiries=[("2024-03-21", "2024-04-15")])),
        child_xml("S2", Episode("2024-03-20", enquiries=[("2024-03-21", "2024-04-16")])),
        child_xml("S3", Episode("2024-04-02", enquiries=[("2024-04-02", "2024-04-02")])),
        child_xml("S4", Episode("2024-06-24", enquiries=[("2024-06-25", None)])),
        child_xml("S5", Episode("2024-06-19", enquiries=[("2024-06-20", "2024-07-05")])),
        # One enquiry entered in two episodes, the conference in one of them: counted once.
        child_xml(
            "S6",
            Episode("2024-04-30", enquiries=[("2024-05-01", "2024-05-10")]),
            Episode("2024-04-30", enquiries=[("2024-05-01", None)]),
        ),
    )
    assert section47(tables["section47"], Q1) == {"s47": 4, "icpc": 4, "icpc_15d": 3}


def test_child_protection_plans_and_repeats(tmp_path):
    tables, _ = _tables(
        tmp_path,
        # Previous plan ended 30 June 2023: the new one is within 2 years.
        child_xml(
            "P1",
            Episode("2023-01-01", "2023-07-01", plans=[("2023-01-10", "2023-06-30", 0)]),
            Episode("2024-04-20", plans=[("2024-05-01", None, 1)]),
        ),
        # Previous plan ended 30 April 2022: 2 years and a day before: beyond 2 years.
        child_xml(
            "P2",
            Episode("2021-10-01", "2022-05-01", plans=[("2021-11-01", "2022-04-30", 0)]),
            Episode("2024-04-20", plans=[("2024-05-01", None, 1)]),
        ),
        # Previous plan ended 1 May 2022: exactly 2 years: within.
        child_xml(
            "P3",
            Episode("2021-10-01", "2022-05-02", plans=[("2021-11-01", "2022-05-01", 0)]),
            Episode("2024-04-20", plans=[("2024-05-01", None, 1)]),
        ),
        # Earlier plans elsewhere, not in the file: a repeat, but not known to be within 2y.
        child_xml("P4", Episode("2024-04-01", plans=[("2024-04-10", None, 2)])),
        # A first plan.
        child_xml("P5", Episode("2024-05-20", plans=[("2024-06-01", None, 0)])),
        # A plan that ends in the quarter and a new one that starts in it.
        child_xml(
            "P6",
            Episode("2024-01-02", plans=[("2024-01-15", "2024-05-20", 0), ("2024-06-10", None, 1)]),
        ),
        # Open from before the quarter to after it.
        child_xml("P7", Episode("2023-11-20", plans=[("2023-12-01", None, 0)])),
        # Ends on the quarter's last day: ended, not open at quarter end.
        child_xml("P8", Episode("2024-02-01", plans=[("2024-02-10", "2024-06-30", 0)])),
    )
    assert protection_plans(tables["plan"], Q1) == {
        "cpp_end": 7,  # P1-P7
        "cpp_start": 6,  # P1-P5 and P6's second plan
        "cpp_cease": 2,  # P6's first plan and P8
        "cpp_repeat_ever": 5,  # P1, P2, P3, P4, P6
        "cpp_repeat_2y": 3,  # P1, P3, P6
    }
