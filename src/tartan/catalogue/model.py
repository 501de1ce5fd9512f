"""What the catalogue holds: data items, indicators and their measures."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

POPULATION = "population"


class Polarity(StrEnum):
    HIGH = "high"
    LOW = "low"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"high": "higher is better", "low": "lower is better", "none": "no polarity"}[
            self.value
        ]


class MeasureKind(StrEnum):
    COUNT = "count"
    RATE = "rate"
    PERCENT = "percent"
    PERCENT_2Y = "percent_2y"
    AVERAGE_DAYS = "average_days"

    @property
    def multiplier(self) -> int:
        """What the ratio numerator/denominator is multiplied by."""
        return {"count": 1, "rate": 10_000, "percent": 100, "percent_2y": 100, "average_days": 1}[
            self.value
        ]

    @property
    def unit(self) -> str:
        return {
            "count": "number",
            "rate": "per 10,000 children",
            "percent": "%",
            "percent_2y": "% within 2 years",
            "average_days": "days",
        }[self.value]


@dataclass(frozen=True)
class DataItem:
    id: str
    label: str
    definition: str
    kind: str  # "flow" or "stock"
    unit: str  # "count" or "days"
    part_of: tuple[str, ...] = ()

    @property
    def allows_decimals(self) -> bool:
        return self.unit == "days"


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind
    numerator: str
    denominator: str | None
    lait: str | None
    name: str | None = None  # tells apart two rows of one indicator ("ever", "within 2 years")


@dataclass(frozen=True)
class Indicator:
    number: int
    id: str
    title: str
    kind: str  # "flow" or "stock"
    polarity: Polarity
    decimals: int
    measures: tuple[Measure, ...]

    @property
    def is_flow(self) -> bool:
        return self.kind == "flow"

    def measure(self, kind: MeasureKind | str) -> Measure:
        for measure in self.measures:
            if measure.kind == kind:
                return measure
        raise KeyError(f"indicator {self.id} has no {kind} measure")

    def polarity_of(self, kind: MeasureKind | str) -> Polarity:
        """Counts are volumes, so never ranked as good or bad; the ratios carry the polarity."""
        return Polarity.NONE if kind == MeasureKind.COUNT else self.polarity

    def decimals_of(self, kind: MeasureKind | str) -> int:
        return 0 if kind == MeasureKind.COUNT else self.decimals


@dataclass(frozen=True)
class Identity:
    """A stock-flow identity: stock ≈ previous stock + inflow - outflow."""

    stock: str
    inflow: str
    outflow: str


@dataclass(frozen=True)
class Catalogue:
    items: dict[str, DataItem]
    indicators: tuple[Indicator, ...]
    identities: tuple[Identity, ...]

    def item(self, item_id: str) -> DataItem:
        return self.items[item_id]

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(f"no indicator '{indicator_id}' in the catalogue")

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(self.items)

    def parts(self) -> list[tuple[str, str]]:
        """(part, whole) pairs: the part can never exceed the whole."""
        return [(item.id, whole) for item in self.items.values() for whole in item.part_of]

    def measure_rows(self) -> list[tuple[Indicator, Measure]]:
        return [
            (indicator, measure) for indicator in self.indicators for measure in indicator.measures
        ]
