"""What each published DfE file holds, and which data items and published measures it gives.

EES conventions: ``time_period`` 2025 is the year ending 31 March 2025; ``geographic_level`` is
National, Regional or Local authority; symbols c (1-5, suppressed), x (not available),
z (not applicable), k/low (rounds to 0) and u (low reliability) are kept as symbols.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SYMBOLS = ("c", "x", "z", "k", "low", "u")


@dataclass(frozen=True)
class ItemColumns:
    """An item and the columns whose sum gives it (a suppressed part suppresses the sum)."""

    item: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class PublishedColumn:
    """A rate or percentage DfE prints itself, kept to check against and for aggregates."""

    indicator: str
    measure: str
    column: str


@dataclass(frozen=True)
class Release:
    key: str
    file: str
    title: str
    items: tuple[ItemColumns, ...]
    published: tuple[PublishedColumn, ...] = ()
    # Files holding several tables in long form: the column to filter on and the value → the
    # items and published measures of that slice.
    slice_column: str = ""
    slices: dict[str, tuple[tuple[ItemColumns, ...], tuple[PublishedColumn, ...]]] = field(
        default_factory=dict
    )


REASONS_TOTAL = "cla_cease_reasons"
CIN_RELEASE = "Children in need, reporting year 2025 (DfE)"
CLA_RELEASE = "Children looked after in England including adoptions, reporting year 2025 (DfE)"
CEASED_RELEASE = "Children looked after in England including adoptions, reporting year 2024 (DfE)"

RELEASES = (
    Release(
        "b1",
        "b1_children_in_need_2013_to_2025.csv",
        f"{CIN_RELEASE}, table B1",
        (ItemColumns("cin_end", ("At31_episodes",)),),
    ),
    Release(
        "c1",
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        f"{CIN_RELEASE}, table C1",
        (
            ItemColumns("referrals", ("referral_count",)),
            ItemColumns("rereferrals_12m", ("rereferral_count",)),
        ),
        (PublishedColumn("rereferrals", "percent", "rereferral_percent"),),
    ),
    Release(
        "c4",
        "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
        f"{CIN_RELEASE}, table C4",
        (
            ItemColumns("s47", ("Section47",)),
            ItemColumns("icpc", ("ICPC",)),
            # DOMAIN.md §8: within 15 working days = the 0-10 band plus the 11-15 band.
            ItemColumns("icpc_15d", ("Duration_0-10_days", "Duration_11-15_days")),
        ),
    ),
    Release(
        "d3",
        "d3_cpps_subsequent_plan_2013_to_2025.csv",
        f"{CIN_RELEASE}, table D3",
        (
            ItemColumns("cpp_start", ("CPP_start",)),
            ItemColumns("cpp_repeat_ever", ("CPP_subsequent",)),
        ),
        (PublishedColumn("cpp_repeat", "percent", "CPP_subsequent_percent"),),
    ),
    Release(
        "d5",
        "d5_cpps_at31march_by_duration_2013_to_2025.csv",
        f"{CIN_RELEASE}, table D5",
        (ItemColumns("cpp_end", ("CPP_At31",)),),
    ),
    Release(
        "cla",
        "cla_number_and_rate_per_10k_children.csv",
        f"{CLA_RELEASE}, numbers and rates",
        (),
        slice_column="population_type",
        slices={
            "Children looked after on 31 March each year": (
                (ItemColumns("cla_end", ("children_count",)),),
                (PublishedColumn("cla", "rate", "rate_per_10000"),),
            ),
            "Children starting to be looked after each year": (
                (ItemColumns("cla_start", ("children_count",)),),
                (PublishedColumn("cla_start", "rate", "rate_per_10000"),),
            ),
            "Children ceasing to be looked after each year": (
                (ItemColumns("cla_cease", ("children_count",)),),
                (PublishedColumn("cla_cease", "rate", "rate_per_10000"),),
            ),
        },
    ),
    Release(
        "ceased",
        "la_children_who_ceased_during_the_year.csv",
        f"{CEASED_RELEASE}, children who ceased by reason",
        (),
        slice_column="characteristic",
        slices={
            "Adopted": (
                (ItemColumns("adopted", ("number",)),),
                (PublishedColumn("adopted", "percent", "percentage"),),
            ),
            # DfE's percentage adopted divides by the total of this reasons table, which can
            # differ by a few from the CLA table's count of children ceasing (77 of 780
            # LA-years): it is kept as its own item so the percentage reproduces DfE's.
            "Total": ((ItemColumns(REASONS_TOTAL, ("number",)),), ()),
        },
    ),
)

# Where the published computation divides by something else than the catalogue says, and why
# (see the Total slice above).
PUBLISHED_DENOMINATORS = {("adopted", "percent"): {"cla_cease": REASONS_TOTAL}}
# Only the reasons table's "Reason episode ceased" group holds the adoption figures.
CEASED_GROUP = "Reason episode ceased"
