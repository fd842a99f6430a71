"""Ten years of history: a cold refresh building every year, a refresh with nothing new, one revised release.

    python3 bench/tenyears.py [--rows-per-flow 2000000] [--first 2014] [--last 2024] [--jobs N]
                              [--work bench/.work]

1. Generates, once, an annual release per year from ``--first`` to ``--last`` - 1 (``Region_YYYY_fictif.zip``
   holding ``Region_YYYY_Export.txt`` / ``Region_YYYY_Import.txt``, as ``officereport sample --years``
   writes them) and the latest publication holding ``--last`` (``REGIONAL_CPF4PAYS_…zip``), at
   ``--rows-per-flow`` rows per flow each, into ``<work>/tenyears-<rows>/releases/``; a later run
   reuses them (the generation time is printed when it happens).
2. Links them into a fresh data folder, each landed a while ago (older years first), and runs a
   cold ``officereport refresh`` with an empty output folder: wall time, peak memory of all its
   processes (sum of RSS and sum of PSS, sampled, see ``measure.py``), the years it built, and how
   many releases it parsed (new entries of the parse cache, ``<out>/.officereport/cache``).
3. Runs ``refresh`` again: nothing changed, nothing should be parsed nor built.
4. Lands a revision of the annual release of ``--last`` - 1 (the same rows in a zip whose bytes
   differ: a new content for the tool) and times the refresh that follows, with the years it rebuilt.

It only drives the command line, so it measures whatever ``refresh`` does in the installed
package, and asserts nothing: a person compares the figures with the targets (cold refresh
≤ 3 min on 2 cores, peak ≤ 2 GB, each release parsed once, only the touched years rebuilt). The
machine's load is printed before and after: figures taken beside other work are only indicative.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path

from officereport.input import sample

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Measured, load_note, mb, run_measured  # bench/ is no package

ROOT = Path(__file__).resolve().parents[1]
LANDED_S = 3600  # the releases landed an hour ago: refresh does not wait for them to settle


def release_names(first: int, last: int) -> list[str]:
    return [sample.annual_zip_name(year) for year in range(first, last)] + [sample.sample_zip_name(last)]


def generate(folder: Path, first: int, last: int, rows_per_flow: int) -> None:
    """The releases, written once: a later run finds them and says so."""
    missing = [name for name in release_names(first, last) if not (folder / name).is_file()]
    if not missing:
        print(f"Releases reused from {folder} ({last - first + 1} zips)")
        return
    print(f"Generating {last - first + 1} releases at {rows_per_flow:,} rows per flow into {folder}".replace(",", " "),
          flush=True)
    started = time.perf_counter()
    sample.write_samples(folder, range(first, last + 1), rows_per_flow=rows_per_flow)
    print(f"  generation {time.perf_counter() - started:.0f} s")


def land(releases: Path, data: Path, names: list[str]) -> None:
    """Hard links (copies across filesystems) in the data folder, older years landed first."""
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    now = time.time()
    for i, name in enumerate(names):
        target = data / name
        try:
            os.link(releases / name, target)
        except OSError:
            shutil.copy2(releases / name, target)
        os.utime(target, (now - LANDED_S + i, now - LANDED_S + i))


def revise(path: Path) -> None:
    """A new content for the same rows: the zip rewritten (not the shared link) with a comment."""
    revised = path.with_name(f".{path.name}.revised")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(revised, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info.filename))
        new.comment = b"revision"
    stamp = time.time() - LANDED_S / 2
    os.utime(revised, (stamp, stamp))
    revised.replace(path)


def parses_since(cache: Path, started: float) -> int:
    """Releases parsed since ``started``: each parse writes a new cache entry (its .json last)."""
    return sum(1 for entry in cache.glob("*.json") if entry.stat().st_mtime >= started) if cache.is_dir() else 0


def report(label: str, measured: Measured, parsed: int) -> None:
    built = sorted(set(re.findall(r"(\d{4}) : reconstruction", measured.output)))
    print(f"  {label:<34} {measured.wall_s:7.1f} s   peak RSS sum {mb(measured.peak_rss)}, "
          f"PSS sum {mb(measured.peak_pss)}   releases parsed {parsed}   years built "
          f"{len(built)}: {', '.join(built) or 'none'}   (exit {measured.returncode})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows-per-flow", type=int, default=2_000_000)
    parser.add_argument("--first", type=int, default=2014)
    parser.add_argument("--last", type=int, default=2024)
    parser.add_argument("--jobs", type=int, default=None, help="render processes (default: one per core)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--keep-output", action="store_true", help="leave the data and output folders in place")
    args = parser.parse_args()
    work = (args.work / f"tenyears-{args.rows_per_flow}").resolve()
    print(f"officereport ten-year benchmark — {os.cpu_count()} cores; {load_note()}")
    generate(work / "releases", args.first, args.last, args.rows_per_flow)

    data, out = work / "data", work / "out"
    land(work / "releases", data, release_names(args.first, args.last))
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "officereport", "refresh", "--data", str(data), "--out", str(out),
               "--no-territories"]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    cache = out / ".officereport" / "cache"

    def run(label: str) -> Measured:
        started = time.time() - 1
        measured = run_measured(command, ROOT, check=False)
        report(label, measured, parses_since(cache, started))
        if measured.returncode != 0:
            print(measured.output[-3000:])
        return measured

    print(f"\nrefresh of {args.last - args.first + 1} releases ({args.first}–{args.last}), wall / peak memory of all "
          "processes / parses / years built:")
    run("cold (empty output folder)")
    second = run("nothing changed")
    if "Rien de nouveau" not in second.output:
        print("  (the second refresh did not say « Rien de nouveau »)")
    revise(data / sample.annual_zip_name(args.last - 1))
    run(f"annual {args.last - 1} revised")
    print(f"\nMachine at the end: {load_note()}")
    if not args.keep_output:
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
