"""What every extract does to quasi-identifiers, whatever its purpose.

Dates of birth and death go to the first of their month (age in months stays right for any
analysis the purposes need); postcodes go to their district, the outward code before the
space (``BN1 1AA`` → ``BN1``), which places a child in a town without placing them in a street.
"""

from __future__ import annotations

import polars as pl

MONTH_ONLY = frozenset(
    {"PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate", "DOB", "MC_DOB"}
)
POSTCODES = frozenset({"HOME_POST", "PL_POST"})

_FULL = r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$"
_DISTRICT = r"^[A-Z]{1,2}[0-9][A-Z0-9]?$"


def postcode_district(column: str) -> pl.Expr:
    """The district of a full postcode, a district left as it is, anything else blank."""
    compact = pl.col(column).cast(pl.String).str.replace_all(r"\s", "").str.to_uppercase()
    return (
        pl.when(compact.str.contains(_FULL))
        .then(compact.str.head(compact.str.len_chars().cast(pl.Int64) - 3))
        .when(compact.str.contains(_DISTRICT))
        .then(compact)
        .otherwise(None)
        .alias(column)
    )


def minimised(frame: pl.DataFrame) -> pl.DataFrame:
    changes = [pl.col(c).dt.truncate("1mo") for c in frame.columns if c in MONTH_ONLY]
    changes += [postcode_district(c) for c in frame.columns if c in POSTCODES]
    return frame.with_columns(changes) if changes else frame
