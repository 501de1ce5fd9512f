from tartan.periods import Period
from tartan.reference.neighbours import shipped_neighbours


def test_ten_neighbours_each_ordered_with_closeness():
    models = shipped_neighbours()
    for model in models.models:
        for la, found in model.neighbours.items():
            assert len(found) == 10, la
            assert [n.rank for n in found] == list(range(1, 11))
            assert all(
                n.closeness
                in {"Extremely close", "Very close", "Close", "Somewhat close", "Not close"}
                for n in found
            )


def test_model_by_period():
    models = shipped_neighbours()
    assert models.model_for(Period.parse("2024-25 Q4")).name == "2021"
    assert models.model_for(Period.parse("2025-26 Q1")).name == "2025"
    assert models.model_for(Period.parse("2015-16")).name == "2021"  # earliest model we hold


def test_east_sussex_neighbours_differ_between_models():
    models = shipped_neighbours()
    old_model, old = models.neighbours_of("845", Period.parse("2024-25"))
    new_model, new = models.neighbours_of("845", Period.parse("2025-26 Q2"))
    assert (old_model.name, new_model.name) == ("2021", "2025")
    assert [n.code for n in old][:3] == ["886", "885", "838"]
    assert [n.code for n in new][:3] == ["878", "886", "908"]


def test_an_la_newer_than_the_model_takes_the_next_model():
    model, found = shipped_neighbours().neighbours_of("942", Period.parse("2023-24 Q2"))
    assert model.name == "2025"
    assert found[0].code == "943"


def test_neighbours_are_not_symmetric():
    model = shipped_neighbours().models[-1]
    asymmetric = [
        (la, n.code)
        for la, found in model.neighbours.items()
        for n in found
        if la not in {m.code for m in model.neighbours.get(n.code, ())}
    ]
    assert asymmetric
