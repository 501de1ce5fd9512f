"""The benchmark table behind the service's reports, built by the library and cached.

Two views of the figures exist. The DBG's working view uses each LA's latest accepted version;
everyone else sees releases only: the versions the current release of each quarter contains.
A table is cached under the versions it was built from, so a new upload or release builds a
new one and nothing stale is ever shown.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import polars as pl
from django.core.cache import cache
from django.db.models import Max

from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.observations import empty_observations, observation_frame
from tartan.periods import quarters_ending
from tartan.rug.model import TREND_QUARTERS
from tartan.web.collection.models import (
    CollectionRound,
    Figure,
    ReleasedReturn,
    ReturnVersion,
    VersionStatus,
)
from tartan.web.groups import registry
from tartan.web.reports import generations

HISTORY = TREND_QUARTERS + 3  # the rug's quarters, and three before for 12-month figures
CACHE_SECONDS = 6 * 3600


class View(StrEnum):
    WORKING = "working"  # the DBG's: latest accepted versions, released or not
    RELEASED = "released"  # everyone else's: only what has been released


def history_rounds(round_: CollectionRound) -> list[CollectionRound]:
    periods = [p.label for p in quarters_ending(round_.quarter, HISTORY)]
    return list(CollectionRound.objects.filter(group_key=round_.group_key, period__in=periods))


def version_ids(round_: CollectionRound, view: View) -> list[int]:
    """The versions a table of ``round_`` is built from, in two queries whatever the history."""
    rounds = history_rounds(round_)
    if view == View.RELEASED:
        released = ReleasedReturn.objects.filter(
            release__round__in=rounds, release__superseded_by__isnull=True
        )
        return sorted(released.values_list("version_id", flat=True))
    newest = (
        ReturnVersion.objects.filter(round__in=rounds, status=VersionStatus.ACCEPTED)
        .values("round_id", "la_code")
        .annotate(newest=Max("number"))
    )
    wanted = {(row["round_id"], row["la_code"], row["newest"]) for row in newest}
    candidates = ReturnVersion.objects.filter(
        round__in=rounds, status=VersionStatus.ACCEPTED
    ).values_list("pk", "round_id", "la_code", "number")
    return sorted(
        pk for pk, round_id, la_code, number in candidates if (round_id, la_code, number) in wanted
    )


def national_version_ids(round_: CollectionRound) -> list[int]:
    """The national quarter held in the service: for the quarters of ``round_``, the returns
    that other groups have released and agreed to share (``shares_national``), of LAs outside
    ``round_``'s group (whose own returns are authoritative). Only current releases count, so a
    quarter another group has not released never reaches this group's ranks."""
    from tartan.web.groups.models import BenchmarkingGroup

    periods = [p.label for p in quarters_ending(round_.quarter, HISTORY)]
    sharing = BenchmarkingGroup.objects.filter(shares_national=True).exclude(key=round_.group_key)
    rounds = CollectionRound.objects.filter(
        period__in=periods, group_key__in=sharing.values_list("key", flat=True)
    )
    released = (
        ReleasedReturn.objects.filter(
            release__round__in=rounds, release__superseded_by__isnull=True
        )
        .exclude(version__la_code__in=registry.members(round_))
        .values_list("version_id", "version__la_code", "release__round__period")
    )
    # An authority in two groups is released by each: one version per LA and quarter is enough.
    chosen: dict[tuple[str, str], int] = {}
    for version_id, la_code, period in sorted(released):
        chosen.setdefault((la_code, period), version_id)
    return sorted(chosen.values())


def national_ids(round_: CollectionRound, covered: set[tuple[str, str]] | None = None) -> list[int]:
    """The imported cross-regional figures (CSV from groups on other systems) for the quarters
    of ``round_``: for each LA outside the group and quarter not ``covered`` by a release held in
    the service, the figures of the latest dataset."""
    from tartan.web.sharing.models import NationalFigure

    covered = covered or set()
    periods = [p.label for p in quarters_ending(round_.quarter, HISTORY)]
    rows = list(
        NationalFigure.objects.filter(period__in=periods)
        .exclude(la_code__in=registry.members(round_))
        .order_by("dataset__uploaded_at", "dataset_id")
        .values_list("pk", "la_code", "period", "dataset_id")
    )
    latest = {(la_code, period): dataset for _, la_code, period, dataset in rows}
    return sorted(
        pk
        for pk, la_code, period, dataset in rows
        if latest[(la_code, period)] == dataset and (la_code, period) not in covered
    )


def covered_by(version_ids_: list[int]) -> set[tuple[str, str]]:
    return set(
        ReturnVersion.objects.filter(pk__in=version_ids_).values_list("la_code", "round__period")
    )


def national_observations(ids: list[int], released: list[int]) -> pl.DataFrame | None:
    """Comparators from outside the group: other groups' releases held in the service, then the
    imported datasets for what those do not cover."""
    parts = []
    if released:
        parts.append(observations_of(released, provenance="national quarter"))
    if ids:
        parts.append(_imported_observations(ids))
    return pl.concat(parts) if parts else None


def _imported_observations(ids: list[int]) -> pl.DataFrame:
    from tartan.web.sharing.models import NationalFigure

    rows = [
        (
            f.la_code,
            f.period,
            f.item,
            float(f.value) if f.value is not None else None,
            f.symbol or None,
            f"national dataset {f.dataset_id}",
            False,
        )
        for f in NationalFigure.objects.filter(pk__in=ids)
    ]
    return observation_frame(rows)


