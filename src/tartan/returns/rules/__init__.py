"""Validation rules: one small function per rule, each with a stable code.

Importing this package registers every rule in ``registry.RULES``.
"""

from tartan.returns.rules import consistency, identity, items, plausibility, structure, values
from tartan.returns.rules.registry import RULES, Rule, Stage

__all__ = [
    "RULES",
    "Rule",
    "Stage",
    "consistency",
    "identity",
    "items",
    "plausibility",
    "structure",
    "values",
]
