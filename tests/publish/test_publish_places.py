"""Hostile places: build folders on other filesystems, symlinked archives, journals a run cannot use."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sys
import zipfile
from pathlib import Path

import pytest
from test_publish import EXTRA, clock_at, fake_render, run_child, snapshot_tree

from officereport.publish.checks import read_manifest, verify_build
from officereport.publish.errors import PublishError
from officereport.publish.paths import OutputPaths
from officereport.publish.staging import publish
from officereport.publish.swap import recover


@pytest.fixture
def two_filesystems(tmp_path, monkeypatch):
    """Everything under ``tmp_path/mnt`` is another filesystem: renames and links across fail with EXDEV."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    crossings = []

    def device(path) -> str:
        return "mnt" if Path(os.path.realpath(path)).is_relative_to(mount) else "main"

    def guard(real):
        def across(source, target, *args, **kwargs):
            if device(source) != device(Path(target).parent if not Path(target).exists() else target):
                crossings.append((str(source), str(target)))
                raise OSError(errno.EXDEV, "Invalid cross-device link", str(source), str(target))
            return real(source, target, *args, **kwargs)
        return across

    monkeypatch.setattr(os, "replace", guard(os.replace))
    monkeypatch.setattr(os, "rename", guard(os.rename))
    monkeypatch.setattr(os, "link", guard(os.link))
    return mount, crossings


def deck_text(folder: Path) -> bytes:
    with zipfile.ZipFile(folder / "territoires/ti-84-01.pptx") as z:
        return z.read("ppt/presentation.xml")


def test_a_build_folder_on_another_filesystem_is_published_and_republished(tmp_path, two_filesystems):
    mount, crossings = two_filesystems
    out = tmp_path / "out"
    out.mkdir()
    (mount / "2024").mkdir()
    (out / "2024").symlink_to(mount / "2024")
    for n in (1, 2, 3):
        result = publish(OutputPaths(out), 2024, fake_render(f"v{n}"), manifest_extra=EXTRA,
                         clock=clock_at(f"2026-11-2{n}T06:00:00"))
        assert (verify_build(out / "2024") == [] and result.archive is not None) or n == 1
    assert crossings  # the renames did fail, and were done by copy instead
    assert deck_text(mount / "2024") == b"<root>v3 territoires/ti-84-01.pptx</root>"
    assert sorted(p.name for p in (out / "archives" / "2024").iterdir()) == ["2026-11-21_060000", "2026-11-22_060000"]
    assert not list((mount / "2024").rglob("*.tmp")) and sorted(os.listdir(out / ".officereport")) == []


def test_archives_on_another_filesystem_are_moved_there_but_never_deleted_through_the_link(tmp_path,
                                                                                        two_filesystems):
    mount, _ = two_filesystems
    out = tmp_path / "out"
    out.mkdir()
    (mount / "archives").mkdir()
    (out / "archives").symlink_to(mount / "archives")
    for n in range(1, 5):
        result = publish(OutputPaths(out), 2024, fake_render(f"v{n}"), manifest_extra=EXTRA, keep=2,
                         clock=clock_at(f"2026-11-2{n}T06:00:00"))
    kept = sorted(p.name for p in (mount / "archives" / "2024").iterdir())
    assert kept == ["2026-11-21_060000", "2026-11-22_060000", "2026-11-23_060000"]
    assert all(verify_build(mount / "archives" / "2024" / name) == [] for name in kept)
    assert result.warnings == [f"{out / 'archives'} est un lien symbolique : anciennes versions non supprimées "
                               "(à faire à la main)"]


def test_pruning_never_follows_a_symlinked_year_of_archives(tmp_path):
    """Issue 10: a symlinked ``out/archives/2024`` made pruning delete folders outside ``out/``."""
    elsewhere = tmp_path / "elsewhere"
    for name in ("2020-01-01_000000", "2020-01-02_000000", "photos"):
        (elsewhere / name).mkdir(parents=True)
        (elsewhere / name / "precieux.txt").write_text("à garder")
    out = tmp_path / "out"
    (out / "archives").mkdir(parents=True)
    (out / "archives" / "2024").symlink_to(elsewhere)
    for n in range(1, 4):
        result = publish(OutputPaths(out), 2024, fake_render(f"v{n}"), manifest_extra=EXTRA, keep=1,
                         clock=clock_at(f"2026-11-2{n}T06:00:00"))
    assert all((elsewhere / name / "precieux.txt").read_text() == "à garder"
               for name in ("2020-01-01_000000", "2020-01-02_000000", "photos"))
    assert "lien symbolique : anciennes versions non supprimées" in result.warnings[0]
    assert verify_build(out / "2024") == []


