"""The rule registry: ``@rule(code, title, stage)`` adds a check function to ``RULES``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from tartan.returns.context import CheckedReturn
from tartan.returns.findings import Finding, Severity

Check = Callable[[CheckedReturn], Iterable[Finding]]


class Stage(IntEnum):
    """Rules run stage by stage; errors in the structure stage stop the later ones, whose
    findings would only repeat the same cause. Errors in rows do not: each later rule skips
    only what needs an unreadable value."""

    STRUCTURE = 1
    ROWS = 2
    CONSISTENCY = 3
    PLAUSIBILITY = 4


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    stage: Stage
    check: Check

    @property
    def severity(self) -> Severity:
        return Severity.of(self.code)


RULES: dict[str, Rule] = {}


def rule(code: str, title: str, stage: Stage) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} is registered twice")
        RULES[code] = Rule(code, title, stage, check)
        return check

    return register
