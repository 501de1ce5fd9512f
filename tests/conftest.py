"""Shared fixtures: where the official published files are, and a clean return to start from."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = REPO.parent / "shared" / "data" / "published"


@pytest.fixture(scope="session")
def published_dir() -> Path:
    """The real DfE and ONS files (read from ../shared, never copied into the repository)."""
    if not PUBLISHED.is_dir():
        pytest.skip(f"the official files are not beside the repository at {PUBLISHED}")
    return PUBLISHED


@pytest.fixture(scope="session")
def south_east_observations() -> pl.DataFrame:
    """12 synthetic quarters to 2024-25 Q4 for the 19 South East LAs."""
    from tartan.reference.groups import shipped_groups
    from tests.synthetic import synthetic_observations

    return synthetic_observations(list(shipped_groups().default.members), "2024-25 Q4")


@pytest.fixture(scope="session")
def south_east_table(south_east_observations: pl.DataFrame) -> pl.DataFrame:
    """Their benchmark table for 2024-25 Q3 and Q4."""
    from tartan.benchmark.table import quarterly_benchmark
    from tartan.periods import Period

    periods = [Period.parse("2024-25 Q3"), Period.parse("2024-25 Q4")]
    return quarterly_benchmark(south_east_observations, periods=periods)
