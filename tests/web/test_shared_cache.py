"""Several processes share one cache through Redis (TARTAN_CACHE_URL): a benchmark table one
worker built serves the others, and is named by the exact versions it was built from."""

from __future__ import annotations

import uuid

import pytest
import redis

from tartan.web.reports import data
from tartan.web.reports.data import View, benchmark

REDIS_URL = "redis://127.0.0.1:6379/3"
pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings):
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    prefix = f"tartan-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_table_built_by_one_process_serves_another(shared_cache, released_round, monkeypatch):
    client, prefix = shared_cache
    # An earlier test may have built a table of the same versions in this process.
    data._built.clear()
    built = benchmark(released_round, View.RELEASED)
    stored = [key.decode() for key in client.scan_iter(f"{prefix}:*")]
    assert any(built.key in key for key in stored), stored
    # Another process: nothing of this one's memory, and building is not possible there.
    data._built.clear()

    def no_building(*args, **kwargs):
        raise AssertionError("built again instead of read from the shared cache")

    monkeypatch.setattr(data, "quarterly_benchmark", no_building)
    again = benchmark(released_round, View.RELEASED)
    assert again.key == built.key
    assert again.table.equals(built.table)


def test_a_new_version_is_a_new_key_so_nothing_stale_is_shared(shared_cache, released_round):
    from tartan.web.collection import services
    from tartan.web.collection.models import CollectionRound
    from tests.web.conftest import return_bytes

    first = benchmark(released_round, View.WORKING)
    dbg = CollectionRound.objects.get(pk=released_round.pk).opened_by
    services.submit(
        released_round, "845", dbg, "845.csv", return_bytes("845", released_round.period)
    )
    second = benchmark(released_round, View.WORKING)
    assert second.key != first.key