def test_a_hand_edited_journal_is_reported_with_a_repair_and_the_folder_left_alone(tmp_path):
    paths = OutputPaths(tmp_path)
    publish(paths, 2024, fake_render("v1"), manifest_extra=EXTRA)
    victim = tmp_path / "precious"
    victim.mkdir()
    (victim / "keep.txt").write_text("à garder")
    before = snapshot_tree(tmp_path)
    hostile = {"dest": str(tmp_path / "2024"), "staging": str(victim), "snapshot": str(victim), "moves": [],
               "remove": [], "manifest": {"outputs": [], "notes": []}}
    for garbage in ("{pas du json", '{"dest": 3}', json.dumps(hostile),
                    json.dumps({**hostile, "dest": "/etc", "moves": [{"path": "../../etc/passwd"}]})):
        paths.journal(2024).write_text(garbage, encoding="utf-8")
        with pytest.raises(PublishError) as refused:
            recover(paths, 2024)
        assert f"journal de publication {paths.journal(2024)}" in str(refused.value)
        assert f"pour réparer : vérifier {tmp_path / '2024'}" in str(refused.value)
        with pytest.raises(PublishError, match="non reprise"):
            publish(paths, 2024, fake_render("v2"), manifest_extra=EXTRA)
        assert snapshot_tree(tmp_path) == before and (victim / "keep.txt").is_file()
    paths.journal(2024).unlink()  # the repair the message gives
    publish(paths, 2024, fake_render("v2"), manifest_extra=EXTRA)
    assert verify_build(tmp_path / "2024") == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_swap_that_cannot_be_completed_is_undone_to_the_last_good_build(tmp_path):
    dest = tmp_path / "2024"
    publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    v1 = {name: content for name, (content, _) in snapshot_tree(dest).items()}
    child = run_child("swap", dest)
    child.wait()
    assert child.returncode == -signal.SIGKILL and read_manifest(dest) is None
    for staging in (tmp_path / ".officereport").glob("staging-*"):
        shutil.rmtree(staging)  # cleaned by hand: the swap has nothing left to move
    said = recover(OutputPaths(tmp_path), 2024)
    assert said.startswith(f"{dest} : publication interrompue impossible à terminer (")
    assert said.endswith("version précédente remise")
    assert {name: content for name, (content, _) in snapshot_tree(dest).items()} == v1
    assert verify_build(dest) == []
    assert sorted(os.listdir(tmp_path / ".officereport")) == []


def test_manifest_is_readable_like_the_other_outputs(tmp_path):
    old = os.umask(0o022)
    try:
        publish(OutputPaths(tmp_path), 2024, fake_render("v1"), manifest_extra=EXTRA)
    finally:
        os.umask(old)
    manifest = tmp_path / "2024" / "manifest.json"
    deck = tmp_path / "2024" / "territoires/ti-84-01.pptx"
    assert oct(manifest.stat().st_mode & 0o777) == oct(deck.stat().st_mode & 0o777) == "0o644"


def test_a_hand_edited_manifest_is_treated_as_none_and_the_year_published_whole(tmp_path):
    paths = OutputPaths(tmp_path)
    publish(paths, 2024, fake_render("v1"), manifest_extra=EXTRA)
    manifest = tmp_path / "2024" / "manifest.json"
    for edited in ('{"outputs": [{"path": "x.xlsx"}]}', '{"outputs": [{"kind": "k", "scope": "s", '
                   '"path": "../../etc/passwd", "sha256": "0", "bytes": 1}]}', '{"outputs": 3}'):
        manifest.write_text(edited, encoding="utf-8")
        assert read_manifest(tmp_path / "2024") is None
        assert verify_build(tmp_path / "2024") == [f"{tmp_path / '2024'}: manifest.json absent ou illisible"]
        publish(paths, 2024, fake_render("v2"), manifest_extra=EXTRA)
        assert verify_build(tmp_path / "2024") == [] and deck_text(tmp_path / "2024").startswith(b"<root>v2")
