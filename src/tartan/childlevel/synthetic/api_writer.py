"""Write a synthetic caseload as CSC API payloads: a snapshot, then a delta.

The same children as the CIN census and SSDA903 files, as the DfE's children's social care API
receives them. The snapshot (spec 0.7's ``{"la_code", "Children"}``, dated a week before the
quarter ends) is made slightly stale on purpose, and the delta (spec 0.8's list, dated the
quarter's last day) puts it right, so that reading both in date order exercises what a real
feed does: closure dates that arrive later, a plan's end, an assessment entered in error and
purged, and a child sent by mistake and purged.

Placements sit inside a social care episode in the payload. A child looked after who is not
among the CIN census's children gets an episode referred and closed the same day before the
quarter, which counts in no item. Short-break episodes (legal status V3/V4) are not sent: the
payload has no legal status, so it could not keep them apart from care.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from tartan.childlevel.ssda903_schema import SHORT_BREAKS
from tartan.childlevel.synthetic.model import CareChild, CinChild, CinEpisode
from tartan.periods import Period

Payload = dict[str, Any]
STALE_SHARE = 0.05  # of closures and plan ends left out of the snapshot, sent in the delta


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _episode(child_id: str, number: int, episode: CinEpisode) -> Payload:
    ident = f"{child_id}-{number}"
    return {
        "social_care_episode_id": ident,
        "referral_date": _day(episode.referral),
        "referral_source": episode.source,
        "referral_no_further_action_flag": episode.no_further_action,
        "closure_date": _day(episode.closure),
        "closure_reason": episode.closure_reason if episode.closure else None,
        "child_and_family_assessments": [
            {
                "child_and_family_assessment_id": f"{ident}-A{at}",
                "start_date": _day(a.start),
                "authorisation_date": _day(a.authorised),
                "factors": list(a.factors),
                "purge": False,
            }
            for at, a in enumerate(episode.assessments, 1)
        ],
        "section_47_assessments": [
            {
                "section_47_assessment_id": f"{ident}-S{at}",
                "start_date": _day(e.start),
                "icpc_required_flag": not e.not_required,
                "icpc_date": _day(e.conference),
                "purge": False,
            }
            for at, e in enumerate(episode.enquiries, 1)
        ],
        "child_protection_plans": [
            {
                "child_protection_plan_id": f"{ident}-P{at}",
                "start_date": _day(p.start),
                "end_date": _day(p.end),
                "purge": False,
            }
            for at, p in enumerate(episode.plans, 1)
        ],
        "child_looked_after_placements": [],
        "purge": False,
    }


def _care(child: CareChild, host: Payload) -> None:
    for number, episode in enumerate(child.episodes, 1):
        if episode.legal_status in SHORT_BREAKS:
            continue
        host["child_looked_after_placements"].append(
            {
                "child_looked_after_placement_id": f"PL{child.person.id}-{number}",
                "start_date": _day(episode.start),
                "start_reason": episode.reason_new,
                "placement_type": episode.placement,
                "postcode": episode.placement_postcode,
                "end_date": _day(episode.end),
                "end_reason": episode.reason_ceased,
                "purge": False,
            }
        )
    if child.adoption is not None:
        host["adoption"] = {
            "initial_decision_date": _day(child.adoption.decision),
            "matched_date": _day(child.adoption.matched),
            "placed_date": _day(child.episodes[-1].start),
            "purge": False,
        }


def _children(
    cin_children: list[CinChild], care_children: list[CareChild], period: Period
) -> dict[str, Payload]:
    children: dict[str, Payload] = {}
    for child in cin_children:
        person = child.person
        children[person.id] = {
            "la_child_id": person.id,
            "child_details": {
                "unique_pupil_number": person.upn,
                "date_of_birth": _day(person.birth),
                "sex": {"1": "M", "2": "F"}[person.sex],
                "ethnicity": person.ethnicity,
                "purge": False,
            },
            "social_care_episodes": [
                _episode(person.id, n, e) for n, e in enumerate(child.episodes, 1)
            ],
            "purge": False,
        }
    for care_child in care_children:
        if all(e.legal_status in SHORT_BREAKS for e in care_child.episodes):
            continue
        person = care_child.person
        if person.id not in children:
            referred = min(care_child.episodes[0].start, period.start) - timedelta(days=30)
            children[person.id] = {
                "la_child_id": person.id,
                "child_details": {"date_of_birth": _day(person.birth), "purge": False},
                "social_care_episodes": [
                    _episode(person.id, 1, CinEpisode(referred, closure=referred))
                ],
                "purge": False,
            }
        _care(care_child, children[person.id]["social_care_episodes"][-1])
    return children


def _stale_copy(
    children: dict[str, Payload], rng: np.random.Generator
) -> tuple[list[Payload], list[Payload]]:
    """The snapshot's children, some made stale, and the delta that puts them right."""
    snapshot: list[Payload] = []
    delta: list[Payload] = []
    for ident, child in children.items():
        copy = json.loads(json.dumps(child))
        changes: list[Payload] = []
        for episode in copy["social_care_episodes"]:
            change: Payload = {"social_care_episode_id": episode["social_care_episode_id"]}
            if episode["closure_date"] and rng.random() < STALE_SHARE:
                change["closure_date"] = episode["closure_date"]
                change["closure_reason"] = episode["closure_reason"]
                episode["closure_date"] = episode["closure_reason"] = None
            ended = [p for p in episode["child_protection_plans"] if p["end_date"]]
            if ended and rng.random() < STALE_SHARE:
                plan = ended[0]
                change["child_protection_plans"] = [
                    {
                        "child_protection_plan_id": plan["child_protection_plan_id"],
                        "end_date": plan["end_date"],
                        "purge": False,
                    }
                ]
                plan["end_date"] = None
            if episode["child_and_family_assessments"] and rng.random() < STALE_SHARE:
                wrong = f"{episode['social_care_episode_id']}-A-error"
                episode["child_and_family_assessments"].append(
                    {
                        "child_and_family_assessment_id": wrong,
                        "start_date": episode["referral_date"],
                        "authorisation_date": episode["referral_date"],
                        "purge": False,
                    }
                )
                change["child_and_family_assessments"] = [
                    {"child_and_family_assessment_id": wrong, "purge": True}
                ]
            if len(change) > 1:
                changes.append(change)
        snapshot.append(copy)
        if changes:
            delta.append({"la_child_id": ident, "social_care_episodes": changes, "purge": False})
    return snapshot, delta


def write_csc_api(
    folder: Path,
    la_code: str,
    period: Period,
    cin_children: list[CinChild],
    care_children: list[CareChild],
    seed: int,
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 7])
    children = _children(cin_children, care_children, period)
    snapshot, delta = _stale_copy(children, rng)
    # A child sent by mistake in the snapshot, purged by the delta.
    mistaken = f"{la_code}-sent-in-error"
    snapshot.append(
        {
            "la_child_id": mistaken,
            "social_care_episodes": [
                _episode(mistaken, 1, CinEpisode(period.end - timedelta(days=10)))
            ],
            "purge": False,
        }
    )
    delta.append({"la_child_id": mistaken, "purge": True})
    snapshot_day = period.end - timedelta(days=7)
    (folder / f"snapshot-{snapshot_day.isoformat()}.json").write_text(
        json.dumps({"la_code": int(la_code), "Children": snapshot}), encoding="utf-8"
    )
    (folder / f"delta-{period.end.isoformat()}.json").write_text(
        json.dumps(delta), encoding="utf-8"
    )
