"""Safe publication: a build folder is replaced whole or not at all, whatever fails."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from officereport.publish.checks import check_office_file, read_manifest, verify_build
from officereport.publish.errors import PublishError
from officereport.publish.moves import ReplacePolicy
from officereport.publish.paths import OutputPaths
from officereport.publish.staging import publish
from officereport.publish.swap import recover


@dataclass(frozen=True)
class Output:
    kind: str
    scope: str
    path: str


MAIN_PART = {"xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
KIND_OF = {"xlsx": "departement-workbook", "pptx": "territory-deck"}


def write_office_zip(path: Path, text: str) -> None:
    """A small zip with the main part Excel or PowerPoint needs, carrying ``text`` to tell versions apart."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(MAIN_PART[path.suffix[1:]], f"<root>{text}</root>")


def fake_render(version: str, paths=("departements/43-haute-loire.xlsx", "departements/63-puy-de-dome.xlsx",
                                      "territoires/ti-84-01.pptx"), fail_after: int | None = None):
    """A write function as publish() takes: small valid Office zips, optionally failing midway."""

    def write(staging: Path) -> list[Output]:
        written = []
        for n, rel in enumerate(paths):
            if fail_after is not None and n == fail_after:
                raise RuntimeError(f"panne simulée après {n} fichiers")
            write_office_zip(staging / rel, f"{version} {rel}")
            written.append(Output(KIND_OF[rel.rsplit(".", 1)[1]], rel.split("/")[-1], rel))
        return written

    return write


def snapshot_tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root (work folder excluded) with its bytes and mtime."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".officereport" not in p.relative_to(root).parts
    }


def work_leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in (out / ".officereport").iterdir())


EXTRA = {"tool_version": "test", "year": 2024, "is_sample": True, "inputs": []}
FAST = ReplacePolicy(sleep=lambda s: None)


def clock_at(text: str):
    return lambda: datetime.fromisoformat(text)


def test_first_publication_writes_outputs_and_manifest_last(tmp_path):
    dest = tmp_path / "2024"
    result = publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA, clock=clock_at("2026-11-26T06:00:00"))
    manifest = read_manifest(dest)
    assert manifest == result.manifest
    assert [e["path"] for e in manifest["outputs"]] == [
        "departements/43-haute-loire.xlsx", "departements/63-puy-de-dome.xlsx", "territoires/ti-84-01.pptx"]
    assert manifest["built_at"] == "2026-11-26T06:00:00"
    assert manifest["year"] == 2024 and manifest["notes"] == []
    assert verify_build(dest) == []
    assert result.archive is None
    assert work_leftovers(tmp_path) == []


def test_republication_archives_previous_build_with_retention(tmp_path):
    dest = tmp_path / "2024"
    for n in range(1, 5):
        publish(OutputPaths(tmp_path), 2024, fake_render(f"v{n}"), manifest_extra=EXTRA, keep=2,
                clock=clock_at(f"2026-11-2{n}T06:00:00"))
    archives = sorted(p.name for p in (tmp_path / "archives" / "2024").iterdir())
    # v4 is published; v2 and v3 (built on the 22nd and 23rd) are the two kept.
    assert archives == ["2026-11-22_060000", "2026-11-23_060000"]
    for name in archives:
        assert verify_build(tmp_path / "archives" / "2024" / name) == []
    with zipfile.ZipFile(tmp_path / "archives/2024/2026-11-23_060000/territoires/ti-84-01.pptx") as z:
        assert z.read("ppt/presentation.xml") == b"<root>v3 territoires/ti-84-01.pptx</root>"
    with zipfile.ZipFile(dest / "territoires/ti-84-01.pptx") as z:
        assert z.read("ppt/presentation.xml") == b"<root>v4 territoires/ti-84-01.pptx</root>"


