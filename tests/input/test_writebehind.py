"""Cache entries written behind the parse: the next input is parsed while the last one is written."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from loader_fixtures import line, write_lines, write_publication
from officereport.input import cache, loader, writebehind


def publications(tmp_path: Path, count: int) -> list[Path]:
    folders = []
    for i in range(count):
        folder = write_publication(tmp_path / f"douane{i}")
        write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [line(value=str(100 + i)), line(value="7", partner="US")])
        folders.append(folder)
    return folders


class SlowWrites:
    """``cache.write`` on its real way, noting its thread, and holding the first entry back until
    the second input's parse has begun (or 5 s have passed: written before the parse, it waits in vain)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.second_parse = threading.Event()
        self.threads: list[str] = []
        self.overlapped: list[bool] = []
        write, parse = cache.write, loader._parse
        parses = []

        def slow_write(*args, **kwargs):
            self.threads.append(threading.current_thread().name)
            if len(self.threads) == 1:
                self.overlapped.append(self.second_parse.wait(5))
            return write(*args, **kwargs)

        def noted_parse(*args, **kwargs):
            parses.append(args[0])
            if len(parses) == 2:
                self.second_parse.set()
            return parse(*args, **kwargs)

        monkeypatch.setattr(cache, "write", slow_write)
        monkeypatch.setattr(loader, "_parse", noted_parse)


def test_an_entry_is_written_while_the_next_input_is_parsed(tmp_path: Path, monkeypatch) -> None:
    first, second = publications(tmp_path, 2)
    cache_dir = tmp_path / "cache"
    writes = SlowWrites(monkeypatch)
    with writebehind.writing_behind():
        loaded = [loader.load(path, cache_dir=cache_dir) for path in (first, second)]
    assert writes.overlapped == [True]
    assert all(name.startswith("cache-writer") for name in writes.threads) and len(writes.threads) == 2
    # Every entry is written when the block ends: both read back, with their own rows.
    for path, data in zip((first, second), loaded):
        back = cache.read(cache_dir, cache.input_key(loader.input_files(path)))
        assert back is not None and back.trade["value_eur"].tolist() == data.trade["value_eur"].tolist()
    assert [data.trade["value_eur"].tolist()[0] for data in loaded] == [100, 101]


def test_outside_a_block_the_entry_is_written_before_the_load_returns(tmp_path: Path, monkeypatch) -> None:
    first, second = publications(tmp_path, 2)
    writes = SlowWrites(monkeypatch)
    for path in (first, second):
        loader.load(path, cache_dir=tmp_path / "cache")
    assert writes.overlapped == [False]
    assert writes.threads == ["MainThread", "MainThread"]


def test_a_failed_write_behind_is_a_logged_warning_and_the_next_load_goes_on(tmp_path: Path, monkeypatch,
                                                                             caplog) -> None:
    first, second = publications(tmp_path, 2)

    def broken(*args, **kwargs):
        raise ValueError("écriture impossible")

    monkeypatch.setattr(cache, "write", broken)
    with caplog.at_level(logging.WARNING, logger="officereport.input"), writebehind.writing_behind():
        loaded = [loader.load(path, cache_dir=tmp_path / "cache") for path in (first, second)]
    assert [data.trade["value_eur"].tolist()[0] for data in loaded] == [100, 101]
    assert [r.getMessage() for r in caplog.records].count("cache non enregistré : ValueError: écriture impossible") == 2


def test_a_load_summed_behind_returns_the_summary_and_caches_both_tables(tmp_path: Path) -> None:
    (folder,) = publications(tmp_path, 1)
    cache_dir = tmp_path / "cache"
    with writebehind.writing_behind():
        summed = loader.load(folder, cache_dir=cache_dir, summary=True)
    key = cache.input_key(loader.input_files(folder))
    assert cache.read(cache_dir, key, summary=True).trade.equals(summed.trade)
    rows = cache.read(cache_dir, key).trade
    assert rows["value_eur"].sum() == summed.trade["value_eur"].sum() and len(rows) > len(summed.trade)
