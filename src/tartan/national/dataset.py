"""The national dataset's layout: the return's long format with all LAs, one row per LA,
quarter and item, the protective marking on the first line; read back and validated like
returns, LA by LA (DOMAIN.md §7)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from tartan.decimals import plain
from tartan.observations import Observation
from tartan.reference.register import shipped_register
from tartan.returns.csv_reader import decode_text, read_csv_table
from tartan.returns.findings import Finding
from tartan.returns.model import QuarterlyReturn
from tartan.returns.table import TEMPLATE_COLUMNS, ReturnTable
from tartan.returns.validate import check_table, default_settings

COLUMNS = TEMPLATE_COLUMNS


def dataset_csv(returns: Iterable[QuarterlyReturn], marking: list[str]) -> bytes:
    """Every LA's figures, sorted by quarter, LA and item; symbols kept as x and z."""
    register = shipped_register()
    buffer = io.StringIO()
    for line in marking:
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for figures in sorted(returns, key=lambda r: (r.period.sort_key, r.la_code)):
        name = register[figures.la_code].name
        for item in sorted(set(figures.numbers) | set(figures.symbols)):
            number = figures.numbers.get(item)
            value = figures.symbols.get(item, "") if number is None else plain(number)
            writer.writerow(
                [
                    figures.la_code,
                    name,
                    figures.period.label,
                    item,
                    value,
                    figures.comments.get(item, ""),
                ]
            )
    return buffer.getvalue().encode("utf-8")


@dataclass
class DatasetReading:
    accepted: list[QuarterlyReturn] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (LA, period) left out

    def observations(self, source: str) -> list[Observation]:
        return [row for figures in self.accepted for row in figures.observations(source)]


def read_dataset(name: str, data: bytes) -> DatasetReading:
    """Validate each LA's quarter as if it were its return; keep the ones without errors."""
    text = decode_text(data)
    reading = DatasetReading()
    if text is None:
        reading.findings.append(
            Finding("E002", name, "The dataset is not text: it should be a CSV file.")
        )
        return reading
    # Marking lines become blank lines, so that row numbers stay those of the file.
    body = "\n".join("" if line.startswith("#") else line for line in text.splitlines())
    table, findings = read_csv_table(name, body)
    reading.findings.extend(findings)
    if table is None:
        return reading
    blocks: dict[tuple[str, str], list] = {}
    for row in table.rows:
        blocks.setdefault((row.get("la_code"), row.get("period")), []).append(row)
    settings = default_settings()
    for (la_code, period), rows in sorted(blocks.items()):
        part = ReturnTable(
            name=name,
            header_line=table.header_line,
            columns=table.columns,
            raw_columns=table.raw_columns,
            rows=rows,
        )
        block_findings, checked = check_table(part, settings)
        errors = [f for f in block_findings if f.severity.value == "error"]
        reading.findings.extend(block_findings)
        figures = QuarterlyReturn.from_checked(checked)
        if errors or figures is None:
            reading.rejected.append((la_code, period))
        else:
            reading.accepted.append(figures)
    return reading