def test_outputs_no_longer_produced_are_removed(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    publish(OutputPaths(tmp_path), 2024, fake_render("v2", paths=("departements/43-haute-loire.xlsx",)), manifest_extra=EXTRA)
    assert sorted(snapshot_tree(dest)) == ["departements/43-haute-loire.xlsx", "manifest.json"]


def test_exception_while_writing_leaves_destination_byte_identical(tmp_path):
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    before = snapshot_tree(tmp_path)
    with pytest.raises(PublishError, match="panne simulée après 2 fichiers"):
        publish(OutputPaths(tmp_path), 2024, fake_render("v2", fail_after=2), manifest_extra=EXTRA)
    assert snapshot_tree(tmp_path) == before
    assert work_leftovers(tmp_path) == []


def test_unreadable_output_is_refused_by_name(tmp_path):
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    before = snapshot_tree(tmp_path)

    def truncated(staging: Path):
        written = fake_render("v2")(staging)
        target = staging / "departements/63-puy-de-dome.xlsx"
        target.write_bytes(target.read_bytes()[:40])
        return written

    with pytest.raises(PublishError) as caught:
        publish(OutputPaths(tmp_path), 2024, truncated, manifest_extra=EXTRA)
    assert "departements/63-puy-de-dome.xlsx: archive zip illisible" in str(caught.value)
    assert snapshot_tree(tmp_path) == before


def test_check_office_file_requires_the_main_part(tmp_path):
    path = tmp_path / "x.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<w/>")
    assert check_office_file(path) == "partie ppt/presentation.xml absente"


def test_exception_during_swap_puts_everything_back(tmp_path):
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    before = snapshot_tree(tmp_path)
    moves = []

    def failing_replace(source: Path, target: Path) -> None:
        if len(moves) == 2:
            raise OSError(28, "No space left on device")
        moves.append(target)
        os.replace(source, target)

    with pytest.raises(PublishError, match="version précédente remise"):
        publish(OutputPaths(tmp_path), 2024, fake_render("v2"), manifest_extra=EXTRA, policy=ReplacePolicy(replace=failing_replace))
    assert len(moves) == 2
    assert snapshot_tree(tmp_path) == before
    assert work_leftovers(tmp_path) == []


