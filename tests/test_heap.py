"""Free heap memory is handed back to the system before a pool forks its workers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from officereport import heap, pool

# Prints the resident size (MiB) with 200 MiB of small blocks freed behind a live one, then after give_back().
CHILD = """
from officereport import heap

def resident_mib():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 // 2**20

blocks = [bytes(2000) for _ in range(100_000)]  # 2 kB each: from the heap, not mapped one by one
last = bytes(2000)  # allocated after them: the heap cannot shrink from its top
del blocks
freed = resident_mib()
heap.give_back()
print(freed, resident_mib())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_give_back_returns_the_free_heap_pages_to_the_system():
    freed, given_back = map(int, subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                                                check=True).stdout.split())
    assert freed - given_back >= 150  # of the 200 MiB freed, still resident until handed back


def test_give_back_says_no_where_there_is_no_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert heap.give_back() is False


def test_a_pool_is_made_once_the_heap_is_given_back(monkeypatch):
    events: list[str] = []
    monkeypatch.setattr(heap, "give_back", lambda: events.append("give_back"))
    monkeypatch.setattr(pool, "ProcessPoolExecutor", lambda *args, **kwargs: events.append("pool"))
    pool.render_pool(2)
    assert events == ["give_back", "pool"]
