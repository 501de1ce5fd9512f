"""Load ``indicators.toml`` and check that it holds together."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

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

SHIPPED = Path(__file__).with_name("indicators.toml")
_KINDS = ("flow", "stock")
_UNITS = ("count", "days")


class CatalogueError(ValueError):
    """The catalogue file is wrong; the message says where and how."""


def _require(spec: dict[str, Any], key: str, where: str) -> Any:
    if key not in spec or spec[key] in ("", None):
        raise CatalogueError(f"{where}: '{key}' is missing")
    return spec[key]


def _choice(value: str, allowed: tuple[str, ...], key: str, where: str) -> str:
    if value not in allowed:
        raise CatalogueError(f"{where}: {key} '{value}' must be one of {', '.join(allowed)}")
    return value


def _item(item_id: str, spec: dict[str, Any]) -> DataItem:
    where = f"item '{item_id}'"
    return DataItem(
        id=item_id,
        label=_require(spec, "label", where),
        definition=_require(spec, "definition", where),
        kind=_choice(_require(spec, "kind", where), _KINDS, "kind", where),
        unit=_choice(spec.get("unit", "count"), _UNITS, "unit", where),
        part_of=tuple(spec.get("part_of", ())),
    )


def _measure(spec: dict[str, Any], where: str) -> Measure:
    kind_text = _require(spec, "measure", where)
    try:
        kind = MeasureKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in MeasureKind)
        raise CatalogueError(f"{where}: measure '{kind_text}' must be one of {allowed}") from None
    denominator = spec.get("denominator")
    if kind == MeasureKind.COUNT and denominator:
        raise CatalogueError(f"{where}: a count has no denominator")
    if kind != MeasureKind.COUNT and not denominator:
        raise CatalogueError(f"{where}: a {kind} needs a denominator")
    if kind == MeasureKind.RATE and denominator != POPULATION:
        raise CatalogueError(f"{where}: a rate is per 10,000 of the population")
    return Measure(
        kind, _require(spec, "numerator", where), denominator, spec.get("lait"), spec.get("name")
    )


def _indicator(spec: dict[str, Any]) -> Indicator:
    where = f"indicator {spec.get('number', '?')} '{spec.get('id', '?')}'"
    polarity_text = _require(spec, "polarity", where)
    try:
        polarity = Polarity(polarity_text)
    except ValueError:
        raise CatalogueError(
            f"{where}: polarity '{polarity_text}' must be high, low or none"
        ) from None
    decimals = _require(spec, "decimals", where) if "decimals" in spec else None
    if not isinstance(decimals, int) or not 0 <= decimals <= 3:
        raise CatalogueError(f"{where}: decimals must be a whole number from 0 to 3")
    measures = tuple(_measure(m, f"{where} measure") for m in spec.get("measures", ()))
    if not measures:
        raise CatalogueError(f"{where}: no measures")
    kinds = [m.kind for m in measures]
    if len(set(kinds)) != len(kinds):
        raise CatalogueError(f"{where}: a measure kind appears twice")
    return Indicator(
        number=_require(spec, "number", where),
        id=_require(spec, "id", where),
        title=_require(spec, "title", where),
        kind=_choice(_require(spec, "kind", where), _KINDS, "kind", where),
        polarity=polarity,
        decimals=decimals,
        measures=measures,
    )


def _check_references(catalogue: Catalogue) -> None:
    items = catalogue.items
    for item in items.values():
        for whole in item.part_of:
            if whole not in items:
                raise CatalogueError(f"item '{item.id}': part_of names unknown item '{whole}'")
    for indicator in catalogue.indicators:
        where = f"indicator {indicator.number} '{indicator.id}'"
        for measure in indicator.measures:
            for name in (measure.numerator, measure.denominator):
                if name is not None and name != POPULATION and name not in items:
                    raise CatalogueError(f"{where}: unknown item '{name}'")
            numerator = items[measure.numerator]
            if numerator.kind != indicator.kind:
                raise CatalogueError(
                    f"{where}: is a {indicator.kind} but its numerator '{numerator.id}' is a "
                    f"{numerator.kind}"
                )
    ids = [indicator.id for indicator in catalogue.indicators]
    numbers = [indicator.number for indicator in catalogue.indicators]
    if len(set(ids)) != len(ids) or len(set(numbers)) != len(numbers):
        raise CatalogueError("indicator ids and numbers must be unique")
    for identity in catalogue.identities:
        for role, name, kind in (
            ("stock", identity.stock, "stock"),
            ("inflow", identity.inflow, "flow"),
            ("outflow", identity.outflow, "flow"),
        ):
            if name not in items or items[name].kind != kind:
                raise CatalogueError(f"identity {role} '{name}' must be a {kind} item")


def parse_catalogue(text: str) -> Catalogue:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"the catalogue is not valid TOML: {error}") from None
    items = {item_id: _item(item_id, spec) for item_id, spec in data.get("items", {}).items()}
    if not items:
        raise CatalogueError("the catalogue defines no items")
    indicators = tuple(
        sorted((_indicator(spec) for spec in data.get("indicators", ())), key=lambda i: i.number)
    )
    identities = tuple(
        Identity(
            _require(spec, "stock", "identity"),
            _require(spec, "inflow", "identity"),
            _require(spec, "outflow", "identity"),
        )
        for spec in data.get("identities", ())
    )
    catalogue = Catalogue(items, indicators, identities)
    _check_references(catalogue)
    return catalogue


def load_catalogue(path: Path | None = None) -> Catalogue:
    return parse_catalogue((path or SHIPPED).read_text(encoding="utf-8"))


@cache
def shipped_catalogue() -> Catalogue:
    return load_catalogue()
