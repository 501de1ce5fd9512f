"""Commands about the return: reference data, the blank template, validation."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tartan.cli.common import app, console, la_option, period_option, reference_app


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


@reference_app.command("build")
def reference_build(
    source: Annotated[
        Path, typer.Argument(help="Folder of the official files, e.g. ../shared/data/published")
    ],
    out: Annotated[
        Path | None, typer.Option(help="Write here instead of the package's data folders")
    ] = None,
) -> None:
    """Build the shipped reference and published tables from the official DfE and ONS files."""
    from tartan.published.importer import build_published
    from tartan.published.store import DATA as PUBLISHED_DATA
    from tartan.reference.build import build_reference
    from tartan.reference.files import shipped_path

    if not source.is_dir():
        raise typer.BadParameter(f"{source} is not a folder")
    reference_out = out or shipped_path("")
    published_out = out or PUBLISHED_DATA
    written = build_reference(source, reference_out) + build_published(source, published_out)
    for path in written:
        console.print(f"wrote {path} ({path.stat().st_size:,} bytes)")


@app.command()
def template(
    la: Annotated[str, typer.Option(help="3-digit DfE LA code")],
    period: Annotated[str, typer.Option(help="Quarter, e.g. '2024-25 Q1'")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="CSV, or XLSX when the name ends .xlsx")
    ],
) -> None:
    """Write the blank quarterly return for an LA and quarter."""
    from tartan.catalogue import shipped_catalogue
    from tartan.reference.register import shipped_register
    from tartan.returns.template import write_template

    quarter = period_option(period)
    assert quarter is not None
    if not quarter.is_quarter:
        raise typer.BadParameter("a return is for one quarter, like '2024-25 Q1'")
    code = la_option(la)
    assert code is not None
    write_template(shipped_register()[code], quarter, shipped_catalogue(), output)
    console.print(f"wrote the blank return for {code} {quarter.label} to {output}")


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Return files (CSV or XLSX)")],
    la: Annotated[str | None, typer.Option(help="The LA the uploader may submit for")] = None,
    period: Annotated[str | None, typer.Option(help="The quarter the round collects")] = None,
    previous: Annotated[
        Path | None, typer.Option(help="Last quarter's return, for change and stock-flow queries")
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="text or json")
    ] = ReportFormat.text,
) -> None:
    """Validate returns. Exit 0: no errors (queries allowed); 1: errors; 2: a file unreadable."""
    from tartan.returns.validate import default_settings, figures_of, validate_path

    previous_figures = figures_of(previous) if previous else None
    settings = default_settings(la_option(la), period_option(period), previous_figures)
    reports = [validate_path(path, settings) for path in files]
    if output_format == ReportFormat.json:
        typer.echo(
            json.dumps(
                [f.as_dict() for report in reports for f in report.findings],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        from tartan.returns.report import print_reports

        print_reports(console, reports)
    if any(not report.readable for report in reports):
        raise typer.Exit(2)
    if any(report.errors for report in reports):
        raise typer.Exit(1)
