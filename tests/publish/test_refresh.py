"""One refresh: what changes are noticed, what is rebuilt, and what is never touched."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pytest
from test_publish import Output, snapshot_tree, write_office_zip

from officereport.model import InputError, Problem, SourceFile
from officereport.publish.checks import read_manifest, verify_build
from officereport.publish.lock import LockBusy
from officereport.publish.refresh import RefreshSettings, Toolchain, refresh

WORKBOOKS = frozenset({"departement-workbook", "national-workbook"})
DECKS = frozenset({"territory-deck", "departement-deck"})


def drop_source(data_dir: Path, name: str, years: str, *, mtime: int, bad_line: int | None = None,
                release: str = "v1") -> Path:
    """A fake DGDDI zip: a data member whose first line lists the complete years it holds."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / name
    lines = [years] + [f"ligne {n} {release}" for n in range(2, 6)]
    if bad_line:
        lines[bad_line - 1] = "E;1;2024;43"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("REGIONAL_CPF4PAYSE.txt", "\r\n".join(lines))
    os.utime(path, ns=(mtime, mtime))
    return path


@dataclass
class FakeData:
    years: list[int]
    text: str
    sources: list[SourceFile]
    is_sample: bool = True

    def complete_years(self) -> list[int]:
        return self.years


@dataclass
class FakeToolchain:
    """Loader and renderer that keep count; the template is a plain file whose text goes into decks."""

    template: Path
    loads: list[str] = field(default_factory=list)
    assembled: list[dict[int, str]] = field(default_factory=list)  # year -> release, for each build
    renders: list[tuple[int, frozenset[str]]] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # assemblies and renders, in the order they happen
    unassemblable: set[int] = field(default_factory=set)  # years whose input fails to assemble

    def load(self, path: Path) -> FakeData:
        self.loads.append(path.name)
        return self.read(path)

    def read(self, path: Path) -> FakeData:
        with zipfile.ZipFile(path) as archive:
            text = archive.read("REGIONAL_CPF4PAYSE.txt").decode()
        lines = text.split("\r\n")
        for number, line in enumerate(lines, start=1):
            if line.count(";") == 3:
                raise InputError([Problem(f"{path.name}!REGIONAL_CPF4PAYSE.txt", number, "field-count",
                                          "4 champs au lieu de 10")])
        source = SourceFile(f"{path.name}!REGIONAL_CPF4PAYSE.txt", "0" * 64, len(lines), "data")
        return FakeData([int(y) for y in lines[0].split(",") if y], text, [source])

    def assemble(self, data_dir: Path, choice: dict[int, str]) -> FakeData:
        """Each year's release read again, as the real one reads them back from the cache."""
        self.assembled.append(choice)
        self.events.append(f"assemble {max(choice)}")
        if max(choice) in self.unassemblable:
            raise InputError([Problem("recent-2024.zip", None, "unreadable", "illisible à la relecture")])
        parts = {name: self.read(data_dir / name) for name in dict.fromkeys(choice.values())}
        return FakeData(sorted(choice), " | ".join(part.text for part in parts.values()),
                        [source for part in parts.values() for source in part.sources])

    def render(self, data: FakeData, year: int, staging: Path, kinds: frozenset[str], built_at: datetime,
               meanwhile=None) -> list[Output]:
        self.renders.append((year, kinds))
        self.events.append(f"render {year}")
        if meanwhile is not None:  # as the real one does once its workers have their tasks
            meanwhile()
        plan = [("departement-workbook", "43", "departements/43-haute-loire.xlsx"),
                ("national-workbook", "FR", f"national-{year}.xlsx"),
                ("territory-deck", "ti-84-01", "territoires/ti-84-01.pptx")]
        written = []
        for kind, scope, rel in plan:
            if kind in kinds:
                extra = self.template.read_text() if kind in DECKS else ""
                write_office_zip(staging / rel, f"{year} {data.text} {extra}")
                written.append(Output(kind, scope, rel))
        self.events.append(f"rendered {year}")
        return written

    def chain(self) -> Toolchain:
        return Toolchain(self.load, self.assemble, self.render, WORKBOOKS | DECKS, DECKS, self.template)


T0 = 1_760_000_000 * 10**9  # a fixed landing time, in ns
NOW = datetime.fromtimestamp(T0 / 1e9 + 3600)


@pytest.fixture
def setup(tmp_path):
    return refresh_setup(tmp_path)


def refresh_setup(tmp_path: Path) -> tuple[RefreshSettings, FakeToolchain]:
    """Two sources landed an hour ago, a template, a fake toolchain."""
    template = tmp_path / "modele.pptx"
    template.write_text("modèle bleu")
    tools = FakeToolchain(template)
    settings = RefreshSettings(data_dir=tmp_path / "data", out_dir=tmp_path / "out", template=template,
                               settle_s=10)
    drop_source(settings.data_dir, "annuel-2023.zip", "2023", mtime=T0)
    drop_source(settings.data_dir, "recent-2024.zip", "2024", mtime=T0 + 10**9)
    return settings, tools


