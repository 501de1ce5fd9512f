"""Messages of the quarterly cycle: a round opens, returns arrive with queries to explain, the
DBG asks and the LA answers, the quarter is signed off and released. Each is called inside the
transaction of its step (collection.services)."""

from __future__ import annotations

from django.urls import reverse

from tartan.reference.register import shipped_register
from tartan.web.accounts.roles import Role
from tartan.web.collection.models import CollectionRound, DbgQuery, Release, ReturnVersion
from tartan.web.groups.registry import group_name
from tartan.web.mail import audiences, outbox


def _group(round_: CollectionRound) -> str:
    return group_name(round_.group_key)


def _la(code: str) -> str:
    return shipped_register()[code].name


def round_opened(round_: CollectionRound, members: list[str]) -> None:
    for code in members:
        outbox.to_people(
            "round_opened",
            audiences.la_people([code]),
            {"period": round_.period, "deadline": round_.deadline, "group": _group(round_)},
            reverse("collection:submit", args=[round_.pk]),
            dedupe=f"round{round_.pk}",
        )


def queries_to_explain(version: ReturnVersion) -> None:
    if not version.query_count or version.status != "accepted":
        return
    outbox.to_people(
        "queries_to_explain",
        audiences.la_people([version.la_code], Role.LA_ANALYST),
        {
            "la_name": _la(version.la_code),
            "period": version.round.period,
            "count": version.query_count,
        },
        reverse("collection:return", args=[version.round_id, version.la_code]),
        dedupe=f"version{version.pk}",
    )


def _query_facts(query: DbgQuery) -> dict[str, str]:
    return {"la_name": _la(query.la_code), "period": query.round.period, "subject": query.subject}


def dbg_query_raised(query: DbgQuery) -> None:
    outbox.to_people(
        "dbg_query_raised",
        audiences.la_people([query.la_code]),
        _query_facts(query),
        reverse("collection:query", args=[query.pk]),
    )


def dbg_query_replied(query: DbgQuery, from_dbg: bool, closed: bool) -> None:
    link = reverse("collection:query", args=[query.pk])
    if closed:
        outbox.to_people(
            "dbg_query_closed",
            audiences.la_people([query.la_code], Role.LA_ANALYST),
            _query_facts(query),
            link,
        )
    elif from_dbg:
        outbox.to_people(
            "dbg_query_raised", audiences.la_people([query.la_code]), _query_facts(query), link
        )
    else:
        outbox.to_people(
            "dbg_query_answered", audiences.dbg(query.round.group_key), _query_facts(query), link
        )


def signed_off(round_: CollectionRound, members: list[str]) -> None:
    outbox.to_people(
        "signed_off",
        audiences.la_people(members),
        {"period": round_.period, "group": _group(round_)},
        reverse("collection:rounds"),
    )


def released(release: Release) -> None:
    round_ = release.round
    codes = [r.la_code for r in release.returns.all()]
    outbox.to_people(
        "released",
        [*audiences.la_people(codes, Role.LA_KEY_STAFF), *audiences.dfe_viewers()],
        {"period": round_.period, "group": _group(round_)},
        reverse("reports:overview", args=[round_.pk]),
        dedupe=f"release{release.pk}",
    )
