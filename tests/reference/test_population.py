from tartan.periods import Period
from tartan.reference.population import ENGLAND, Population, shipped_population


def test_mid_t_minus_one_rule():
    figure = shipped_population().for_period("845", Period.parse("2024-25 Q2"))
    assert figure is not None
    assert (figure.mid_year_used, figure.value, figure.carried_forward) == (2024, 104428, False)


def test_england_2024():
    figure = shipped_population().for_period(ENGLAND, Period.parse("2024-25"))
    assert figure is not None
    assert figure.value == 12183016


def test_carry_forward_is_marked():
    figure = shipped_population().for_period("845", Period.parse("2026-27 Q1"))
    assert figure is not None
    assert figure.carried_forward
    assert figure.mid_year_used == 2024
    assert figure.mid_year_wanted == 2025 + 1
    assert "carried forward" in figure.note


def test_no_carry_forward_inside_the_published_years():
    # Cumberland did not exist in mid-2021: nothing to carry, so nothing is made up.
    assert shipped_population().for_period("942", Period.parse("2022-23")) is None


def test_population_covers_2012_to_2024():
    population = shipped_population()
    assert population.latest_mid_year == 2024
    assert population.estimate("845", 2012) is not None
    assert Population({("1", 2020): 5}).for_period("1", Period.parse("2022-23")).value == 5
