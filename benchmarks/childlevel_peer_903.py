"""Run csc-validator-be-903 (Data to Insight's SSDA903 rules) on a folder of SSDA903 tables.

Like childlevel_peer_cin.py, this runs inside the validator's own virtual environment (Python
3.10, pandas < 2), set up once outside the repository:

    python3.10 -m venv /work/peers/venv-903
    /work/peers/venv-903/bin/pip install /work/peers/csc-validator-be-903

then:

    /work/peers/venv-903/bin/python benchmarks/childlevel_peer_903.py ssda903/ [--year 2025]

It prints one JSON object: the seconds spent, the rules run, and each rule broken with its
message and how many rows it flags.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--year", default="2025", help="collection year, e.g. 2025 for 2024-25")
    parser.add_argument("--la", default="E10000011", help="the LA's ONS code (East Sussex)")
    arguments = parser.parse_args()
    logging.disable(logging.WARNING)

    started = time.perf_counter()
    from lac_validator import lac_validator
    from lac_validator.report import Report
    from lac_validator.rules.ruleset_utils import get_year_ruleset
    from lac_validator.utils import process_uploaded_files

    imported = time.perf_counter()
    files = sorted(str(path) for path in Path(arguments.folder).glob("*.csv"))
    uploaded = process_uploaded_files({"This year": files})
    registry = get_year_ruleset(arguments.year)
    metadata = {"collectionYear": arguments.year, "localAuthority": arguments.la}
    validator = lac_validator.LacValidator(metadata, uploaded, registry)
    report = Report(validator.ds_results, registry).error_report
    finished = time.perf_counter()

    broken = {
        str(row["Code"]): {"message": str(row["Description"]), "rows": int(row["Count"])}
        for _, row in report.iterrows()
        if row["Count"] > 0
    }
    print(
        json.dumps(
            {
                "import_seconds": imported - started,
                "seconds": finished - imported,
                "rules": len(registry),
                "failed_to_run": validator.fails,
                "broken": broken,
            }
        )
    )


if __name__ == "__main__":
    main()
