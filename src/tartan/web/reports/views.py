"""Rug pages (the library's HTML inside the service's layout), downloads, overview, trends."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any, TypeVar

import polars as pl
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from markupsafe import Markup

from tartan.benchmark.measures import ROLLING
from tartan.catalogue import MeasureKind, shipped_catalogue
from tartan.marking import ProtectiveMarking
from tartan.reference.population import shipped_population
from tartan.reference.register import shipped_register
from tartan.rug.draft import Draft
from tartan.rug.formats import format_value
from tartan.rug.html import overview_fragment, rug_css, rug_fragment
from tartan.rug.model import Overview, Rug, build_overview, build_rug
from tartan.rug.pdf import rugs_pdf
from tartan.rug.sources import rug_sources
from tartan.rug.xlsx import rugs_workbook
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.collection.models import CollectionRound, ContextNote, RoundStatus
from tartan.web.collection.policies import dbg_of
from tartan.web.collection.services import members
from tartan.web.collection.views import load_round, load_round_la
from tartan.web.downloads import attachment
from tartan.web.groups.registry import group_name
from tartan.web.jinja import figure
from tartan.web.markings import marking_for as page_marking
from tartan.web.permissions import is_allowed, requires
from tartan.web.reports import (
    fragments,
    navigation,
    policies,  # noqa: F401  (policies register)
)
from tartan.web.reports.data import Built, View, benchmark, las_by_period

_Drafted = TypeVar("_Drafted", Rug, Overview)


def _view_for(user: Any, round_: CollectionRound) -> View:
    """The group's own DBG works on the latest figures; everyone else sees releases only."""
    return View.WORKING if dbg_of(user, round_) else View.RELEASED


def marking_for(request: HttpRequest, round_: CollectionRound) -> ProtectiveMarking:
    return page_marking(request, round_.group_key, round_.synthetic)


def _built(request: HttpRequest, round_: CollectionRound) -> Built:
    built = benchmark(round_, _view_for(request.user, round_))
    if round_.period not in las_by_period(built.table):
        raise Http404("no figures for this quarter yet")
    return built


def las_with_figures(table: pl.DataFrame, period: str) -> frozenset[str]:
    """The LAs that have a row in ``period`` of a benchmark table."""
    return las_by_period(table).get(period, frozenset())


def _notes(round_: CollectionRound, la_code: str) -> dict[str, str]:
    notes: dict[str, str] = {}
    for note in ContextNote.objects.filter(round=round_, la_code=la_code):
        notes.setdefault(note.indicator, note.text)
    return notes


def _rug(
    built: Built,
    round_: CollectionRound,
    la_code: str,
    marking: ProtectiveMarking,
    notes: dict[str, str],
) -> Rug:
    return rug_for(built.table, round_, la_code, marking, notes)


def rug_for(
    table: pl.DataFrame,
    round_: CollectionRound,
    la_code: str,
    marking: ProtectiveMarking,
    notes: dict[str, str] | None = None,
) -> Rug:
    """An LA's rug of the quarter from a benchmark table (404 when it has no figures)."""
    if notes is None:
        notes = _notes(round_, la_code)
    if la_code not in las_with_figures(table, round_.period):
        raise Http404("no figures for this LA in this quarter")
    sources = rug_sources(table, la_code, round_.quarter, shipped_population(), round_.synthetic)
    return build_rug(table, la_code, round_.quarter, marking, notes, sources)


def draft_notice(round_: CollectionRound, table: pl.DataFrame) -> Draft | None:
    """Before release a collated view is a DRAFT: whether it is signed off, which member LAs
    have no figures in the quarter, and what that does to ranks (None once released). Pages
    show it above the body; every download carries it too (``drafted``)."""
    if round_.is_released:
        return None
    register = shipped_register()
    with_figures = las_with_figures(table, round_.period)
    group = members(round_)
    return Draft(
        signed_off=round_.status == RoundStatus.SIGNED_OFF,
        missing=tuple(
            f"{register[code].name} ({code})" for code in group if code not in with_figures
        ),
        ranked=len([code for code in group if code in with_figures]),
        members=len(group),
    )


