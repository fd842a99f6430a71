"""The parse-once cache: a second load of the same content reads Parquet, never the text."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from loader_fixtures import line, write_lines, write_publication
from officereport.input import cache, loader
from officereport.model import InputError, TradeData


class CountingLoad:
    """``loader.load``, noting each input it really parsed: only a parse reads the customs files."""

    def __init__(self) -> None:
        self.parsed: list[Path] = []

    def __call__(self, path: Path, **kwargs) -> TradeData:
        def progress(done: int, total: int, what: str) -> None:
            if what == "Lecture des fichiers douaniers" and done == 0:
                self.parsed.append(path)

        return loader.load(path, progress=progress, **kwargs)


@pytest.fixture
def load() -> CountingLoad:
    return CountingLoad()


def assert_same(a: TradeData, b: TradeData) -> None:
    pd.testing.assert_frame_equal(a.trade, b.trade)
    assert (a.labels, a.sources, a.warnings, a.is_sample) == (b.labels, b.sources, b.warnings, b.is_sample)


def test_second_load_reads_the_cache_and_returns_an_equal_table(tmp_path: Path, load: CountingLoad) -> None:
    folder = write_publication(tmp_path / "douane")
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [line(partner="NA", cpf4="0111", a129="A01Z", mass="")])
    cache_dir = tmp_path / "cache"
    cold = load(folder, cache_dir=cache_dir)
    warm = load(folder, cache_dir=cache_dir)
    assert load.parsed == [folder]
    assert_same(cold, warm)
    assert warm.trade["cpf4"].tolist()[0] == "0111" and warm.trade["partner"].tolist()[0] == "NA"
    # The entry's table, its summary and its JSON; no temporary file left.
    assert sorted(p.name.split(".", 1)[1] for p in cache_dir.iterdir()) == ["json", "parquet", "summary.parquet"]


def test_the_summary_is_read_from_the_cache_and_sums_like_the_rows(tmp_path: Path, load: CountingLoad) -> None:
    folder = write_publication(tmp_path / "douane")
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [line(value="100"), line(value="20", partner="US"),
                                                     line(value="3", dep="63")])
    cache_dir = tmp_path / "cache"
    full = load(folder, cache_dir=cache_dir)
    summed = load(folder, cache_dir=cache_dir, summary=True)
    assert load.parsed == [folder]  # parsed once: the summary came from the cache
    assert len(summed.trade) < len(full.trade)
    by_dep = ["flow", "year", "quarter", "dep"]
    assert summed.trade.groupby(by_dep, observed=True)["value_eur"].sum().to_dict() == \
        full.trade.groupby(by_dep, observed=True)["value_eur"].sum().to_dict()
    assert summed.period_totals == full.period_totals and summed.labels == full.labels


def test_sample_flag_survives_the_cache(tmp_path: Path, load: CountingLoad) -> None:
    folder = write_publication(tmp_path / "douane", with_labels=False)
    archive = tmp_path / "exemple.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, file.name)
        zf.writestr("OFFICEREPORT-DONNEES-FICTIVES.txt", "")
    assert load(archive, cache_dir=tmp_path / "cache").is_sample
    assert load(archive, cache_dir=tmp_path / "cache").is_sample
    assert load.parsed == [archive]


def test_changed_content_is_parsed_again(tmp_path: Path, load: CountingLoad) -> None:
    folder = write_publication(tmp_path / "douane")
    load(folder, cache_dir=tmp_path / "cache")
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [line(value=99)])
    data = load(folder, cache_dir=tmp_path / "cache")
    assert load.parsed == [folder, folder]
    assert data.trade["value_eur"].tolist()[0] == 99


@pytest.mark.parametrize(("damaged", "summary"), [(".parquet", False), (".summary.parquet", True), (".json", False)])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, load: CountingLoad, damaged: str,
                                                    summary: bool) -> None:
    folder = write_publication(tmp_path / "douane")
    cache_dir = tmp_path / "cache"
    cold = load(folder, cache_dir=cache_dir, summary=summary)
    [entry] = [p for p in cache_dir.iterdir() if p.name.split(".", 1)[1] == damaged[1:]]
    entry.write_bytes(entry.read_bytes()[:40])
    assert_same(load(folder, cache_dir=cache_dir, summary=summary), cold)
    assert_same(load(folder, cache_dir=cache_dir, summary=summary), cold)
    assert load.parsed == [folder, folder]


def test_an_entry_of_another_format_version_is_a_miss(tmp_path: Path, load: CountingLoad, monkeypatch) -> None:
    folder = write_publication(tmp_path / "douane")
    load(folder, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(cache, "FORMAT_VERSION", cache.FORMAT_VERSION + 1)
    load(folder, cache_dir=tmp_path / "cache")
    assert load.parsed == [folder, folder]


def test_a_cache_inside_the_data_folder_does_not_change_its_key(tmp_path: Path, load: CountingLoad) -> None:
    folder = write_publication(tmp_path / "douane")
    load(folder, cache_dir=folder / ".cache")
    load(folder, cache_dir=folder / ".cache")
    assert load.parsed == [folder]


def test_rejected_input_is_not_cached(tmp_path: Path, load: CountingLoad) -> None:
    path = write_lines(tmp_path / "Region_2024_Export.txt", [line()])
    for _ in range(2):
        with pytest.raises(InputError):
            load(path, cache_dir=tmp_path / "cache")
    assert load.parsed == [path, path]
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_is_a_warning(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    data = loader.load(write_publication(tmp_path / "douane"), cache_dir=blocked)
    assert len(data.trade) == 7
    assert data.warnings[-1].startswith(f"cache non enregistré : {blocked} : ")


def test_input_key_follows_content_and_place(tmp_path: Path) -> None:
    a = write_lines(tmp_path / "a.txt", [line()])
    b = write_lines(tmp_path / "b.txt", [line()])
    assert cache.input_key([a]) == cache.input_key([a])
    assert cache.input_key([a]) != cache.input_key([b])  # same bytes, another file
    key = cache.input_key([a])
    write_lines(a, [line(value=2)])
    assert cache.input_key([a]) != key


def _entries(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in cache_dir.iterdir())


def _entry(key: str) -> list[str]:
    """The files of one cache entry."""
    return [f"{key}.json", f"{key}.parquet", f"{key}.summary.parquet"]


def test_an_input_replaced_leaves_one_entry(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    cache_dir = tmp_path / "cache"
    loader.load(folder, cache_dir=cache_dir)
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [line(value=99)])
    loader.load(folder, cache_dir=cache_dir)
    key = cache.input_key(loader.input_files(folder))
    assert _entries(cache_dir) == _entry(key)


def test_prune_keeps_what_the_data_folder_still_holds(tmp_path: Path) -> None:
    data_dir = write_publication(tmp_path / "data" / "douane")
    archive = tmp_path / "data" / "douane.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(data_dir.iterdir()):
            zf.write(file, file.name)
    cache_dir = tmp_path / "cache"
    loader.load(data_dir, cache_dir=cache_dir)
    loader.load(archive, cache_dir=cache_dir)
    kept, gone = (cache.input_key(loader.input_files(p)) for p in (data_dir, archive))
    assert len(_entries(cache_dir)) == 6
    assert cache.prune(cache_dir) == []
    archive.unlink()
    assert cache.prune(cache_dir) == [gone]
    assert _entries(cache_dir) == _entry(kept)


def test_prune_removes_unreadable_entries_and_old_leftovers(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    loader.load(write_publication(tmp_path / "douane"), cache_dir=cache_dir)
    [good] = [p.name for p in cache_dir.glob("*.json")]
    (cache_dir / "garbage.json").write_text("{not json")
    (cache_dir / "old.json").write_text('{"format_version": 1, "inputs": []}')
    (cache_dir / "old.summary.parquet").write_bytes(b"PAR1")
    for name in ("orphan.parquet", "orphan.summary.parquet", ".x.parquet.123.tmp", "fresh.parquet"):
        (cache_dir / name).write_bytes(b"PAR1")
    for name in ("orphan.parquet", "orphan.summary.parquet", ".x.parquet.123.tmp"):
        os.utime(cache_dir / name, (0, 0))
    assert cache.prune(cache_dir) == ["garbage", "old"]
    assert _entries(cache_dir) == sorted(["fresh.parquet", *_entry(good.removesuffix(".json"))])


def test_an_entry_of_one_flow_alone_is_still_refused_where_both_are_expected(tmp_path: Path) -> None:
    exports = write_lines(tmp_path / "Region_2024_Export.txt", [line()])
    cache_dir = tmp_path / "cache"
    alone = loader.load(exports, cache_dir=cache_dir, both_flows=False)
    assert alone.trade["flow"].tolist() == ["E"]
    with pytest.raises(InputError, match=r"\[missing-flow\] aucune ligne de flux I"):
        loader.load(exports, cache_dir=cache_dir)
