"""Safe publication of one build folder: the only code that writes where users look.

    publish(dest, write, *, manifest_extra, keep=3, carry_over=frozenset(), clock, policy) -> Publication

``dest`` is a build folder such as ``out/2024``; ``write(staging)`` renders the outputs into the
empty staging folder it is given and returns what it wrote (``build.OutputFile`` values: kind,
scope, path relative to the folder in POSIX form). Then, in order:

1. **stage** -- the staging folder lives in ``<out>/.officereport/`` (same filesystem, so moves
   are renames); a failure or a kill here leaves ``dest`` untouched, and the leftover is removed
   by the next publication;
2. **check** -- every output must open: a readable zip (every member's CRC checked) holding its
   main part (``xl/workbook.xml``, ``ppt/presentation.xml``); any problem stops here, naming files;
3. **snapshot** -- the current build is hard-linked (copied where links are impossible) aside;
4. **swap** -- a journal is written, the old ``manifest.json`` removed, each file moved in with an
   atomic rename, outputs no longer produced removed, and the new ``manifest.json`` written last.
   A folder without a manifest is a publication in progress. An exception during the swap puts the
   snapshot back (the folder is exactly as before); a killed process leaves the journal, and the
   next ``publish``/``recover`` completes the swap from the already-checked staging folder;
5. **archive** -- the snapshot becomes ``<out>/archives/<year>/<built_at of the old build>/``;
   only the newest ``keep`` archives of the year are kept.

A file that cannot be replaced (``PermissionError``: on Windows, a workbook open in Excel) is
retried, then published beside it as ``<name> (nouvelle version AAAA-MM-JJ HHMM).<ext>``; the
manifest lists that name, with ``intended_path`` and a note in ``notes``.

``carry_over`` names output kinds that were not rebuilt (a template change rebuilds only the
decks): their entries are copied from the current manifest and their files left in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Protocol

from officereport import __version__
from officereport.publish.lock import pid_alive
from officereport.publish.state import read_json, sha256_file, write_json_atomic

WORK_DIR_NAME = ".officereport"
ARCHIVE_DIR_NAME = "archives"
MANIFEST_NAME = "manifest.json"

# The part without which Excel or PowerPoint cannot open the file at all.
_MAIN_PART = {".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}


class OutputLike(Protocol):
    kind: str
    scope: str
    path: str


class PublishError(Exception):
    """The publication did not happen; the destination folder is as it was."""


@dataclass(frozen=True)
class ReplacePolicy:
    """How a file is moved into place, and how long a file held open by another program is retried."""

    replace: Callable[[Path, Path], None] = os.replace
    retries: int = 5
    retry_delay_s: float = 2.0
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class Publication:
    folder: Path
    manifest: dict
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (intended, published as)
    archive: Path | None = None  # where the replaced build now lives


def manifest_fields(data, year: int) -> dict:
    """What a manifest says of the build's inputs (``data`` is a ``model.TradeData``)."""
    return {
        "tool_version": __version__,
        "year": year,
        "is_sample": bool(data.is_sample),
        "inputs": [{"name": s.name, "sha256": s.sha256, "rows": s.rows, "kind": s.kind} for s in data.sources],
    }


def work_dir(out_root: Path) -> Path:
    """The tool's own folder inside the output root: staging, journals, state, lock, logs."""
    return out_root / WORK_DIR_NAME


def read_manifest(folder: Path) -> dict | None:
    return read_json(folder / MANIFEST_NAME)


def check_office_file(path: Path) -> str | None:
    """Why this output would not open, or None when it is a sound Office zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            corrupt = archive.testzip()
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile) as err:
        return f"archive zip illisible ({err})"
    if corrupt is not None:
        return f"membre corrompu dans l'archive : {corrupt}"
    part = _MAIN_PART.get(path.suffix.lower())
    if part is not None and part not in names:
        return f"partie {part} absente"
    return None


def verify_build(folder: Path) -> list[str]:
    """Everything wrong with a published build: missing manifest, missing, altered or unreadable files."""
    manifest = read_manifest(folder)
    if manifest is None:
        return [f"{folder}: {MANIFEST_NAME} absent ou illisible"]
    problems = []
    for entry in manifest["outputs"]:
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{path}: absent")
        elif path.stat().st_size != entry["bytes"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"{path}: contenu différent du manifeste")
        elif (why := check_office_file(path)) is not None:
            problems.append(f"{path}: {why}")
    return problems


def _relative(path: str) -> str:
    """An output path as given by a renderer, refused if it could land outside the build folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or str(pure) == MANIFEST_NAME:
        raise PublishError(f"chemin de sortie refusé : {path!r}")
    return str(pure)


