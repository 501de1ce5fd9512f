from decimal import Decimal

import pytest

from tartan.governance.money import MoneyError, format_pence, percent_of, to_pence, to_pounds


@pytest.mark.parametrize(
    ("pounds", "pence"),
    [("12500", 1250000), ("6,250.00", 625000), (Decimal("0.01"), 1), ("£1.5", 150), (0, 0)],
)
def test_pounds_become_whole_pence(pounds, pence):
    assert to_pence(pounds) == pence


@pytest.mark.parametrize("bad", ["0.001", "abc", "NaN", "Infinity", 0.1])
def test_fractions_of_a_penny_floats_and_words_are_refused(bad):
    with pytest.raises(MoneyError):
        to_pence(bad)


def test_pence_show_as_pounds():
    assert format_pence(1250000) == "£12,500.00"
    assert format_pence(-1250) == "-£12.50"
    assert format_pence(5, sign=True) == "+£0.05"
    assert to_pounds(625001) == Decimal("6250.01")


@pytest.mark.parametrize(
    ("net", "percent", "vat"),
    [
        (1250000, Decimal("20"), 250000),
        (1, Decimal("20"), 0),
        (3, Decimal("20"), 1),
        (2, Decimal("25"), 1),
    ],
)
def test_vat_rounds_half_up_to_the_penny(net, percent, vat):
    assert percent_of(net, percent) == vat
