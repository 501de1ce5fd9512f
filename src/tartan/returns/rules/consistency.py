"""Consistency within the return: parts never exceed their whole."""

from __future__ import annotations

from collections.abc import Iterator

from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding
from tartan.returns.rules.registry import Stage, rule

# Day sums and the children they are summed over.
_DAY_SUMS = (("a1_days", "adopted"), ("a2_days", "a2_children"))


@rule("E501", "A part is larger than its whole", Stage.CONSISTENCY)
def part_exceeds_whole(ret: CheckedReturn) -> Iterator[Finding]:
    numbers = ret.numbers
    for part, whole in ret.catalogue.parts():
        if part in numbers and whole in numbers and numbers[part] > numbers[whole]:
            row, _ = ret.values[part]
            yield Finding(
                "E501",
                ret.name,
                f"{part} ({numbers[part]}) is larger than {whole} ({numbers[whole]}), but it "
                f"counts some of them: {ret.catalogue.item(part).label.lower()} cannot exceed "
                f"{ret.catalogue.item(whole).label.lower()}.",
                row=row.line,
                column="value",
                item=part,
            )


@rule("E502", "Days are given for no children", Stage.CONSISTENCY)
def days_without_children(ret: CheckedReturn) -> Iterator[Finding]:
    numbers = ret.numbers
    for days, children in _DAY_SUMS:
        if days not in ret.catalogue.items or children not in ret.catalogue.items:
            continue
        if numbers.get(days, 0) > 0 and numbers.get(children) == 0:
            row, _ = ret.values[days]
            yield Finding(
                "E502",
                ret.name,
                f"{days} is {numbers[days]} but {children} is 0: a sum of days needs children to "
                "sum over. Check both figures.",
                row=row.line,
                column="value",
                item=days,
            )