def _checked_entries(staging: Path, written: Iterable[OutputLike]) -> list[dict]:
    entries, problems = [], []
    for output in written:
        rel = _relative(output.path)
        path = staging / rel
        why = check_office_file(path) if path.is_file() else "fichier non écrit"
        if why is not None:
            problems.append(f"  {rel}: {why}")
            continue
        entries.append(
            {"kind": output.kind, "scope": output.scope, "path": rel,
             "sha256": sha256_file(path), "bytes": path.stat().st_size}
        )
    if problems:
        raise PublishError("sorties invalides, rien n'a été publié :\n" + "\n".join(problems))
    return entries


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


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _snapshot(dest: Path, work: Path, old: dict | None, new_paths: list[str]) -> Path:
    """Hard links to every file the swap may replace or remove, so it can be undone and archived."""
    snapshot = Path(tempfile.mkdtemp(dir=work, prefix=f"snapshot-{dest.name}-{os.getpid()}-"))
    paths = {entry["path"] for entry in old["outputs"]} if old else set()
    paths |= set(new_paths) | {MANIFEST_NAME}
    for rel in sorted(paths):
        if (dest / rel).is_file():
            _link_or_copy(dest / rel, snapshot / rel)
    return snapshot


def _files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _held_open_name(dest: Path, rel: str, now: datetime) -> str:
    pure = PurePosixPath(rel)
    for n in range(1, 100):
        extra = "" if n == 1 else f" {n}"
        name = f"{pure.stem} (nouvelle version {now:%Y-%m-%d %H%M}{extra}){pure.suffix}"
        candidate = str(pure.with_name(name))
        if not (dest / candidate).exists():
            return candidate
    raise PublishError(f"{dest / rel}: aucun nom libre pour la nouvelle version")


def _journal_path(dest: Path) -> Path:
    return work_dir(dest.parent) / f"publication-{dest.name}.json"


class _Swap:
    """Moves a checked staging folder into ``dest`` following a journal, so it can be undone or finished."""

    def __init__(self, journal: dict, policy: ReplacePolicy, clock: Callable[[], datetime]):
        self.journal = journal
        self.policy = policy
        self.clock = clock
        self.dest = Path(journal["dest"])
        self.staging = Path(journal["staging"])
        self.snapshot = Path(journal["snapshot"])
        self.path = _journal_path(self.dest)

    def _place(self, move: dict) -> None:
        source = self.staging / move["path"]
        if not source.exists():  # already moved before an interruption
            return
        if move["published_as"] is None:
            target = self.dest / move["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            for _attempt in range(self.policy.retries):
                try:
                    self.policy.replace(source, target)
                    return
                except PermissionError:
                    self.policy.sleep(self.policy.retry_delay_s)
            # Held open: record the other name first, so a completed swap after a kill uses it too.
            move["published_as"] = _held_open_name(self.dest, move["path"], self.clock())
            write_json_atomic(self.path, self.journal)
        target = self.dest / move["published_as"]
        target.parent.mkdir(parents=True, exist_ok=True)
        self.policy.replace(source, target)

    def run(self) -> dict:
        """Do (or finish) the swap; returns the manifest written."""
        (self.dest / MANIFEST_NAME).unlink(missing_ok=True)
        for move in self.journal["moves"]:
            self._place(move)
        manifest = self.journal["manifest"]
        for rel in self.journal["remove"]:
            try:
                (self.dest / rel).unlink(missing_ok=True)
            except PermissionError:  # an old output held open: harmless, it is no longer listed
                manifest["notes"].append(f"{rel} (ancienne sortie) était ouvert : non supprimé")
        by_path = {move["path"]: move["published_as"] for move in self.journal["moves"]}
        for entry in manifest["outputs"]:
            if by_path.get(entry["path"]):
                entry["intended_path"] = entry["path"]
                entry["path"] = by_path[entry["path"]]
                manifest["notes"].append(
                    f"{entry['intended_path']} était ouvert par un autre programme : "
                    f"nouvelle version publiée sous « {entry['path']} »"
                )
        write_json_atomic(self.dest / MANIFEST_NAME, manifest)
        return manifest

    def undo(self) -> None:
        """Put the folder back exactly as the snapshot recorded it."""
        before = set(_files_under(self.snapshot))
        for move in self.journal["moves"]:
            placed = move["published_as"] or move["path"]
            if placed not in before and not (self.staging / move["path"]).exists():
                (self.dest / placed).unlink(missing_ok=True)
        for rel in before:
            target = self.dest / rel
            if target.exists() and os.path.samefile(target, self.snapshot / rel):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.snapshot / rel, target)

    def finish(self, keep: int) -> Path | None:
        """Archive the replaced build (kept ``keep`` deep), then drop the journal and staging."""
        archive = None
        old_built_at = self.journal["old_built_at"]
        # No snapshot left: a killed run had archived it already, just before dropping the journal.
        if old_built_at and keep > 0 and self.snapshot.is_dir():
            year_archives = self.dest.parent / ARCHIVE_DIR_NAME / self.dest.name
            year_archives.mkdir(parents=True, exist_ok=True)
            stamp = datetime.fromisoformat(old_built_at).strftime("%Y-%m-%d_%H%M%S")
            archive = year_archives / stamp
            n = 1
            while archive.exists():
                n += 1
                archive = year_archives / f"{stamp}_{n}"
            os.replace(self.snapshot, archive)
            for stale in sorted(p for p in year_archives.iterdir() if p.is_dir())[:-keep]:
                # Out of sight first: a kill during the deletion must not leave a half archive.
                doomed = work_dir(self.dest.parent) / f"discard-{self.dest.name}-{os.getpid()}-{stale.name}"
                os.replace(stale, doomed)
                shutil.rmtree(doomed)
        self.path.unlink(missing_ok=True)
        shutil.rmtree(self.snapshot, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)
        return archive


