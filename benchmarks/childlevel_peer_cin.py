"""Run csc-validator-be-cin (Data to Insight's CIN census rules) on one census file.

This script runs inside the validator's own virtual environment, not tartan's: the validator
pins pandas < 2 and runs on Python 3.10. Set it up once, outside the repository:

    git clone <csc-validator-be-cin> /work/peers/csc-validator-be-cin   (or unpack a snapshot)
    python3.10 -m venv /work/peers/venv-cin
    /work/peers/venv-cin/bin/pip install /work/peers/csc-validator-be-cin

then:

    /work/peers/venv-cin/bin/python benchmarks/childlevel_peer_cin.py census.xml [--year 2025]

It prints one JSON object: the seconds spent reading and validating, the number of rules run,
and for each rule broken its message and how many locations it flags.
"""

from __future__ import annotations

import argparse
import json
import time
import xml.etree.ElementTree as ET


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("census")
    parser.add_argument("--year", default="2025", help="collection year, e.g. 2025 for 2024-25")
    arguments = parser.parse_args()

    started = time.perf_counter()
    from cin_validator import cin_validator
    from cin_validator.rules.ruleset_utils import get_year_ruleset

    imported = time.perf_counter()
    root = ET.parse(arguments.census).getroot()
    tables = cin_validator.process_data(cin_validator.convert_data(root))
    registry = get_year_ruleset(arguments.year)
    validator = cin_validator.CinValidator(tables, registry)
    finished = time.perf_counter()

    issues = validator.full_issue_df
    broken: dict[str, dict[str, object]] = {}
    for code, rows in issues.groupby("rule_code"):
        broken[str(code)] = {
            "message": str(rows["rule_description"].iloc[0]),
            "locations": len(rows),
            "children": int(rows["child_id"].nunique()),
        }
    for _, row in validator.multichild_issues.drop_duplicates().iterrows():
        broken.setdefault(
            str(row["rule_code"]),
            {"message": str(row["rule_description"]), "locations": 0, "children": 0},
        )
    print(
        json.dumps(
            {
                "import_seconds": imported - started,
                "seconds": finished - imported,
                "rules": len(registry),
                "broken": broken,
            }
        )
    )


if __name__ == "__main__":
    main()
