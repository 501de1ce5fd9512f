"""Tidy data downloads of the tables the report pages show: CSV, XLSX and Parquet.

Each download declares the policy of the page it comes from and reads the same figures the page
does (the DBG's working view, everyone else's releases), so no file shows what its page would
not. The DfE says which agreed purpose a download is for, as for the rug files; every download
is an audit event naming whose figures it holds. The formats are ``tartan.benchmark.tidy``'s.
"""

from __future__ import annotations

import polars as pl
from django.http import HttpRequest, HttpResponse

from tartan.benchmark.tidy import tidy_bytes
from tartan.marking import ProtectiveMarking
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection.models import CollectionRound
from tartan.web.collection.services import members
from tartan.web.collection.views import load_round, load_round_la
from tartan.web.downloads import attachment
from tartan.web.groups.registry import group_name
from tartan.web.markings import marking_for as page_marking
from tartan.web.permissions import requires
from tartan.web.reports.national import released_quarters
from tartan.web.reports.own import own_figures
from tartan.web.reports.views import (
    _built,
    download_purpose,
    draft_notice,
    load_la,
    marking_for,
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
TRENDS_TABLES = ("indicators", "figures")


def rug_table(table: pl.DataFrame, la_code: str) -> pl.DataFrame:
    """The rows of the benchmark table an LA's rug is drawn from: every quarter it shows."""
    return table.filter(pl.col("la_code") == la_code)


def overview_table(table: pl.DataFrame, round_: CollectionRound) -> pl.DataFrame:
    """The rows of the overview: the group's members in the round's quarter."""
    return table.filter(
        (pl.col("period") == round_.period) & pl.col("la_code").is_in(members(round_))
    )


def national_table() -> pl.DataFrame:
    """The national view's table: every group's released quarters, newest first."""
    rows = [
        (q.round.period, q.round.group_key, q.group, q.authorities, q.released_on, q.national)
        for _, quarters in released_quarters()
        for q in quarters
    ]
    return pl.DataFrame(
        rows,
        schema={
            "period": pl.String(),
            "group_key": pl.String(),
            "group": pl.String(),
            "authorities": pl.Int64(),
            "released_on": pl.String(),
            "in_national_quarter": pl.Boolean(),
        },
        orient="row",
    )


def _send(
    request: HttpRequest,
    table: pl.DataFrame,
    marking: ProtectiveMarking,
    name: str,
    file_format: str,
    title: str,
    purpose: str,
    la_codes: list[str],
    obj: object = None,
    object_type: str = "",
    object_id: str = "",
) -> HttpResponse:
    filename = f"{name}.{file_format}"
    data = tidy_bytes(table, marking, file_format, title)
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        la_codes=la_codes,
        summary=f"data {filename}",
        purpose=purpose,
    )
    return attachment(data, filename, CONTENT_TYPES[file_format])


DRAFT_COLUMN = "draft"


def _with_draft(
    table: pl.DataFrame, round_: CollectionRound, built: pl.DataFrame
) -> tuple[pl.DataFrame, str]:
    """Before release the data says DRAFT as the pages do: a ``draft`` column on every row
    (CSV and Parquet keep it whatever reads them) and the notice in the title (the XLSX's
    marking sheet). Released data has neither."""
    notice = draft_notice(round_, built)
    if notice is None:
        return table, ""
    return table.with_columns(pl.lit(notice.line, pl.String).alias(DRAFT_COLUMN)), (
        f". {notice.line}"
    )


def _stem(round_: CollectionRound) -> str:
    return round_.period.replace(" ", "_")


@requires("view_rug", load=load_round_la)
def rug_data(
    request: HttpRequest,
    round_id: int,
    la_code: str,
    file_format: str,
    obj: tuple[CollectionRound, str],
) -> HttpResponse:
    round_, code = obj
    purpose, ask = download_purpose(request)
    if ask is not None:
        return ask
    built = _built(request, round_).table
    table, draft = _with_draft(rug_table(built, code), round_, built)
    return _send(
        request,
        table,
        marking_for(request, round_),
        f"tartan_rug_data_{code}_{_stem(round_)}",
        file_format,
        f"Rug of {code}, {round_.period}: the benchmark table's rows for the LA{draft}",
        purpose,
        [code],
        obj=round_,
    )


@requires("view_overview", load=load_round)
def overview_data(
    request: HttpRequest, round_id: int, file_format: str, obj: CollectionRound
) -> HttpResponse:
    purpose, ask = download_purpose(request)
    if ask is not None:
        return ask
    built = _built(request, obj).table
    table, draft = _with_draft(overview_table(built, obj), obj, built)
    return _send(
        request,
        table,
        marking_for(request, obj),
        f"regional_overview_data_{_stem(obj)}",
        file_format,
        f"Regional overview, {group_name(obj.group_key)}, {obj.period}{draft}",
        purpose,
        sorted(set(table["la_code"].to_list())),
        obj=obj,
    )


@requires("view_trends", load=load_la)
def trends_data(
    request: HttpRequest, la_code: str, table_name: str, file_format: str, obj: str
) -> HttpResponse:
    own = own_figures(la_code)
    table = own.values if table_name == "indicators" else own.figures
    group_key = own.rounds[0].group_key if own.rounds else ""
    synthetic = any(r.synthetic for r in own.rounds)
    return _send(
        request,
        table,
        page_marking(request, group_key, synthetic),
        f"tartan_{table_name}_by_quarter_{la_code}",
        file_format,
        f"{la_code}: {'indicator values' if table_name == 'indicators' else 'figures'} by quarter",
        request.GET.get("purpose", "")[:300],
        [la_code],
        object_type="Trends",
        object_id=la_code,
    )


@requires("view_national")
def national_data(request: HttpRequest, file_format: str) -> HttpResponse:
    table = national_table()
    user = request.user
    organisation = getattr(user, "organisation", None)
    who = f"{user.display_name}, {organisation}" if organisation else user.display_name  # type: ignore[union-attr]
    # Who released which quarter, no LA's figures: marked under every group's protocol.
    marking = ProtectiveMarking(
        produced_for=who,
        group="benchmarking groups'",
        synthetic=CollectionRound.objects.filter(synthetic=True).exists(),
    )
    return _send(
        request,
        table,
        marking,
        "released_quarters",
        file_format,
        "Every group's released quarters",
        "",
        [],
        object_type="National",
    )
