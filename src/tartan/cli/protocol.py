"""Commands of the data sharing protocol: exports outside the group, the national dataset."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer

from tartan.cli.common import (
    console,
    errors,
    export_app,
    group_marking,
    la_option,
    national_app,
    period_option,
    returns_table,
    setup_django,
)
from tartan.marking import ProtectiveMarking
from tartan.periods import Period

if TYPE_CHECKING:
    from tartan.returns.model import QuarterlyReturn


class Design(StrEnum):
    distribution = "distribution"
    halves = "halves"
    banded = "banded"
    naive = "naive"


class ReportFormat(StrEnum):
    pdf = "pdf"
    xlsx = "xlsx"
    html = "html"
    csv = "csv"


@export_app.command("concealed")
def export_concealed(
    la: Annotated[str, typer.Option(help="The LA named in the export (its own figures)")],
    period: Annotated[str, typer.Option(help="The quarter, e.g. '2024-25 Q4'")],
    recipient: Annotated[str, typer.Option("--for", help="Who receives it, e.g. Ofsted")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The report to write if the gate allows it")
    ],
    returns: Annotated[Path, typer.Option(help="Folder of returns")] = Path("out/demo/returns"),
    design: Annotated[
        Design,
        typer.Option(
            help="distribution (default), halves, naive (always refused); banded is withdrawn"
        ),
    ] = Design.distribution,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help="pdf, xlsx, html or csv")
    ] = ReportFormat.pdf,
    purpose: Annotated[str, typer.Option(help="What the recipient needs it for")] = "",
    made_by: Annotated[
        str, typer.Option("--by", help="Who makes the export (named on the report)")
    ] = "",
    known: Annotated[
        str,
        typer.Option(
            help="Comma-separated LAs whose concealed reports for the quarter the recipient already holds"
        ),
    ] = "",
    audit: Annotated[
        Path | None,
        typer.Option(help="Also write the full evidence (for the DBG's audit only) to this file"),
    ] = None,
) -> None:
    """Name one LA, conceal every other; refused unless the disclosure gate lets it out.

    The decision and its evidence (what failed and why, never another LA's figures) are
    written beside the output (.decision.json) either way. Exit 0: allowed and written;
    1: refused."""
    import getpass
    from datetime import UTC, datetime

    from tartan.disclosure.knowledge import published_knowledge
    from tartan.disclosure.release import gated_export
    from tartan.disclosure.report import Marking, concealed_report, render
    from tartan.reference.groups import shipped_groups

    quarter = period_option(period)
    assert quarter is not None
    code = la_option(la)
    assert code is not None
    table, synthetic = returns_table(returns, None)
    group = shipped_groups().default
    members = list(group.members)
    holding = {c.strip() for c in known.split(",") if c.strip()}
    if unknown := sorted(holding - set(members)):
        raise typer.BadParameter(f"--known: {', '.join(unknown)} not in the group")
    try:
        export, _truth, decision = gated_export(
            table,
            code,
            quarter.label,
            members,
            recipient,
            design.value,
            purpose,
            published_knowledge(quarter, members),
            known=holding,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    if decision.allowed:
        marking = Marking(group.name, made_by or getpass.getuser(), datetime.now(UTC), synthetic)
        data = render(concealed_report(export, table, marking), fmt.value)
        output.write_bytes(data)
        decision.with_file(data)
    head = {
        "la": code,
        "period": quarter.label,
        "recipient": recipient,
        "purpose": purpose,
        "design": design.value,
        "format": fmt.value,
    }
    evidence = output.with_name(output.name + ".decision.json")
    evidence.write_text(json.dumps(head | decision.evidence(), indent=2))
    if audit is not None:
        audit.write_text(json.dumps(head | decision.audit_evidence(), indent=2))
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

    code = la_option(la)
    table = published_benchmark(year).filter(pl.col("la_code") == code)
    check = check_published_only(table)
    if table.is_empty():
        raise typer.BadParameter(f"no published figures for {code} in the year ending March {year}")
    if not check.all_published:
        errors.print("Not every figure is published: " + "; ".join(check.problems))
        raise typer.Exit(1)
    marking = group_marking(synthetic=False, unpublished=False)
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
    from tartan.demo.files import is_synthetic
    from tartan.national.dataset import dataset_csv
    from tartan.returns.folder import read_folder, return_files

    quarter = period_option(period)
    assert quarter is not None
    if returns is not None:
        result = read_folder(return_files(returns))
        chosen = [
            r.quarterly_return
            for r in result.accepted
            if r.quarterly_return and r.quarterly_return.period == quarter
        ]
        synthetic = is_synthetic(returns) or is_synthetic(returns.parent)
    else:
        chosen, synthetic = _released_returns(quarter)
    if not chosen:
        raise typer.BadParameter(f"no released returns for {quarter.label}")
    # Synthetic figures say so wherever they go, as every other output does (issue 17, point 8).
    marking = ProtectiveMarking(
        produced_for="the DfE and other regions' data benchmarking groups",
        group=group_marking(False).group,
        synthetic=synthetic,
    )
    output.write_bytes(dataset_csv([r for r in chosen if r is not None], marking.lines))
    console.print(f"wrote {output}: {len(chosen)} authorities, {quarter.label}")


def _released_returns(quarter: Period) -> tuple[list[QuarterlyReturn], bool]:
    """The released quarter's returns, and whether the round holds synthetic (demo) figures."""
    setup_django()
    from tartan.returns.model import QuarterlyReturn
    from tartan.web.collection.models import CollectionRound

    round_ = CollectionRound.objects.filter(period=quarter.label).first()
    release = round_.current_release if round_ else None
    if release is None:
        return [], False
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
    return found, bool(round_ and round_.synthetic)


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
    setup_django()
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
