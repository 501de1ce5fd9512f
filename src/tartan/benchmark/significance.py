"""Funnel-plot significance: does an LA differ from England beyond chance?

Control limits around England's figure at the LA's own size (its population for a rate, its
denominator for a percentage), at 95% and 99.8%: exact Poisson for rates, exact binomial for
percentages (Spiegelhalter's funnel plots, as public health observatories draw them). An LA
outside the 99.8% limits is 'above 99.8%' or 'below 99.8%'; between the two, '95%'.
Counts and average days are not tested.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
from scipy import stats

LEVELS = (0.998, 0.95)


def _counts_at(
    kind: str, quantiles: np.ndarray | float, base: np.ndarray, target: np.ndarray
) -> np.ndarray:
    """The count at each quantile for a figure of ``target`` at size ``base``: exact Poisson
    for a rate (per 10,000), exact binomial for a percentage."""
    if kind == "rate":
        return stats.poisson.ppf(quantiles, target / 10_000 * base)
    return stats.binom.ppf(quantiles, np.rint(base), np.clip(target / 100, 0, 1))


def _limits(
    kind: str, expected_base: np.ndarray, target: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - level) / 2
    return (
        _counts_at(kind, tail, expected_base, target),
        _counts_at(kind, 1 - tail, expected_base, target),
    )


def significance(frame: pl.DataFrame) -> pl.Series:
    """One label per row of a frame with measure, numerator, denominator and england_value."""
    labels = np.full(frame.height, None, dtype=object)
    measures = frame["measure"].to_numpy()
    observed = frame["numerator"].to_numpy().astype(float)
    base = frame["denominator"].to_numpy().astype(float)
    target = frame["england_value"].to_numpy().astype(float)
    for kind, names in (("rate", ("rate",)), ("percent", ("percent", "percent_2y"))):
        rows = (
            np.isin(measures, names)
            & ~np.isnan(observed)
            & ~np.isnan(base)
            & ~np.isnan(target)
            & (base > 0)
        )
        if not rows.any():
            continue
        index = np.flatnonzero(rows)
        outcome = np.full(index.size, "within", dtype=object)
        for level in reversed(LEVELS):  # 95% first, 99.8% overwrites where it also holds
            low, high = _limits(kind, base[index], target[index], level)
            tag = f"{level * 100:g}%"
            outcome = np.where(observed[index] > high, f"above {tag}", outcome)
            outcome = np.where(observed[index] < low, f"below {tag}", outcome)
        labels[index] = outcome
    return pl.Series("significance", labels.tolist(), dtype=pl.String)


def control_limits(
    measure: str, sizes: list[float], target: float
) -> tuple[tuple[float, float, float, float, float], ...]:
    """The funnel: at each size (population or denominator), the figure's 99.8% and 95% limits
    around ``target``, in the measure's own unit (per 10,000 or %), as drawn on a funnel plot."""
    kind = "rate" if measure == "rate" else "percent"
    scale = 10_000.0 if kind == "rate" else 100.0
    base = np.asarray(sizes, dtype=float)
    trials = base if kind == "rate" else np.rint(base)
    # The four limits in one call of the distribution (each call costs far more than its
    # points; a national run draws two thousand funnels).
    tails = [(1 - level) / 2 for level in LEVELS]
    quantiles = np.repeat([tails[0], 1 - tails[0], tails[1], 1 - tails[1]], base.size)
    found = _counts_at(kind, quantiles, np.tile(base, 4), np.full(4 * base.size, target))
    wide_low, wide_high, near_low, near_high = found.reshape(4, base.size)

    def at(i: int) -> float:
        return float(trials[i]) / scale

    return tuple(
        (
            float(size),
            float(wide_low[i]) / at(i),
            float(near_low[i]) / at(i),
            float(near_high[i]) / at(i),
            float(wide_high[i]) / at(i),
        )
        for i, size in enumerate(base)
    )


SIDE = {"above": "higher", "below": "lower"}


def significance_words(label: str | None, polarity: str, against: str = "England") -> str:
    """What a significance label means, in words: 'significantly higher than England (99.8%):
    worse' with a polarity, '…: higher, no polarity' without one; 'not significantly different
    from England' within the limits; '' where it was not tested."""
    if not label:
        return ""
    if label == "within":
        return f"not significantly different from {against} (95%)"
    side, _, level = label.partition(" ")
    higher = side == "above"
    words = f"significantly {SIDE[side]} than {against} ({level})"
    if polarity == "none":
        return f"{words}: {SIDE[side]}, no polarity"
    better = higher == (polarity == "high")
    return f"{words}: {'better' if better else 'worse'}"


def change_beyond_chance(
    measure: str,
    numerator: float | None,
    denominator: float | None,
    earlier_numerator: float | None,
    earlier_denominator: float | None,
    level: float = 0.95,
) -> bool | None:
    """Is the change from an earlier, separate period beyond chance (two-sided, ``level``)?

    Rates: two Poisson rates compared with the pooled rate's variance; percentages: the
    two-proportion z test with the pooled share. Normal approximations, as LAs' counts are
    large enough for them and they cost microseconds per row (3,000 rows a national run).
    None where it cannot be tested (counts, average days, missing or zero figures)."""
    figures = (numerator, denominator, earlier_numerator, earlier_denominator)
    if measure not in ("rate", "percent", "percent_2y") or any(f is None for f in figures):
        return None
    n1, d1, n0, d0 = (float(f) for f in figures)  # type: ignore[arg-type]
    if d1 <= 0 or d0 <= 0:
        return None
    if measure == "rate":
        pooled = (n1 + n0) / (d1 + d0)
        variance = pooled / d1 + pooled / d0
    else:
        if n1 > d1 or n0 > d0:
            return None
        pooled = (n1 + n0) / (d1 + d0)
        variance = pooled * (1 - pooled) * (1 / d1 + 1 / d0)
    difference = n1 / d1 - n0 / d0
    if variance <= 0:
        return difference != 0
    p_value = math.erfc(abs(difference) / math.sqrt(variance) / math.sqrt(2))
    return p_value < 1 - level
