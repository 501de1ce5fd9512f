"""What every command shares: the app, the consoles, option checks and the marking."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import polars as pl
import typer
from rich.console import Console

from tartan.childlevel.cli import childlevel_app
from tartan.marking import ProtectiveMarking
from tartan.periods import Period, PeriodError

app = typer.Typer(
    help="Quarterly benchmarking of children's social care under a data sharing protocol.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
reference_app = typer.Typer(
    help="Reference data: LA register, neighbours, population.", no_args_is_help=True
)
published_app = typer.Typer(help="DfE's published annual figures.", no_args_is_help=True)
export_app = typer.Typer(
    help="Exports outside the group, under the data sharing protocol.", no_args_is_help=True
)
national_app = typer.Typer(help="The cross-regional dataset.", no_args_is_help=True)
app.add_typer(reference_app, name="reference")
app.add_typer(published_app, name="published")
app.add_typer(childlevel_app, name="childlevel")
app.add_typer(export_app, name="export")
app.add_typer(national_app, name="national")

console = Console()
errors = Console(stderr=True)


class TableFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


def period_option(label: str | None) -> Period | None:
    if label is None:
        return None
    try:
        return Period.parse(label)
    except PeriodError as error:
        raise typer.BadParameter(str(error)) from None


def la_option(code: str | None) -> str | None:
    from tartan.reference.register import shipped_register

    if code is not None and code not in shipped_register():
        raise typer.BadParameter(f"{code} is not a DfE local authority code")
    return code


def group_marking(synthetic: bool, unpublished: bool = True) -> ProtectiveMarking:
    from tartan.reference.groups import shipped_groups

    return ProtectiveMarking(
        produced_for="key staff of the member local authorities",
        group=shipped_groups().default.name,
        unpublished=unpublished,
        synthetic=synthetic,
    )


def returns_table(returns: Path, period: Period | None) -> tuple[pl.DataFrame, bool]:
    """Validate a folder of returns and benchmark the accepted ones."""
    from tartan.benchmark.table import quarterly_benchmark
    from tartan.demo.files import is_synthetic
    from tartan.progress import progress_bar
    from tartan.returns.folder import read_folder, return_files

    if not returns.is_dir():
        raise typer.BadParameter(f"{returns} is not a folder of returns")
    files = return_files(returns)
    if not files:
        raise typer.BadParameter(f"{returns} holds no .csv or .xlsx returns")
    with progress_bar(errors) as bar:
        task = bar.add_task("Validating returns", total=len(files))
        result = read_folder(files, on_file=lambda _: bar.advance(task))
    for report in result.rejected:
        errors.print(
            f"[yellow]left out[/yellow] {report.file}: {len(report.errors)} error(s); run tartan validate on it"
        )
    if result.observations.is_empty():
        raise typer.BadParameter("no return in the folder passed validation")
    periods = [period] if period else None
    return quarterly_benchmark(result.observations, periods=periods), is_synthetic(returns)


def setup_django(
    settings_module: str = "tartan.web.settings.dev", as_migration_role: bool = False
) -> None:
    """Django, connected as the service (DATABASE_URL) or, for the commands that change the
    schema, as the migration role (MIGRATION_DATABASE_URL when set; see settings/base.py)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    if as_migration_role:
        os.environ["TARTAN_DATABASE_ROLE"] = "migration"
    django.setup()
