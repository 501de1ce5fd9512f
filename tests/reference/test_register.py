from datetime import date

from tartan.periods import Period
from tartan.reference.register import shipped_register


def test_153_current_authorities():
    register = shipped_register()
    assert len(register.current()) == 153
    assert len(register.operating_in(Period.parse("2024-25"))) == 153
    assert len(register.operating_in(Period.parse("2022-23"))) == 152


def test_east_sussex_row():
    la = shipped_register()["845"]
    assert (la.ons_code, la.name, la.region_name, la.la_type) == (
        "E10000011",
        "East Sussex",
        "South East",
        "Counties",
    )
    assert la.is_current


def test_reorganisations_link_predecessors_and_successors():
    register = shipped_register()
    assert register["909"].successors == ("942", "943")
    assert register["909"].operating_to == date(2023, 3, 31)
    assert register["942"].predecessors == ("909",)
    assert register["928"].successors == ("940", "941")
    assert register["839"].predecessors == ("835", "836", "837")
    assert register["839"].operating_from == date(2019, 4, 1)


def test_ons_code_changes_keep_one_row_per_la_code():
    register = shipped_register()
    assert register["815"].ons_code == "E06000065"
    assert register["815"].former_ons_codes == ("E10000023",)
    assert register.by_ons_code("E10000027").code == "933"  # Somerset's old county code


def test_operating_in_a_period():
    register = shipped_register()
    assert not register["909"].operates_in(Period.parse("2023-24 Q1"))
    assert register["909"].operates_in(Period.parse("2022-23 Q4"))
    assert not register["942"].operates_in(Period.parse("2022-23 Q4"))
