"""How far a quarter's figures fall from the published annual ones: the intruder's noise.

The public-data intruder scales DfE's published figures to the quarter and matches them to
what a report shows; how far it may trust a match depends on how far quarterly figures usually
stray from published ones. A collecting recipient can measure exactly that on the reports it
holds, since each names its own LA's figures beside that LA's published ones. So the gate gives
its intruder the best calibration there is: measured on every comparator of the export.

Both are measured on the log of the ratio (quarter / published), so a rate per 10,000 and a
percentage are treated alike: ``scale`` is the median log ratio (a quarter's rate is not the
year's) and ``noise`` its robust spread (1.4826 × the median absolute deviation, which is the
standard deviation for normal errors and is not thrown by one odd authority).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from tartan.disclosure.intruder import Knowledge
from tartan.disclosure.model import Truth

# One quarter is not a year: a spread under 1 % is not believed (a handful of authorities can
# agree by chance), so no match is trusted more closely than that.
FLOOR = 0.01
MAD_TO_SD = 1.4826
ENOUGH = 3  # authorities needed to measure a table's noise at all


def log_ratios(figures: dict[str, float], published: dict[str, float]) -> list[float]:
    return [
        math.log(value / published[la])
        for la, value in figures.items()
        if value > 0 and published.get(la, 0) > 0
    ]


def measured(
    values: dict[str, dict[str, float]], published: dict[str, dict[str, float]]
) -> tuple[dict[str, float], dict[str, float]]:
    """(scale, noise) per table, in log units, where enough authorities have both figures."""
    scale: dict[str, float] = {}
    noise: dict[str, float] = {}
    for table, figures in values.items():
        ratios = np.array(log_ratios(figures, published.get(table, {})))
        if ratios.size < ENOUGH:
            continue
        centre = float(np.median(ratios))
        scale[table] = centre
        noise[table] = max(FLOOR, MAD_TO_SD * float(np.median(np.abs(ratios - centre))))
    return scale, noise


def calibrated(knowledge: Knowledge, truth: Truth) -> Knowledge:
    """The intruder's knowledge with its noise measured on the export's comparators."""
    scale, noise = measured(truth.values, knowledge.values)
    return replace(knowledge, scale=scale, noise=noise)
