"""The demo and the web service."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tartan.cli.common import app, console, period_option, setup_django


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

        outcome = run_demo(out, period_option(last), step)
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

    setup_django()
    from django.conf import settings

    from tartan.web.demo_load import DEMO_PASSWORD, load_demo_database

    with console.status("Loading the demo quarters into the service's database…"):
        accounts, rounds = load_demo_database(returns)
    from tartan.web.collection.models import CollectionRound
    from tartan.web.groups.models import BenchmarkingGroup

    others = BenchmarkingGroup.objects.count() - 1
    console.print(
        f"  database:   {settings.DATABASES['default']['NAME']} ({rounds} rounds; the newest is open;"
        f" {others} other groups with {CollectionRound.objects.count() - rounds} released rounds:"
        " the national quarter)"
    )
    table = Table(
        title="Demo accounts (run `make serve` or `tartan serve`, then open http://127.0.0.1:8000)"
    )
    for column in ("username", "role", "organisation", "second factor"):
        table.add_column(column)
    for spec, factor in accounts:
        needed = (
            f"backup code {factor.backup_codes[0]} (more below)" if factor.key else "not needed"
        )
        table.add_row(spec.username, spec.role.label, spec.organisation, needed)
    console.print(table)
    for spec, factor in accounts:
        if factor.key:
            console.print(f"  authenticator key for {spec.username}: {factor.key}")
            console.print(f"    backup codes (each works once): {' '.join(factor.backup_codes)}")
    console.print(f"Every demo account's password is [bold]{DEMO_PASSWORD}[/bold].")
    from tartan.web.protocol.demo import DEMO_VERSION, NOT_YET_ACKNOWLEDGED

    console.print(
        f"  protocol:   version {DEMO_VERSION} in force; {NOT_YET_ACKNOWLEDGED} has not yet"
        " acknowledged it and is asked to at first sign-in (every other demo account has)"
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Run the web service locally (SQLite in ./var unless DATABASE_URL is set)."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The task worker that prepares long work (every rug in one workbook) runs beside the web
    # server; on servers of your own, run `tartan manage db_worker` as a service instead.
    import subprocess
    import sys

    worker = subprocess.Popen([sys.executable, "-m", "tartan.cli", "manage", "db_worker"])
    console.print(f"tartan is at http://{host}:{port}/ (Ctrl+C stops it); task worker {worker.pid}")
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Django's management commands for the service (`tartan manage createsuperuser` …)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tartan manage", *ctx.args])
