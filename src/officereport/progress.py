"""Progress on stderr for work that takes more than a moment.

A step says nothing during its first second (most steps end before anyone would wait). After
that, on a terminal the line is redrawn in place; in a log (cron, CI) one line is written per
10 % so logs stay short.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

# What library code accepts: called with (done, total, what) and returning nothing.
ProgressCallback = Callable[[int, int, str], None]


def silent(done: int, total: int, what: str) -> None:
    """A progress callback that shows nothing (library default, tests)."""


class Progress:
    """A ProgressCallback that draws ``what: done/total (pct %)`` on a stream."""

    def __init__(self, stream: TextIO | None = None, quiet_s: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.quiet_s = quiet_s
        self.clock = clock
        self._started: dict[str, float] = {}
        self._shown: dict[str, int] = {}  # step -> last decile written

    def __call__(self, done: int, total: int, what: str) -> None:
        now = self.clock()
        started = self._started.setdefault(what, now)
        finished = done >= total
        if what not in self._shown and now - started < self.quiet_s:
            if finished:
                del self._started[what]
            return
        pct = 100 * done // total if total else 100
        decile = pct // 10
        if not self.tty and self._shown.get(what) == decile and not finished:
            return
        self._shown[what] = decile
        if self.tty:
            self.stream.write(f"\r{what} : {done}/{total} ({pct} %)\033[K" + ("\n" if finished else ""))
        else:
            self.stream.write(f"{what} : {done}/{total} ({pct} %)\n")
        self.stream.flush()
        if finished:
            self._started.pop(what, None)
            self._shown.pop(what, None)
