"""How fast is a national build, and where does the time go?

    python3 bench/benchmark.py [--rows-per-flow 2000000] [--jobs N] [--work bench/.work]

Generates a realistic national year once (``officereport sample``, kept in the work folder), then
prints, on this machine and in one run so that ratios compare like with like:

1. loading and all indicators, cold and from the cache, each in a fresh process (time, peak memory);
2. the stages one by one: parse, indicators, 102 workbooks, 183 territory decks, and the same input
   read by a plain ``pandas.read_csv``, and the same 102 workbooks written the way an analyst would
   (``DataFrame.to_excel`` with openpyxl, no charts);
3. whole builds as a user runs them (``officereport build``), cold and with the parsed input cached,
   and a ``refresh`` with nothing changed: wall time and peak memory of all processes together,
   as the sum of their RSS and of their PSS (``measure.py`` says why both).

The machine's load is printed at the start and the end: figures taken beside other work compare
only with figures of the same run.

It asserts nothing: figures go in the closing notes, targets are compared by a person.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd

from officereport import __version__, build, indicators, planning
from officereport.input import loader, sample
from officereport.model import EXPORT, IMPORT, Provenance

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import load_note, mb, run_measured  # bench/ is no package

ROOT = Path(__file__).resolve().parents[1]
TERRITORIES = ROOT.parent / "shared" / "realdata" / "anct-territoires-industrie_superposeur-anct" / "ti_2023_2027_derived.csv"


class Clock:
    def __init__(self):
        self.rows: list[tuple[str, str]] = []

    def time(self, label: str, fn, *args, note=lambda result, seconds: "", **kwargs):
        started = time.perf_counter()
        result = fn(*args, **kwargs)
        seconds = time.perf_counter() - started
        extra = note(result, seconds)
        self.rows.append((label, f"{seconds:7.2f} s" + (f"   {extra}" if extra else "")))
        print(f"  {label:<52} {seconds:7.2f} s {extra}", flush=True)
        return result, seconds


# --- the stages -----------------------------------------------------------------------------------

LOAD_AND_COMPUTE = """
import resource, sys, time
from pathlib import Path
from officereport import indicators
from officereport.input import loader
t = time.perf_counter()
data = loader.load(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
loaded = time.perf_counter() - t
nat = indicators.compute_national(data, 2024)
total = time.perf_counter() - t
print(f"{len(data.trade)} {loaded:.2f} {total - loaded:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}")
"""


def load_and_compute(zip_path: Path, cache: Path, label: str) -> None:
    out = subprocess.run([sys.executable, "-c", LOAD_AND_COMPUTE, str(zip_path), str(cache)],
                         capture_output=True, text=True, check=True).stdout.split()
    rows, loaded, computed, peak = int(out[0]), float(out[1]), float(out[2]), int(out[3])
    print(f"  {label:<52} load {loaded:5.2f} s ({rows / loaded / 1e6:4.2f} M rows/s) + indicators "
          f"{computed:4.2f} s, peak {mb(peak)}")


def pandas_read_csv(zip_path: Path) -> int:
    """The plainest read of the same data files: what parsing costs without the tool."""
    rows = 0
    with zipfile.ZipFile(zip_path) as z:
        for name in sample.DATA_MEMBERS.values():
            frame = pd.read_csv(io.BytesIO(z.read(name)), sep=";", header=None, dtype=str, keep_default_na=False)
            rows += len(frame)
    return rows


def analyst_workbooks(nat: indicators.NationalIndicators, target: Path) -> None:
    """The same tables as the tool's 102 workbooks, written the straightforward way: no charts, no styling."""
    target.mkdir(parents=True, exist_ok=True)
    for code, dep in nat.departements.items():
        with pd.ExcelWriter(target / f"{code}.xlsx", engine="openpyxl") as writer:
            dep.partners.to_excel(writer, sheet_name="Partenaires", index=False)
            dep.activities.to_excel(writer, sheet_name="Activites", index=False)
            dep.export_flows.table.to_excel(writer, sheet_name="FluxExport", index=False)
            dep.import_flows.table.to_excel(writer, sheet_name="FluxImport", index=False)
            for area in (dep.region, dep.france):
                for flow, side in ((EXPORT, "export"), (IMPORT, "import")):
                    grid = area.flows(flow).grid
                    matrix = pd.DataFrame(grid.values, index=grid.source_codes, columns=grid.target_codes)
                    matrix.to_excel(writer, sheet_name=f"{area.scope.level} {side}")
    rows = [(d.departement.code, d.departement.name, d.totals.exports_eur, d.totals.imports_eur)
            for d in nat.departements.values()]
    with pd.ExcelWriter(target / "national.xlsx", engine="openpyxl") as writer:
        pd.DataFrame(rows, columns=["Code", "Département", "Exportations", "Importations"]).to_excel(
            writer, sheet_name="Departements", index=False)


def folder_bytes(folder: Path, suffix: str) -> tuple[int, int]:
    files = list(folder.rglob(f"*{suffix}"))
    return len(files), sum(f.stat().st_size for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows-per-flow", type=int, default=2_000_000)
    parser.add_argument("--jobs", type=int, default=None, help="render processes (default: one per core)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work")
    parser.add_argument("--territories", type=Path, default=TERRITORIES)
    args = parser.parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(f"officereport benchmark — {os.cpu_count()} cores, {args.rows_per_flow:,} rows per flow".replace(",", " "))
    print(f"Machine at the start: {load_note()}")

    data_dir = work / f"data-{args.rows_per_flow}"
    zips = sorted(data_dir.glob("*.zip"))
    if not zips:
        print("Generating the realistic sample once:")
        started = time.perf_counter()
        zips = [sample.write_sample(data_dir, rows_per_flow=args.rows_per_flow)]
        print(f"  sample generation {time.perf_counter() - started:.1f} s")
    zip_path = zips[0]
    print(f"Input: {zip_path.name}, {mb(zip_path.stat().st_size)} zipped")

    print("\n1. Load and compute every indicator (fresh process each):")
    cache = work / "cache-issue2"
    shutil.rmtree(cache, ignore_errors=True)
    load_and_compute(zip_path, cache, "cold (parse, validate, write cache)")
    load_and_compute(zip_path, cache, "cached")

    print("\n2. Stages, one by one (this process):")
    clock = Clock()
    stage_cache = work / "cache-stages"
    shutil.rmtree(stage_cache, ignore_errors=True)
    data, parse_s = clock.time("parse + validate (cold)", loader.load, zip_path, cache_dir=stage_cache,
                               note=lambda d, s: f"{len(d.trade) / s / 1e6:.2f} M rows/s, {len(d.trade):,} rows".replace(",", " "))
    _, read_csv_s = clock.time("pandas.read_csv of the same files", pandas_read_csv, zip_path)
    print(f"  {'':<52} parse / read_csv = {parse_s / read_csv_s:.2f}")
    clock.time("load from the cache", loader.load, zip_path, cache_dir=stage_cache)
    nat, _ = clock.time("indicators, 101 départements + regions + France", indicators.compute_national, data, 2024)
    prov = Provenance(2024, tuple(data.sources), data.is_sample, __version__, datetime.now().replace(microsecond=0))
    staging = work / "stages"
    shutil.rmtree(staging, ignore_errors=True)
    settings = build.BuildSettings(territories=args.territories if args.territories.is_file() else None, jobs=args.jobs)
    _, _ours_s = clock.time("102 workbooks (process pool)", build.render, nat, prov, staging / "pool",
                           settings=settings, kinds=build.WORKBOOK_KINDS)
    _, ours_serial_s = clock.time("102 workbooks (one process)", build.render, nat, prov, staging / "serial",
                                  settings=build.BuildSettings(jobs=1), kinds=build.WORKBOOK_KINDS)
    _, analyst_s = clock.time("102 workbooks, analyst's to_excel (one process)", analyst_workbooks, nat,
                              staging / "analyst")
    print(f"  {'':<52} ours (one process) / analyst = {ours_serial_s / analyst_s:.2f}")
    deck_kind = planning.TERRITORY_DECK if settings.territories else planning.DEPARTEMENT_DECK
    decks, decks_s = clock.time(f"decks ({deck_kind}, process pool)", build.render, nat, prov, staging / "decks",
                                settings=settings, kinds=frozenset({deck_kind}))
    print(f"  {'':<52} {len(decks)} decks, {decks_s / len(decks) * 1000:.0f} ms per deck (wall)")
    for label, folder, suffix in (("workbooks", staging / "pool", ".xlsx"), ("decks", staging / "decks", ".pptx")):
        count, size = folder_bytes(folder, suffix)
        print(f"  {'output size, ' + label:<52} {count} files, {mb(size)} ({size / max(count, 1) / 1e3:.0f} kB each)")

    print("\n3. Whole builds as a user runs them (wall; peak memory of all processes, summed: RSS counts the\n"
          "   pages workers share with their parent once per process, PSS divides them, see measure.py):")
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)  # with it the parsed-input cache, <out>/.officereport/cache: a cold start
    command = [sys.executable, "-m", "officereport", "build", "--data", str(zip_path), "--out", str(out)]
    if settings.territories:
        command += ["--territories", str(settings.territories)]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    for label in ("full build from the raw zip, cold", "full build, parsed input cached"):
        _print(label, run_measured(command, ROOT))
    count, size = folder_bytes(out / "2024", "")
    print(f"  {'published':<52} {count} files, {mb(size)}")

    refresh_data, refresh_out = work / "refresh-data", work / "refresh-out"
    shutil.rmtree(refresh_data, ignore_errors=True)
    shutil.rmtree(refresh_out, ignore_errors=True)
    refresh_data.mkdir()
    landed = refresh_data / zip_path.name
    shutil.copy2(zip_path, landed)
    os.utime(landed, (time.time() - 60, time.time() - 60))  # landed a minute ago: not still being copied
    refresh = [sys.executable, "-m", "officereport", "refresh", "--data", str(refresh_data), "--out", str(refresh_out)]
    if settings.territories:
        refresh += ["--territories", str(settings.territories)]
    _print("refresh, new data (cold)", run_measured(refresh, ROOT))
    unchanged = run_measured(refresh, ROOT)
    _print("refresh, nothing changed", unchanged)
    if "Rien de nouveau" not in unchanged.output:
        print("  (the second refresh did not report 'Rien de nouveau':)\n" + unchanged.output)
    print(f"\nMachine at the end: {load_note()}")


def _print(label: str, measured) -> None:
    print(f"  {label:<52} {measured.wall_s:7.2f} s   peak RSS sum {mb(measured.peak_rss)}, "
          f"PSS sum {mb(measured.peak_pss)}", flush=True)


if __name__ == "__main__":
    main()
