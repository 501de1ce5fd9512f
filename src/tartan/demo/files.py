"""Write synthetic returns as the files an LA would upload."""

from __future__ import annotations

import re
from pathlib import Path

from tartan.catalogue import Catalogue
from tartan.demo.synthetic import SYNTHETIC_NOTE, SyntheticReturn
from tartan.reference.register import Register
from tartan.returns.template import write_template

MARKER = "SYNTHETIC.txt"
# Some councils send workbooks: the demo does too, so both readers are exercised.
XLSX_SENDERS = frozenset({"850", "886", "936"})


def return_filename(la_code: str, la_name: str, period_label: str, extension: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", la_name).strip("_")
    return f"{la_code}_{slug}_{period_label.replace(' ', '_')}.{extension}"


def write_returns(
    returns: list[SyntheticReturn], folder: Path, register: Register, catalogue: Catalogue
) -> list[Path]:
    """One file per return in a folder per quarter; a marker says the folder is synthetic."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(f"{SYNTHETIC_NOTE}. Made by tartan's demo.\n", encoding="utf-8")
    written = []
    for synthetic in returns:
        la = register[synthetic.la_code]
        quarter = folder / synthetic.period.label.replace(" ", "_")
        quarter.mkdir(exist_ok=True)
        extension = "xlsx" if la.code in XLSX_SENDERS else "csv"
        path = quarter / return_filename(la.code, la.name, synthetic.period.label, extension)
        write_template(
            la, synthetic.period, catalogue, path, synthetic.figures, {"referrals": SYNTHETIC_NOTE}
        )
        written.append(path)
    return written


def is_synthetic(folder: Path) -> bool:
    return (folder / MARKER).exists()
