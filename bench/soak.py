"""Soak test of refresh/watch (a script, not a test): drop files, kill the watcher, check the outputs.

    python bench/soak.py --minutes 3 [--real]

A child process runs ``watch`` every second on a temporary data folder. Meanwhile this script
drops new, identical, broken and hostile files into the data folder (a dangling link, a FIFO named
``.zip``, a zip bomb inflating to 300 MB of zeros and, with ``--real``, labels carrying control
characters and a formula) and kills the child (SIGKILL) at random moments, restarting it each
time; render workers still alive 10 s after their run was killed are counted as problems, and the
peak resident memory of the run and its workers is sampled. After every kill, and at the end, it checks what a user would
see in ``out/``: every file is a whole Office zip, and every year folder that has a manifest
matches it exactly (a folder without one is a publication interrupted mid-swap, which the next
run must complete). At the end each year must be built from the newest valid source.

By default the child uses a fast fake loader and renderer (30 small Office zips per year, written
with short pauses so that kills land mid-write): what is soaked is the refresh and publication
machinery. With ``--real`` it runs the real loader and renderers on small sample zips (a new
drop is ``officereport sample`` with another seed, a broken one a truncated copy), so each
rebuild writes a full year of workbooks and decks while kills land anywhere in it.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import timedelta
from pathlib import Path

from officereport.input.sample import write_sample
from officereport.publish.checks import check_office_file, read_manifest, verify_build
from officereport.publish.paths import OutputPaths
from officereport.publish.refresh import RefreshSettings, Toolchain, refresh
from officereport.publish.watch import RefreshSchedule, setup_logging, stop_on_signals, watch

YEARS = (2023, 2024)
REAL_ROWS_PER_FLOW = 5000
KINDS = frozenset({"departement-workbook", "territory-deck"})


# --- the child: watch with a fake toolchain -------------------------------------------------------

class _Data:
    def __init__(self, years: list[int], release: str):
        self.years, self.release, self.is_sample, self.sources = years, release, True, []

    def complete_years(self) -> list[int]:
        return self.years


def _fake_load(path: Path) -> _Data:
    with zipfile.ZipFile(path) as archive:  # a broken zip raises here, as it would in the loader
        years, release = archive.read("annees.txt").decode().split(";")
    return _Data([int(y) for y in years.split(",")], release)


class _Output:
    def __init__(self, kind: str, path: str):
        self.kind, self.scope, self.path = kind, path, path


def _fake_render(data: _Data, year: int, staging: Path, kinds: frozenset[str], built_at: object) -> list[_Output]:
    written = []
    for n in range(30):
        kind, rel, part = (("departement-workbook", f"departements/{n:02d}.xlsx", "xl/workbook.xml") if n % 2
                           else ("territory-deck", f"territoires/ti-{n:02d}.pptx", "ppt/presentation.xml"))
        if kind not in kinds:
            continue
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(staging / rel, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(part, f"<r>{year} {data.release} {n}{'x' * 20000}</r>")
        written.append(_Output(kind, rel))
        time.sleep(0.02)
    return written


FAKE_TOOLS = Toolchain(_fake_load, _fake_render, KINDS, frozenset({"territory-deck"}), None)


def toolchain(real: bool) -> Toolchain | None:
    return None if real else FAKE_TOOLS  # None: refresh makes the real one from its resolved settings


def child(data: Path, out: Path, real: bool) -> None:
    setup_logging(OutputPaths(out).watch_log)
    settings = RefreshSettings(data_dir=data, out_dir=out, settle_s=0.5, keep=2)
    tools = toolchain(real)

    def job() -> None:
        report = refresh(settings, tools)
        logging.getLogger("officereport.soak").info(
            "passage terminé : %d publié(s), %d refusé(s), %d échec(s)",
            len(report.published), len(report.rejected), len(report.failures))

    stop = threading.Event()
    stop_on_signals(stop)
    watch(RefreshSchedule(job, every=timedelta(seconds=1)), stop, max_wait_s=0.5)


# --- the parent: drop files, kill, check -----------------------------------------------------------

def _write_zip(path: Path, years: tuple[int, ...], release: str) -> None:
    tmp = path.with_name("." + path.name + ".part")
    with zipfile.ZipFile(tmp, "w") as archive:
        archive.writestr("annees.txt", f"{','.join(map(str, years))};{release}")
    os.replace(tmp, path)  # a drop lands whole, as a finished copy does


def _write_bomb(path: Path, megabytes: int) -> None:
    """A zip whose data member inflates to ``megabytes`` of zeros (about 1000:1)."""
    tmp = path.with_name("." + path.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("REGIONAL_CPF4PAYSE.txt", "w", force_zip64=True) as member:
        block = b"\0" * (1 << 20)
        for _ in range(megabytes):
            member.write(block)
    os.replace(tmp, path)


def _with_bad_labels(source: Path, path: Path) -> None:
    """A copy of a valid sample zip whose country labels carry a control character and a formula."""
    tmp = path.with_name("." + path.name + ".part")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            content = original.read(item)
            if item.filename == "Libelle_PAYS.txt":
                content = content.replace(b";Allemagne;", b";Allem\x01agne\x0b;").replace(
                    b";Italie;", b";=HYPERLINK(\"http://x\");")
            copy.writestr(item, content)
    os.replace(tmp, path)


def _write_sample_zip(path: Path, year: int, seed: int) -> None:
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".sample-") as tmp:
        written = write_sample(Path(tmp), year=year, seed=seed, rows_per_flow=REAL_ROWS_PER_FLOW)
        os.replace(written, path)  # a drop lands whole, as a finished copy does


def _group_members(group: int) -> list[tuple[int, int]]:
    """(pid, resident bytes) of the live (not zombie) processes of a process group (Linux /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append((int(stat.parent.name), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")))
    return members


class Soak:
    def __init__(self, root: Path, real: bool):
        self.real = real
        self.data, self.out = root / "data", root / "out"
        self.data.mkdir(parents=True)
        self.rng = random.Random(7)
        self.valid: dict[str, tuple[float, tuple[int, ...]]] = {}  # name -> (landed, years)
        self.counts = {"kills": 0, "drops_new": 0, "drops_identical": 0, "drops_broken": 0,
                       "drops_bad_labels": 0, "drops_dangling_link": 0, "drops_fifo": 0, "drops_bomb": 0,
                       "checks": 0, "interrupted_swaps_seen": 0, "orphan_workers_after_kill": 0}
        self.bad_labels: dict[str, tuple[float, tuple[int, ...]]] = {}  # may build (cleaned) or fail
        self.killed_groups: list[tuple[float, int]] = []  # (kill time, process group of the killed run)
        self.peak_rss = 0
        self.problems: list[str] = []
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, __file__, "--child", str(self.data), str(self.out)] + (["--real"] if self.real else [])
        # Its own process group: render workers orphaned by a kill can be found by it.
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)

    def sample_memory(self) -> None:
        """Resident memory of the watched run and its workers, summed, as its peak so far."""
        group = self.process.pid
        self.peak_rss = max(self.peak_rss, sum(rss for _, rss in _group_members(group)))

    def count_orphans(self) -> None:
        """Workers still alive 10 s after their run was killed."""
        for killed_at, group in list(self.killed_groups):
            if time.time() - killed_at >= 10:
                self.killed_groups.remove((killed_at, group))
                if _group_members(group):
                    self.counts["orphan_workers_after_kill"] += 1
                    self.problems.append(f"processus orphelins du groupe {group} 10 s après l'arrêt forcé")

    def drop(self) -> None:
        what = self.rng.choice(["new", "new", "identical", "broken", "hostile"])
        name = f"depot-{len(list(self.data.iterdir())):03d}.zip"
        if what == "hostile" and self.valid:
            self.drop_hostile(name)
            return
        if what == "hostile":
            what = "new"
        if what == "new" or not self.valid:
            if self.real:  # a sample zip holds one complete year (and the next year's first quarter)
                years = (self.rng.choice(YEARS),)
                _write_sample_zip(self.data / name, years[0], seed=len(self.valid) + 1)
            else:
                years = self.rng.choice([(2023,), (2024,), (2023, 2024)])
                _write_zip(self.data / name, years, name)
            self.valid[name] = (time.time(), years)
            self.counts["drops_new"] += 1
        elif what == "identical":
            source = self.rng.choice(sorted(self.valid))
            shutil.copy(self.data / source, self.data / name)  # same bytes, new name and time
            self.valid[name] = (time.time(), self.valid[source][1])
            self.counts["drops_identical"] += 1
        elif self.real:  # a download cut short: the first half of a valid zip
            whole = (self.data / self.rng.choice(sorted(self.valid))).read_bytes()
            (self.data / name).write_bytes(whole[: len(whole) // 2])
            self.counts["drops_broken"] += 1
        else:
            (self.data / name).write_bytes(b"PK\x03\x04 pas un zip")
            self.counts["drops_broken"] += 1

    def drop_hostile(self, name: str) -> None:
        """What a shared data folder receives by mistake or malice: it must never harm out/."""
        what = self.rng.choice(["bad_labels", "dangling_link", "fifo", "bomb"] if self.real
                               else ["dangling_link", "fifo", "bomb"])
        self.counts[f"drops_{what}"] += 1
        if what == "bad_labels":
            source = self.rng.choice(sorted(self.valid))
            _with_bad_labels(self.data / source, self.data / name)
            self.bad_labels[name] = (time.time(), self.valid[source][1])
        elif what == "dangling_link":
            (self.data / name).symlink_to(self.data / "parti-ailleurs.zip")
        elif what == "fifo":
            os.mkfifo(self.data / name)
        else:
            _write_bomb(self.data / name, 300)

    def check(self) -> None:
        """What a user sees: whole files only; a manifest, when present, matching the folder."""
        self.counts["checks"] += 1
        for year in YEARS:
            folder = self.out / str(year)
            if not folder.exists():
                continue
            for path in folder.rglob("*"):
                if path.is_file() and path.suffix in (".xlsx", ".pptx") and check_office_file(path):
                    self.problems.append(f"fichier partiel visible : {path}")
            if read_manifest(folder) is None:
                self.counts["interrupted_swaps_seen"] += 1
            else:
                self.problems += verify_build(folder)
        for archive in (self.out / "archives").glob("*/*"):
            self.problems += verify_build(archive)

    def expected_sources(self) -> dict[int, set[str]]:
        """For each year, the names that may have won: the newest drops (identical copies tie). A
        drop with hostile labels may win (its labels cleaned) or fail (the previous source stays)."""
        expected: dict[int, set[str]] = {}
        for candidates in (self.valid, {**self.valid, **self.bad_labels}):
            for year in YEARS:
                holders = [(landed, name) for name, (landed, years) in candidates.items() if year in years]
                if holders:
                    newest_bytes = (self.data / max(holders)[1]).read_bytes()
                    expected.setdefault(year, set()).update(
                        n for _, n in holders if (self.data / n).read_bytes() == newest_bytes)
        return expected

    def run(self, seconds: float) -> dict:
        self.start()
        end = time.time() + seconds
        # A real rebuild takes seconds: kill less often, so that some runs also get to finish.
        kill_gap = (4, 20) if self.real else (1, 8)
        next_drop, next_kill = time.time() + 1, time.time() + self.rng.uniform(*kill_gap)
        while time.time() < end:
            time.sleep(0.05)
            self.sample_memory()
            self.count_orphans()
            if time.time() >= next_drop:
                self.drop()
                next_drop = time.time() + self.rng.uniform(1, 6)
            if time.time() >= next_kill:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()
                self.killed_groups.append((time.time(), self.process.pid))
                self.counts["kills"] += 1
                self.check()
                self.start()
                next_kill = time.time() + self.rng.uniform(*kill_gap)
        while self.killed_groups:  # the last kills' workers must be gone too
            time.sleep(0.5)
            self.count_orphans()
        time.sleep(3)  # let the last drops settle and one more pass run
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)
        # A last pass in this process, then everything must be complete and up to date.
        last = RefreshSettings(data_dir=self.data, out_dir=self.out, settle_s=0, keep=2)
        refresh(last, toolchain(self.real))
        self.check()
        for year, names in self.expected_sources().items():
            manifest = read_manifest(self.out / str(year)) or {}
            if manifest.get("source") not in names:
                self.problems.append(f"{year} : construit depuis {manifest.get('source')}, attendu {sorted(names)}")
        return self.summary()

    def summary(self) -> dict:
        logs = OutputPaths(self.out).logs
        log = "".join(p.read_text(encoding="utf-8") for p in sorted(logs.glob("watch.log*")))
        passes = re.findall(r"passage terminé : (\d+) publié\(s\), (\d+) refusé\(s\), (\d+) échec", log)
        return {
            **self.counts,
            "runs_completed": len(passes),
            "rebuilds": sum(int(p[0]) for p in passes),
            "rejections": sum(int(p[1]) for p in passes),
            "failures": sum(int(p[2]) for p in passes),
            "runs_started": log.count("surveillance démarrée"),
            "archives": len(list((self.out / "archives").glob("*/*"))),
            "not_retried": log.count("pas de nouvel essai"),
            "skipped_non_files": log.count("lien vers un fichier absent") + log.count("pas un fichier ordinaire"),
            "peak_memory_mb": round(self.peak_rss / 1e6),
            "problems": self.problems,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--real", action="store_true", help="real loader and renderers on small sample zips")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, real=args.real)
        return 0
    with tempfile.TemporaryDirectory(prefix="officereport-soak-") as root:
        result = Soak(Path(root), args.real).run(args.minutes * 60)
    for key, value in result.items():
        if key != "problems":
            print(f"{key:24} {value}")
    print(f"{'problems':24} {len(result['problems'])}")
    for problem in result["problems"]:
        print("  " + problem)
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
