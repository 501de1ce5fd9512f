"""Every finding code is documented in docs/validation-rules.md, and nothing else is."""

import re
from pathlib import Path

from tartan.returns.findings import READ_CODES
from tartan.returns.rules import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "validation-rules.md"


def test_every_code_is_documented_and_every_documented_code_exists():
    documented = set(
        re.findall(r"^\| ([EQ]\d{3}) \|", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert documented == set(RULES) | set(READ_CODES)


def test_documented_titles_match_the_registry():
    text = DOC.read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"| {code} | {rule.title} |" in text
    for code, title in READ_CODES.items():
        assert f"| {code} | {title} |" in text
