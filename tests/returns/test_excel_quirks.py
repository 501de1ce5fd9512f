"""What Excel and council systems produce is read as the analyst meant it."""

from __future__ import annotations

import io

import xlsxwriter

from tests.returns.samples import HEADER, check, rows, to_csv


def test_utf8_bom_is_ignored(clean_csv):
    report = check(b"\xef\xbb\xbf" + clean_csv)
    assert report.accepted
    assert not report.findings


def test_windows_1252_is_read():
    body = [[*r[:5], "Fostering café scheme"] if r[3] == "referrals" else r for r in rows()]
    data = to_csv(body).decode().encode("cp1252")
    report = check(data)
    assert report.accepted
    assert report.quarterly_return is not None
    assert report.quarterly_return.comments["referrals"] == "Fostering café scheme"


def test_thousands_separators_and_stray_spaces():
    body = [
        [*r[:4], " 1,050 ", r[5]] if r[3] == "referrals" else [f" {c} " for c in r] for r in rows()
    ]
    report = check(to_csv(body, [f" {h.upper()} " for h in HEADER]))
    assert report.accepted, report.findings
    assert report.quarterly_return is not None
    assert report.quarterly_return.numbers["referrals"] == 1050


def test_trailing_blank_rows_are_ignored(clean_csv):
    report = check(clean_csv + b",,,,,\r\n,,,,,\r\n\r\n")
    assert report.accepted
    assert not report.findings


def test_numbers_stored_as_text_in_a_workbook():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Return")
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(rows(), start=1):
        sheet.write_row(number, 0, row[:4])
        sheet.write_string(number, 4, row[4])  # the green-triangle "number stored as text"
    sheet.write_number(1, 0, 845)  # and an LA code typed as a number
    book.close()
    report = check(buffer.getvalue(), name="return.xlsx")
    assert report.accepted, report.findings
    assert report.quarterly_return is not None
    assert report.quarterly_return.numbers["referrals"] == 1050


def test_workbook_positions_are_the_cells_the_analyst_sees():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Notes")
    sheet.write(0, 0, "a sheet before the return")
    sheet = book.add_worksheet("Return")
    sheet.write_row(2, 1, HEADER)  # starts at B3, after two empty rows
    for number, row in enumerate(rows(), start=3):
        sheet.write_row(number, 1, row)
    sheet.write_string(5, 5, "lots")  # F6: the third data row's value
    book.close()
    report = check(buffer.getvalue(), name="return.xlsx")
    [finding] = [f for f in report.findings if f.code == "E301"]
    assert (finding.row, finding.column, finding.item) == (6, "value", "assessments")


def test_header_in_another_order_is_read_by_name():
    order = [5, 3, 4, 0, 2, 1]
    header = [HEADER[i] for i in order]
    body = [[r[i] for i in order] for r in rows()]
    report = check(to_csv(body, header))
    assert report.accepted
    assert not report.findings
    assert report.quarterly_return is not None
    assert report.quarterly_return.numbers["s47"] == 330
