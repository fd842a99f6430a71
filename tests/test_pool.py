"""Render workers die with their parent, however it dies."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

import pytest

from officereport.publish.lock import pid_alive

# A run that starts a render pool whose workers are busy, then waits to be killed.
RUN = """
import os, sys, time
from pathlib import Path
from officereport.pool import render_pool

def busy(pids):
    with open(pids, "a") as out:
        print(os.getpid(), file=out, flush=True)
    time.sleep(120)

if __name__ == "__main__":
    pids = Path(sys.argv[1])
    pool = render_pool(2)
    for _ in range(2):  # one long task per worker: each worker writes its pid
        pool.submit(busy, pids)
    while len(pids.read_text().split()) < 2 if pids.exists() else True:
        time.sleep(0.05)
    print(pids.read_text().replace("\\n", " "), flush=True)
    time.sleep(120)
"""


def _zombie_or_gone(pid: int) -> bool:
    if not pid_alive(pid):
        return True
    try:  # an exited orphan waits to be reaped by init: it holds no memory any more
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    """Issue 10: after ``kill -9`` of a refresh its render workers lived on (170 MB each)."""
    script = tmp_path / "run.py"
    script.write_text(RUN)
    run = subprocess.Popen([sys.executable, str(script), str(tmp_path / "pids")], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        workers = [int(pid) for pid in run.stdout.readline().split()]
        assert len(workers) == 2 and all(pid_alive(pid) for pid in workers)
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time.monotonic() + 30  # generous: the machine may be busy; the watch polls every 0.5 s
        while time.monotonic() < deadline and not all(_zombie_or_gone(pid) for pid in workers):
            time.sleep(0.1)
        assert [pid for pid in workers if not _zombie_or_gone(pid)] == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
