"""How long do the PDFs of a national build take, batched per worker or one LibreOffice start per file?

    python bench/pdf.py [--build out/2024] [--jobs 2] [--per-file 10] [--work bench/.work-pdf]

Without ``--build``, runs ``officereport build`` once in the work folder (sample data: 101
département workbooks and decks and the national workbook). Then converts, on this machine:

1. every workbook, then every deck, with ``officereport.pdf.convert`` (one soffice per worker
   converting its whole share in one start) -- the way the build does it;
2. ``--per-file`` workbooks and decks with one soffice start per file (the same number of workers,
   one profile each, reused), for the cost of a start.

It prints wall and CPU seconds per file for each (CPU: of all LibreOffice processes, which does not
depend on what else the machine runs), and the whole national build extrapolated to 102 workbooks
and 183 territory decks. It asserts nothing: the target (3 minutes on 2 cores) is compared by a person.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from officereport import pdf

NATIONAL_WORKBOOKS, NATIONAL_DECKS = 102, 183


def _build(work: Path) -> Path:
    folder = work / "build"
    if not (folder / "out").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([Path(sys.executable).parent / "officereport", "build"], cwd=folder, check=True)
    return next((folder / "out").iterdir())


def _children_cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _batched(files: list[Path], out: Path, jobs: int) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started, cpu = time.perf_counter(), _children_cpu_s()
    pdf.convert(files, out, jobs=jobs, timeout_s=600)
    return time.perf_counter() - started, _children_cpu_s() - cpu


def _one_start_per_file(files: list[Path], out: Path, jobs: int, soffice: str) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    profiles = [(out / f"profile-{n}").resolve() for n in range(jobs)]

    def run(number: int) -> None:
        for source in files[number::jobs]:
            subprocess.run([soffice, f"-env:UserInstallation={profiles[number].as_uri()}", "--headless",
                            "--norestore", "--convert-to", "pdf", "--outdir", str(out), str(source)],
                           check=True, capture_output=True, timeout=600)

    for number in range(jobs):  # a profile's first start costs more: not what is measured here
        subprocess.run([soffice, f"-env:UserInstallation={profiles[number].as_uri()}", "--headless", "--terminate_after_init"],
                       check=False, capture_output=True, timeout=600)
    started, cpu = time.perf_counter(), _children_cpu_s()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(run, range(jobs)))
    return time.perf_counter() - started, _children_cpu_s() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="a build's year folder (default: build sample data)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--per-file", type=int, default=10, help="files of each kind for one start per file")
    parser.add_argument("--work", type=Path, default=Path(__file__).parent / ".work-pdf")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured, even into a file
    soffice = pdf.libreoffice_available()
    if soffice is None:
        sys.exit(pdf.INSTALL_HINT)
    year = args.build or _build(args.work)
    workbooks, decks = sorted(year.rglob("*.xlsx")), sorted(year.rglob("*.pptx"))
    print(f"{len(workbooks)} workbooks, {len(decks)} decks in {year}; {args.jobs} workers; load {os.getloadavg()[0]:.1f}")

    wall, cpu = {}, {}
    for kind, files in (("workbook", workbooks), ("deck", decks)):
        few = files[: args.per_file]
        for way, measured in (("one start", _one_start_per_file(few, args.work / f"single-{kind}", args.jobs, soffice)),
                              ("batched", _batched(files, args.work / f"pdf-{kind}", args.jobs))):
            count = len(few) if way == "one start" else len(files)
            wall[way, kind], cpu[way, kind] = (value / count for value in measured)
            print(f"{way:9} {kind:8}: {measured[0]:6.1f} s wall, {measured[1]:6.1f} s CPU for {count} files "
                  f"({wall[way, kind]:.2f} s wall, {cpu[way, kind]:.2f} s CPU a file)")
    for way in ("one start", "batched"):
        seconds = {table: NATIONAL_WORKBOOKS * per[way, "workbook"] + NATIONAL_DECKS * per[way, "deck"]
                   for table, per in (("wall", wall), ("cpu", cpu))}
        print(f"national build, {way}: {seconds['wall']:.0f} s wall here; {seconds['cpu']:.0f} s CPU, "
              f"{seconds['cpu'] / args.jobs:.0f} s on {args.jobs} idle cores ({NATIONAL_WORKBOOKS} workbooks + "
              f"{NATIONAL_DECKS} decks, extrapolated)")
    print(f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
