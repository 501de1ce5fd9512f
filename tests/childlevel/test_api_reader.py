"""The CSC API route: snapshots then deltas in date order, purges, both spec versions, and bad
input (out of date order, a purge of a child never sent, files that are not payloads)."""

from __future__ import annotations

import json
from pathlib import Path

from tartan.childlevel.compute import compute_return
from tartan.periods import Period

Q1 = Period.parse("2024-25 Q1")


def _episode(ident: str, referral: str, **fields: object) -> dict[str, object]:
    return {"social_care_episode_id": ident, "referral_date": referral, "purge": False, **fields}


SNAPSHOT = {
    "la_code": 845,
    "Children": [
        {
            "la_child_id": "A",
            "social_care_episodes": [
                _episode(
                    "A-1",
                    "2024-04-08",
                    child_protection_plans=[
                        {"child_protection_plan_id": "A-P1", "start_date": "2024-04-20"}
                    ],
                )
            ],
        },
        {"la_child_id": "B", "social_care_episodes": [_episode("B-1", "2024-05-02")]},
    ],
}
# The next day: A's plan ended, B was purged, C was referred.
DELTA = [
    {
        "la_child_id": "A",
        "social_care_episodes": [
            {
                "social_care_episode_id": "A-1",
                "child_protection_plans": [
                    {"child_protection_plan_id": "A-P1", "end_date": "2024-06-01", "purge": False}
                ],
            }
        ],
    },
    {"la_child_id": "B", "purge": True},
    {"la_child_id": "C", "social_care_episodes": [_episode("C-1", "2024-06-10")]},
]


def _write(folder: Path, files: dict[str, object]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    return folder


def _codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_a_snapshot_then_a_delta_give_the_state_after_both(tmp_path):
    folder = _write(
        tmp_path / "api",
        {"snapshot-2024-06-29.json": SNAPSHOT, "delta-2024-06-30.json": DELTA},
    )
    result = compute_return(Q1, la_code="845", csc_api=folder)
    assert _codes(result) == ["C509"]
    figures = result.figures
    assert (figures["referrals"], figures["cin_end"]) == (2, 2)  # A and C; B purged
    assert (figures["cpp_start"], figures["cpp_cease"], figures["cpp_end"]) == (1, 1, 0)
    assert "a2_days" not in figures
    assert "a2_children" not in figures


def test_files_are_applied_in_date_order_whatever_order_they_come_in(tmp_path):
    # The names sort the delta first; the dates in them put the snapshot first.
    folder = _write(
        tmp_path / "api",
        {"a-delta-20240630.json": DELTA, "b-snapshot-20240629.json": SNAPSHOT},
    )
    in_order = _write(
        tmp_path / "ordered",
        {"snapshot-2024-06-29.json": SNAPSHOT, "delta-2024-06-30.json": DELTA},
    )
    assert (
        compute_return(Q1, la_code="845", csc_api=folder).figures
        == compute_return(Q1, la_code="845", csc_api=in_order).figures
    )


def test_a_delta_older_than_the_snapshot_is_out_of_date_and_not_applied(tmp_path):
    folder = _write(
        tmp_path / "api",
        {"snapshot-2024-06-29.json": SNAPSHOT, "delta-2024-06-28.json": DELTA},
    )
    result = compute_return(Q1, la_code="845", csc_api=folder)
    assert _codes(result) == ["C505", "C509"]
    assert result.findings[0].file == "delta-2024-06-28.json"
    assert result.figures["referrals"] == 2  # A and B, as the snapshot says
    assert result.figures["cpp_end"] == 1


def test_a_purge_of_a_child_or_record_never_sent_changes_nothing_and_is_reported(tmp_path):
    delta = [
        {"la_child_id": "Z", "purge": True},
        {
            "la_child_id": "A",
            "social_care_episodes": [
                {
                    "social_care_episode_id": "A-1",
                    "child_protection_plans": [{"child_protection_plan_id": "A-P9", "purge": True}],
                }
            ],
        },
    ]
    folder = _write(
        tmp_path / "api", {"snapshot-2024-06-29.json": SNAPSHOT, "delta-2024-06-30.json": delta}
    )
    result = compute_return(Q1, la_code="845", csc_api=folder)
    assert _codes(result) == ["C506", "C506", "C509"]
    assert "child Z" in result.findings[0].message
    assert "A-P9" in result.findings[1].message
    snapshot_only = compute_return(
        Q1, la_code="845", csc_api=tmp_path / "api" / "snapshot-2024-06-29.json"
    )
    assert result.figures == snapshot_only.figures


def test_spec_0_7_and_0_8_files_read_alike(tmp_path):
    old = _write(tmp_path / "v07", {"payload.json": SNAPSHOT})
    new = _write(tmp_path / "v08", {"payload.json": SNAPSHOT["Children"]})
    assert (
        compute_return(Q1, la_code="845", csc_api=old / "payload.json").figures
        == compute_return(Q1, la_code="845", csc_api=new / "payload.json").figures
    )


def test_bad_payloads_block_with_the_reason(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "broken.json").write_text('{"la_code": 845, "Children": [', encoding="utf-8")
    assert _codes(compute_return(Q1, la_code="845", csc_api=folder / "broken.json")) == ["C501"]
    (folder / "other.json").write_text(json.dumps({"rows": [1, 2]}), encoding="utf-8")
    assert _codes(compute_return(Q1, la_code="845", csc_api=folder / "other.json")) == ["C502"]
    other_la = compute_return(Q1, la_code="846", csc_api=tmp_path / "bad" / "other.json")
    assert _codes(other_la) == ["C502"]
    _write(tmp_path / "la", {"p.json": SNAPSHOT})
    assert _codes(compute_return(Q1, la_code="846", csc_api=tmp_path / "la" / "p.json")) == ["C503"]
    undated = _write(tmp_path / "undated", {"one.json": SNAPSHOT, "two.json": DELTA})
    result = compute_return(Q1, la_code="845", csc_api=undated)
    assert _codes(result) == ["C504"]
    assert result.blocked


def test_a_date_that_is_not_a_date_is_named_and_ignored(tmp_path):
    snapshot = json.loads(json.dumps(SNAPSHOT))
    snapshot["Children"][0]["social_care_episodes"][0]["closure_date"] = "next week"
    snapshot["Children"][1]["social_care_episodes"][0]["referral_date"] = None
    result = compute_return(
        Q1, la_code="845", csc_api=_write(tmp_path / "api", {"s.json": snapshot}) / "s.json"
    )
    assert _codes(result) == ["C508", "C507", "C509"]
    assert "next week" in result.findings[1].message
    assert result.figures["referrals"] == 1  # B's referral has no date
    assert result.figures["cin_end"] == 1  # A's closure date was ignored
