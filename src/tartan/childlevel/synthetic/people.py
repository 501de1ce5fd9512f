"""Synthetic people: identifiers and the few characteristics the two returns carry."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from tartan.childlevel.synthetic.model import Person

# Shares of children in need by ethnicity, England orders of magnitude.
ETHNICITIES = (
    "WBRI",
    "WOTH",
    "MWBC",
    "MOTH",
    "AIND",
    "APKN",
    "BAFR",
    "BCRB",
    "AOTH",
    "OOTH",
    "NOBT",
)
ETHNICITY_SHARES = (0.66, 0.07, 0.03, 0.04, 0.02, 0.03, 0.05, 0.02, 0.03, 0.03, 0.02)
# Real postcodes of public buildings (town and county halls, civic offices) across England:
# SSDA903's rules look postcodes up, so made-up ones fail, and these identify nobody.
POSTCODES = (
    "BN7 1UE", "ME14 1XQ", "SO23 8UJ", "RH2 8EF", "BN1 1JE", "TN34 3UY", "GU1 4LQ",
    "OX1 1DS", "RG1 2LU", "CT1 2HX", "PO1 2AL", "SO14 7LY", "BN21 4TW", "TN1 1RS",
    "BN11 1HA", "RH10 1UZ", "GU21 6YL", "MK9 3EJ", "HP19 8FF", "SL1 3UF", "BN3 3BQ",
    "BN2 9QA", "EC2P 2EJ", "B1 1BB", "LS1 1UR", "M60 2LA",
)  # fmt: skip


CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn(digits: str) -> str:
    """A Unique Pupil Number from its 12 digits (the LA's code first): the DfE's check letter
    is the sum of digit i times weight i (i = 2..13, counting the letter as 1), modulo 23."""
    total = sum(int(d) * weight for weight, d in enumerate(digits, start=2))
    return CHECK_LETTERS[total % 23] + digits


class People:
    """Hands out unique child identifiers and plausible characteristics, from one generator."""

    def __init__(self, rng: np.random.Generator, quarter_end: date, la_code: str = "845") -> None:
        self._rng = rng
        self._next = int(rng.integers(100_000, 900_000)) * 10
        self._quarter_end = quarter_end
        self._la_code = la_code if la_code.isdigit() and len(la_code) == 3 else "845"

    def new(self, first_event: date) -> Person:
        """A child under 18 at quarter end and born by ``first_event`` (or born that day:
        many referrals are made before or at birth)."""
        rng = self._rng
        self._next += int(rng.integers(1, 4))
        age_days = int(rng.integers(0, 17 * 365 + 300))
        birth = min(self._quarter_end - timedelta(days=age_days), first_event)
        pupil_number = None
        if rng.random() < 0.85:
            serial = "".join(str(d) for d in rng.integers(0, 10, 9))
            pupil_number = upn(self._la_code + serial)
        return Person(
            id=str(self._next),
            birth=birth,
            sex=str(int(rng.integers(1, 3))),
            ethnicity=str(rng.choice(ETHNICITIES, p=ETHNICITY_SHARES)),
            upn=pupil_number,
        )

    def postcode(self) -> str:
        return POSTCODES[int(self._rng.integers(0, len(POSTCODES)))]


def random_day(rng: np.random.Generator, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` inclusive (``first`` when the range is empty)."""
    span = (last - first).days
    return first + timedelta(days=int(rng.integers(0, span + 1)) if span > 0 else 0)
