"""docs/web.md tells the deployment the tests use: the database roles' SQL is the SQL the roles
test runs, and every environment variable the settings read is in its table."""

from __future__ import annotations

import re
from pathlib import Path

from tartan.web.audit import grants

REPO = Path(__file__).resolve().parents[2]
WEB = (REPO / "docs" / "web.md").read_text()
SETTINGS = REPO / "src" / "tartan" / "web" / "settings"


def _indented(text: str) -> str:
    return "".join(f"   {line}\n" if line else "\n" for line in text.splitlines())


def test_the_documented_role_setup_is_the_tested_one():
    assert _indented(grants.setup_sql("tartan", "tartan_owner", "tartan_service")) in WEB


def test_every_environment_variable_of_the_settings_is_documented():
    read = {
        name
        for path in SETTINGS.glob("*.py")
        for name in re.findall(r'os\.environ(?:\.get)?[(\[]"([A-Z_]+)"', path.read_text())
    }
    assert {"DATABASE_URL", "MIGRATION_DATABASE_URL"} <= read
    table = WEB.split("| environment variable |")[1].split("\n\n")[0]
    documented = set(re.findall(r"`([A-Z_]+)`", table))
    undocumented = sorted(read - documented)
    assert undocumented == []
