"""Validation reports as text for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tartan.returns.findings import Severity
from tartan.returns.validate import ValidationReport


def print_reports(console: Console, reports: list[ValidationReport]) -> None:
    for report in reports:
        if not report.findings:
            console.print(f"[green]✔[/green] {report.file}: no errors, no queries")
            continue
        summary = f"{len(report.errors)} error(s), {len(report.queries)} query(ies)"
        status = "[red]✘[/red]" if report.errors or not report.readable else "[yellow]?[/yellow]"
        console.print(f"{status} {report.file}: {summary}")
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for column in ("code", "kind", "where", "message"):
            table.add_column(column, overflow="fold")
        for finding in report.findings:
            kind = "error" if finding.severity == Severity.ERROR else "query"
            table.add_row(finding.code, kind, finding.place or "whole file", finding.message)
        console.print(table)
    files = len(reports)
    failed = sum(1 for r in reports if not r.accepted)
    console.print(f"{files} file(s) checked, {files - failed} without errors, {failed} with errors")
