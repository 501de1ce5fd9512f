"""Decimals are shown without exponents anywhere (issue 17, point 8: "VAT at 2E+1%")."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tartan.decimals import percent, plain

SRC = Path(__file__).resolve().parents[1] / "src" / "tartan"


@pytest.mark.parametrize(
    ("value", "text", "grouped"),
    [
        (Decimal("20.00"), "20", "20"),
        (Decimal("17.50"), "17.5", "17.5"),
        (Decimal("1E+3"), "1000", "1,000"),
        (Decimal("1234567.890"), "1234567.89", "1,234,567.89"),
        (Decimal("0.0001"), "0.0001", "0.0001"),
        (Decimal("-300.0"), "-300", "-300"),
        (5, "5", "5"),
    ],
)
def test_plain_never_prints_an_exponent(value, text, grouped):
    assert plain(value) == text
    assert plain(value, grouped=True) == grouped


def test_percent():
    assert percent(Decimal("20.00")) == "20%"
    assert percent("12.5") == "12.5%"


def test_no_other_code_or_template_normalises_a_decimal_itself():
    """The class of defect: ``.normalize()`` printed without ``:f`` shows an exponent. Only
    tartan.decimals may normalise; everything else calls it."""
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*")
        if path.suffix in {".py", ".html", ".j2", ".txt"}
        and path.name != "decimals.py"
        and re.search(r"\.normalize\(\)", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
