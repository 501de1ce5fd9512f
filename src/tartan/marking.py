"""The protective marking every output carries (DOMAIN.md §6).

Regional benchmarking reports are internal and limited use: key staff of member LAs only. Each
page, sheet, PDF and CSV says so, says who it was produced for and when, and whether it holds
unpublished figures (and then that they are not for release under the Freedom of Information
Act without the group's permission), and, for the demo, that the figures are synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

PROTOCOL = "data sharing protocol"
FOI_LINE = "Not for release under the Freedom of Information Act without the group's permission."


@dataclass(frozen=True)
class ProtectiveMarking:
    produced_for: str
    group: str
    unpublished: bool = True
    synthetic: bool = False
    produced_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def heading(self) -> str:
        if self.unpublished:
            return "INTERNAL AND LIMITED USE"
        return "PUBLISHED FIGURES ONLY"

    @property
    def when(self) -> str:
        return self.produced_at.strftime("%d %B %Y %H:%M UTC")

    @property
    def lines(self) -> list[str]:
        """The marking in full, one statement per line."""
        lines = [
            f"{self.heading} under the {self.group} {PROTOCOL}.",
            f"Produced for {self.produced_for} on {self.when}.",
        ]
        if self.unpublished:
            lines.append(
                "Contains unpublished, unaudited figures: do not share outside the group "
                "without the express permission of every authority shown."
            )
            # The protocol's FOI rule (issue 17, point 6): a request an LA receives for these
            # figures is answered only after the group is consulted (tartan.web.foi).
            lines.append(FOI_LINE)
        else:
            lines.append("Every figure is published by the DfE; see the sources.")
        if self.synthetic:
            lines.append("SYNTHETIC DEMONSTRATION DATA: these are not real figures.")
        return lines

    @property
    def one_line(self) -> str:
        return " ".join(self.lines)

    def csv_line(self) -> str:
        """The first line of a CSV export (a comment line readers can skip)."""
        return "# " + self.one_line
