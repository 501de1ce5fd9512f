"""Knowing a benchmark table is still current with one query.

A table is named by the versions and figures it is built from, which takes five queries to
find (a third of a rug page's time at national scale). Instead each input carries a token,
drawn afresh in the same transaction as any change to it (signals below, and after the writes
that send none); the list of what a table is built from is kept in the cache under the tokens,
so while they stand it is one query to know it, and a change of any of them asks again.
Which tokens a table depends on:

- every view: ``releases`` (this group's and the others' releases, for the national quarter),
  ``national`` (imported datasets), ``membership`` (who is in which group);
- the DBG's working view also ``versions:<group>`` (that group's accepted returns).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db.models.signals import post_delete, post_save

RELEASES = "releases"
NATIONAL = "national"
MEMBERSHIP = "membership"


def versions_of(group_key: str) -> str:
    return f"versions:{group_key}"


def renew(*names: str) -> None:
    from tartan.web.reports.models import InputGeneration

    for name in names:
        InputGeneration.objects.update_or_create(
            name=name, defaults={"token": secrets.randbits(62)}
        )


def tokens(names: list[str]) -> tuple[int, ...]:
    """The current token of each of ``names`` (0 for one never changed)."""
    from tartan.web.reports.models import InputGeneration

    held = dict(InputGeneration.objects.filter(name__in=names).values_list("name", "token"))
    return tuple(held.get(name, 0) for name in names)


def renew_versions_of_round(round_id: int) -> None:
    from tartan.web.collection.models import CollectionRound

    group_key = (
        CollectionRound.objects.filter(pk=round_id).values_list("group_key", flat=True).first()
    )
    if group_key is not None:
        renew(versions_of(group_key))


def _version_changed(instance: Any, **_: Any) -> None:
    renew_versions_of_round(instance.round_id)


def _figure_changed(instance: Any, **_: Any) -> None:
    from tartan.web.collection.models import ReturnVersion

    version = ReturnVersion.objects.filter(pk=instance.version_id).values_list("round_id")
    for (round_id,) in version:
        renew_versions_of_round(round_id)


def _renewing(name: str) -> Any:
    def receiver(**_: Any) -> None:
        renew(name)

    return receiver


_receivers: list[Any] = []  # kept: signals hold receivers weakly


def connect() -> None:
    """Called once, when the app is ready."""
    from tartan.web.collection.models import Figure, Release, ReleasedReturn, ReturnVersion
    from tartan.web.groups.models import BenchmarkingGroup, Membership
    from tartan.web.sharing.models import NationalFigure, NationalImport

    watched: list[tuple[Any, Any]] = [
        (ReturnVersion, _version_changed),
        (Figure, _figure_changed),
    ]
    for model, name in (
        (Release, RELEASES),
        (ReleasedReturn, RELEASES),
        (NationalImport, NATIONAL),
        (NationalFigure, NATIONAL),
        (Membership, MEMBERSHIP),
        (BenchmarkingGroup, MEMBERSHIP),
    ):
        watched.append((model, _renewing(name)))
    for model, receiver in watched:
        _receivers.append(receiver)
        post_save.connect(receiver, sender=model, dispatch_uid=f"generation-{model.__name__}-save")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"generation-{model.__name__}-delete"
        )
