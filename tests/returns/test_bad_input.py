"""Hostile or careless files: each gets a clear finding, none a crash."""

from __future__ import annotations

import io
import zipfile

import xlsxwriter

from tartan.returns.reader import MAX_FILE_BYTES, read_return_path
from tests.returns.samples import HEADER, check, codes, rows, to_csv


def _only(report, code):
    assert not report.accepted
    found = [f for f in report.findings if f.code == code]
    assert found, report.findings
    return found[0]


def test_empty_file():
    finding = _only(check(b""), "E001")
    assert "empty" in finding.message


def test_file_of_blank_lines():
    _only(check(b"\r\n\r\n  \r\n"), "E001")


def test_binary_file():
    report = check(bytes(range(256)) * 10, name="return.csv")
    assert not report.readable
    assert "not text" in _only(report, "E002").message


def test_old_xls_is_named():
    report = check(b"\xd0\xcf\x11\xe0" + b"\x00" * 600, name="return.xls")
    assert ".xls" in _only(report, "E002").message


def test_file_of_50_megabytes_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(to_csv(rows()))
        handle.seek(50 * 1024 * 1024)
        handle.write(b"\n")
    outcome = read_return_path(path)
    assert outcome.table is None
    assert outcome.findings[0].code == "E003"
    assert str(MAX_FILE_BYTES // (1024 * 1024)) in outcome.findings[0].message


def test_zip_bomb_disguised_as_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (200 * 1024 * 1024))
    report = check(buffer.getvalue(), name="return.xlsx")
    assert len(buffer.getvalue()) < 1024 * 1024
    assert "would expand" in _only(report, "E005").message


def test_damaged_workbook():
    report = check(b"PK\x03\x04" + b"garbage" * 100, name="return.xlsx")
    _only(report, "E004")


def test_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _only(check(buffer.getvalue(), name="return.xlsx"), "E004")


def test_workbook_with_formulas():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("Return")
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(rows(), start=1):
        sheet.write_row(number, 0, row)
    sheet.write_formula(2, 4, "=B2*0+180", None, 180)
    book.close()
    finding = _only(check(buffer.getvalue(), name="return.xlsx"), "E305")
    assert "E3" in finding.message
    assert finding.row == 3


def test_cells_starting_like_formulas():
    for start in ("=", "+", "-", "@"):
        body = [[*r[:5], f"{start}cmd|' /C calc'!A0"] if r[3] == "s47" else r for r in rows()]
        finding = _only(check(to_csv(body)), "E304")
        assert finding.column == "comment"
        assert finding.item == "s47"
        assert f"'{start}'" in finding.message


def test_formula_in_the_value_column_is_not_called_a_number():
    body = [[*r[:4], "=SUM(A1:A9)", r[5]] if r[3] == "s47" else r for r in rows()]
    report = check(to_csv(body))
    assert "E304" in codes(report)
    assert "E301" not in codes(report)


def test_wrong_delimiter():
    data = to_csv(rows()).decode().replace(",", ";").encode()
    finding = _only(check(data), "E006")
    assert "semicolons" in finding.message


def test_tab_separated():
    data = to_csv(rows()).decode().replace(",", "\t").encode()
    assert "tabs" in _only(check(data), "E006").message


def test_unicode_lookalike_item_name():
    body = [[*r[:3], "r\u0435ferrals", *r[4:]] if r[3] == "referrals" else r for r in rows()]
    report = check(to_csv(body))
    finding = _only(report, "E201")
    assert "looks like 'referrals'" in finding.message
    assert "Cyrillic" in finding.message
    assert "position 2" in finding.message
    assert "E203" in codes(report)  # and the real item is still missing


def test_fullwidth_item_name_is_not_silently_accepted():
    body = [[*r[:3], "ｓ47", *r[4:]] if r[3] == "s47" else r for r in rows()]
    assert "E201" in codes(check(to_csv(body)))
