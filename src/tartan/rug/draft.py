"""What a collated output says before the quarter is released: it is a DRAFT.

Every rendering (the service's pages, HTML, PDF, the workbook, CSV) says the same words, made
here once: whether the quarter is signed off, which member LAs have no return yet, and what that
does to the ranks (they are among the LAs with figures, so they may change)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Draft:
    signed_off: bool
    missing: tuple[str, ...]  # the member LAs with no figures in the quarter: "Kent (886)"
    ranked: int  # member LAs with figures, whom the group's ranks are among
    members: int

    @property
    def heading(self) -> str:
        state = "signed off but not yet released" if self.signed_off else "not signed off"
        return f"DRAFT: {state}."

    @property
    def detail(self) -> str:
        if not self.missing:
            return "Every LA of the group has a return; figures may still change before release."
        arrives = "this return arrives" if len(self.missing) == 1 else "these returns arrive"
        return (
            f"No return yet from {', '.join(self.missing)}. Ranks in the group are among the "
            f"{self.ranked} of {self.members} LAs with figures, and may change when {arrives}."
        )

    @property
    def line(self) -> str:
        return f"{self.heading} {self.detail}"
