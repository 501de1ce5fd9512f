"""The figures a generated caseload must reproduce, checked before anything is built.

The generator builds records item by item, so it needs figures that some set of records can
give: parts within their wholes, and stocks that flows can reach (a quarter cannot end with
fewer plans open than were started and not ended in it). A target that no records can give is
refused with the reason, never approximated.
"""

from __future__ import annotations

from collections.abc import Mapping

from tartan.catalogue import shipped_catalogue


class GeneratorError(ValueError):
    """No set of records gives these figures; the message says why."""


def whole_figures(figures: Mapping[str, float]) -> dict[str, int]:
    """Every catalogue item as a non-negative whole number, or GeneratorError."""
    catalogue = shipped_catalogue()
    problems = []
    out: dict[str, int] = {}
    for item in catalogue.item_ids:
        value = figures.get(item)
        if value is None:
            problems.append(f"{item} is missing")
        elif value < 0 or float(value) != int(value):
            problems.append(f"{item} is {value}, not a whole number of 0 or more")
        else:
            out[item] = int(value)
    if problems:
        raise GeneratorError("; ".join(problems))
    return out


def check_targets(figures: dict[str, int]) -> None:
    problems = []
    for part, whole in shipped_catalogue().parts():
        if figures[part] > figures[whole]:
            problems.append(f"{part} ({figures[part]}) exceeds {whole} ({figures[whole]})")
    for stock, inflow, outflow in (
        ("cpp_end", "cpp_start", "cpp_cease"),
        ("cla_end", "cla_start", "cla_cease"),
    ):
        if figures[stock] < figures[inflow] - figures[outflow]:
            problems.append(
                f"{stock} ({figures[stock]}) is below {inflow} - {outflow} "
                f"({figures[inflow] - figures[outflow]}): more started and did not end than "
                "are there at quarter end"
            )
    if figures["cpp_end"] > figures["cin_end"]:
        problems.append(
            f"cpp_end ({figures['cpp_end']}) exceeds cin_end ({figures['cin_end']}): a child on "
            "a plan is a child in need"
        )
    if figures["a2_days"] > 0 and figures["a2_children"] == 0:
        problems.append("a2_days is above 0 but a2_children is 0")
    if figures["a1_days"] > 0 and figures["adopted"] == 0:
        problems.append("a1_days is above 0 but adopted is 0")
    if problems:
        raise GeneratorError("; ".join(problems))
