"""The most memory a run and the processes it forks hold at once.

Samples the proportional set size (Pss, from /proc/PID/smaps_rollup) of this process and its
children every 50 ms on a thread: a forked child's inherited pages are shared, and Pss counts a
shared page once across the processes sharing it, where adding each process's peak RSS would
count it once per process. Linux only, as the benchmarks' machines are.
"""

from __future__ import annotations

import threading
from pathlib import Path


def _pss_kib(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass  # a child that has just ended
    return 0


def _children(pid: str) -> list[str]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += (task / "children").read_text().split()
        except FileNotFoundError:
            continue
    return found


class PeakMemory:
    """``with PeakMemory() as peak: ...`` then ``peak.mb``: the largest sum sampled."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            pids = ["self", *_children("self")]
            total = sum(_pss_kib(pid) for pid in pids) / 1024
            self.mb = max(self.mb, total)
            if self._stop.wait(self.every):
                return
