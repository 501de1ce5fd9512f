"""Every child-level finding code is documented in docs/childlevel.md, and nothing else is."""

import re
from pathlib import Path

from tartan.childlevel.findings import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "childlevel.md"


def _rows() -> dict[str, list[str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| (C\d{3}) \|(.*)\|$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_every_code_is_documented_and_every_documented_code_exists():
    assert set(_rows()) == set(CODES)


def test_documented_titles_and_blocking_match_the_registry():
    for code, row in _rows().items():
        title, blocks, *_ = row
        assert title == CODES[code].title, code
        assert blocks == ("yes" if CODES[code].blocks else "no"), code
