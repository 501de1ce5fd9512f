"""A clean return for East Sussex, 2024-25 Q1, and helpers to spoil and check it."""

from __future__ import annotations

import csv
import io

from tartan.periods import Period
from tartan.returns.validate import ValidationReport, default_settings, validate_bytes

# Hand-made, internally consistent figures (parts within wholes; stocks follow flows).
FIGURES = {
    "referrals": "1050",
    "rereferrals_12m": "180",
    "assessments": "990",
    "assessments_45d": "820",
    "cin_end": "3500",
    "s47": "330",
    "icpc": "200",
    "icpc_15d": "160",
    "cpp_end": "610",
    "cpp_start": "160",
    "cpp_cease": "150",
    "cpp_repeat_ever": "50",
    "cpp_repeat_2y": "15",
    "cla_end": "690",
    "cla_start": "65",
    "cla_cease": "60",
    "adopted": "6",
    "a1_days": "2900",
    "a2_days": "1100",
    "a2_children": "6",
    "a3_under_14m": "2",
}
PREVIOUS = {**{item: int(value) for item, value in FIGURES.items()}, "cla_end": 685, "cpp_end": 600}
HEADER = ["la_code", "la_name", "period", "item", "value", "comment"]


def rows(la: str = "845", name: str = "East Sussex", period: str = "2024-25 Q1") -> list[list[str]]:
    return [[la, name, period, item, value, ""] for item, value in FIGURES.items()]


def to_csv(body: list[list[str]], header: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header or HEADER)
    writer.writerows(body)
    return buffer.getvalue().encode("utf-8")


def check(data: bytes, name: str = "return.csv", **settings: object) -> ValidationReport:
    options = dict(settings)
    if "expected_period" in options and isinstance(options["expected_period"], str):
        options["expected_period"] = Period.parse(options["expected_period"])
    return validate_bytes(name, data, default_settings(**options))  # type: ignore[arg-type]


def codes(report: ValidationReport) -> set[str]:
    return {finding.code for finding in report.findings}
