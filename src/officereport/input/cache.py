"""A parse-once cache of loaded customs data, keyed by the content of the input files.

Parsing and validating a year of data takes seconds; reading it back from Parquet takes a fraction
of that. An entry is three files named by the key: ``<key>.parquet`` (the trade table),
``<key>.summary.parquet`` (the same table summed per flow, year, quarter and département:
``combine.summarised``, all a build reads of a release that only gives it series years) and
``<key>.json`` (labels, sources, warnings, sample flag). The JSON is written last and is what makes
an entry exist, so a run killed half-way leaves no entry that looks complete. Anything unreadable
is a miss: the input is parsed again and the entry rewritten.

Each entry records the files it was parsed from (path, size, modification time); :func:`prune`
removes the entries whose files are gone or changed, so the cache holds what the data folder still
holds. The loader prunes after each new entry; callers may prune at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from officereport.digest import sha256_file
from officereport.model import TRADE_COLUMNS, LabelRow, Labels, SourceFile, TradeData

# Bump when the table layout or the loader's rules change, so old entries stop matching.
FORMAT_VERSION = 3



def input_key(files: Iterable[Path]) -> str:
    """Key of an input made of these files: their absolute paths and contents, and the format version."""
    digest = hashlib.sha256(f"officereport-cache-v{FORMAT_VERSION}\n".encode())
    for path in files:
        digest.update(f"{Path(path).resolve()}\0{sha256_file(path)}\n".encode())
    return digest.hexdigest()


def read(cache_dir: Path, key: str, *, summary: bool = False) -> TradeData | None:
    """The cached data for ``key`` (its trade table summed per département when ``summary``), or
    None when there is no usable entry."""
    table_path, summary_path, meta_path = _entry_paths(Path(cache_dir), key)
    table_path = summary_path if summary else table_path
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format_version") != FORMAT_VERSION:
            return None
        trade = pd.read_parquet(table_path)
        if tuple(trade.columns) != TRADE_COLUMNS:
            return None
        return TradeData(
            trade=trade,
            labels=Labels(**{kind: [LabelRow(*row) for row in rows] for kind, rows in meta["labels"].items()}),
            sources=[SourceFile(**source) for source in meta["sources"]],
            warnings=list(meta["warnings"]),
            is_sample=bool(meta["is_sample"]),
        )
    except Exception:  # no entry, or a damaged one (truncated Parquet, bad JSON): a miss
        return None


def write(cache_dir: Path, key: str, data: TradeData, summary: pd.DataFrame, inputs: Iterable[Path] = ()) -> None:
    """Store ``data``, parsed from the files ``inputs``, and its trade's ``summary``
    (``combine.summarised``) under ``key``; OSError when the folder cannot be written."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    table_path, summary_path, meta_path = _entry_paths(cache_dir, key)
    meta = {
        "format_version": FORMAT_VERSION,
        "labels": {
            kind: [[r.code, r.label, r.valid_from, r.valid_to] for r in getattr(data.labels, kind)]
            for kind in ("a129", "cpf4", "partners")
        },
        "sources": [asdict(source) for source in data.sources],
        "warnings": data.warnings,
        "is_sample": data.is_sample,
        "inputs": [_stamp(Path(path)) for path in inputs],
    }
    _write_atomically(table_path, lambda tmp: _to_parquet(data.trade, tmp))
    _write_atomically(summary_path, lambda tmp: _to_parquet(summary, tmp))
    _write_atomically(
        meta_path, lambda tmp: Path(tmp).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    )


def _to_parquet(table: pd.DataFrame, path: str) -> None:
    # Dictionary pages for the code columns only: tried on millions of distinct values and euros, they
    # are given up after costing a third of the write (0.95 -> 0.67 s for 4 M rows).
    codes = [col for col, dtype in table.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)]
    table.to_parquet(path, index=False, use_dictionary=codes)


def prune(cache_dir: Path) -> list[str]:
    """Remove the entries whose input files are gone or changed, and leftovers; the keys removed.

    An entry of another format version, a table without its JSON, a temporary file an hour old:
    none can ever be read again.
    """
    cache_dir = Path(cache_dir)
    if not cache_dir.is_dir():
        return []
    removed = []
    for meta_path in cache_dir.glob("*.json"):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            current = meta.get("format_version") == FORMAT_VERSION and all(
                _stamp(Path(stamp["path"])) == stamp for stamp in meta["inputs"]
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # unreadable: never a hit again
            current = False
        if not current:
            meta_path.unlink(missing_ok=True)
            removed.append(meta_path.stem)
    keys = {path.stem for path in cache_dir.glob("*.json")}
    an_hour_ago = time.time() - 3600  # younger leftovers may be an entry another run is writing
    for path in cache_dir.iterdir():
        key = path.name.split(".", 1)[0]  # <key>.parquet, <key>.summary.parquet, <key>.json
        orphan = path.suffix == ".parquet" and key not in keys
        temporary = path.name.startswith(".") and path.name.endswith(".tmp")
        if key in removed or ((orphan or temporary) and _mtime(path) < an_hour_ago):
            path.unlink(missing_ok=True)
    return sorted(removed)


def _stamp(path: Path) -> dict:
    """What says a file is still the one an entry was parsed from, without reading it."""
    try:
        info = path.stat()
    except OSError:
        return {"path": str(path.resolve()), "gone": True}
    return {"path": str(path.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _entry_paths(cache_dir: Path, key: str) -> tuple[Path, Path, Path]:
    return cache_dir / f"{key}.parquet", cache_dir / f"{key}.summary.parquet", cache_dir / f"{key}.json"


def _write_atomically(target: Path, write_to: Callable[[str], object]) -> None:
    # A temporary file in the same folder, then os.replace: readers see the old file or the new
    # one, never half of one.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write_to(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
