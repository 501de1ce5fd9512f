"""Hourly limits (complaints, password resets) count through the cache's own increment, so
requests arriving together in several threads or processes cannot all pass under the limit."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.core.cache import cache

from tartan.web.hourly_limit import another_allowed
from tests.web.test_shared_cache import shared_cache  # noqa: F401  (the Redis fixture)


def test_the_limit_allows_that_many_in_an_hour_and_no_more():
    key = f"limit-{uuid.uuid4().hex}"
    assert [another_allowed(key, 2) for _ in range(4)] == [True, True, False, False]
    cache.delete(key)  # the hour over
    assert another_allowed(key, 2)


def test_requests_arriving_together_never_pass_the_limit_between_them(shared_cache):  # noqa: F811
    key = f"limit-{uuid.uuid4().hex}"
    start = threading.Barrier(40)
    allowed: list[bool] = []

    def ask() -> None:
        start.wait()
        allowed.append(another_allowed(key, 5))

    threads = [threading.Thread(target=ask) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 5
    assert len(allowed) == 40


@pytest.mark.parametrize("limit", [0, 1])
def test_a_limit_of_n_refuses_the_n_plus_first(limit):
    key = f"limit-{uuid.uuid4().hex}"
    answers = [another_allowed(key, limit) for _ in range(limit + 1)]
    assert answers == [True] * limit + [False]
