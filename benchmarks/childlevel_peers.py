"""tartan beside the field's own validators, on the same generated files.

Generates a 10,000-child CIN census (East Sussex's synthetic 2024-25 Q1 return, padded with children
whose cases closed earlier in the year) and its SSDA903 tables, then:

1. times ``tartan childlevel return --cin`` as a whole process against Data to Insight's
   csc-validator-be-cin (the DfE's CIN rules in Python) reading and validating the same census,
   and prints the ratio;
2. prints what each validator finds in the generated files: every CIN rule broken (errors and
   queries, a query's code ending in Q) and every SSDA903 rule broken.

The validators pin pandas < 2 and run on Python 3.10, so each lives in its own virtual
environment outside this repository. Set them up once (the repositories from GitHub,
data-to-insight/csc-validator-be-cin and data-to-insight/csc-validator-be-903):

    python3.10 -m venv /work/peers/venv-cin
    /work/peers/venv-cin/bin/pip install /path/to/csc-validator-be-cin "numpy<2"
    python3.10 -m venv /work/peers/venv-903
    /work/peers/venv-903/bin/pip install /path/to/csc-validator-be-903

and point this script at their Pythons with ``--cin-python`` / ``--903-python`` or the
variables TARTAN_PEER_CIN_PYTHON / TARTAN_PEER_903_PYTHON (defaults: the paths above).

    .venv/bin/python benchmarks/childlevel_peers.py [--children 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LA = "845"
QUARTER = "2024-25 Q1"
SEED = 2019
CENSUS_WINDOW = {
    "4013": "CIN plans that ended before the census year",
    "8620": "CIN closure dates before the census year",
    "8696": "assessments authorised before the census year",
    "8715": "conferences before the census year",
    "8930": "plan ends before the census year",
}


def _peer(python: str | None, variable: str, default: str) -> Path | None:
    chosen = Path(python or os.environ.get(variable, default))
    return chosen if chosen.is_file() else None


def _last_json(text: str) -> dict[str, object]:
    return json.loads(text.strip().splitlines()[-1])


def _wall(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    run = subprocess.run(
        command, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir()
    )
    return time.perf_counter() - started, run.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--cin-python", help="the csc-validator-be-cin environment's python")
    parser.add_argument("--903-python", dest="lac_python", help="csc-validator-be-903's python")
    arguments = parser.parse_args()
    cin_python = _peer(
        arguments.cin_python, "TARTAN_PEER_CIN_PYTHON", "/work/peers/venv-cin/bin/python"
    )
    lac_python = _peer(
        arguments.lac_python, "TARTAN_PEER_903_PYTHON", "/work/peers/venv-903/bin/python"
    )
    if cin_python is None:
        sys.exit("csc-validator-be-cin's environment is not set up: see this script's docstring")

    from tartan.childlevel.synthetic import generate
    from tartan.demo.synthetic import synthetic_returns
    from tartan.periods import Period

    period = Period.parse(QUARTER)
    figures = synthetic_returns([LA], period, quarters=1, seed=SEED)[-1].figures
    tartan = str(Path(sys.executable).with_name("tartan"))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = generate(figures, LA, period, folder, seed=SEED, children=arguments.children)
        print(
            f"census: {files.cin_children:,} children, {files.cin.stat().st_size / 1e6:.1f} MB; "
            f"SSDA903: {files.care_children:,} children"
        )
        ours, _ = _wall(
            [tartan, "childlevel", "return", "--la", LA, "--period", QUARTER,
             "--cin", str(files.cin), "-o", str(folder / "return.csv")]
        )  # fmt: skip
        theirs, output = _wall(
            [str(cin_python), str(HERE / "childlevel_peer_cin.py"), str(files.cin), "--year", str(period.year_end)]
        )  # fmt: skip
        cin = _last_json(output)
        print(f"tartan childlevel return --cin, whole process: {ours:.2f} s")
        print(
            f"csc-validator-be-cin, whole process: {theirs:.2f} s "
            f"(reading and {cin['rules']} rules: {cin['seconds']:.2f} s)"
        )
        print(f"ratio: tartan is {theirs / ours:.0f}x faster (whole processes)")
        print(f"\nCIN rules broken by the generated census ({cin['rules']} rules run):")
        broken = cin["broken"]
        assert isinstance(broken, dict)
        for code, found in sorted(broken.items()):
            kind = "query" if code.endswith("Q") else "ERROR"
            why = CENSUS_WINDOW.get(code, "")
            note = f" - census window: {why}" if why else ""
            print(f"  {code:6} {kind:5} {found['locations']:6} {found['message'][:90]}{note}")
        if lac_python is None:
            print("\ncsc-validator-be-903's environment is not set up: see the docstring")
            return
        _, output = _wall(
            [str(lac_python), str(HERE / "childlevel_peer_903.py"), str(files.ssda903), "--year", str(period.year_end)]
        )  # fmt: skip
        lac = _last_json(output)
        lac_broken = lac["broken"]
        assert isinstance(lac_broken, dict)
        print(
            f"\nSSDA903 rules broken by the generated tables ({lac['rules']} rules run; "
            f"failed to run inside the validator: {', '.join(lac['failed_to_run']) or 'none'}):"  # type: ignore[arg-type]
        )
        for code, found in sorted(lac_broken.items()):
            print(f"  {code:6} {found['rows']:6} {found['message'][:100]}")
        if not lac_broken:
            print("  none")


if __name__ == "__main__":
    main()
