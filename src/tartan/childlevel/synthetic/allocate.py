"""Whole numbers with a fixed total, each within its own bounds: the day sums of the adoption
timings must come out exactly, while each child's days stay plausible."""

from __future__ import annotations

import numpy as np


class InfeasibleTotal(ValueError):
    """No whole numbers within the bounds add up to the total."""


def allocate(total: int, wanted: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Whole numbers within [low, high] summing to ``total``, as close to ``wanted`` as it goes.

    Start from ``wanted`` clipped to the bounds, then spread what is left over evenly across the
    values that still have room, so no single child takes all the correction.
    """
    low = low.astype(np.int64)
    high = high.astype(np.int64)
    if np.any(low > high) or not int(low.sum()) <= total <= int(high.sum()):
        raise InfeasibleTotal(
            f"{total} cannot be split into {len(low)} values between their bounds "
            f"(possible totals {int(low.sum())} to {int(high.sum())})"
        )
    values = np.clip(np.rint(wanted).astype(np.int64), low, high)
    remainder = total - int(values.sum())
    while remainder != 0:
        room = (high - values) if remainder > 0 else (values - low)
        movable = np.flatnonzero(room > 0)
        share = abs(remainder) // len(movable)
        step = np.minimum(room[movable], max(share, 1))
        if share == 0:
            step = step[: abs(remainder)]
            movable = movable[: abs(remainder)]
        values[movable] += step if remainder > 0 else -step
        remainder = total - int(values.sum())
    return values
