"""Commands that benchmark: the benchmark table, the published benchmark, the rugs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from tartan.cli.common import (
    TableFormat,
    app,
    console,
    errors,
    group_marking,
    period_option,
    published_app,
    returns_table,
)
from tartan.periods import Period


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

    table, synthetic = returns_table(returns, period_option(period))
    write_table(table, output, table_format.value, group_marking(synthetic))
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
    write_table(
        table, output, table_format.value, group_marking(synthetic=False, unpublished=False)
    )
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

    quarter = period_option(period)
    assert quarter is not None
    wanted = tuple(part.strip() for part in formats.split(",") if part.strip())
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}: choose from {', '.join(FORMATS)}"
        )
    table, synthetic = returns_table(returns, None)
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
            group_marking(synthetic),
            shipped_catalogue(),
            shipped_population(),
            group if la == "all" else None,
            on_step=lambda _: bar.advance(task),
            parallel=True,
        )
    if single and written:
        written[0].rename(output)
        written = [output]
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def pack(
    returns: Annotated[Path, typer.Option(help="Folder of returns")],
    period: Annotated[str, typer.Option(help="The quarter of the pack, e.g. '2024-25 Q4'")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The pack (a PDF file)")],
    commentary: Annotated[
        Path | None,
        typer.Option(help="A text file of the group's commentary (paragraphs: blank lines)"),
    ] = None,
) -> None:
    """The meeting pack of a quarter: cover, contents, commentary, the regional overview and
    trends, every member's rug and their notes, as one tagged PDF (as the service makes it)."""
    from tartan.reference.groups import shipped_groups
    from tartan.reference.population import shipped_population
    from tartan.rug.model import build_overview
    from tartan.rug.pack import MeetingPack, pack_pdf
    from tartan.rug.write import build_rugs

    quarter = period_option(period)
    assert quarter is not None
    table, synthetic = returns_table(returns, None)
    held = set(table.filter(pl.col("period") == quarter.label)["la_code"].to_list())
    group = shipped_groups().default
    codes = [code for code in group.members if code in held]
    if not codes:
        raise typer.BadParameter(f"no accepted return of the group in {quarter.label}")
    marking = group_marking(synthetic)
    overview = build_overview(table, quarter, codes, marking)
    rugs = build_rugs(table, codes, quarter, marking, shipped_population())
    text = commentary.read_text(encoding="utf-8") if commentary else ""
    made = MeetingPack(group.name, quarter.label, marking, overview, rugs, text)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(pack_pdf(made))
    console.print(f"wrote {output}: {len(rugs)} rugs")
