"""A national quarter: 153 LAs with 12 quarters of history, from files to rugs.

Generates synthetic returns for every English LA (fixed seed), writes them as files, then times
the three stages an analyst runs: reading and validating the returns, computing the benchmark
table (all 12 quarters; each region a group, as on a national instance), and writing all 153
rugs of the last quarter as XLSX (a workbook per group) and HTML, in a process per core. Prints
each stage, the whole run and the peak memory.

    .venv/bin/python benchmarks/national_quarter.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from memory_peak import PeakMemory
from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.groups import regional_groups
from tartan.returns.folder import read_folder, return_files
from tartan.rug.write import write_rugs

LAST = Period.parse("2024-25 Q4")
QUARTERS = 12


def main() -> None:
    ref = shipped_reference()
    codes = [la.code for la in ref.register.current()]
    with tempfile.TemporaryDirectory() as folder, PeakMemory() as peak:
        root = Path(folder)
        start = time.perf_counter()
        made = synthetic_returns(codes, LAST, QUARTERS)
        write_returns(made, root / "returns", ref.register, ref.catalogue)
        print(
            f"setup (not timed below): {len(made)} synthetic returns written in {time.perf_counter() - start:.1f} s"
        )

        begin = time.perf_counter()
        files = return_files(root / "returns")
        result = read_folder(files)
        read = time.perf_counter()
        table = quarterly_benchmark(result.observations, ref, group=regional_groups(ref.register))
        compared = time.perf_counter()
        marking = ProtectiveMarking(produced_for="benchmark", group="England", synthetic=True)
        written = write_rugs(
            table,
            codes,
            LAST,
            root / "rugs",
            ("xlsx", "html"),
            marking,
            ref.catalogue,
            ref.population,
            parallel=True,
        )
        end = time.perf_counter()
        size = sum(path.stat().st_size for path in written)

    print(
        f"read and validate {len(files)} returns ({len(result.accepted)} accepted): {read - begin:6.2f} s"
    )
    print(
        f"benchmark table, {table.height:,} rows ({table['period'].n_unique()} quarters):   {compared - read:6.2f} s"
    )
    print(
        f"153 rugs as XLSX (a workbook per group) and HTML, {len(written)} files, {size / 1e6:.1f} MB: {end - compared:6.2f} s"
    )
    print(
        f"whole run: {end - begin:.2f} s wall; peak memory (with the writing processes) {peak.mb:,.0f} MB (target: under 20 s and 1,500 MB)"
    )


if __name__ == "__main__":
    main()
