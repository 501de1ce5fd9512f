"""DfE statistical neighbour models: 10 nearest LAs per LA, nearest first, with closeness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tartan.periods import Period
from tartan.reference.files import read_table

NEIGHBOURS_FILE = "neighbours.csv"
NEIGHBOURS_COLUMNS = ("model", "la_code", "rank", "neighbour_code", "closeness")
MODELS_FILE = "neighbour_models.csv"
MODELS_COLUMNS = ("model", "effective_from", "source")


@dataclass(frozen=True)
class Neighbour:
    code: str
    rank: int
    closeness: str


@dataclass(frozen=True)
class NeighbourModel:
    name: str
    effective_from: date
    source: str
    neighbours: dict[str, tuple[Neighbour, ...]]


class NeighbourModels:
    """All neighbour models, and which applies to a period."""

    def __init__(self, models: list[NeighbourModel]) -> None:
        self.models = sorted(models, key=lambda model: model.effective_from)

    @classmethod
    def load(cls, folder: Path | None = None) -> NeighbourModels:
        groups: dict[str, dict[str, list[Neighbour]]] = {}
        for row in read_table(NEIGHBOURS_FILE, folder):
            per_la = groups.setdefault(row["model"], {})
            per_la.setdefault(row["la_code"], []).append(
                Neighbour(row["neighbour_code"], int(row["rank"]), row["closeness"])
            )
        models = [
            NeighbourModel(
                name=row["model"],
                effective_from=date.fromisoformat(row["effective_from"]),
                source=row["source"],
                neighbours={
                    la: tuple(sorted(found, key=lambda n: n.rank))
                    for la, found in groups.get(row["model"], {}).items()
                },
            )
            for row in read_table(MODELS_FILE, folder)
        ]
        return cls(models)

    def model_for(self, period: Period) -> NeighbourModel:
        """The latest model in effect by the end of ``period``; the earliest before any."""
        in_effect = [model for model in self.models if model.effective_from <= period.end]
        return in_effect[-1] if in_effect else self.models[0]

    def neighbours_of(
        self, la_code: str, period: Period
    ) -> tuple[NeighbourModel, tuple[Neighbour, ...]]:
        """The neighbours of ``la_code`` for ``period``, and the model they come from.

        An LA created after the model in effect (Cumberland in the 2021 model) takes its
        neighbours from the nearest model that has it, so no current LA goes without.
        """
        chosen = self.model_for(period)
        if la_code in chosen.neighbours:
            return chosen, chosen.neighbours[la_code]
        by_distance = sorted(
            self.models, key=lambda model: abs((model.effective_from - chosen.effective_from).days)
        )
        for model in by_distance:
            if la_code in model.neighbours:
                return model, model.neighbours[la_code]
        return chosen, ()


@cache
def shipped_neighbours() -> NeighbourModels:
    return NeighbourModels.load()
