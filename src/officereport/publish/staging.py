"""Safe publication of one build folder: the only code that writes where users look.

    publish(paths, year, write, *, manifest_extra, keep=3, carry_over=frozenset(), clock, policy) -> Publication

The build folder is ``paths.year(year)`` (``out/2024``); ``write(staging)`` renders the outputs into the
empty staging folder it is given and returns what it wrote (``planning.OutputFile`` values: kind,
scope, path relative to the folder in POSIX form). Then, in order:

1. **stage** -- the staging folder lives in ``<out>/.officereport/`` (same filesystem, so moves
   are renames); a failure or a kill here leaves ``dest`` untouched, and the leftover is removed
   by the next publication;
2. **check** -- every output must open: a readable zip (every member's CRC checked) holding its
   main part, every XML part well-formed, embedded workbooks included (``checks``); any problem
   stops here, naming the file and the part; a year's outputs are checked on every core;
3. **snapshot** -- the current build is hard-linked (copied where links are impossible) aside;
4. **swap** -- a journal is written, the old ``manifest.json`` removed, each file moved in with an
   atomic rename, outputs no longer produced removed, and the new ``manifest.json`` written last.
   A folder without a manifest is a publication in progress. An exception during the swap puts the
   snapshot back (the folder is exactly as before); a killed process leaves the journal, and the
   next ``publish``/``recover`` completes the swap from the already-checked staging folder (``swap``);
5. **archive** -- the snapshot becomes ``<out>/archives/<year>/<built_at of the old build>/``;
   only the newest ``keep`` archives of the year are kept, never deleted through a symbolic link.

Moves fall back to copy + fsync + rename when ``out/2024`` or ``out/archives`` is a link to
another filesystem (``moves``).

A file that cannot be replaced (``PermissionError``: on Windows, a workbook open in Excel) is
retried, then published beside it as ``<name> (nouvelle version AAAA-MM-JJ HHMM).<ext>``; the
manifest lists that name, with ``intended_path`` and a note in ``notes``.

``carry_over`` names output kinds that were not rebuilt (a template change rebuilds only the
decks): their entries are copied from the current manifest and their files left in place.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Protocol

from officereport.digest import sha256_bytes
from officereport.oserrors import os_error_text
from officereport.pool import render_pool
from officereport.publish.checks import OfficeCheck, read_manifest
from officereport.publish.errors import PublishError
from officereport.publish.lock import pid_alive
from officereport.publish.moves import ReplacePolicy, link_or_copy, remove_tree
from officereport.publish.paths import MANIFEST_NAME, OutputPaths, UnsafePath, safe_relative
from officereport.publish.state import write_json_atomic
from officereport.publish.swap import Swap, recover


class OutputLike(Protocol):
    kind: str
    scope: str
    path: str


@dataclass(frozen=True)
class Publication:
    folder: Path
    manifest: dict
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (intended, published as)
    archive: Path | None = None  # where the replaced build now lives
    recovered: str | None = None  # what was done of a publication a killed run left
    warnings: list[str] = field(default_factory=list)  # what was left alone (archives behind a link)


def _entry(staging: Path, output: OutputLike, check: OfficeCheck) -> dict | str:
    """The manifest entry of one written output, or what is wrong with it; the file is read once."""
    try:
        rel = safe_relative(output.path)
    except UnsafePath as err:
        return f"  {err}"
    path = staging / rel
    if not path.is_file():
        return f"  {rel}: fichier non écrit"
    content = path.read_bytes()
    if (why := check.problem(content, path.suffix.lower())) is not None:
        return f"  {rel}: {why}"
    return {"kind": output.kind, "scope": output.scope, "path": rel,
            "sha256": sha256_bytes(content), "bytes": len(content)}


# Below this many outputs the check runs in this process: a pool would cost more than it saves.
_POOLED_CHECK_FROM = 16
# A pool worker's check, kept across the outputs it is given (the parent never uses it: it stays empty
# there, and a forked worker starts from that empty copy).
_WORKER_CHECK = OfficeCheck()


def _worker_entry(staging: Path, output: OutputLike) -> dict | str:
    return _entry(staging, output, _WORKER_CHECK)


def _freeze_gc() -> None:
    gc.freeze()  # the inherited objects stay untouched, so their pages stay shared with the parent


def _checked_entries(staging: Path, written: Iterable[OutputLike], jobs: int | None = None) -> list[dict]:
    """Every output checked and hashed; a year's 285 outputs (250 MB of XML, a third of it distinct) on every core allowed."""
    written = list(written)
    workers = min(jobs or os.cpu_count() or 1, len(written) // _POOLED_CHECK_FROM)
    if workers > 1:
        with render_pool(workers, _freeze_gc) as pool:
            # About four chunks a worker: contiguous outputs (decks of one region) share parts a worker
            # then proves once, and the chunks still even out the workers' loads.
            chunk = -(-len(written) // (workers * 4))
            results = list(pool.map(partial(_worker_entry, staging), written, chunksize=chunk))
    else:
        check = OfficeCheck()
        results = [_entry(staging, output, check) for output in written]
    problems = [result for result in results if isinstance(result, str)]
    if problems:
        raise PublishError("sorties invalides, rien n'a été publié :\n" + "\n".join(problems))
    return [result for result in results if isinstance(result, dict)]


def _carried_entries(dest: Path, old: dict | None, kinds: frozenset[str]) -> list[dict]:
    if not kinds:
        return []
    if old is None:
        raise PublishError(f"{dest}: aucune version publiée dont reprendre les sorties {sorted(kinds)}")
    carried = [entry for entry in old["outputs"] if entry["kind"] in kinds]
    for entry in carried:
        path = dest / entry["path"]
        if not path.is_file() or path.stat().st_size != entry["bytes"]:
            raise PublishError(f"{path}: sortie à reprendre absente ou modifiée ; reconstruire tout")
    return carried


def _snapshot(dest: Path, work: Path, old: dict | None, new_paths: list[str]) -> Path:
    """Hard links to every file the swap may replace or remove, so it can be undone and archived."""
    snapshot = Path(tempfile.mkdtemp(dir=work, prefix=f"snapshot-{dest.name}-{os.getpid()}-"))
    paths = {entry["path"] for entry in old["outputs"]} if old else set()
    paths |= set(new_paths) | {MANIFEST_NAME}
    for rel in sorted(paths):
        if (dest / rel).is_file():
            link_or_copy(dest / rel, snapshot / rel)
    return snapshot


def _remove_leftovers(work: Path, dest_name: str) -> None:
    """Staging, snapshot and discarded archive folders left by killed runs (their pid is dead)."""
    for prefix in ("staging", "snapshot", "discard"):
        for leftover in work.glob(f"{prefix}-{dest_name}-*"):
            pid = leftover.name.removeprefix(f"{prefix}-{dest_name}-").split("-")[0]
            if pid.isdigit() and not pid_alive(int(pid)):
                remove_tree(leftover)


def _prepare(paths: OutputPaths, year: int, keep: int, policy: ReplacePolicy,
             clock: Callable[[], datetime]) -> str | None:
    """The work folder ready and the year's folder in a known state; OS refusals said in French."""
    try:
        paths.staging.mkdir(parents=True, exist_ok=True)
        recovered = recover(paths, year, keep=keep, policy=policy, clock=clock)
        _remove_leftovers(paths.staging, str(year))
        if paths.year(year).exists() and not paths.year(year).is_dir():
            raise NotADirectoryError(20, "Not a directory", str(paths.year(year)))
    except OSError as err:
        raise PublishError(f"dossier de sortie inutilisable : {os_error_text(err)} ; rien n'a été publié") from err
    return recovered


def publish(
    paths: OutputPaths,
    year: int,
    write: Callable[[Path], Iterable[OutputLike]],
    *,
    manifest_extra: dict,
    keep: int = 3,
    carry_over: frozenset[str] = frozenset(),
    clock: Callable[[], datetime] = datetime.now,
    policy: ReplacePolicy = ReplacePolicy(),
    jobs: int | None = None,
) -> Publication:
    """Render into a staging folder, check (in ``jobs`` processes at most, default one per core), and
    swap into ``paths.year(year)`` (see the module docstring)."""
    dest = paths.year(year)
    recovered = _prepare(paths, year, keep, policy, clock)
    old = read_manifest(dest)

    staging = Path(tempfile.mkdtemp(dir=paths.staging, prefix=f"staging-{dest.name}-{os.getpid()}-"))
    snapshot: Path | None = None
    try:
        try:
            written = list(write(staging))
        except Exception as err:
            raise PublishError(f"{dest}: échec pendant l'écriture des sorties : {err}") from err
        entries = _checked_entries(staging, written, jobs) + _carried_entries(dest, old, carry_over)
        rels = [entry["path"] for entry in entries]
        if len({rel.casefold() for rel in rels}) != len(rels):
            raise PublishError(f"{dest}: deux sorties portent le même chemin (à la casse près)")
        manifest = {
            **manifest_extra,
            "built_at": clock().isoformat(timespec="seconds"),
            "outputs": sorted(entries, key=lambda entry: entry["path"]),
            "notes": [],
        }
        moved = [entry["path"] for entry in entries if entry["kind"] not in carry_over]
        snapshot = _snapshot(dest, paths.staging, old, moved)
        journal = {
            "dest": str(dest),
            "staging": str(staging),
            "snapshot": str(snapshot),
            "old_built_at": old.get("built_at") if old else None,
            "moves": [{"path": rel, "published_as": None} for rel in moved],
            "remove": sorted({e["path"] for e in old["outputs"]} - set(rels)) if old else [],
            "manifest": manifest,
        }
        write_json_atomic(paths.journal(year), journal)
    except BaseException as err:
        remove_tree(staging)
        if snapshot is not None:
            remove_tree(snapshot)
        if isinstance(err, OSError):
            raise PublishError(f"{dest}: échec avant la mise en place ({os_error_text(err)}) ; "
                               "sorties précédentes inchangées") from err
        raise

    swap = Swap(paths, journal, policy, clock)
    try:
        manifest = swap.run()
    except BaseException as err:
        swap.undo()
        swap.journal["old_built_at"] = None  # nothing replaced: nothing to archive
        swap.finish(keep)
        if isinstance(err, Exception):
            reason = os_error_text(err) if isinstance(err, OSError) else str(err)
            raise PublishError(f"{dest}: échec de la mise en place ({reason}) ; version précédente remise") from err
        raise
    renamed = [(e["intended_path"], e["path"]) for e in manifest["outputs"] if "intended_path" in e]
    archive, warnings = swap.finish(keep)
    return Publication(dest, manifest, renamed, archive, recovered, warnings)
