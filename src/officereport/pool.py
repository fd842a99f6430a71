"""The render process pool, whose workers die with their parent.

    render_pool(workers, initializer, initargs) -> ProcessPoolExecutor

A pool's workers wait on a pipe for tasks; when the parent is killed (``kill -9``, cron's
``timeout -s KILL``) nothing tells them, and each would live on holding its copy of the
indicators. Every worker therefore starts a daemon thread that watches its parent and exits the
moment the parent is gone: on POSIX the orphan is re-parented (``os.getppid()`` changes), on
Windows the parent's pid stops being alive.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from officereport import heap
from officereport.publish.lock import pid_alive

PARENT_CHECK_S = 0.5


def _parent_gone(parent: int) -> bool:
    if sys.platform == "win32":
        return not pid_alive(parent)
    return os.getppid() != parent


def _watch_parent(parent: int) -> None:
    while not _parent_gone(parent):
        threading.Event().wait(PARENT_CHECK_S)
    os._exit(1)  # no cleanup to do: a dead parent publishes nothing, its staging folder is swept later


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _context() -> multiprocessing.context.BaseContext:
    # fork hands the indicators to workers without pickling them; elsewhere spawn pickles them once per worker.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def render_pool(workers: int, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A process pool of ``workers`` processes that exit when this process dies, forked once this
    process's free heap memory is handed back: they then share only live pages with it (``heap``)."""
    heap.give_back()
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))
