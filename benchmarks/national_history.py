"""The national quarter at scale: 153 LAs with 40 quarters of history held, all 153 rugs of the
newest quarter (issue 15.8).

The service holds every released return; a rug needs its own eight quarters and three before
them. This builds 40 quarters of synthetic observations for every English LA (fixed seed; as the
service holds them, so no files are read), then times the benchmark table for the rugs' quarters
out of the whole history (each region a group), and writing all 153 rugs as XLSX (a workbook per
group) and HTML, in a process per core. Peak memory is
the run's and its children's (Pss, sampled).

    .venv/bin/python benchmarks/national_history.py [--quarters 40]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from memory_peak import PeakMemory
from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.demo.synthetic import synthetic_returns
from tartan.marking import ProtectiveMarking
from tartan.observations import observation_frame
from tartan.periods import Period, quarters_ending
from tartan.reference.groups import regional_groups
from tartan.rug.model import TREND_QUARTERS
from tartan.rug.write import write_rugs

LAST = Period.parse("2024-25 Q4")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quarters", type=int, default=40)
    quarters = parser.parse_args().quarters
    ref = shipped_reference()
    codes = [la.code for la in ref.register.current()]
    start = time.perf_counter()
    made = synthetic_returns(codes, LAST, quarters)
    observations = observation_frame(
        (r.la_code, r.period.label, item, value, None, "synthetic", False)
        for r in made
        for item, value in r.figures.items()
    )
    print(
        f"setup (not timed below): {len(made):,} returns, {observations.height:,} observations"
        f" over {quarters} quarters, in {time.perf_counter() - start:.1f} s"
    )
    with tempfile.TemporaryDirectory() as folder, PeakMemory() as peak:
        begin = time.perf_counter()
        table = quarterly_benchmark(
            observations,
            ref,
            periods=quarters_ending(LAST, TREND_QUARTERS),
            group=regional_groups(ref.register),
        )
        compared = time.perf_counter()
        marking = ProtectiveMarking(produced_for="benchmark", group="England", synthetic=True)
        written = write_rugs(
            table,
            codes,
            LAST,
            Path(folder) / "rugs",
            ("xlsx", "html"),
            marking,
            ref.catalogue,
            ref.population,
            parallel=True,
        )
        end = time.perf_counter()
        size = sum(path.stat().st_size for path in written)
    print(
        f"benchmark table for the rugs' {table['period'].n_unique()} quarters, {table.height:,} rows: "
        f"{compared - begin:6.2f} s"
    )
    print(
        f"{len(codes)} rugs as XLSX (a workbook per group) and HTML, {len(written)} files, "
        f"{size / 1e6:.1f} MB: {end - compared:6.2f} s"
    )
    print(
        f"rugs of a quarter from {quarters} quarters held: {end - begin:.2f} s wall; peak memory (with the "
        f"writing processes) {peak.mb:,.0f} MB (target: under 10 s and 1,500 MB)"
    )


if __name__ == "__main__":
    main()
