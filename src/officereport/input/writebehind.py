"""Cache entries written behind the parse: while one is written, the next input is parsed.

    with writing_behind():          # every entry is written when the block ends
        loader.load(a, cache_dir=c)  # returns once ``a`` is parsed; its entry is written on a thread
        loader.load(b, cache_dir=c)  # parsed meanwhile

Summing a release and writing its two Parquet files take about 0.8 s of its 3 s, mostly in numpy
and Arrow, which let go of the interpreter: four releases of 4 M rows were parsed in 11.0-12.3 s
against 13.4-14.2 s, for 50-120 MB more at the peak.

One entry at most waits to be written (a handed-over release's rows stay alive until then). The
block ends once the last entry is written, so that whatever follows reads the entries back, and
no process forks while the writer may hold a lock of the allocator (the child would never see it
released). Outside a block, a load writes its entry before returning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar

from officereport.input.problems import log


class _Writer:
    def __init__(self, pool: ThreadPoolExecutor) -> None:
        self.pool = pool
        self.pending: Future | None = None

    def hand_over(self, write: Callable[[], list[str]]) -> None:
        self.wait()
        self.pending = self.pool.submit(write)

    def wait(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            for warning in pending.result():  # the release was handed over: its warnings are logged here
                log.warning(warning)


# The writer of the block the current thread is in.
_writer: ContextVar[_Writer | None] = ContextVar("cache_writer", default=None)


@contextmanager
def writing_behind() -> Iterator[None]:
    """Loads inside the block write their cache entries on one thread; all are written at its end."""
    if _writer.get() is not None:  # nested: the outer block waits
        yield
        return
    with ThreadPoolExecutor(1, thread_name_prefix="cache-writer") as pool:
        writer = _Writer(pool)
        token = _writer.set(writer)
        try:
            yield
            writer.wait()
        finally:
            _writer.reset(token)


def write(entry: Callable[[], list[str]]) -> list[str]:
    """Write a cache entry (``entry()`` returns its warnings and raises nothing): now, returning
    its warnings, or behind the caller inside a ``writing_behind`` block, which logs them."""
    writer = _writer.get()
    if writer is None:
        return entry()
    writer.hand_over(entry)
    return []
