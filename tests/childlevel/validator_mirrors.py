"""The published fake data of Data to Insight's validators, read where a copy is on this
machine.

Their repositories (csc-validator-be-cin, csc-validator-be-903) are not part of tartan and
their files are not committed here: a test reads them from a checkout or a bare git mirror named
by ``TARTAN_CIN_VALIDATOR_REPO`` / ``TARTAN_903_VALIDATOR_REPO``, or from the mirror the team's
machines keep under /work/.mirror, and is skipped, saying why, when neither is there.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

MIRRORS = {
    "cin": ("TARTAN_CIN_VALIDATOR_REPO", "/work/.mirror/data-to-insight+csc-validator-be-cin/repo"),
    "903": ("TARTAN_903_VALIDATOR_REPO", "/work/.mirror/data-to-insight+csc-validator-be-903/repo"),
}


def fake_data(which: str, folder: str, destination: Path) -> list[Path]:
    """Copy the repository's ``folder`` files into ``destination`` (a test's tmp_path)."""
    variable, default = MIRRORS[which]
    repository = Path(os.environ.get(variable, default))
    if (repository / folder).is_dir():
        sources = sorted((repository / folder).iterdir())
        destination.mkdir(parents=True, exist_ok=True)
        copied = []
        for source in sources:
            (destination / source.name).write_bytes(source.read_bytes())
            copied.append(destination / source.name)
        return copied
    if (repository / "HEAD").is_file():
        git = ["git", f"--git-dir={repository}"]
        names = subprocess.run(
            [*git, "ls-tree", "--name-only", f"HEAD:{folder}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        destination.mkdir(parents=True, exist_ok=True)
        copied = []
        for name in names:
            content = subprocess.run(
                [*git, "show", f"HEAD:{folder}/{name}"], capture_output=True, check=True
            ).stdout
            (destination / name).write_bytes(content)
            copied.append(destination / name)
        return copied
    pytest.skip(
        f"no copy of the {which} validator's repository here: set {variable} to a checkout or "
        "a bare git mirror of it"
    )