def run(settings, tools):
    return refresh(settings, tools.chain(), clock=lambda: NOW)


def deck_text(out: Path, year: int) -> bytes:
    with zipfile.ZipFile(out / str(year) / "territoires/ti-84-01.pptx") as archive:
        return archive.read("ppt/presentation.xml")


def test_first_run_builds_every_complete_year(setup):
    settings, tools = setup
    report = run(settings, tools)
    assert report.ok and [year for year, _, _ in report.published] == [2023, 2024]
    assert sorted(tools.loads) == ["annuel-2023.zip", "recent-2024.zip"]
    for year in (2023, 2024):
        assert verify_build(settings.out_dir / str(year)) == []
        manifest = read_manifest(settings.out_dir / str(year))
        assert manifest["year"] == year and len(manifest["outputs"]) == 3
    assert read_manifest(settings.out_dir / "2024")["source"] == "recent-2024.zip"


def test_the_next_year_is_assembled_while_the_year_before_is_written(setup):
    settings, tools = setup
    assert run(settings, tools).ok
    assert tools.events == ["assemble 2023", "render 2023", "assemble 2024", "rendered 2023",
                            "render 2024", "rendered 2024"]


def test_the_sources_are_all_loaded_inside_the_toolchains_loading_and_built_after_it(setup):
    settings, tools = setup
    seen = []

    @contextmanager
    def loading():  # the real one writes cache entries behind the parse, all written when it ends
        seen.append(("enter", list(tools.loads), list(tools.events)))
        yield
        seen.append(("exit", sorted(tools.loads), list(tools.events)))

    assert refresh(settings, replace(tools.chain(), loading=loading), clock=lambda: NOW).ok
    assert seen == [("enter", [], []), ("exit", ["annuel-2023.zip", "recent-2024.zip"], [])]
    assert tools.events[0] == "assemble 2023"


def test_a_year_failing_to_assemble_ahead_fails_itself_not_the_year_being_written(setup):
    settings, tools = setup
    tools.unassemblable = {2024}
    report = run(settings, tools)
    assert [year for year, _, _ in report.published] == [2023]
    assert len(report.failures) == 1 and report.failures[0].startswith("2024 : échec")
    assert "illisible à la relecture" in report.failures[0]
    assert not (settings.out_dir / "2024").exists()


def test_nothing_changed_reads_nothing_and_rewrites_nothing(setup):
    settings, tools = setup
    run(settings, tools)
    before = snapshot_tree(settings.out_dir)
    state = settings.out_dir / ".officereport/state.json"
    state_mtime = state.stat().st_mtime_ns
    tools.loads.clear()
    report = run(settings, tools)
    assert report.ok and report.published == []
    assert tools.loads == [] and len(tools.renders) == 2
    assert snapshot_tree(settings.out_dir) == before
    assert state.stat().st_mtime_ns == state_mtime


def test_a_touched_file_with_the_same_content_is_not_rebuilt(setup):
    settings, tools = setup
    run(settings, tools)
    os.utime(settings.data_dir / "recent-2024.zip", ns=(T0 + 5 * 10**9,) * 2)
    report = run(settings, tools)
    assert report.published == [] and len(tools.loads) == 2


def test_the_same_content_under_another_name_is_not_rebuilt(setup):
    settings, tools = setup
    run(settings, tools)
    copy = settings.data_dir / "copie-2024.zip"
    copy.write_bytes((settings.data_dir / "recent-2024.zip").read_bytes())
    os.utime(copy, ns=(T0 + 60 * 10**9,) * 2)
    report = run(settings, tools)
    assert report.published == [] and tools.loads[-1] == "copie-2024.zip"


def test_new_file_rebuilds_its_year_only_with_a_new_manifest(setup):
    settings, tools = setup
    run(settings, tools)
    untouched_2023 = snapshot_tree(settings.out_dir / "2023")
    old_manifest = read_manifest(settings.out_dir / "2024")
    drop_source(settings.data_dir, "revision-2024.zip", "2024", mtime=T0 + 60 * 10**9, release="v2")
    report = run(settings, tools)
    assert [(year, kinds) for year, kinds, _ in report.published] == [(2024, WORKBOOKS | DECKS)]
    manifest = read_manifest(settings.out_dir / "2024")
    assert manifest["source"] == "revision-2024.zip" and manifest != old_manifest
    assert snapshot_tree(settings.out_dir / "2023") == untouched_2023
    assert verify_build(settings.out_dir / "2024") == []
    (archive,) = (settings.out_dir / "archives" / "2024").iterdir()
    assert read_manifest(archive)["source"] == "recent-2024.zip"


