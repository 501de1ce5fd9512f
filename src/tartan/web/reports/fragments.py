"""Rendered rug and overview markup, kept in memory per process.

A fragment is keyed by the benchmark table it was drawn from (which names the exact versions)
and anything else it shows (the LA's context notes), never by who asked: the protective marking,
which does name the reader, is drawn by the page around it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from markupsafe import Markup

KEEP = 256
_kept: OrderedDict[str, Markup] = OrderedDict()
_lock = threading.Lock()


def get(key: str) -> Markup | None:
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        return found


def put(key: str, fragment: Markup) -> Markup:
    with _lock:
        _kept[key] = fragment
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return fragment
