"""How fast the quarterly return comes from child-level files, and in how much memory.

Generates a CIN census XML file of 50,000 children and the matching SSDA903 tables (the summed
synthetic returns of Kent, Hampshire and Surrey for 2024-25 Q1, padded with children whose cases
closed earlier in the year), then reads both and works out the return in a fresh process, so
that the peak memory measured is that of reading and computing alone, not of generating.
Prints the wall time and the peak resident memory; the target is under 10 s and under 2 GB.

    .venv/bin/python benchmarks/childlevel_return.py
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILDREN = 50_000
LAS = ("886", "850", "936")
QUARTER = "2024-25 Q1"
SEED = 2019
TARGET_SECONDS = 10.0
TARGET_BYTES = 2 * 1024**3


def measure(cin: Path, ssda903: Path) -> None:
    """In the child process: read and compute, report time and this process's peak memory."""
    started = time.perf_counter()
    from tartan.childlevel.compute import compute_return
    from tartan.periods import Period

    imported = time.perf_counter()
    result = compute_return(Period.parse(QUARTER), cin, ssda903, LAS[0])
    finished = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "figures": result.figures,
                "findings": len(result.findings),
                "import_seconds": imported - started,
                "seconds": finished - imported,
                "peak_bytes": peak_kib * 1024,
            }
        )
    )


def main() -> None:
    from tartan.childlevel.synthetic import generate
    from tartan.demo.synthetic import synthetic_returns
    from tartan.periods import Period

    period = Period.parse(QUARTER)
    figures: dict[str, float] = {}
    for synthetic in synthetic_returns(list(LAS), period, quarters=1, seed=SEED):
        for item, value in synthetic.figures.items():
            figures[item] = figures.get(item, 0.0) + value
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        files = generate(figures, LAS[0], period, Path(folder), seed=SEED, children=CHILDREN)
        generated = time.perf_counter() - started
        episodes = sum(1 for _ in (files.ssda903 / "episodes.csv").open()) - 1
        print(
            f"generated in {generated:.1f} s: {files.cin.stat().st_size / 1e6:.1f} MB CIN census, "
            f"{files.cin_children:,} children; SSDA903 {files.care_children:,} children, "
            f"{episodes:,} episodes"
        )
        run = subprocess.run(
            [sys.executable, __file__, "--measure", str(files.cin), str(files.ssda903)],
            capture_output=True,
            text=True,
            check=True,
        )
    report = json.loads(run.stdout)
    same = report["figures"] == files.figures
    seconds, peak = report["seconds"], report["peak_bytes"]
    print(f"read and computed the return in {seconds:.2f} s wall time")
    print(f"(plus {report['import_seconds']:.2f} s importing the library in the fresh process)")
    print(f"peak resident memory of that process: {peak / 1024**2:,.0f} MiB")
    print(f"findings: {report['findings']}; return equals the generator's figures: {same}")
    verdict = seconds < TARGET_SECONDS and peak < TARGET_BYTES and same
    print(f"target under {TARGET_SECONDS:.0f} s and under 2 GB: {'met' if verdict else 'NOT met'}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
