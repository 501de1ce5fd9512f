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
AREAS = ("BN", "TN", "RH", "GU", "ME", "CT", "SO", "PO", "OX", "RG", "SL", "MK", "HP")
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters used in inward codes


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
        rng = self._rng
        area = AREAS[int(rng.integers(0, len(AREAS)))]
        inward = f"{int(rng.integers(1, 10))}{LETTERS[int(rng.integers(0, 20))]}{LETTERS[int(rng.integers(0, 20))]}"
        return f"{area}{int(rng.integers(1, 30))} {inward}"


def random_day(rng: np.random.Generator, first: date, last: date) -> date:
    """A day from ``first`` to ``last`` inclusive (``first`` when the range is empty)."""
    span = (last - first).days
    return first + timedelta(days=int(rng.integers(0, span + 1)) if span > 0 else 0)
