"""Money as whole pence (int). Pounds are ``Decimal`` at the edges only: typed in, shown out.

Never a float: ``0.1 + 0.2`` is not ``0.3``, and an invoice must add up to the penny.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")


class MoneyError(ValueError):
    """An amount that is not a whole number of pence, or not a number at all."""


def to_pence(pounds: Decimal | str | int) -> int:
    """``Decimal("12500")`` → 1250000. Refuses floats and fractions of a penny."""
    if isinstance(pounds, float):
        raise MoneyError("money is never a float: pass a Decimal or a string")
    try:
        amount = Decimal(str(pounds).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        raise MoneyError(f"'{pounds}' is not an amount of money") from None
    if not amount.is_finite():
        raise MoneyError(f"'{pounds}' is not an amount of money")
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise MoneyError(f"£{amount} is not a whole number of pence")
    return int(pence)


def to_pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(PENNY)


def format_pence(pence: int, sign: bool = False) -> str:
    """1250000 → ``£12,500.00``; a negative amount → ``-£12.50`` (``+£`` too when ``sign``)."""
    text = f"£{to_pounds(abs(pence)):,.2f}"
    if pence < 0:
        return f"-{text}"
    return f"+{text}" if sign and pence > 0 else text


def percent_of(pence: int, percent: Decimal) -> int:
    """``percent`` % of an amount, rounded half up to the penny (HMRC allows the nearest penny
    on the VAT total of an invoice)."""
    exact = Decimal(pence) * Decimal(percent) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
