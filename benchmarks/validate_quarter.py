"""How long `tartan validate` takes on the 19 returns of one demo quarter.

Writes the South East demo returns for 2024-25 Q4 (fixed seed) to a temporary folder, then runs
the `tartan validate` command on the quarter's 19 files, 5 times, in this process (so the
figures are the validation's, not Python's start-up), and once as a separate process (what an
analyst waits for).

    .venv/bin/python benchmarks/validate_quarter.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

from tartan.catalogue import shipped_catalogue
from tartan.cli import app
from tartan.demo.files import write_returns
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register

QUARTER = Period.parse("2024-25 Q4")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        made = synthetic_returns(list(shipped_groups().default.members), QUARTER, quarters=1)
        files = write_returns(made, Path(folder), shipped_register(), shipped_catalogue())
        args = ["validate", *map(str, files), "--format", "json"]
        runner = CliRunner()
        runner.invoke(app, args)  # warm: loads the reference tables once
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            result = runner.invoke(app, args)
            timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        process = subprocess.run(
            [sys.executable, "-m", "tartan.cli", *args], capture_output=True, check=False
        )
        whole = time.perf_counter() - start
    csv = sum(1 for f in files if f.suffix == ".csv")
    print(
        f"returns: {len(files)} ({csv} CSV, {len(files) - csv} XLSX), exit code {result.exit_code}"
    )
    print(
        f"validate, in process: best {min(timings) * 1000:.0f} ms, median {sorted(timings)[2] * 1000:.0f} ms for {len(files)} files"
    )
    print(
        f"validate, new process (with Python start-up and imports): {whole:.2f} s, exit code {process.returncode}"
    )


if __name__ == "__main__":
    main()
