"""The return computed from generated records is the return the generator was built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tartan.childlevel.compute import compute_return
from tartan.childlevel.synthetic import GeneratorError, generate
from tartan.demo.synthetic import synthetic_returns
from tartan.periods import Period


def _round_trip(figures: dict[str, float], la: str, period: Period, folder: Path, seed: int):
    files = generate(figures, la, period, folder, seed=seed)
    result = compute_return(period, files.cin, files.ssda903, la)
    assert not result.blocked
    return files, result


@pytest.mark.parametrize(
    ("la", "quarter", "seed"),
    [
        ("845", "2024-25 Q1", 1),  # East Sussex
        ("867", "2023-24 Q3", 2),  # Bracknell Forest: a small LA
        ("886", "2024-25 Q4", 3),  # Kent: a large one
        ("850", "2022-23 Q2", 4),  # Hampshire, over the September 2022 State Funeral
    ],
)
def test_generated_records_give_back_the_synthetic_return(tmp_path, la, quarter, seed):
    period = Period.parse(quarter)
    figures = synthetic_returns([la], period, quarters=1, seed=seed)[-1].figures
    try:
        files, result = _round_trip(figures, la, period, tmp_path, seed)
    except GeneratorError as error:  # pragma: no cover - the demo draws a1/a3 independently
        pytest.fail(f"synthetic return for {la} {quarter} is not reproducible: {error}")
    assert result.figures == files.figures
    assert result.figures == {item: int(value) for item, value in figures.items()}


def test_hand_made_figures_with_every_edge_come_back(tmp_path):
    period = Period.parse("2024-25 Q1")
    figures = {
        "referrals": 40,
        "rereferrals_12m": 40,  # every referral a re-referral
        "assessments": 30,
        "assessments_45d": 0,  # every assessment late
        "cin_end": 25,
        "s47": 12,
        "icpc": 12,
        "icpc_15d": 12,
        "cpp_end": 25,  # every child in need on a plan
        "cpp_start": 10,
        "cpp_cease": 3,
        "cpp_repeat_ever": 10,
        "cpp_repeat_2y": 10,
        "cla_end": 4,
        "cla_start": 9,  # more started than are in care at the end: some left again
        "cla_cease": 7,
        "adopted": 3,
        "a1_days": 3 * 60,
        "a2_days": 0,  # every child matched before the placement order
        "a2_children": 3,
        "a3_under_14m": 3,
    }
    _, result = _round_trip(figures, "845", period, tmp_path, 9)
    assert result.figures == figures


def test_the_same_seed_writes_the_same_files(tmp_path):
    period = Period.parse("2024-25 Q2")
    figures = synthetic_returns(["846"], period, quarters=1)[-1].figures
    first = generate(figures, "846", period, tmp_path / "a", seed=5)
    second = generate(figures, "846", period, tmp_path / "b", seed=5)
    other = generate(figures, "846", period, tmp_path / "c", seed=6)
    assert first.cin.read_bytes() == second.cin.read_bytes()
    assert (first.ssda903 / "episodes.csv").read_bytes() == (
        second.ssda903 / "episodes.csv"
    ).read_bytes()
    assert first.cin.read_bytes() != other.cin.read_bytes()


def test_padding_adds_children_who_change_no_figure(tmp_path):
    period = Period.parse("2024-25 Q1")
    figures = synthetic_returns(["867"], period, quarters=1, seed=2)[-1].figures
    small = generate(figures, "867", period, tmp_path / "small", seed=2)
    padded = generate(
        figures, "867", period, tmp_path / "padded", seed=2, children=small.cin_children + 500
    )
    assert padded.cin_children == small.cin_children + 500
    result = compute_return(period, padded.cin, padded.ssda903, "867")
    assert result.figures == padded.figures


def test_figures_no_records_can_give_are_refused_with_the_reason(tmp_path):
    period = Period.parse("2024-25 Q1")
    figures = synthetic_returns(["845"], period, quarters=1)[-1].figures
    figures.update(adopted=1, a3_under_14m=1, a1_days=900, a2_children=1, a2_days=10)
    with pytest.raises(GeneratorError, match="a1_days 900 cannot be shared"):
        generate(figures, "845", period, tmp_path, seed=1)
    figures.update(cpp_end=figures["cin_end"] + 1)
    with pytest.raises(GeneratorError, match="a child on a plan is a child in need"):
        generate(figures, "845", period, tmp_path, seed=1)
