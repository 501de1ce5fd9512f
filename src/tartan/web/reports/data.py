"""The benchmark table behind the service's reports, built by the library and cached.

Two views of the figures exist. The DBG's working view uses each LA's latest accepted version;
everyone else sees releases only: the versions the current release of each quarter contains.
A table is cached under the versions it was built from, so a new upload or release builds a
new one and nothing stale is ever shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import StrEnum

import polars as pl
from django.core.cache import cache

from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.observations import empty_observations, observation_frame
from tartan.periods import quarters_ending
from tartan.rug.model import TREND_QUARTERS
from tartan.web.collection.models import CollectionRound, Figure, ReturnVersion
from tartan.web.collection.services import latest_accepted

HISTORY = TREND_QUARTERS + 3  # the rug's quarters, and three before for 12-month figures
CACHE_SECONDS = 6 * 3600


class View(StrEnum):
    WORKING = "working"  # the DBG's: latest accepted versions, released or not
    RELEASED = "released"  # everyone else's: only what has been released


def history_rounds(round_: CollectionRound) -> list[CollectionRound]:
    periods = [p.label for p in quarters_ending(round_.quarter, HISTORY)]
    return list(CollectionRound.objects.filter(group_key=round_.group_key, period__in=periods))


def versions_for(round_: CollectionRound, view: View) -> list[ReturnVersion]:
    chosen: list[ReturnVersion] = []
    for each in history_rounds(round_):
        if view == View.WORKING:
            chosen.extend(latest_accepted(each).values())
            continue
        release = each.current_release
        if release is not None:
            chosen.extend(r.version for r in release.returns.select_related("version__round"))
    return chosen


def observations_of(versions: Iterable[ReturnVersion]) -> pl.DataFrame:
    by_id = {v.pk: v for v in versions}
    rows = [
        (
            by_id[f.version_id].la_code,
            by_id[f.version_id].round.period,
            f.item,
            float(f.value) if f.value is not None else None,
            f.symbol or None,
            f"return v{by_id[f.version_id].number}",
            False,
        )
        for f in Figure.objects.filter(version_id__in=list(by_id))
    ]
    return observation_frame(rows) if rows else empty_observations()


def benchmark_table(round_: CollectionRound, view: View) -> pl.DataFrame:
    """The benchmark table for the quarters a rug of ``round_`` shows."""
    versions = versions_for(round_, view)
    fingerprint = hashlib.sha256(
        ",".join(sorted(str(v.pk) for v in versions)).encode()
    ).hexdigest()[:24]
    key = f"benchmark-{round_.group_key}-{round_.period.replace(' ', '_')}-{fingerprint}"
    table = cache.get(key)
    if table is None:
        observations = observations_of(versions)
        if observations.is_empty():
            return pl.DataFrame()
        ref = shipped_reference()
        periods = [
            p
            for p in quarters_ending(round_.quarter, TREND_QUARTERS)
            if p.label in set(observations["period"].to_list())
        ]
        table = quarterly_benchmark(
            observations, ref, periods=periods, group=ref.groups[round_.group_key]
        )
        cache.set(key, table, CACHE_SECONDS)
    return table
