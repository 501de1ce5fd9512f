"""Decimals as people read them.

``str(Decimal("20.00").normalize())`` is ``"2E+1"``: normalising strips trailing zeros and Python
then prints the exponent. Every Decimal the service shows goes through ``plain`` instead, which
never prints an exponent (issue 17, point 8: the subscriptions page said "VAT at 2E+1%").
"""

from __future__ import annotations

from decimal import Decimal


def plain(value: Decimal | int | str, *, grouped: bool = False) -> str:
    """``Decimal("20.00")`` → ``"20"``, ``Decimal("17.50")`` → ``"17.5"``, ``Decimal("1E+3")`` →
    ``"1000"`` (``"1,000"`` when ``grouped``): no trailing zeros, no exponent."""
    number = Decimal(value)
    if number == number.to_integral_value():
        whole = int(number)
        return f"{whole:,}" if grouped else str(whole)
    text = f"{number.normalize():,f}" if grouped else f"{number.normalize():f}"
    return text


def percent(value: Decimal | int | str) -> str:
    """``Decimal("20.00")`` → ``"20%"``."""
    return f"{plain(value)}%"
