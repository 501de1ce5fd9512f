"""CSC API payload files (DfE specification 0.7 and 0.8), put together in date order.

A payload is what an LA sends to the DfE's children's social care API: children, each with
``la_child_id``, ``child_details`` and ``social_care_episodes`` holding assessments, section 47
enquiries, plans, placements and adoption. Spec 0.7 wraps them as ``{"la_code": …,
"Children": […]}``; spec 0.8 sends the list itself. A **snapshot** holds every child; a
**delta** (Data to Insight's partial payload) holds only what changed: a child's changed fields,
list items matched by their ``…_id``, and ``purge: true`` on whatever is to be removed.

The payload itself carries no date, so a file's name gives it (``snapshot-2024-06-30.json``,
``delta_20240701.json``); the word ``delta`` or ``partial`` in the name marks a delta. Files are
applied in date order, a snapshot before a delta of the same day; since a snapshot holds
every child, reading starts from the latest one, and a delta dated before it is out of date and
not applied (C505). A purge of something never sent is reported (C506) and changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from tartan.childlevel.findings import FindingLog

# The key that identifies an item of each list in the payload.
LIST_KEYS = {
    "social_care_episodes": "social_care_episode_id",
    "child_and_family_assessments": "child_and_family_assessment_id",
    "child_in_need_plans": "child_in_need_plan_id",
    "section_47_assessments": "section_47_assessment_id",
    "child_protection_plans": "child_protection_plan_id",
    "child_looked_after_placements": "child_looked_after_placement_id",
    "care_worker_details": "worker_id",
}
_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")

Child = dict[str, Any]


@dataclass(frozen=True)
class PayloadFile:
    path: Path
    day: date | None
    is_delta: bool


def describe(path: Path) -> PayloadFile:
    found = _DATE.search(path.stem)
    day = None
    if found:
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            day = None
    lowered = path.stem.lower()
    return PayloadFile(path, day, "delta" in lowered or "partial" in lowered)


def payload_files(source: Path) -> list[Path]:
    if source.is_dir():
        return sorted(p for p in source.iterdir() if p.suffix.lower() == ".json")
    return [source]


def _children(
    data: object, name: str, expected_la: str | None, log: FindingLog
) -> list[Child] | None:
    if isinstance(data, dict):
        la = data.get("la_code")
        if expected_la and la is not None and str(la).zfill(3) != expected_la:
            log.add(
                "C503",
                name,
                f"The payload's la_code is {la}, but the return is for {expected_la}.",
                column="la_code",
            )
            return None
        data = data.get("Children", data.get("children"))
        if isinstance(data, dict):
            data = [data]
    if not isinstance(data, list) or not all(
        isinstance(child, dict) and "la_child_id" in child for child in data
    ):
        log.add(
            "C502",
            name,
            "The file is not a CSC API payload: it needs a list of children (spec 0.8) or "
            '{"la_code": …, "Children": […]} (spec 0.7), each child with an la_child_id.',
        )
        return None
    return data


def _merge_list(
    held: list[Any], changes: list[Any], key: str, where: str, log: FindingLog
) -> list[Any]:
    by_id = {item.get(key): item for item in held if isinstance(item, dict)}
    for change in changes:
        if not isinstance(change, dict) or change.get(key) is None:
            continue
        ident = change[key]
        if change.get("purge") is True:
            if by_id.pop(ident, None) is None:
                log.add(
                    "C506",
                    where,
                    f"The delta purges {key} {ident}, which no earlier payload holds; nothing "
                    "is removed.",
                    column=key,
                )
        elif ident in by_id:
            by_id[ident] = _merge(by_id[ident], change, where, log)
        else:
            by_id[ident] = change
    return list(by_id.values())


def _merge(held: Child, change: Child, where: str, log: FindingLog) -> Child:
    merged = dict(held)
    for name, value in change.items():
        if name == "purge":
            continue
        if isinstance(value, dict) and value.get("purge") is True:
            merged.pop(name, None)
        elif isinstance(value, dict) and isinstance(held.get(name), dict):
            merged[name] = _merge(held[name], value, where, log)
        elif isinstance(value, list) and name in LIST_KEYS:
            merged[name] = _merge_list(held.get(name) or [], value, LIST_KEYS[name], where, log)
        else:
            merged[name] = value
    return merged


def _apply_delta(
    state: dict[str, Child], children: list[Child], name: str, log: FindingLog
) -> None:
    for child in children:
        ident = str(child["la_child_id"])
        if child.get("purge") is True:
            if state.pop(ident, None) is None:
                log.add(
                    "C506",
                    name,
                    f"The delta purges child {ident}, whom no earlier payload holds; nothing is "
                    "removed.",
                    column="la_child_id",
                )
        elif ident in state:
            state[ident] = _merge(state[ident], child, f"{name}, child {ident}", log)
        else:
            state[ident] = child


def _ordered(files: list[PayloadFile], log: FindingLog) -> list[PayloadFile] | None:
    if len(files) > 1 and any(f.day is None for f in files):
        undated = [f.path.name for f in files if f.day is None]
        log.add(
            "C504",
            undated[0],
            f"{', '.join(undated)}: no date in the file name (like snapshot-2024-06-30.json), "
            "so the payloads cannot be applied in date order.",
        )
        return None
    return sorted(files, key=lambda f: (f.day or date.min, f.is_delta, f.path.name))


def read_payloads(
    source: Path, expected_la: str | None, log: FindingLog
) -> dict[str, Child] | None:
    """Every child as the files, applied in date order, leave them; None when a finding
    blocks."""
    paths = payload_files(source)
    if not paths or not all(path.is_file() for path in paths):
        log.add("C501", source.name, f"{source} holds no payload file (*.json).")
        return None
    ordered = _ordered([describe(path) for path in paths], log)
    if ordered is None:
        return None
    state: dict[str, Child] = {}
    # A snapshot holds every child as at its date, so only the latest one and the deltas after
    # it matter; earlier deltas are out of date.
    snapshots = [f.day or date.min for f in ordered if not f.is_delta]
    latest_snapshot = max(snapshots) if snapshots else None
    for payload in ordered:
        name = payload.path.name
        if (
            payload.is_delta
            and latest_snapshot is not None
            and (payload.day or date.min) < latest_snapshot
        ):
            log.add(
                "C505",
                name,
                f"This delta is dated {payload.day}, before the snapshot of {latest_snapshot} "
                "that already holds every child: it is out of date and not applied.",
            )
            continue
        if not payload.is_delta and (payload.day or date.min) < (latest_snapshot or date.min):
            continue
        try:
            # orjson: payloads of a large LA run to tens of MB, which it parses several times
            # faster than the standard library.
            data = orjson.loads(payload.path.read_bytes())
        except orjson.JSONDecodeError as error:
            log.add("C501", name, f"The file is not valid JSON: {error}.")
            return None
        children = _children(data, name, expected_la, log)
        if children is None:
            return None
        if not payload.is_delta:
            state = {str(c["la_child_id"]): c for c in children if c.get("purge") is not True}
            latest_snapshot = payload.day
        elif (
            latest_snapshot is not None
            and payload.day is not None
            and payload.day < latest_snapshot
        ):
            log.add(
                "C505",
                name,
                f"This delta is dated {payload.day}, before the snapshot of {latest_snapshot} "
                "that already holds every child: it is out of date and not applied.",
            )
        else:
            _apply_delta(state, children, name, log)
    return state