def drafted(item: _Drafted, round_: CollectionRound, table: pl.DataFrame) -> _Drafted:
    """A rug or overview for a download, with the DRAFT notice its quarter needs."""
    return replace(item, draft=draft_notice(round_, table))


def _page(
    request: HttpRequest,
    round_: CollectionRound,
    title: str,
    body: Markup,
    table: pl.DataFrame | None = None,
    **extra: Any,
) -> HttpResponse:
    context = {
        "title": title,
        "round": round_,
        "body": body,
        "css": Markup(rug_css()),
        "marking": marking_for(request, round_),
        "draft": draft_notice(round_, table) if table is not None else None,
        **extra,
    }
    return render(request, "reports/page.html", context)


@requires("view_rug", load=load_round_la)
def rug_page(
    request: HttpRequest, round_id: int, la_code: str, obj: tuple[CollectionRound, str]
) -> HttpResponse:
    round_, code = obj
    quarters = navigation.rug_quarters(request.user, round_, code)
    moved = navigation.picked(request, round_, quarters, "reports:rug", la_code=code)
    if moved is not None:
        return moved
    built = _built(request, round_)
    notes = _notes(round_, code)
    # A stable digest (not hash(), which differs per process) so every worker shares the key.
    noted = hashlib.sha256(repr(sorted(notes.items())).encode()).hexdigest()[:16]
    key = f"{built.key}:rug:{code}:{noted}"
    body = fragments.get(key)
    if body is None:
        rug = _rug(built, round_, code, marking_for(request, round_), notes)
        body = fragments.put(key, rug_fragment(rug, with_marking=False))
    record(request, Action.VIEW, obj=round_, la_codes=[code], summary=f"rug {code} {round_.period}")
    title = f"Tartan rug: {shipped_register()[code].name} ({code}), {round_.period}"
    before, after = navigation.previous_and_next(
        request.user, round_, code, las_with_figures(built.table, round_.period)
    )
    return _page(
        request,
        round_,
        title,
        body,
        built.table,
        la_code=code,
        quarters=quarters,
        previous_la=before,
        next_la=after,
    )


def download_purpose(request: HttpRequest) -> tuple[str, HttpResponse | None]:
    """The purpose a download is for. The DfE chooses one of its agreed purposes; a use outside
    them needs the LAs' permission (a share request), so no purpose of its own is accepted.
    Other readers may say what the download is for, and it is recorded."""
    from tartan.web.sharing.models import AgreedPurpose

    user = request.user
    if not user.has_role(Role.DFE_VIEWER):  # type: ignore[union-attr]
        return request.GET.get("purpose", "")[:300], None
    agreed = list(AgreedPurpose.objects.filter(organisation=user.organisation))  # type: ignore[union-attr]
    chosen = request.GET.get("purpose", "")
    for purpose in agreed:
        if chosen == str(purpose.pk):
            return purpose.text, None
    page = render(
        request,
        "reports/purpose.html",
        {
            "title": "What is this download for?",
            "purposes": agreed,
            "path": request.path,
            "refused": bool(chosen),
        },
        status=403 if chosen else 200,
    )
    return "", page


