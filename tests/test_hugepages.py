"""The command declines transparent huge pages for itself and the workers it forks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from officereport import cli, hugepages

# Prints the kernel's THP flag of this process before and after decline(), then of a child forked after it.
CHILD = """
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
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "0", "0"]


def test_decline_says_no_where_there_is_no_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert hugepages.decline() is False


def test_the_command_declines_before_it_runs_anything(monkeypatch):
    events: list[str] = []
    monkeypatch.setattr(hugepages, "decline", lambda: events.append("decline"))
    add, _ = cli.COMMANDS["check"]
    monkeypatch.setitem(cli.COMMANDS, "check", (add, lambda args: events.append("check") or 0))
    assert cli.main(["check"]) == 0
    assert events == ["decline", "check"]
