"""A file is hashed once while it is unchanged, and again as soon as it may have changed."""

from __future__ import annotations

import builtins
import hashlib
import os
import time

import pytest

from officereport import digest


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files ``digest`` opens, in order; it starts with nothing remembered."""
    monkeypatch.setattr(digest, "_known", {})
    opened: list[str] = []

    def counting_open(path, *args, **kwargs):
        opened.append(os.fspath(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(digest, "open", counting_open, raising=False)
    return opened


def settle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file seems written a minute ago: past the racy window."""
    now = time.time_ns()
    monkeypatch.setattr(digest.time, "time_ns", lambda: now + 60_000_000_000)


def test_a_settled_unchanged_file_is_read_once(tmp_path, monkeypatch, reads):
    path = tmp_path / "annuel-2023.zip"
    path.write_bytes(b"PK" + b"x" * 3000)
    settle(monkeypatch)
    first, second = digest.sha256_file(path), digest.sha256_file(path)
    assert first == second == hashlib.sha256(path.read_bytes()).hexdigest()
    assert reads == [str(path)]


def test_a_file_rewritten_with_its_size_and_mtime_is_read_again(tmp_path, monkeypatch, reads):
    path = tmp_path / "annuel-2023.zip"
    path.write_bytes(b"A" * 4096)
    settle(monkeypatch)
    before = digest.sha256_file(path)
    stat = path.stat()
    time.sleep(0.02)  # past a clock tick: the change time moves
    path.write_bytes(b"B" * 4096)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a copy tool keeping the old time
    assert digest.sha256_file(path) == hashlib.sha256(b"B" * 4096).hexdigest() != before
    assert reads == [str(path), str(path)]


def test_a_file_changed_just_before_it_was_read_is_not_remembered(tmp_path, reads):
    path = tmp_path / "annuel-2023.zip"
    path.write_bytes(b"C" * 100)
    digest.sha256_file(path)
    digest.sha256_file(path)
    assert reads == [str(path), str(path)]