def recover(dest: Path, *, keep: int = 3, policy: ReplacePolicy = ReplacePolicy(),
            clock: Callable[[], datetime] = datetime.now) -> bool:
    """Finish a publication of ``dest`` interrupted by a killed process; True when there was one."""
    journal = read_json(_journal_path(dest))
    if journal is None:
        return False
    swap = _Swap(journal, policy, clock)
    swap.run()
    swap.finish(keep)
    return True


def _remove_leftovers(work: Path, dest_name: str) -> None:
    """Staging, snapshot and discarded archive folders left by killed runs (their pid is dead)."""
    for prefix in ("staging", "snapshot", "discard"):
        for leftover in work.glob(f"{prefix}-{dest_name}-*"):
            pid = leftover.name.removeprefix(f"{prefix}-{dest_name}-").split("-")[0]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)


def publish(
    dest: Path,
    write: Callable[[Path], Iterable[OutputLike]],
    *,
    manifest_extra: dict,
    keep: int = 3,
    carry_over: frozenset[str] = frozenset(),
    clock: Callable[[], datetime] = datetime.now,
    policy: ReplacePolicy = ReplacePolicy(),
) -> Publication:
    """Render into a staging folder, check, and swap into ``dest`` (see the module docstring)."""
    dest = Path(dest)
    work = work_dir(dest.parent)
    work.mkdir(parents=True, exist_ok=True)
    recover(dest, keep=keep, policy=policy, clock=clock)
    _remove_leftovers(work, dest.name)
    old = read_manifest(dest)

    staging = Path(tempfile.mkdtemp(dir=work, prefix=f"staging-{dest.name}-{os.getpid()}-"))
    snapshot: Path | None = None
    try:
        try:
            written = list(write(staging))
        except Exception as err:
            raise PublishError(f"{dest}: échec pendant l'écriture des sorties : {err}") from err
        entries = _checked_entries(staging, written) + _carried_entries(dest, old, carry_over)
        paths = [entry["path"] for entry in entries]
        if len(set(paths)) != len(paths):
            raise PublishError(f"{dest}: deux sorties portent le même chemin")
        manifest = {
            **manifest_extra,
            "built_at": clock().isoformat(timespec="seconds"),
            "outputs": sorted(entries, key=lambda entry: entry["path"]),
            "notes": [],
        }
        new_paths = {entry["path"] for entry in entries}
        moved = [entry["path"] for entry in entries if entry["kind"] not in carry_over]
        snapshot = _snapshot(dest, work, old, moved)
        journal = {
            "dest": str(dest),
            "staging": str(staging),
            "snapshot": str(snapshot),
            "old_built_at": old.get("built_at") if old else None,
            "moves": [{"path": rel, "published_as": None} for rel in moved],
            "remove": sorted({e["path"] for e in old["outputs"]} - new_paths) if old else [],
            "manifest": manifest,
        }
        write_json_atomic(_journal_path(dest), journal)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if snapshot is not None:
            shutil.rmtree(snapshot, ignore_errors=True)
        raise

    swap = _Swap(journal, policy, clock)
    try:
        manifest = swap.run()
    except BaseException as err:
        swap.undo()
        swap.journal["old_built_at"] = None  # nothing replaced: nothing to archive
        swap.finish(keep)
        if isinstance(err, Exception):
            raise PublishError(f"{dest}: échec de la mise en place ({err}) ; version précédente remise") from err
        raise
    renamed = [(e["intended_path"], e["path"]) for e in manifest["outputs"] if "intended_path" in e]
    return Publication(dest, manifest, renamed, swap.finish(keep))
