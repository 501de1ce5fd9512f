"""Reading a value cell as Excel users write it: '1,234', ' 1234 ', '1234.0', 'x'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SYMBOLS = {"x": "not available", "z": "not applicable"}
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([,\u00a0\u202f\u2009 ]\d{3})+(\.\d+)?$")
_SEPARATORS = str.maketrans("", "", ",\u00a0\u202f\u2009 ")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_FORMULA_START = ("=", "@", "\t", "\r")


@dataclass(frozen=True)
class CellValue:
    """What a value cell holds: a number, a symbol, nothing, or text that is not a number."""

    number: Decimal | None = None
    symbol: str | None = None
    blank: bool = False
    formula_like: bool = False

    @property
    def is_number(self) -> bool:
        return self.number is not None


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet would run as a formula if the cell were opened: '=…', '@…', '+cmd'.

    A signed number ('-5', '+12') is not a formula; it is read as a number.
    """
    stripped = text.lstrip(" ")
    if not stripped:
        return False
    if stripped.startswith(_FORMULA_START):
        return True
    if stripped[0] in "+-":
        rest = stripped[1:2]
        return not (rest.isdigit() or rest in (" ", ".", ""))
    return False


def read_value(text: str) -> CellValue:
    cleaned = text.strip()
    if not cleaned:
        return CellValue(blank=True)
    if cleaned.lower() in SYMBOLS:
        return CellValue(symbol=cleaned.lower())
    if looks_like_formula(cleaned):
        return CellValue(formula_like=True)
    compact = cleaned.translate(_SEPARATORS) if _THOUSANDS.match(cleaned) else cleaned
    if not _PLAIN.match(compact):
        return CellValue()
    try:
        return CellValue(number=Decimal(compact))
    except InvalidOperation:
        return CellValue()
