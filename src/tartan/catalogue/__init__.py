"""The indicator catalogue: data items and indicators, defined as data in ``indicators.toml``."""

from tartan.catalogue.loader import CatalogueError, load_catalogue, shipped_catalogue
from tartan.catalogue.model import (
    POPULATION,
    Catalogue,
    DataItem,
    Identity,
    Indicator,
    Measure,
    MeasureKind,
    Polarity,
)

__all__ = [
    "POPULATION",
    "Catalogue",
    "CatalogueError",
    "DataItem",
    "Identity",
    "Indicator",
    "Measure",
    "MeasureKind",
    "Polarity",
    "load_catalogue",
    "shipped_catalogue",
]