def observations_of(ids: Iterable[int], provenance: str = "") -> pl.DataFrame:
    """Observations of return versions; ``provenance`` prefixes the source (another group's
    release is named as such, with its version)."""
    ids = list(ids)
    about = {
        pk: (la_code, period, _source(group_key, number, provenance))
        for pk, la_code, period, group_key, number in ReturnVersion.objects.filter(
            pk__in=ids
        ).values_list("pk", "la_code", "round__period", "round__group_key", "number")
    }
    # Tuples, not model instances: a national quarter is some hundred thousand figures.
    rows = [
        (
            about[version_id][0],
            about[version_id][1],
            item,
            float(value) if value is not None else None,
            symbol or None,
            about[version_id][2],
            False,
        )
        for version_id, item, value, symbol in Figure.objects.filter(
            version_id__in=ids
        ).values_list("version_id", "item", "value", "symbol")
    ]
    return observation_frame(rows) if rows else empty_observations()


def _source(group_key: str, number: int, provenance: str) -> str:
    own = f"return v{number}"
    if not provenance:
        return own
    return f"{provenance}: {group_key} release, {own}"


# Tables already built in this process, newest last; a lock per table so that threads asking
# for the same one at once build it once.
_built: OrderedDict[str, pl.DataFrame] = OrderedDict()
_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()
KEEP_IN_PROCESS = 32


def _lock_for(key: str) -> threading.Lock:
    with _guard:
        return _locks.setdefault(key, threading.Lock())


@dataclass(frozen=True)
class Built:
    """A benchmark table and the key that names exactly the versions it was built from."""

    key: str
    table: pl.DataFrame


# Which LAs each table has figures for, per quarter: every rug page asks (to 404 an LA without
# figures and to link the previous and next LA), and scanning a national table's 40,000 rows
# for it took longer than the rest of a cached page. Keyed by the table itself, held here, so
# an id is never reused while its entry lives.
_las: OrderedDict[int, tuple[pl.DataFrame, dict[str, frozenset[str]]]] = OrderedDict()


def las_by_period(table: pl.DataFrame) -> dict[str, frozenset[str]]:
    """The LAs with a row in each period of a benchmark table."""
    with _guard:
        found = _las.get(id(table))
        if found is not None and found[0] is table:
            _las.move_to_end(id(table))
            return found[1]
    if table.is_empty():
        index: dict[str, frozenset[str]] = {}
    else:
        pairs = table.select("period", "la_code").unique()
        index = {
            str(period[0]): frozenset(part["la_code"].to_list())
            for period, part in pairs.partition_by("period", as_dict=True).items()
        }
    with _guard:
        _las[id(table)] = (table, index)
        while len(_las) > KEEP_IN_PROCESS:
            _las.popitem(last=False)
    return index


def benchmark(round_: CollectionRound, view: View) -> Built:
    """The benchmark table for the quarters a rug of ``round_`` shows.

    Looked up in this process first, then in the shared cache (every worker's), and built only
    when neither has it.
    """
    ids, released, national = table_inputs(round_, view)
    members = registry.members(round_)
    fingerprint = hashlib.sha256(f"{ids}|{released}|{national}|{members}".encode()).hexdigest()[:24]
    key = f"benchmark-{round_.group_key}-{round_.period.replace(' ', '_')}-{fingerprint}"
    if key not in _built:
        with _lock_for(key):
            if key not in _built:
                _built[key] = _shared_or_built(key, round_, ids, national, released)
                while len(_built) > KEEP_IN_PROCESS:
                    _built.popitem(last=False)
    return Built(key, _built[key])


def table_inputs(round_: CollectionRound, view: View) -> tuple[list[int], list[int], list[int]]:
    """The return versions, other groups' released versions and imported figures a table of
    ``round_`` is built from: five queries, so kept in the cache under the tokens of what they
    depend on (``generations``), which one query reads."""
    names = [generations.RELEASES, generations.NATIONAL, generations.MEMBERSHIP]
    if view == View.WORKING:
        names.append(generations.versions_of(round_.group_key))
    tokens = "-".join(str(token) for token in generations.tokens(names))
    key = f"benchmark-inputs-{round_.pk}-{view}-{tokens}"
    found = cache.get(key)
    if found is None:
        released = national_version_ids(round_)
        found = (version_ids(round_, view), released, national_ids(round_, covered_by(released)))
        cache.set(key, found, CACHE_SECONDS)
    return found


def benchmark_table(round_: CollectionRound, view: View) -> pl.DataFrame:
    return benchmark(round_, view).table


def _shared_or_built(
    key: str, round_: CollectionRound, ids: list[int], national: list[int], released: list[int]
) -> pl.DataFrame:
    table = cache.get(key)
    if table is None:
        observations = observations_of(ids)
        if observations.is_empty():
            return pl.DataFrame()
        ref = shipped_reference()
        periods = [
            p
            for p in quarters_ending(round_.quarter, TREND_QUARTERS)
            if p.label in set(observations["period"].to_list())
        ]
        table = quarterly_benchmark(
            observations,
            ref,
            periods=periods,
            group=registry.spec(round_),
            national=national_observations(national, released),
        )
        cache.set(key, table, CACHE_SECONDS)
    return table
