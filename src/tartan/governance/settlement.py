"""Settlement at termination (appendix 1, clause 6 of the regional memorandum).

"Any balance of funds, either surplus or deficit, will be shared between partners in proportion
to their contribution for the year, and be reimbursed / paid within 3 months of the termination."

Shares are whole pence and must add up exactly to the balance. Each partner first gets the
whole pence of its exact proportional share; the pence left over go one each to the partners
with the largest remainders (Hamilton's largest-remainder method), ties broken by the larger
contribution, then by partner key, so the result never depends on the order of the input.
A deficit is shared the same way with the sign turned round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from tartan.governance.schedule import add_months

SETTLE_WITHIN_MONTHS = 3


class SettlementError(ValueError):
    """Contributions that a balance cannot be shared in proportion to."""


def share_balance(balance_pence: int, contributions: Mapping[str, int]) -> dict[str, int]:
    """Each partner's share of ``balance_pence`` (negative for a deficit), in pence."""
    if any(amount < 0 for amount in contributions.values()):
        raise SettlementError("a contribution cannot be negative")
    total = sum(contributions.values())
    if total == 0:
        if balance_pence == 0:
            return dict.fromkeys(contributions, 0)
        raise SettlementError(
            "nobody contributed in the year, so the balance has no proportions to be shared in"
        )
    sign = -1 if balance_pence < 0 else 1
    magnitude = abs(balance_pence)
    floors = {key: magnitude * amount // total for key, amount in contributions.items()}
    remainders = {key: magnitude * amount % total for key, amount in contributions.items()}
    left_over = magnitude - sum(floors.values())
    order = sorted(contributions, key=lambda key: (-remainders[key], -contributions[key], key))
    for key in order[:left_over]:
        floors[key] += 1
    return {key: sign * floors[key] for key in contributions}


def settlement_due(terminated_on: date) -> date:
    """Reimbursed or paid within 3 months of the termination."""
    return add_months(terminated_on, SETTLE_WITHIN_MONTHS)


@dataclass(frozen=True)
class Statement:
    """One partner's settlement: what it put in, its share, and which way the money goes."""

    partner: str
    contribution_pence: int
    total_contributions_pence: int
    balance_pence: int
    share_pence: int
    due_on: date

    @property
    def proportion_text(self) -> str:
        if not self.total_contributions_pence:
            return "0%"
        share = 100 * self.contribution_pence / self.total_contributions_pence
        return f"{share:.2f}%"

    @property
    def direction(self) -> str:
        if self.share_pence > 0:
            return "to be reimbursed to the partner"
        if self.share_pence < 0:
            return "to be paid by the partner"
        return "nothing to pay or reimburse"


def statements(
    balance_pence: int, contributions: Mapping[str, int], terminated_on: date
) -> list[Statement]:
    shares = share_balance(balance_pence, contributions)
    total = sum(contributions.values())
    due = settlement_due(terminated_on)
    return [
        Statement(key, contributions[key], total, balance_pence, shares[key], due)
        for key in sorted(contributions)
    ]
