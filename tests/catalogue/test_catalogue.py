import pytest

from tartan.catalogue import CatalogueError, MeasureKind, Polarity, shipped_catalogue
from tartan.catalogue.loader import SHIPPED, parse_catalogue


def test_shipped_catalogue_has_the_agreed_items_and_18_indicators():
    catalogue = shipped_catalogue()
    assert len(catalogue.items) == 21
    assert [i.number for i in catalogue.indicators] == list(range(1, 19))
    assert catalogue.indicator("rereferrals").polarity == Polarity.LOW
    assert catalogue.indicator("cla").decimals == 0
    assert catalogue.indicator("icpc_15d").measure("percent").denominator == "icpc"
    assert (
        catalogue.indicator("cpp_repeat").measure(MeasureKind.PERCENT_2Y).numerator
        == "cpp_repeat_2y"
    )


def test_counts_carry_no_polarity_and_no_decimals():
    indicator = shipped_catalogue().indicator("cpp_start")
    assert indicator.polarity_of("count") == Polarity.NONE
    assert indicator.polarity_of("rate") == Polarity.LOW
    assert indicator.decimals_of("count") == 0
    assert indicator.decimals_of("rate") == 1


def test_each_published_indicator_names_its_lait_measure():
    catalogue = shipped_catalogue()
    lait = {i.id: [m.lait for m in i.measures if m.lait] for i in catalogue.indicators}
    assert lait["rereferrals"] == ["ReReferral"]
    assert "CP_conf_15days" in lait["icpc_15d"]


def _edited(old: str, new: str) -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_a_region_can_change_a_denominator_by_editing_the_file():
    text = _edited(
        'numerator = "icpc_15d", denominator = "icpc"',
        'numerator = "icpc_15d", denominator = "s47"',
    )
    assert parse_catalogue(text).indicator("icpc_15d").measure("percent").denominator == "s47"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('denominator = "icpc"', 'denominator = "icpcs"', "unknown item 'icpcs'"),
        (
            'polarity = "low"\ndecimals = 1\nmeasures = [\n  { measure = "count", numerator = "rereferrals_12m" }',
            'decimals = 1\nmeasures = [\n  { measure = "count", numerator = "rereferrals_12m" }',
            "'polarity' is missing",
        ),
        ('polarity = "high"', 'polarity = "good"', "polarity 'good'"),
        ("decimals = 0", "decimals = 7", "decimals"),
        (
            '{ measure = "count", numerator = "referrals", lait',
            '{ measure = "counts", numerator = "referrals", lait',
            "measure 'counts'",
        ),
        ('part_of = ["icpc"]', 'part_of = ["nothing"]', "unknown item 'nothing'"),
        (
            'kind = "stock"\nunit = "count"\n\n[items.s47]',
            'kind = "flow"\nunit = "count"\n\n[items.s47]',
            "its numerator 'cin_end' is a flow",
        ),
        ("version = 1", "version = [", "not valid TOML"),
    ],
)
def test_loading_refuses_a_broken_catalogue(old, new, message):
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(_edited(old, new))
