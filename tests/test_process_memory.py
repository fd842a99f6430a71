"""The process's memory settings: transparent huge pages declined by the command for itself and the
workers it forks; free heap memory handed back before a pool forks its workers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from officereport import cli, heap, hugepages, pool

# Prints the kernel's THP flag of this process before and after decline(), then of a child forked after it.
THP_CHILD = """
import ctypes, os
from officereport import hugepages

ctypes.CDLL(None).prctl(41, 0, 0, 0, 0)  # a parent that declined already (the suite ran the command) passed it on

def flag():
    lines = open("/proc/self/status").read().splitlines()
    return next(line.split()[1] for line in lines if line.startswith("THP_enabled:"))

before = flag()
hugepages.decline()
after = flag()
read, write = os.pipe()
if os.fork() == 0:
    os.write(write, flag().encode())
    os._exit(0)
os.wait()
print(before, after, os.read(read, 8).decode())
"""


def _reports_thp_flag() -> bool:
    status = Path("/proc/self/status")
    return status.is_file() and "THP_enabled:" in status.read_text()


@pytest.mark.skipif(not _reports_thp_flag(), reason="Linux 5.0+ reports the flag in /proc/self/status")
def test_decline_turns_huge_pages_off_for_the_process_and_its_forked_workers():
    out = subprocess.run([sys.executable, "-c", THP_CHILD], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "0", "0"]


def test_the_command_declines_before_it_runs_anything(monkeypatch):
    events: list[str] = []
    monkeypatch.setattr(hugepages, "decline", lambda: events.append("decline"))
    add, _ = cli.COMMANDS["check"]
    monkeypatch.setitem(cli.COMMANDS, "check", (add, lambda args: events.append("check") or 0))
    assert cli.main(["check"]) == 0
    assert events == ["decline", "check"]


# Prints the resident size (MiB) with 200 MiB of small blocks freed behind a live one, then after give_back().
HEAP_CHILD = """
import os
from officereport import heap

def resident_mib():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20

blocks = [bytes(2000) for _ in range(100_000)]  # 2 kB each: from the heap, not mapped one by one
last = bytes(2000)  # allocated after them: the heap cannot shrink from its top
del blocks
freed = resident_mib()
heap.give_back()
print(freed, resident_mib())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_give_back_returns_the_free_heap_pages_to_the_system():
    freed, given_back = map(int, subprocess.run([sys.executable, "-c", HEAP_CHILD], capture_output=True, text=True,
                                                check=True).stdout.split())
    assert freed - given_back >= 150  # of the 200 MiB freed, still resident until handed back


def test_a_pool_is_made_once_the_heap_is_given_back(monkeypatch):
    events: list[str] = []
    monkeypatch.setattr(heap, "give_back", lambda: events.append("give_back"))
    monkeypatch.setattr(pool, "ProcessPoolExecutor", lambda *args, **kwargs: events.append("pool"))
    pool.render_pool(2)
    assert events == ["give_back", "pool"]


@pytest.mark.parametrize("ask", [hugepages.decline, heap.give_back])
def test_nothing_is_asked_where_there_is_no_linux(monkeypatch, ask):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert ask() is False
