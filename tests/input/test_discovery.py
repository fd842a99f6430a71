"""Hostile inputs bounded: zip bombs, zips of thousands of members, links and files that are not files."""

from __future__ import annotations

import os
import signal
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from loader_fixtures import EXPORTS, IMPORTS, write_lines, write_publication
from officereport.input import loader
from officereport.input.sources import list_sources
from officereport.model import InputError, Problem

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


@pytest.fixture
def no_hang():
    """A read that never ends fails the test instead of wedging the suite."""
    if sys.platform == "win32":
        yield
        return

    def hung(signum, frame):
        raise TimeoutError("the loader is still reading after 30 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        loader.load(path)
    return caught.value.problems


def _zip_with_member(path: Path, name: str, line: bytes, size: int, *, others: dict[str, str]) -> Path:
    """A zip whose member ``name`` is ``line`` repeated up to ``size`` bytes, written by chunks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for other, text in others.items():
            zf.writestr(other, text)
        chunk = line * ((1 << 20) // len(line))
        with zf.open(name, "w", force_zip64=True) as member:
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return path


FLOWS = {"REGIONAL_CPF4PAYSE.txt": "\r\n".join(EXPORTS) + "\r\n", "REGIONAL_CPF4PAYSI.txt": "\r\n".join(IMPORTS) + "\r\n"}


def test_a_member_of_zeros_is_never_read_whole(tmp_path: Path) -> None:
    bomb = _zip_with_member(tmp_path / "douane.zip", "zeros.txt", b"\0", 64 << 20, others=FLOWS)
    assert bomb.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        data = loader.load(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(data.trade) == 7
    assert f"{bomb}!zeros.txt : ignoré : ni données (10 champs) ni libellés" in data.warnings
    assert peak < 16 << 20  # the 64 Mio member was sniffed, not loaded


def test_unpacked_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("officereport.input.discovery.MAX_TOTAL_BYTES", 4 << 20)
    line = b"E;1;2024;43;18;C29A;2932;DE;1;1\r\n"  # a data line repeated: looks like data to the end
    bomb = _zip_with_member(tmp_path / "douane.zip", "REGIONAL_CPF4PAYSE.txt", line, 32 << 20, others={})
    tracemalloc.start()
    try:
        assert problems_of(bomb) == [
            Problem(str(bomb), None, "too-large", "plus de 4194304 octets une fois décompressé : "
                                                  "archive piégée ou bien plus de données qu'attendu")
        ]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 << 20


def test_a_zip_is_opened_once_however_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "douane.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, text in FLOWS.items():
            zf.writestr(name, text)
        for i in range(2000):
            zf.writestr(f"notes/note-{i:04d}.txt", f"note {i}\r\n")
    opens: list[str] = []

    class CountingZipFile(zipfile.ZipFile):
        def __init__(self, file, *args, **kwargs):
            opens.append(str(file))
            super().__init__(file, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", CountingZipFile)
    data = loader.load(archive)
    assert opens == [str(archive)]
    assert len(data.trade) == 7
    assert sum("ignoré" in w for w in data.warnings) == 2000


def test_member_count_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("officereport.input.discovery.MAX_MEMBERS", 10)
    archive = tmp_path / "douane.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(11):
            zf.writestr(f"f{i}.txt", "x")
    assert problems_of(archive) == [
        Problem(str(archive), None, "too-many-files", "11 fichiers, plus que les 10 admis : archive piégée ou mauvais dossier")
    ]


@posix_only
@pytest.mark.usefixtures("no_hang")
def test_dangling_links_pipes_and_devices_in_a_folder_are_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    (folder / "broken.zip").symlink_to(tmp_path / "gone.zip")
    os.mkfifo(folder / "pipe.zip")
    (folder / "zero.zip").symlink_to("/dev/zero")
    data = loader.load(folder, cache_dir=tmp_path / "cache")
    assert len(data.trade) == 7
    assert data.warnings == [
        f"{folder / 'broken.zip'} : ignoré : lien symbolique cassé",
        f"{folder / 'pipe.zip'} : ignoré : ni fichier ordinaire ni dossier (tube, périphérique…)",
        f"{folder / 'zero.zip'} : ignoré : ni fichier ordinaire ni dossier (tube, périphérique…)",
    ]


@posix_only
@pytest.mark.usefixtures("no_hang")
def test_a_pipe_or_a_dangling_link_given_as_the_input_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "douane.zip"
    os.mkfifo(pipe)
    broken = tmp_path / "broken.zip"
    broken.symlink_to(tmp_path / "gone.zip")
    for kwargs in ({}, {"cache_dir": tmp_path / "cache"}):
        with pytest.raises(InputError) as caught:
            loader.load(pipe, **kwargs)
        assert caught.value.problems == [
            Problem(str(pipe), None, "not-regular", "ni fichier ordinaire ni dossier (tube, périphérique…)")
        ]
    assert problems_of(broken) == [Problem(str(broken), None, "not-found", "lien symbolique cassé")]


@posix_only
@pytest.mark.usefixtures("no_hang")
def test_landing_folder_lists_no_dangling_link_nor_pipe(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_lines(tmp_path / "ok.zip", ["not really a zip"])
    (tmp_path / "broken.zip").symlink_to(tmp_path / "gone.zip")
    os.mkfifo(tmp_path / "pipe.zip")
    assert [p.name for p in list_sources(tmp_path)] == ["ok.zip"]
    assert sorted(r.getMessage() for r in caplog.records) == [
        f"{tmp_path / 'broken.zip'} : ignoré : lien symbolique cassé",
        f"{tmp_path / 'pipe.zip'} : ignoré : ni fichier ordinaire ni dossier (tube, périphérique…)",
    ]
