"""Wall time and peak memory of a command and all its processes, for the benchmarks (Linux /proc).

Two measures of memory, both summed over the process tree and sampled while it runs:

- **RSS sum**: each process's resident memory. Pages a render worker shares copy-on-write with
  its parent after ``fork`` are counted once per process: this overstates the real footprint.
- **PSS sum** (``/proc/PID/smaps_rollup``): each shared page divided among the processes sharing
  it, so the sum is what the tree really holds in memory.

The peak of each sum is taken separately (they may peak at different moments).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# Once a second: reading smaps_rollup walks the page tables of every process of the tree under its
# memory-map lock. Sampled ten times a second, the cold ten-year refresh took 242 s; sampled once a
# second, 209 s (same tree, same sitting), with the same peaks: those that matter (a year's
# indicators, its render) last several seconds.
SAMPLE_S = 1.0
PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree(root: int) -> list[int]:
    """A process and all its descendants."""
    children, found, stack = _children(), [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _rollup(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS sum, PSS sum) over a process and its descendants, in bytes."""
    rss = pss = 0
    for pid in tree(root):
        r, p = _rollup(pid)
        rss, pss = rss + r, pss + p
    return rss, pss


@dataclass(frozen=True)
class Measured:
    wall_s: float
    peak_rss: int  # largest RSS sum seen over the tree
    peak_pss: int  # largest PSS sum seen over the tree
    output: str
    returncode: int


def run_measured(argv: list[str], cwd: Path, *, check: bool = True) -> Measured:
    """Run a command, sampling the memory of its process tree every SAMPLE_S seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peaks[0], peaks[1] = max(peaks[0], rss), max(peaks[1], pss)
            done.wait(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if check and process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{output}")
    return Measured(wall, peaks[0], peaks[1], output, process.returncode)


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB".replace(",", " ")


def load_note() -> str:
    """What else the machine was doing: load averages and the busiest other processes."""
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    top = subprocess.run(["ps", "-eo", "pcpu,args", "--sort=-pcpu", "--no-headers"], capture_output=True, text=True, check=False)
    busy = [line.strip()[:90] for line in top.stdout.splitlines()[:4] if float(line.split()[0]) >= 20]  # % over each life
    return f"load average {load}" + (f"; busiest: {' | '.join(busy)}" if busy else "")
