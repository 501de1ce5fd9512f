"""The ``tartan`` command: one command per user task, each a thin call into the library."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer
from rich.console import Console

from tartan.childlevel.cli import childlevel_app
from tartan.marking import ProtectiveMarking
from tartan.periods import Period, PeriodError

if TYPE_CHECKING:
    from tartan.returns.model import QuarterlyReturn

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
app.add_typer(reference_app, name="reference")
app.add_typer(published_app, name="published")
app.add_typer(childlevel_app, name="childlevel")

console = Console()
errors = Console(stderr=True)


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


def _period(label: str | None) -> Period | None:
    if label is None:
        return None
    try:
        return Period.parse(label)
    except PeriodError as error:
        raise typer.BadParameter(str(error)) from None


def _la(code: str | None) -> str | None:
    from tartan.reference.register import shipped_register

    if code is not None and code not in shipped_register():
        raise typer.BadParameter(f"{code} is not a DfE local authority code")
    return code


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
    from tartan.reference.build import build_reference
    from tartan.reference.files import shipped_path

    if not source.is_dir():
        raise typer.BadParameter(f"{source} is not a folder")
    reference_out = out or shipped_path("")
    published_out = out or Path(__file__).parent / "published" / "data"
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

    quarter = _period(period)
    assert quarter is not None
    if not quarter.is_quarter:
        raise typer.BadParameter("a return is for one quarter, like '2024-25 Q1'")
    code = _la(la)
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
    settings = default_settings(_la(la), _period(period), previous_figures)
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


class TableFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


def _marking(synthetic: bool, unpublished: bool = True) -> ProtectiveMarking:
    from tartan.reference.groups import shipped_groups

    return ProtectiveMarking(
        produced_for="key staff of the member local authorities",
        group=shipped_groups().default.name,
        unpublished=unpublished,
        synthetic=synthetic,
    )


def _returns_table(returns: Path, period: Period | None) -> tuple[pl.DataFrame, bool]:
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


@app.command()
def benchmark(
    returns: Annotated[Path, typer.Option(help="Folder of returns (searched recursively)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The benchmark table")],
    period: Annotated[
        str | None, typer.Option(help="Only this quarter (default: every quarter)")
    ] = None,
    table_format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.csv,
) -> None:
    """The benchmark table of a folder of returns: one row per period × LA × indicator × measure."""
    from tartan.benchmark.export import write_table

    table, synthetic = _returns_table(returns, _period(period))
    write_table(table, output, table_format.value, _marking(synthetic))
    console.print(f"wrote {table.height:,} rows to {output}")


@published_app.command("benchmark")
def published_benchmark_command(
    year: Annotated[int, typer.Option(help="Year ending 31 March, e.g. 2025 for 2024-25")],
    output: Annotated[Path, typer.Option("-o", "--output")],
    table_format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.csv,
) -> None:
    """The benchmark table of DfE's published figures for every LA (ranks over England)."""
    from tartan.benchmark.export import write_table
    from tartan.benchmark.table import published_benchmark

    table = published_benchmark(year)
    if table.is_empty():
        raise typer.BadParameter(f"no published figures for the year ending March {year}")
    write_table(table, output, table_format.value, _marking(synthetic=False, unpublished=False))
    console.print(
        f"wrote {table.height:,} rows for {Period.financial_year(year).label} to {output}"
    )


@app.command()
def rug(
    returns: Annotated[Path, typer.Option(help="Folder of returns")],
    la: Annotated[str, typer.Option(help="3-digit LA code, or 'all' for the group")],
    period: Annotated[str, typer.Option(help="The quarter of the rug, e.g. '2024-25 Q4'")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder, or a single file for one LA")
    ],
    formats: Annotated[
        str, typer.Option("--format", help="Comma-separated: xlsx,html,pdf")
    ] = "xlsx,html,pdf",
) -> None:
    """Tartan rugs (and, for 'all', the regional overview) from a folder of returns."""
    from tartan.catalogue import shipped_catalogue
    from tartan.progress import progress_bar
    from tartan.reference.groups import shipped_groups
    from tartan.reference.population import shipped_population
    from tartan.rug.write import FORMATS, write_rugs

    quarter = _period(period)
    assert quarter is not None
    wanted = tuple(part.strip() for part in formats.split(",") if part.strip())
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}: choose from {', '.join(FORMATS)}"
        )
    table, synthetic = _returns_table(returns, None)
    held = set(table.filter(pl.col("period") == quarter.label)["la_code"].to_list())
    group = [code for code in shipped_groups().default.members if code in held]
    codes = group if la == "all" else [la]
    if la != "all" and la not in held:
        raise typer.BadParameter(f"no accepted return for {la} in {quarter.label}")
    single = output.suffix.lower().lstrip(".") if output.suffix else ""
    folder = output.parent if single else output
    with progress_bar(errors) as bar:
        task = bar.add_task("Writing rugs", total=None)
        written = write_rugs(
            table,
            codes,
            quarter,
            folder,
            (single,) if single else wanted,
            _marking(synthetic),
            shipped_catalogue(),
            shipped_population(),
            group if la == "all" else None,
            on_step=lambda _: bar.advance(task),
        )
    if single and written:
        written[0].rename(output)
        written = [output]
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Where the demo writes everything")] = Path("out/demo"),
    last: Annotated[
        str | None, typer.Option(help="Last quarter (default: the last complete one)")
    ] = None,
    skip_database: Annotated[
        bool, typer.Option("--skip-database", help="Do not load the service's database")
    ] = False,
) -> None:
    """Run the quarterly cycle on synthetic data for the South East group, end to end, and load
    the service's database with it."""
    from tartan.demo.run import run_demo
    from tartan.progress import progress_bar

    with progress_bar(console) as bar:

        def step(description: str, total: int):  # type: ignore[no-untyped-def]
            task = bar.add_task(description, total=total)
            return lambda _: bar.advance(task)

        outcome = run_demo(out, _period(last), step)
    accepted = len(outcome.validation.accepted)
    queries = sum(len(r.queries) for r in outcome.validation.reports)
    console.print(
        f"\n[bold]Synthetic demonstration data[/bold] (not real figures) for {outcome.last.label}:"
    )
    console.print(
        f"  returns:    {outcome.out / 'returns'} ({len(outcome.returns)} files, {accepted} accepted, {queries} queries to explain)"
    )
    console.print(f"  benchmark:  {outcome.table_path}")
    console.print(
        f"  rugs:       {outcome.out / 'rugs'} ({len(outcome.rugs)} files; open index.html)"
    )
    if not skip_database:
        _load_demo_database(outcome.out / "returns")


