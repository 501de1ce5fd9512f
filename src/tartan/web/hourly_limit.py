"""A count per key and hour, shared by every process through the cache (Redis in a deployment).

Counted with the cache's own increment: reading the count and writing it back one higher let
two requests arriving together both pass under the limit.
"""

from __future__ import annotations

from django.core.cache import cache

HOUR = 3600


def another_allowed(key: str, limit: int) -> bool:
    """Count one more under ``key``; False once more than ``limit`` were counted this hour
    (the hour starts with the first)."""
    cache.add(key, 0, HOUR)  # only where the key is not there yet: keeps the hour's start
    try:
        counted = cache.incr(key)
    except ValueError:  # the hour ended between the two calls
        cache.add(key, 1, HOUR)
        counted = 1
    return counted <= limit
