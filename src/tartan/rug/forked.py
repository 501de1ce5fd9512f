"""Write a run's files in forked processes, as many as the machine has cores.

A national run's files are independent pieces (each group's workbook, each LA's pages) whose
inputs, the rugs, are already built: the pieces are set here just before the pool forks, so
each process inherits them instead of having them pickled across, and only the piece's index
and the paths it wrote cross back. The pieces only render (xlsxwriter, jinja, WeasyPrint):
none runs polars, whose thread pool a fork would not carry.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

Piece = Callable[[], list[Path]]

_pieces: Sequence[Piece] = ()


def _run(index: int) -> list[Path]:
    # A piece makes hundreds of thousands of short-lived objects (a workbook's chart XML, a
    # page's template output), nearly all freed by their reference counts: the cyclic collector
    # walking them as they pile up took a quarter of a workbook's time. It is off while the
    # piece runs and sweeps once after, so what cycles there are never outlive their piece.
    gc.disable()
    try:
        return _pieces[index]()
    finally:
        gc.enable()
        gc.collect()


def run_pieces(
    pieces: Sequence[Piece], on_done: Callable[[Path], None] | None = None
) -> list[Path]:
    """Every piece's paths, in the order of the pieces; ``on_done`` is told of each path as
    its piece finishes. The costliest pieces should come first: they are started first."""
    global _pieces
    workers = min(len(pieces), os.cpu_count() or 1)
    if workers < 2:
        return in_line(pieces, on_done)
    _pieces = pieces
    # Frozen objects are left out of the children's garbage collection: otherwise each child's
    # collector walks (and so writes to, and copies) every inherited page of the parent's heap.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures: dict[Future[list[Path]], int] = {
                pool.submit(_run, index): index for index in range(len(pieces))
            }
            results: dict[int, list[Path]] = {}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                for path in results[futures[future]]:
                    if on_done:
                        on_done(path)
    finally:
        gc.unfreeze()
        _pieces = ()
    return [path for index in range(len(pieces)) for path in results[index]]


def in_line(pieces: Sequence[Piece], on_done: Callable[[Path], None] | None) -> list[Path]:
    written: list[Path] = []
    for piece in pieces:
        for path in piece():
            written.append(path)
            if on_done:
                on_done(path)
    return written
