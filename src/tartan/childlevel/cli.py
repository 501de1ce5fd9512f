"""``tartan childlevel``: the return from child-level files, synthetic files, pseudonymised
extracts, erasure and merges. Each command is a thin call into the library."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tartan.periods import Period, PeriodError
from tartan.returns.findings import Finding

if TYPE_CHECKING:
    from tartan.childlevel.erasure import ErasureRegister
    from tartan.childlevel.pseudonyms import PseudonymKey

childlevel_app = typer.Typer(
    help="Child-level data: the return from CIN census and SSDA903 files, synthetic files, "
    "pseudonymised extracts and erasure.",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)


class FindingsFormat(StrEnum):
    text = "text"
    json = "json"


def _quarter(label: str) -> Period:
    try:
        period = Period.parse(label)
    except PeriodError as error:
        raise typer.BadParameter(str(error)) from None
    if not period.is_quarter:
        raise typer.BadParameter("a return is for one quarter, like '2024-25 Q1'")
    return period


def _la(code: str) -> str:
    from tartan.reference.register import shipped_register

    if code not in shipped_register():
        raise typer.BadParameter(f"{code} is not a DfE local authority code")
    return code


@contextmanager
def _progress(
    description: str, total: int | None, unit_bytes: bool
) -> Iterator[Callable[[int], None]]:
    columns = [TextColumn("{task.description}"), BarColumn()]
    columns.append(DownloadColumn() if unit_bytes else TextColumn("{task.completed:,.0f}"))
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda advance: progress.advance(task, advance)


def _input_bytes(cin: Path | None, ssda903: Path | None) -> int:
    size = cin.stat().st_size if cin is not None and cin.is_file() else 0
    if ssda903 is not None and ssda903.is_dir():
        size += sum(p.stat().st_size for p in ssda903.iterdir() if p.suffix.lower() == ".csv")
    return size


def _print_findings(findings: list[Finding], output_format: FindingsFormat) -> None:
    if output_format == FindingsFormat.json:
        typer.echo(json.dumps([f.as_dict() | {"severity": _level(f)} for f in findings], indent=2))
        return
    if not findings:
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("code", "file", "where", "message"):
        table.add_column(column, overflow="fold")
    for finding in findings:
        table.add_row(finding.code, finding.file, finding.place or "whole file", finding.message)
    errors.print(table)


def _level(finding: Finding) -> str:
    from tartan.childlevel.findings import blocks

    return "blocks" if blocks(finding) else "record"


@childlevel_app.command("return")
def return_command(
    la: Annotated[str, typer.Option(help="3-digit DfE LA code")],
    period: Annotated[str, typer.Option(help="Quarter, e.g. '2024-25 Q1'")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The return, as CSV")],
    cin: Annotated[Path | None, typer.Option(help="CIN census XML file")] = None,
    ssda903: Annotated[Path | None, typer.Option(help="Folder of SSDA903 CSV tables")] = None,
    ssd: Annotated[
        str | None,
        typer.Option(
            help="Standard Safeguarding Dataset: a folder of table extracts (CSV or Parquet) "
            "or a database URL (postgresql://…, sqlite:///…, mssql+pyodbc://…)"
        ),
    ] = None,
    ssd_schema: Annotated[
        str | None, typer.Option(help="Database schema holding the SSD tables")
    ] = None,
    csc_api: Annotated[
        Path | None, typer.Option(help="CSC API payload file, or a folder of them")
    ] = None,
    output_format: Annotated[
        FindingsFormat, typer.Option("--format", help="Findings as text or json")
    ] = FindingsFormat.text,
) -> None:
    """Work out the quarterly return from child-level records: the CIN census and/or
    SSDA903, or the SSD, or CSC API payloads. Exit 0: written (findings are listed); 2: the
    records cannot be used, nothing written."""
    from tartan.catalogue import shipped_catalogue
    from tartan.childlevel.compute import compute_return, return_csv
    from tartan.reference.register import shipped_register

    routes = [cin is not None or ssda903 is not None, ssd is not None, csc_api is not None]
    if sum(routes) != 1:
        raise typer.BadParameter("give --cin and/or --ssda903, or --ssd, or --csc-api")
    quarter, code = _quarter(period), _la(la)
    size = _input_bytes(cin, ssda903) if routes[0] else None
    with _progress("Reading child-level records", size, routes[0]) as advance:
        result = compute_return(
            quarter, cin, ssda903, code, advance, ssd=ssd, ssd_schema=ssd_schema, csc_api=csc_api
        )
    _print_findings(result.findings, output_format)
    if result.blocked:
        errors.print("[red]✘[/red] No return written: the records cannot be used (see above).")
        raise typer.Exit(2)
    output.write_bytes(return_csv(result, shipped_register()[code], shipped_catalogue()))
    missing = [i for i in shipped_catalogue().item_ids if i not in result.figures]
    note = f"; left blank (not supplied): {', '.join(missing)}" if missing else ""
    errors.print(
        f"[green]✔[/green] wrote the {quarter.label} return for {code} to {output} "
        f"({len(result.findings)} finding(s){note})"
    )


@childlevel_app.command()
def generate(
    la: Annotated[str, typer.Option(help="3-digit DfE LA code")],
    period: Annotated[str, typer.Option(help="Quarter, e.g. '2024-25 Q1'")],
    out: Annotated[Path, typer.Option(help="Folder for cin_census.xml and ssda903/")],
    seed: Annotated[int, typer.Option(help="Same seed, same files")] = 2019,
    children: Annotated[int, typer.Option(help="Pad the census to this many children")] = 0,
    from_return: Annotated[
        Path | None,
        typer.Option(help="Reproduce this return (CSV/XLSX) instead of a synthetic one"),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            help="census (CIN census + SSDA903), ssd (SSD extracts) or csc-api (payloads); "
            "repeat for more than one [census]",
        ),
    ] = None,
) -> None:
    """Write synthetic child-level files whose return is a synthetic (or given) return: the
    same children as a CIN census with SSDA903, SSD extracts or CSC API payloads."""
    from tartan.childlevel.synthetic import GeneratorError
    from tartan.childlevel.synthetic import generate as generate_files
    from tartan.demo.synthetic import synthetic_returns
    from tartan.returns.validate import figures_of

    quarter, code = _quarter(period), _la(la)
    if from_return is not None:
        numbers = figures_of(from_return)
        if numbers is None:
            raise typer.BadParameter(f"{from_return} cannot be read as a return")
        figures = {item: float(value) for item, value in numbers.items()}
    else:
        figures = synthetic_returns([code], quarter, quarters=1, seed=seed)[-1].figures
    try:
        with _progress("Writing the CIN census (children)", None, False) as advance:
            files = generate_files(
                figures, code, quarter, out, seed, children, advance, tuple(formats or ["census"])
            )
    except GeneratorError as error:
        errors.print(f"[red]✘[/red] These figures cannot come from any set of records: {error}")
        if from_return is None:
            errors.print("The synthetic return is drawn at random: try another --seed.")
        raise typer.Exit(1) from None
    written = [
        f"{files.cin} and {files.ssda903}/" if "census" in (formats or ["census"]) else "",
        f"{files.ssd}/" if files.ssd else "",
        f"{files.csc_api}/" if files.csc_api else "",
    ]
    console.print(
        f"wrote {', '.join(w for w in written if w)} ({files.cin_children:,} children in need, "
        f"{files.care_children:,} looked after); synthetic data, not real figures"
    )


def _key(key_file: Path | None, key_env: str | None, data_places: list[Path]) -> PseudonymKey:
    from tartan.childlevel.pseudonyms import PseudonymKeyError, load_key

    try:
        return load_key(key_file, key_env, data_places=data_places)
    except PseudonymKeyError as error:
        errors.print(f"[red]✘[/red] {error}")
        raise typer.Exit(2) from None


def _register(path: Path) -> ErasureRegister:
    from tartan.childlevel.erasure import ErasureRegister, RegisterError

    try:
        return ErasureRegister.load(path)
    except RegisterError as error:
        errors.print(f"[red]✘[/red] {error}")
        raise typer.Exit(2) from None


KeyFile = Annotated[Path | None, typer.Option(help="File holding the key (kept apart from data)")]
KeyEnv = Annotated[
    str | None, typer.Option(help="Environment variable holding the key [TARTAN_PSEUDONYM_KEY]")
]


@childlevel_app.command()
def pseudonymise(
    purpose: Annotated[str, typer.Option(help="What the extract is for (see 'purposes')")],
    recipient: Annotated[str, typer.Option(help="Who receives it (use one key per recipient)")],
    out: Annotated[Path, typer.Option(help="New folder for the extract")],
    cin: Annotated[Path | None, typer.Option(help="CIN census XML file")] = None,
    ssda903: Annotated[Path | None, typer.Option(help="Folder of SSDA903 CSV tables")] = None,
    key_file: KeyFile = None,
    key_env: KeyEnv = None,
    register: Annotated[
        Path | None, typer.Option(help="Erasure register: erased children are left out")
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(
            help="Only these of the purpose's columns, as table.column separated by commas "
            "(the fields a child-level data request approved)"
        ),
    ] = None,
) -> None:
    """Make a pseudonymised extract holding only the columns the purpose needs."""
    from tartan.childlevel.cin_reader import read_cin_census
    from tartan.childlevel.extracts import ExtractError, make_extract, write_extract
    from tartan.childlevel.findings import FindingLog
    from tartan.childlevel.purposes import PurposeError
    from tartan.childlevel.purposes import purpose as find_purpose
    from tartan.childlevel.ssda903_reader import read_ssda903

    if cin is None and ssda903 is None:
        raise typer.BadParameter("give --cin, --ssda903 or both")
    try:
        chosen = find_purpose(purpose)
        if fields is not None:
            chosen = chosen.narrowed(f.strip() for f in fields.split(",") if f.strip())
    except PurposeError as error:
        raise typer.BadParameter(str(error)) from None
    places = [out] + ([cin.parent] if cin else []) + ([ssda903] if ssda903 else [])
    key = _key(key_file, key_env, places)
    erasures = _register(register) if register is not None else None
    log = FindingLog()
    with _progress("Reading child-level files", _input_bytes(cin, ssda903), True) as advance:
        census = read_cin_census(cin, None, advance, log).census if cin else None
        tables = read_ssda903(ssda903, advance, log).data if ssda903 else None
    _print_findings(log.summary(), FindingsFormat.text)
    if log.blocked:
        errors.print("[red]✘[/red] No extract written: a file cannot be used (see above).")
        raise typer.Exit(2)
    extract = make_extract(chosen, key, recipient, date.today(), erasures, census, tables)
    try:
        write_extract(extract, out)
    except ExtractError as error:
        errors.print(f"[red]✘[/red] {error}")
        raise typer.Exit(1) from None
    console.print(
        f"wrote {out}: {len(extract.pseudonyms()):,} children, tables "
        f"{', '.join(extract.tables)}; purpose {chosen.name}, recipient {recipient}, "
        f"key id {key.key_id}"
    )


@childlevel_app.command()
def erase(
    register: Annotated[Path, typer.Option(help="Erasure register (created if missing)")],
    pseudonym: Annotated[str | None, typer.Option(help="The pseudonym to erase")] = None,
    key_id: Annotated[str | None, typer.Option(help="Key id of that pseudonym")] = None,
    child_id: Annotated[
        str | None, typer.Option(help="Or: the LA's child id, pseudonymised with the key")
    ] = None,
    key_file: KeyFile = None,
    key_env: KeyEnv = None,
    reason: Annotated[str, typer.Option(help="Why (never the child's details)")] = "",
    purge: Annotated[
        list[Path] | None, typer.Option(help="Extract folders to rewrite without the child")
    ] = None,
) -> None:
    """Put a child on the erasure register, so no import or merge brings them back."""
    from tartan.childlevel.erasure import ErasureRegister, RegisterError
    from tartan.childlevel.extracts import read_extract, write_extract

    if child_id is not None:
        key = _key(key_file, key_env, [])
        pseudonym, key_id = key.pseudonym(child_id), key.key_id
    if not pseudonym or not key_id:
        raise typer.BadParameter("give --pseudonym with --key-id, or --child-id with a key")
    try:
        entries = ErasureRegister.open_or_create(register)
    except RegisterError as error:
        errors.print(f"[red]✘[/red] {error}")
        raise typer.Exit(2) from None
    added = entries.add(pseudonym, key_id, date.today(), reason)
    entries.save()
    console.print(f"{'erased' if added else 'already erased'}: {pseudonym} (key id {key_id})")
    for folder in purge or []:
        extract = read_extract(folder, entries)
        for stale in folder.iterdir():
            stale.unlink()
        write_extract(extract, folder)
        console.print(f"rewrote {folder} without the erased children")


@childlevel_app.command()
def merge(
    extracts: Annotated[list[Path], typer.Argument(help="Extract folders, in any order")],
    register: Annotated[Path, typer.Option(help="Erasure register, applied to every input")],
    out: Annotated[Path, typer.Option(help="New folder for the merged extract")],
) -> None:
    """Merge extracts made with one key, for one purpose and recipient; newest rows win."""
    from tartan.childlevel.extracts import ExtractError, merge_extracts, read_extract, write_extract

    entries = _register(register)
    try:
        with errors.status(f"Merging {len(extracts)} extracts…"):
            merged = merge_extracts([read_extract(f, entries) for f in extracts], entries)
            write_extract(merged, out)
    except ExtractError as error:
        errors.print(f"[red]✘[/red] {error}")
        raise typer.Exit(1) from None
    console.print(
        f"wrote {out}: {len(merged.pseudonyms()):,} children from {len(extracts)} extracts"
    )


@childlevel_app.command()
def purposes() -> None:
    """List the purposes an extract can be made for, with the columns each carries."""
    from tartan.childlevel.purposes import shipped_purposes

    for chosen in shipped_purposes().values():
        console.print(f"[bold]{chosen.name}[/bold]: {chosen.description}")
        for table, columns in chosen.tables.items():
            console.print(f"  {table}: {', '.join(columns)}")