def test_a_file_the_system_refuses_is_rejected_with_its_reason_in_french(setup, monkeypatch):
    settings, tools = setup
    path = settings.data_dir / "annuel-2023.zip"

    def refused(source: Path) -> FakeData:
        if source.name == path.name:
            raise PermissionError(13, "Permission denied", str(path))
        return tools.read(source)

    monkeypatch.setattr(tools, "load", refused)
    report = run(settings, tools)
    assert report.rejected == [("annuel-2023.zip", [f"{path} : permission refusée"])]


def test_invalid_file_is_reported_outputs_stay_and_it_is_not_retried_until_changed(setup):
    settings, tools = setup
    run(settings, tools)
    before = snapshot_tree(settings.out_dir)
    drop_source(settings.data_dir, "casse-2024.zip", "2024", mtime=T0 + 60 * 10**9, bad_line=3)
    report = run(settings, tools)
    assert report.exit_code == 1
    assert report.rejected == [
        ("casse-2024.zip", ["casse-2024.zip!REGIONAL_CPF4PAYSE.txt:3: [field-count] 4 champs au lieu de 10"])]
    assert snapshot_tree(settings.out_dir) == before

    tools.loads.clear()
    again = run(settings, tools)
    assert again.still_rejected == ["casse-2024.zip"] and again.rejected == [] and again.ok
    assert tools.loads == []

    drop_source(settings.data_dir, "casse-2024.zip", "2024", mtime=T0 + 120 * 10**9, release="v2")  # fixed
    fixed = run(settings, tools)
    assert [year for year, _, _ in fixed.published] == [2024]
    assert read_manifest(settings.out_dir / "2024")["source"] == "casse-2024.zip"


def test_template_change_rebuilds_only_the_decks(setup):
    settings, tools = setup
    run(settings, tools)
    workbook = settings.out_dir / "2024/departements/43-haute-loire.xlsx"
    workbook_mtime = workbook.stat().st_mtime_ns
    settings.template.write_text("modèle vert")
    report = run(settings, tools)
    assert [(year, kinds) for year, kinds, _ in report.published] == [(2023, DECKS), (2024, DECKS)]
    assert workbook.stat().st_mtime_ns == workbook_mtime
    assert b"vert" in deck_text(settings.out_dir, 2024)
    assert len(read_manifest(settings.out_dir / "2024")["outputs"]) == 3
    assert verify_build(settings.out_dir / "2024") == []


def test_a_file_still_being_copied_waits_for_the_next_run(setup):
    settings, tools = setup
    drop_source(settings.data_dir, "en-cours.zip", "2024", mtime=int(NOW.timestamp() * 1e9) - 2 * 10**9)
    report = run(settings, tools)
    assert "en-cours.zip" not in tools.loads
    assert read_manifest(settings.out_dir / "2024")["source"] == "recent-2024.zip"
    assert report.ok


def test_failed_build_keeps_outputs_and_is_retried(setup):
    settings, tools = setup
    run(settings, tools)
    before = snapshot_tree(settings.out_dir)
    drop_source(settings.data_dir, "revision-2024.zip", "2024", mtime=T0 + 60 * 10**9, release="v2")
    render = tools.render

    def broken(data, year, staging, kinds, built_at, meanwhile):
        render(data, year, staging, kinds, built_at, meanwhile)
        raise MemoryError("plus de mémoire")

    tools.render = broken
    report = run(settings, tools)
    assert report.exit_code == 1 and "2024 : échec" in report.failures[0] and "plus de mémoire" in report.failures[0]
    assert snapshot_tree(settings.out_dir) == before
    tools.render = render
    assert [year for year, _, _ in run(settings, tools).published] == [2024]


HOLDER = """
import sys
from pathlib import Path
from officereport.publish.lock import run_lock
with run_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_overlapping_runs_one_gives_up_with_a_clear_message_or_waits(setup):
    settings, tools = setup
    lock = settings.out_dir / ".officereport/refresh.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockBusy) as busy:
            run(settings, tools)
        assert "déjà en cours" in str(busy.value) and f"pid {holder.pid}" in str(busy.value)
        assert tools.loads == [] and not (settings.out_dir / "2024").exists()

        # With wait, the second run starts once the first one is over.
        waiting = RefreshSettings(**{**settings.__dict__, "wait": True})
        release = threading.Timer(0.2, lambda: holder.communicate("fini\n"))
        release.start()
        report = refresh(waiting, tools.chain(), clock=lambda: NOW)
        release.join()
        assert holder.returncode == 0 and report.ok and len(report.published) == 2
    finally:
        holder.kill()


def test_stale_lock_file_from_a_dead_process_is_taken_over(setup):
    settings, tools = setup
    lock = settings.out_dir / ".officereport/refresh.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text("pid 999999, depuis 2026-01-01 06:00:00\n")
    assert run(settings, tools).ok
