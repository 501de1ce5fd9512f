"""How a figure is written on every rendering: thousands separators, the measure's unit, symbols."""

from __future__ import annotations


def format_value(
    value: float | None, measure: str, decimals: int, symbol: str | None = None
) -> str:
    """'1,234', '16.6%', '393.3', or the DfE symbol; never a made-up zero."""
    if value is None:
        return symbol or "x"
    text = f"{value:,.{decimals}f}"
    return f"{text}%" if measure in ("percent", "percent_2y") else text
