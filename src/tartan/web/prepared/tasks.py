"""The background tasks (django-tasks; the database backend's ``db_worker`` runs them)."""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tartan.catalogue import shipped_catalogue
from tartan.rug.model import build_overview
from tartan.rug.xlsx import rugs_workbook
from tartan.web.collection.services import members
from tartan.web.markings import marking_of
from tartan.web.prepared.models import PreparedFile, PreparedKind, PreparedStatus

log = logging.getLogger(__name__)


def overview_workbook(prepared: PreparedFile) -> tuple[bytes, list[str]]:
    """The regional overview and every LA's rug in one workbook, as the requester may see it."""
    from tartan.web.reports.data import benchmark
    from tartan.web.reports.views import _notes, _view_for, drafted, rug_for

    round_, user = prepared.round, prepared.requested_by
    built = benchmark(round_, _view_for(user, round_))
    marking = marking_of(user, round_.group_key, round_.synthetic)
    overview = build_overview(built.table, round_.quarter, members(round_), marking)
    overview = drafted(overview, round_, built.table)
    rugs = [
        drafted(
            rug_for(built.table, round_, code, marking, _notes(round_, code)), round_, built.table
        )
        for code in overview.la_codes
    ]
    return rugs_workbook(rugs, overview, shipped_catalogue()), list(overview.la_codes)


def meeting_pack(prepared: PreparedFile) -> tuple[bytes, list[str]]:
    """The quarter's meeting pack (tagged PDF), as the requester may see it, with the DBG's
    commentary and the LAs' context notes; marked DRAFT before release."""
    from tartan.rug.pack import MeetingPack, pack_pdf
    from tartan.web.groups.registry import group_name
    from tartan.web.prepared.models import PackCommentary
    from tartan.web.reports.data import benchmark
    from tartan.web.reports.views import _notes, _view_for, draft_notice, drafted, rug_for

    round_, user = prepared.round, prepared.requested_by
    built = benchmark(round_, _view_for(user, round_))
    marking = marking_of(user, round_.group_key, round_.synthetic)
    overview = drafted(
        build_overview(built.table, round_.quarter, members(round_), marking), round_, built.table
    )
    rugs = [
        drafted(
            rug_for(built.table, round_, code, marking, _notes(round_, code)), round_, built.table
        )
        for code in overview.la_codes
    ]
    written = PackCommentary.objects.filter(round=round_).select_related("written_by").first()
    pack = MeetingPack(
        group_name(round_.group_key),
        round_.period,
        marking,
        overview,
        rugs,
        written.text if written else "",
        f"Written by the group's DBG; last changed {written.updated_at:%d %B %Y %H:%M}."
        if written
        else "",
        draft_notice(round_, built.table),
    )
    return pack_pdf(pack), list(overview.la_codes)


MAKERS = {
    PreparedKind.OVERVIEW_WORKBOOK: overview_workbook,
    PreparedKind.MEETING_PACK: meeting_pack,
}


@task()
def prepare(prepared_id: int) -> str:
    prepared = PreparedFile.objects.select_related("round", "requested_by").get(pk=prepared_id)
    if prepared.status != PreparedStatus.WAITING:
        return prepared.status  # a task run twice does the work once
    try:
        content, la_codes = MAKERS[PreparedKind(prepared.kind)](prepared)
    except Exception as error:  # the file is marked failed, with why, and the worker goes on
        log.exception("preparing %s failed", prepared_id)
        PreparedFile.objects.filter(pk=prepared_id).update(
            status=PreparedStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return PreparedStatus.FAILED
    with transaction.atomic():
        PreparedFile.objects.filter(pk=prepared_id).update(
            status=PreparedStatus.READY,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            la_codes=la_codes,
            finished_at=timezone.now(),
        )
    return PreparedStatus.READY
