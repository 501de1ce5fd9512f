"""What the generator builds before writing it: children with CIN episodes, and care episodes.

Plain objects rather than tables, because each child is built by rules that depend on the
child's other records (a repeat plan needs an earlier plan that ended before it started).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Assessment:
    start: date
    authorised: date | None
    factors: tuple[str, ...] = ()


@dataclass
class Enquiry:
    """A section 47 enquiry and its initial conference, if one was held."""

    start: date
    conference: date | None
    not_required: bool = False


@dataclass
class Plan:
    start: date
    end: date | None
    previous_plans: int = 0
    category: str = "NEG"


@dataclass
class CinEpisode:
    referral: date
    closure: date | None = None
    no_further_action: bool = False
    source: str = "1A"
    need: str = "N1"
    closure_reason: str = "RC1"
    assessments: list[Assessment] = field(default_factory=list)
    enquiries: list[Enquiry] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    cin_plan_start: date | None = None

    def last_event(self) -> date:
        """The latest date the episode must stay open for."""
        days = [self.referral]
        days += [a.authorised or a.start for a in self.assessments]
        days += [e.conference or e.start for e in self.enquiries]
        days += [p.end or p.start for p in self.plans]
        return max(days)

    @property
    def has_open_plan(self) -> bool:
        return any(plan.end is None for plan in self.plans)


@dataclass
class Person:
    id: str
    birth: date
    sex: str  # 1 male, 2 female
    ethnicity: str
    upn: str | None


@dataclass
class CinChild:
    person: Person
    disabilities: tuple[str, ...] = ("NONE",)
    episodes: list[CinEpisode] = field(default_factory=list)

    @property
    def current(self) -> CinEpisode:
        return self.episodes[-1]


@dataclass
class CareEpisode:
    start: date
    reason_new: str  # RNE
    legal_status: str  # LS
    placement: str  # PLACE
    end: date | None = None
    reason_ceased: str | None = None  # REC
    home_postcode: str = ""
    placement_postcode: str = ""


@dataclass
class Adoption:
    decision: date  # DATE_INT: the decision that the child should be placed for adoption
    matched: date  # DATE_MATCH
    by_foster_carer: bool = False
    adopters: int = 2
    adopters_sex: str = "MF"
    adopters_status: str = "L0"


@dataclass
class PlacedForAdoption:
    decided: date
    ceased: date | None = None
    reason: str | None = None


@dataclass
class CareChild:
    person: Person
    episodes: list[CareEpisode] = field(default_factory=list)
    adoption: Adoption | None = None
    placed: PlacedForAdoption | None = None
