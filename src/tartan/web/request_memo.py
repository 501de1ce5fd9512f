"""Answers remembered for the length of one request.

A page asks the same questions many times: the quarter picker asks ``view_rug`` of each of a
group's forty quarters, and each answer asks who the group's members are and whether the
quarter is released. Those answers cannot change while the request reads, so they are kept
until it ends, and never longer: the next request asks the database again, so nothing
stale is ever shown. A write in the request (a release, a membership) forgets its kind at once.
Outside a request (the CLI, the task worker, tests calling services) nothing is remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[str, dict[Hashable, Any]] | None] = ContextVar("request_memo", default=None)


def remembered(kind: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, asked once per request for each ``kind`` and ``key``."""
    memo = _memo.get()
    if memo is None:
        return compute()
    answers = memo.setdefault(kind, {})
    if key not in answers:
        answers[key] = compute()
    return answers[key]  # type: ignore[no-any-return]


def forget(kind: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(kind, None)


class RequestMemo:
    """Opens a fresh memo for each request and drops it when the response is made."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
