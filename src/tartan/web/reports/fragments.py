"""Rendered rug and overview markup, kept in memory per process and in the shared cache.

Drawing a rug with its charts is the costliest part of a page, so a fragment one worker drew
serves every worker and server (Redis when TARTAN_CACHE_URL is set). A fragment is keyed by the benchmark table it was drawn from (which names the exact versions)
and anything else it shows (the LA's context notes), never by who asked: the protective marking,
which does name the reader, is drawn by the page around it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.core.cache import cache
from markupsafe import Markup

KEEP = 256
_kept: OrderedDict[str, Markup] = OrderedDict()
_lock = threading.Lock()


SHARED_SECONDS = 6 * 3600


def get(key: str) -> Markup | None:
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    shared = cache.get(f"fragment:{key}")
    if shared is None:
        return None
    return _keep(key, Markup(shared))


def put(key: str, fragment: Markup) -> Markup:
    cache.set(f"fragment:{key}", str(fragment), SHARED_SECONDS)
    return _keep(key, fragment)


def _keep(key: str, fragment: Markup) -> Markup:
    with _lock:
        _kept[key] = fragment
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return fragment