def test_file_held_open_is_retried_then_published_under_a_suffixed_name(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    held = dest / "departements/43-haute-loire.xlsx"
    held_bytes = held.read_bytes()
    waits = []

    def excel_has_it_open(source: Path, target: Path) -> None:
        if target == held:
            raise PermissionError(13, "Permission denied", str(target))
        os.replace(source, target)

    policy = ReplacePolicy(replace=excel_has_it_open, retries=3, retry_delay_s=2.0, sleep=waits.append)
    result = publish(OutputPaths(tmp_path), 2024, fake_render("v2"), manifest_extra=EXTRA, policy=policy,
                     clock=clock_at("2026-11-26T06:00:00"))
    suffixed = "departements/43-haute-loire (nouvelle version 2026-11-26 0600).xlsx"
    assert waits == [2.0, 2.0, 2.0]
    assert result.renamed == [("departements/43-haute-loire.xlsx", suffixed)]
    assert held.read_bytes() == held_bytes  # the open file is left alone
    entry = next(e for e in result.manifest["outputs"] if e["kind"] == "departement-workbook"
                 and e.get("intended_path"))
    assert entry["path"] == suffixed
    assert "ouvert par un autre programme" in result.manifest["notes"][0]
    assert verify_build(dest) == []

    # Once the file is closed, the next publication takes its proper name back.
    publish(OutputPaths(tmp_path), 2024, fake_render("v3"), manifest_extra=EXTRA, policy=FAST)
    assert not (dest / suffixed).exists()
    assert all("intended_path" not in e for e in read_manifest(dest)["outputs"])
    assert verify_build(dest) == []


def test_carry_over_keeps_outputs_of_kinds_not_rebuilt(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    workbook = dest / "departements/43-haute-loire.xlsx"
    stat_before = workbook.stat()
    result = publish(OutputPaths(tmp_path), 2024, fake_render("v2", paths=("territoires/ti-84-01.pptx",)), manifest_extra=EXTRA,
                     carry_over=frozenset({"departement-workbook"}))
    assert len(result.manifest["outputs"]) == 3
    assert workbook.stat().st_mtime_ns == stat_before.st_mtime_ns and workbook.stat().st_ino == stat_before.st_ino
    with zipfile.ZipFile(dest / "territoires/ti-84-01.pptx") as z:
        assert b"v2" in z.read("ppt/presentation.xml")
    assert verify_build(dest) == []
    # The archived v1 is complete too, carried files included.
    (archive,) = (tmp_path / "archives" / "2024").iterdir()
    assert verify_build(archive) == []


# A child process that publishes v2 and is killed at a chosen point: while writing, or mid-swap.
CHILD = """
import os, signal, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_publish import fake_render, EXTRA
from officereport.publish.moves import ReplacePolicy
from officereport.publish.paths import OutputPaths
from officereport.publish.staging import publish
where = sys.argv[1]
render = fake_render("v2")
def write(staging):
    written = render(staging)
    if where == "write":
        print("writing", flush=True)
        time.sleep(60)
    return written
moves = []
def replace(source, target):
    if where == "swap" and len(moves) == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    moves.append(target)
    os.replace(source, target)
publish(OutputPaths(Path(sys.argv[2]).parent), 2024, write, manifest_extra=EXTRA, policy=ReplacePolicy(replace=replace))
"""


def run_child(where: str, dest: Path) -> subprocess.Popen:
    code = CHILD.format(tests=str(Path(__file__).parent))
    return subprocess.Popen([sys.executable, "-c", code, where, str(dest)], stdout=subprocess.PIPE, text=True)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_process_killed_while_writing_leaves_destination_unchanged(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    before = snapshot_tree(tmp_path)
    child = run_child("write", dest)
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert snapshot_tree(tmp_path) == before
    assert [n.split("-")[0] for n in work_leftovers(tmp_path)] == ["staging"]  # hidden, in the work folder
    publish(OutputPaths(tmp_path), 2024, fake_render("v3"), manifest_extra=EXTRA)  # cleans the dead run's leftovers
    assert work_leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_process_killed_mid_swap_is_completed_by_the_next_run(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    child = run_child("swap", dest)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    # Interrupted: no manifest claims the half-swapped folder.
    assert read_manifest(dest) is None
    assert recover(OutputPaths(tmp_path), 2024) == f"{dest} : publication interrompue terminée"
    assert verify_build(dest) == []
    for entry in read_manifest(dest)["outputs"]:
        with zipfile.ZipFile(dest / entry["path"]) as z:
            assert z.read(z.namelist()[1]).startswith(b"<root>v2 ")
    (archive,) = (tmp_path / "archives" / "2024").iterdir()
    assert verify_build(archive) == []
    assert work_leftovers(tmp_path) == []


def test_manifest_json_is_valid_json_with_hashes(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["outputs"][0]
    assert entry["bytes"] == (dest / entry["path"]).stat().st_size
    assert len(entry["sha256"]) == 64


def test_kill_after_archiving_but_before_dropping_the_journal(tmp_path, monkeypatch):
    import officereport.publish.staging as publish_module

    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    journals = []

    def keep_journal(path, content):
        if path.name.startswith("publication-"):
            journals.append((path, json.loads(json.dumps(content))))
        publish_module.write_json_atomic.__wrapped__(path, content)

    keep_journal.__wrapped__ = publish_module.write_json_atomic
    monkeypatch.setattr(publish_module, "write_json_atomic", keep_journal)
    publish(OutputPaths(tmp_path), 2024, fake_render("v2"), manifest_extra=EXTRA)
    monkeypatch.undo()
    # As if killed just before the journal was dropped: staging and snapshot are already gone.
    path, journal = journals[0]
    path.write_text(json.dumps(journal), encoding="utf-8")
    assert recover(OutputPaths(tmp_path), 2024) == f"{dest} : publication interrompue terminée"
    assert verify_build(dest) == []
    assert len(list((tmp_path / "archives" / "2024").iterdir())) == 1
    assert work_leftovers(tmp_path) == []
