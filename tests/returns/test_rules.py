"""Every rule: a passing case (the clean return) and a failing case that names the place."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import xlsxwriter

from tartan.returns.findings import READ_CODES
from tartan.returns.rules import RULES
from tests.returns.samples import FIGURES, HEADER, PREVIOUS, check, codes, rows, to_csv


def _set(item: str, value: str, body: list[list[str]] | None = None) -> list[list[str]]:
    body = body or rows()
    return [[*r[:4], value, r[5]] if r[3] == item else r for r in body]


def _xlsx_with_formula() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Return")
    sheet.write_row(0, 0, ["la_code", "la_name", "period", "item", "value", "comment"])
    for number, row in enumerate(rows(), start=1):
        sheet.write_row(number, 0, row)
    sheet.write_formula(1, 4, "=1000+50", None, 1050)
    book.close()
    return buffer.getvalue()


def _overflowing() -> bytes:
    body = [[*r[:5], "rise after a campaign"] if r[3] == "referrals" else r for r in rows()]
    text = to_csv(body).decode().replace("referrals,1050,", "referrals,1,050,", 1)
    return text.encode()


FAILING = {
    "E101": (
        lambda: to_csv(
            [r[:4] + r[5:] for r in rows()], ["la_code", "la_name", "period", "item", "comment"]
        ),
        {},
        None,
    ),
    "E102": (lambda: to_csv([[*r, "x"] for r in rows()], [*HEADER, "notes"]), {}, None),
    "E103": (
        lambda: to_csv(
            [[*r, ""] for r in rows()],
            ["la_code", "la_name", "period", "item", "value", "comment", "comment"],
        ),
        {},
        None,
    ),
    "E104": (_overflowing, {}, "referrals"),
    "E201": (
        lambda: to_csv([*rows(), ["845", "East Sussex", "2024-25 Q1", "referals", "3", ""]]),
        {},
        "referals",
    ),
    "E202": (
        lambda: to_csv([*rows(), ["845", "East Sussex", "2024-25 Q1", "s47", "330", ""]]),
        {},
        "s47",
    ),
    "E203": (lambda: to_csv([r for r in rows() if r[3] != "icpc_15d"]), {}, "icpc_15d"),
    "E301": (lambda: to_csv(_set("s47", "n/a")), {}, "s47"),
    "E302": (lambda: to_csv(_set("s47", "-5")), {}, "s47"),
    "E303": (lambda: to_csv(_set("s47", "12.5")), {}, "s47"),
    "E304": (
        lambda: to_csv(
            [[*r[:5], '=HYPERLINK("http://x")'] if r[3] == "s47" else r for r in rows()]
        ),
        {},
        "s47",
    ),
    "E305": (_xlsx_with_formula, {}, None),
    "E401": (lambda: to_csv(rows(la="999")), {}, None),
    "E402": (lambda: to_csv(rows()), {"expected_la": "846"}, None),
    "E403": (lambda: to_csv([["846", *r[1:]] if r[3] == "s47" else r for r in rows()]), {}, "s47"),
    "E404": (lambda: to_csv(rows(la="928", name="Northamptonshire")), {}, None),
    "E405": (lambda: to_csv(rows(period="2024 Q1")), {}, None),
    "E406": (lambda: to_csv(rows()), {"expected_period": "2024-25 Q2"}, None),
    "E407": (
        lambda: to_csv([[*r[:2], "2024-25 Q2", *r[3:]] if r[3] == "s47" else r for r in rows()]),
        {},
        "s47",
    ),
    "E501": (lambda: to_csv(_set("rereferrals_12m", "2000")), {}, "rereferrals_12m"),
    "E502": (
        lambda: to_csv(_set("a3_under_14m", "0", _set("a2_children", "0", _set("adopted", "0")))),
        {},
        "a1_days",
    ),
    "Q201": (lambda: to_csv(_set("s47", "")), {}, "s47"),
    "Q401": (lambda: to_csv(rows(name="West Sussex")), {}, None),
    "Q601": (
        lambda: to_csv(_set("referrals", "1700")),
        {"previous": {k: Decimal(v) for k, v in PREVIOUS.items()}},
        "referrals",
    ),
    "Q602": (lambda: to_csv(_set("s47", "9000")), {}, "s47"),
    "Q603": (
        lambda: to_csv(_set("cla_end", "900")),
        {"previous": {k: Decimal(v) for k, v in PREVIOUS.items()}},
        "cla_end",
    ),
}


def test_every_rule_has_a_failing_case():
    assert set(RULES) == set(FAILING)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_passes_the_clean_return(code, clean_csv):
    previous = {k: Decimal(v) for k, v in PREVIOUS.items()}
    report = check(clean_csv, expected_la="845", expected_period="2024-25 Q1", previous=previous)
    assert code not in codes(report)
    assert report.accepted


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fails_its_case_and_names_the_place(code):
    make, settings, item = FAILING[code]
    data = make()
    name = "return.xlsx" if data[:2] == b"PK" else "return.csv"
    report = check(data, name=name, **settings)
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not raised; got {codes(report)}"
    finding = found[0]
    assert finding.file == name
    assert finding.message
    assert len(finding.message) > 20
    if item is not None:
        assert finding.item == item
        assert finding.row is not None or code == "E203"  # a missing row has no row number
    if code.startswith("E"):
        assert not report.accepted
    else:
        assert report.accepted


def test_read_codes_do_not_clash_with_rule_codes():
    assert not set(READ_CODES) & set(RULES)


def test_part_whole_message_names_both_figures():
    report = check(to_csv(_set("icpc_15d", "250")))
    [finding] = [f for f in report.findings if f.code == "E501"]
    assert "icpc_15d (250)" in finding.message
    assert "icpc (200)" in finding.message
    assert finding.row == 9
    assert finding.column == "value"


def test_repeat_chain_is_checked_link_by_link():
    report = check(to_csv(_set("cpp_repeat_2y", "60")))
    messages = [f.message for f in report.findings if f.code == "E501"]
    assert any("cpp_repeat_2y (60) is larger than cpp_repeat_ever (50)" in m for m in messages)


def test_symbols_x_and_z_are_accepted():
    report = check(to_csv(_set("a2_days", "x", _set("a1_days", "Z"))))
    assert report.accepted
    assert report.quarterly_return is not None
    assert report.quarterly_return.symbols == {"a1_days": "z", "a2_days": "x"}


def test_figures_are_kept_exactly():
    report = check(to_csv(_set("a1_days", "2900.5")))
    assert report.accepted
    assert report.quarterly_return is not None
    assert report.quarterly_return.numbers["a1_days"] == Decimal("2900.5")
    assert report.quarterly_return.numbers["referrals"] == Decimal(FIGURES["referrals"])


def test_one_pass_reports_every_finding_it_can():
    """A non-number in one cell does not hide a part larger than its whole in another, nor a
    query on a third (issue 14.9)."""
    body = _set("s47", "three hundred")
    body = _set("assessments_45d", "1200", body)  # more than the 990 assessments
    report = check(to_csv(body), previous=PREVIOUS | {"referrals": 400})
    found = {(f.code, f.item) for f in report.findings}
    assert ("E301", "s47") in found
    assert ("E501", "assessments_45d") in found
    assert ("Q601", "referrals") in found
    # The checks that need the unreadable cell are skipped, not guessed.
    assert not any(f.item == "icpc" and f.code == "E501" for f in report.findings)