def _load_demo_database(returns: Path) -> None:
    from rich.table import Table

    _django()
    from django.conf import settings

    from tartan.web.demo_load import DEMO_BACKUP_CODE, DEMO_PASSWORD, load_demo_database

    with console.status("Loading the demo quarters into the service's database…"):
        accounts, rounds = load_demo_database(returns)
    console.print(
        f"  database:   {settings.DATABASES['default']['NAME']} ({rounds} rounds; the newest is open)"
    )
    table = Table(
        title="Demo accounts (run `make serve` or `tartan serve`, then open http://127.0.0.1:8000)"
    )
    for column in ("username", "role", "organisation", "second factor"):
        table.add_column(column)
    for spec, key in accounts:
        factor = f"backup code {DEMO_BACKUP_CODE}" if key else "not needed"
        table.add_row(spec.username, spec.role.label, spec.organisation, factor)
    console.print(table)
    for spec, key in accounts:
        if key:
            console.print(f"  authenticator key for {spec.username}: {key}")
    console.print(f"Every demo account's password is [bold]{DEMO_PASSWORD}[/bold].")


def _django(settings_module: str = "tartan.web.settings.dev") -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    django.setup()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Run the web service locally (SQLite in ./var unless DATABASE_URL is set)."""
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    console.print(f"tartan is at http://{host}:{port}/ (Ctrl+C stops it)")
    call_command("runserver", f"{host}:{port}", use_reloader=False)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Django's management commands for the service (`tartan manage createsuperuser` …)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tartan manage", *ctx.args])


export_app = typer.Typer(
    help="Exports outside the group, under the data sharing protocol.", no_args_is_help=True
)
national_app = typer.Typer(help="The cross-regional dataset.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(national_app, name="national")


class Design(StrEnum):
    distribution = "distribution"
    halves = "halves"
    banded = "banded"
    naive = "naive"


@export_app.command("concealed")
def export_concealed(
    la: Annotated[str, typer.Option(help="The LA named in the export (its own figures)")],
    period: Annotated[str, typer.Option(help="The quarter, e.g. '2024-25 Q4'")],
    recipient: Annotated[str, typer.Option("--for", help="Who receives it, e.g. Ofsted")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The CSV to write if the gate allows it")
    ],
    returns: Annotated[Path, typer.Option(help="Folder of returns")] = Path("out/demo/returns"),
    design: Annotated[
        Design,
        typer.Option(help="distribution (default), halves, banded, or naive (always refused)"),
    ] = Design.distribution,
) -> None:
    """Name one LA, conceal every other; refused unless the disclosure gate lets it out.

    The decision and its evidence are written beside the output (.decision.json) either way.
    Exit 0: allowed and written; 1: refused."""
    from datetime import UTC, datetime

    from tartan.disclosure.designs import build_export
    from tartan.disclosure.gate import judge
    from tartan.disclosure.knowledge import published_knowledge
    from tartan.disclosure.write import export_csv, marking_lines
    from tartan.reference.groups import shipped_groups

    quarter = _period(period)
    assert quarter is not None
    code = _la(la)
    assert code is not None
    table, synthetic = _returns_table(returns, quarter)
    group = shipped_groups().default
    members = list(group.members)
    try:
        export, truth = build_export(table, code, quarter.label, members, recipient, design.value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    decision = judge(export, truth, published_knowledge(quarter, members))
    if decision.allowed:
        data = export_csv(
            export,
            marking_lines(
                export, group.name, datetime.now(UTC).strftime("%d %B %Y %H:%M UTC"), synthetic
            ),
        )
        output.write_bytes(data)
        decision.with_file(data)
    evidence = output.with_name(output.name + ".decision.json")
    evidence.write_text(
        json.dumps(
            {
                "la": code,
                "period": quarter.label,
                "recipient": recipient,
                "design": design.value,
                **decision.evidence(),
            },
            indent=2,
        )
    )
    for check in decision.checks:
        mark = "[green]passed[/green]" if check.passed else "[red]failed[/red]"
        console.print(f"  {check.name:<20} {mark}  {check.detail}")
    if not decision.allowed:
        console.print("[red]Refused[/red]: nothing was written. What would pass:")
        for advice in decision.advice:
            console.print(f"  - {advice}")
        console.print(f"evidence: {evidence}")
        raise typer.Exit(1)
    console.print(
        f"[green]Allowed[/green]: wrote {output} (sha256 {decision.file_sha256[:16]}…); evidence: {evidence}"
    )


@export_app.command("published")
def export_published(
    la: Annotated[str, typer.Option(help="3-digit LA code")],
    year: Annotated[int, typer.Option(help="Year ending 31 March, e.g. 2025")],
    output: Annotated[Path, typer.Option("-o", "--output")],
) -> None:
    """An LA's published figures with England and regional comparators: every figure published,
    so no concealment and no permission is needed; the file says so and cites the releases."""
    from tartan.benchmark.export import write_table
    from tartan.benchmark.table import published_benchmark
    from tartan.disclosure.published import check_published_only

    code = _la(la)
    table = published_benchmark(year).filter(pl.col("la_code") == code)
    check = check_published_only(table)
    if table.is_empty():
        raise typer.BadParameter(f"no published figures for {code} in the year ending March {year}")
    if not check.all_published:
        errors.print("Not every figure is published: " + "; ".join(check.problems))
        raise typer.Exit(1)
    marking = _marking(synthetic=False, unpublished=False)
    write_table(table, output, "csv", marking)
    console.print(f"wrote {output}: published figures only, from {'; '.join(check.releases)}")


@national_app.command("export")
def national_export(
    period: Annotated[str, typer.Option(help="The released quarter")],
    output: Annotated[Path, typer.Option("-o", "--output")],
    returns: Annotated[
        Path | None,
        typer.Option(help="A folder of returns instead of the service's released quarter"),
    ] = None,
) -> None:
    """The group's released quarter in the national dataset's layout (all LAs, long format)."""
    from tartan.national.dataset import dataset_csv
    from tartan.returns.folder import read_folder, return_files

    quarter = _period(period)
    assert quarter is not None
    if returns is not None:
        result = read_folder(return_files(returns))
        chosen = [
            r.quarterly_return
            for r in result.accepted
            if r.quarterly_return and r.quarterly_return.period == quarter
        ]
    else:
        chosen = _released_returns(quarter)
    if not chosen:
        raise typer.BadParameter(f"no released returns for {quarter.label}")
    marking = ProtectiveMarking(
        produced_for="the DfE and other regions' data benchmarking groups",
        group=_marking(False).group,
    )
    output.write_bytes(dataset_csv([r for r in chosen if r is not None], marking.lines))
    console.print(f"wrote {output}: {len(chosen)} authorities, {quarter.label}")


def _released_returns(quarter: Period) -> list[QuarterlyReturn]:
    _django()
    from tartan.returns.model import QuarterlyReturn
    from tartan.web.collection.models import CollectionRound

    round_ = CollectionRound.objects.filter(period=quarter.label).first()
    release = round_.current_release if round_ else None
    if release is None:
        return []
    found = []
    for released in release.returns.select_related("version"):
        figures = list(released.version.figures.all())
        found.append(
            QuarterlyReturn(
                released.la_code,
                quarter,
                {f.item: f.value for f in figures if f.value is not None},
                {f.item: f.symbol for f in figures if f.symbol},
            )
        )
    return found


@national_app.command("import")
def national_import(
    file: Annotated[Path, typer.Argument(help="Another region's national dataset (CSV)")],
    source: Annotated[str, typer.Option(help="Who sent it")],
    received: Annotated[str, typer.Option(help="When it was received, YYYY-MM-DD")],
) -> None:
    """Load another region's released quarters into the service, validated like returns; their
    figures then serve statistical neighbour and England comparisons."""
    from datetime import date

    try:
        day = date.fromisoformat(received)
    except ValueError:
        raise typer.BadParameter("--received must be a date like 2025-11-20") from None
    if not file.is_file():
        raise typer.BadParameter(f"{file} is not a file")
    _django()
    from tartan.web.sharing.services import import_national

    dataset = import_national(None, file.name, file.read_bytes(), source, day)
    for finding in dataset.findings:
        if finding["severity"] == "error":
            errors.print(f"  {finding['code']} row {finding['row']}: {finding['message']}")
    console.print(
        f"loaded {dataset.accepted} LA quarter(s) from {source}; left out {len(dataset.rejected)}"
    )
    if dataset.rejected:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
