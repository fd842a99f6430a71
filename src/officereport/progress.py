"""Progress on stderr for work that takes more than a moment.

On a terminal the line is redrawn in place; in a log (cron, CI) one line is written per step of
about 10 %, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

# What library code accepts: called with (done, total, what) and returning nothing.
ProgressCallback = Callable[[int, int, str], None]


def silent(done: int, total: int, what: str) -> None:
    """A progress callback that shows nothing (library default, tests)."""


class Progress:
    """A ProgressCallback that draws ``what: done/total (pct %)`` on a stream."""

    def __init__(self, stream: TextIO | None = None, min_interval_s: float = 0.2):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.min_interval_s = min_interval_s
        self._last_draw = 0.0
        self._last_decile: dict[str, int] = {}

    def __call__(self, done: int, total: int, what: str) -> None:
        pct = 100 * done // total if total else 100
        if self.tty:
            now = time.monotonic()
            if done < total and now - self._last_draw < self.min_interval_s:
                return
            self._last_draw = now
            end = "\n" if done >= total else ""
            self.stream.write(f"\r{what}: {done}/{total} ({pct} %)\033[K{end}")
        else:
            decile = pct // 10
            if self._last_decile.get(what) == decile and done < total:
                return
            self._last_decile[what] = decile
            self.stream.write(f"{what}: {done}/{total} ({pct} %)\n")
        self.stream.flush()