@requires("view_rug", load=load_round_la)
def rug_download(
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
    built = _built(request, round_)
    rug = _rug(built, round_, code, marking_for(request, round_), _notes(round_, code))
    rug = drafted(rug, round_, built.table)
    name = f"tartan_rug_{code}_{round_.period.replace(' ', '_')}.{file_format}"
    data = (
        rugs_workbook([rug], None, shipped_catalogue())
        if file_format == "xlsx"
        else rugs_pdf([rug])
    )
    record(
        request,
        Action.DOWNLOAD,
        obj=round_,
        la_codes=[code],
        summary=name,
        purpose=purpose,
    )
    return attachment(data, name)


@requires("view_overview", load=load_round)
def overview_page(request: HttpRequest, round_id: int, obj: CollectionRound) -> HttpResponse:
    quarters = navigation.overview_quarters(request.user, obj)
    moved = navigation.picked(request, obj, quarters, "reports:overview")
    if moved is not None:
        return moved
    built = _built(request, obj)
    key = f"{built.key}:overview"
    body = fragments.get(key)
    if body is None:
        overview = build_overview(built.table, obj.quarter, members(obj), marking_for(request, obj))
        body = fragments.put(key, overview_fragment(overview, with_marking=False))
    with_figures = las_with_figures(built.table, obj.period)
    shown = [code for code in members(obj) if code in with_figures]
    record(request, Action.VIEW, obj=obj, la_codes=shown, summary=f"regional overview {obj.period}")
    register = shipped_register()
    rugs = [(code, register[code].name) for code in shown]
    title = f"Regional overview: {group_name(obj.group_key)}, {obj.period}"
    return _page(
        request, obj, title, body, built.table, rugs=rugs, overview=True, quarters=quarters
    )


@requires("view_overview", load=load_round)
def overview_download(
    request: HttpRequest, round_id: int, file_format: str, obj: CollectionRound
) -> HttpResponse:
    purpose, ask = download_purpose(request)
    if ask is not None:
        return ask
    if file_format == "xlsx":
        # Every rug in one workbook is long work: it is prepared in the background.
        return render(
            request,
            "prepared/ask.html",
            {
                "title": "The overview and every rug, as one workbook",
                "round": obj,
                "purpose": purpose,
            },
        )
    built = _built(request, obj)
    marking = marking_for(request, obj)
    overview = build_overview(built.table, obj.quarter, members(obj), marking)
    overview = drafted(overview, obj, built.table)
    name = f"regional_overview_{obj.period.replace(' ', '_')}.{file_format}"
    data = rugs_pdf([], overview)
    record(
        request,
        Action.DOWNLOAD,
        obj=obj,
        la_codes=overview.la_codes,
        summary=name,
        purpose=purpose,
    )
    return attachment(data, name)


def load_la(request: HttpRequest, la_code: str, **_: Any) -> str:
    if la_code not in shipped_register():
        raise Http404("no such LA")
    return la_code


@requires("view_trends", load=load_la)
def trends(request: HttpRequest, la_code: str, obj: str) -> HttpResponse:
    """The LA's own figures quarter by quarter, from every round it has an accepted return in:
    the indicator values (rates, percentages, averages, counts) and the items as submitted."""
    from tartan.web.reports.own import own_figures

    own = own_figures(la_code)
    record(
        request,
        Action.VIEW,
        object_type="Trends",
        object_id=la_code,
        la_codes=[la_code],
        summary="own trends",
    )
    by_item: dict[str, dict[str, str]] = {}
    for row in own.figures.iter_rows(named=True):
        shown = row["symbol"] if row["value"] is None else figure(row["value"])
        by_item.setdefault(row["item"], {})[row["period"]] = shown or ""
    items = shipped_catalogue().items.values()
    rugs = {
        r.period: r.pk for r in own.rounds if is_allowed(request.user, "view_rug", (r, la_code))
    }
    context = {
        "title": f"{shipped_register()[la_code].name}: figures by quarter",
        "la_code": la_code,
        "periods": own.periods,
        "indicators": indicator_rows(own.values),
        "rows": [(item, by_item.get(item.id, {})) for item in items],
        "rugs": rugs,
        "marking": page_marking(
            request, own.rounds[0].group_key, any(r.synthetic for r in own.rounds)
        )
        if own.rounds
        else None,
    }
    return render(request, "reports/trends.html", context)


def indicator_rows(values: pl.DataFrame) -> list[dict[str, Any]]:
    """The trends page's indicator table: one row per indicator and measure, each quarter's
    figure written to the DfE's precision (``format_value``), and for flows the 12 months to
    the quarter beside it."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for v in values.iter_rows(named=True):
        key = (v["indicator"], v["measure"])
        row = rows.setdefault(
            key,
            {
                "row": v["row"],
                "title": v["row_title"],
                "unit": MeasureKind(v["measure"]).unit,
                "rolling": v["window"] == ROLLING,
                "cells": {},
            },
        )
        quarter = format_value(
            v["quarter_value"], v["measure"], v["decimals"] or 0, v["quarter_symbol"]
        )
        twelve = format_value(v["value"], v["measure"], v["decimals"] or 0, v["symbol"])
        row["cells"][v["period"]] = (quarter, twelve)
    return list(rows.values())
