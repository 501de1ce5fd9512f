"""Shared fixtures: where the official published files are, and a clean return to start from."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = REPO.parent / "shared" / "data" / "published"


@pytest.fixture(scope="session")
def published_dir() -> Path:
    """The real DfE and ONS files (read from ../shared, never copied into the repository)."""
    if not PUBLISHED.is_dir():
        pytest.skip(f"the official files are not beside the repository at {PUBLISHED}")
    return PUBLISHED
