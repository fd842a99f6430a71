"""The swap: a checked staging folder moved into a build folder by following a journal.

The journal (``<out>/.officereport/publication-<year>.json``) is written before the first move
and dropped after the last, so a killed swap is completed by the next run (:func:`recover`) from
the already-checked staging folder. A swap that cannot be completed (staging gone, a hand-edited
journal, a disk that refuses) is undone from the snapshot instead, so that the last good build is
what users see; only when neither is possible does :func:`recover` stop, saying what it found and
how to repair, and never touching the folder further.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePosixPath

from officereport.oserrors import os_error_text
from officereport.publish.checks import verify_build
from officereport.publish.errors import PublishError
from officereport.publish.moves import ReplacePolicy, move_file, move_tree, remove_tree
from officereport.publish.paths import MANIFEST_NAME, OutputPaths, safe_relative
from officereport.publish.state import read_json, write_json_atomic

_JOURNAL_KEYS = {"dest": str, "staging": str, "snapshot": str, "moves": list, "remove": list, "manifest": dict}
# Archive folders this tool names: the replaced build's time, then _2, _3 on a clash.
_ARCHIVE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}_\d{6}(_\d+)?")


def _files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _held_open_name(dest: Path, rel: str, now: datetime) -> str:
    pure = PurePosixPath(rel)
    for n in range(1, 100):
        extra = "" if n == 1 else f" {n}"
        candidate = str(pure.with_name(f"{pure.stem} (nouvelle version {now:%Y-%m-%d %H%M}{extra}){pure.suffix}"))
        if not (dest / candidate).exists():
            return candidate
    raise PublishError(f"{dest / rel}: aucun nom libre pour la nouvelle version")


def _journal_problem(journal: dict, paths: OutputPaths, year: str) -> str | None:  # noqa: PLR0911 (one return per check)
    """What makes a journal unusable (hand-edited, another tool's file), or None. Every path in it
    must be one this tool would have written: the swap deletes and moves what the journal names."""
    for key, kind in _JOURNAL_KEYS.items():
        if not isinstance(journal.get(key), kind):
            return f"champ « {key} » absent ou invalide"
    if Path(journal["dest"]) != paths.year(year):
        return f"il désigne un autre dossier ({journal['dest']})"
    for key in ("staging", "snapshot"):
        folder = Path(journal[key])
        if folder.parent != paths.staging or not folder.name.startswith(f"{key}-{year}-"):
            return f"dossier « {key} » inattendu ({folder})"
    manifest = journal["manifest"]
    if not isinstance(manifest.get("outputs"), list) or not isinstance(manifest.get("notes"), list):
        return "manifeste incomplet"
    try:
        for move in journal["moves"]:
            safe_relative(move["path"])
            held = move["published_as"]
            if held is not None and (".." in PurePosixPath(held).parts or held.startswith("/") or "\\" in held):
                return f"chemin refusé : {held!r}"
        for rel in journal["remove"]:
            safe_relative(rel)
    except (TypeError, KeyError, AttributeError, ValueError) as err:
        return f"déplacement invalide ({err})"
    return None


class Swap:
    """Moves a checked staging folder into ``dest`` following a journal, so it can be undone or finished."""

    def __init__(self, paths: OutputPaths, journal: dict, policy: ReplacePolicy, clock: Callable[[], datetime]):
        self.paths = paths
        self.journal = journal
        self.policy = policy
        self.clock = clock
        self.dest = Path(journal["dest"])
        self.staging = Path(journal["staging"])
        self.snapshot = Path(journal["snapshot"])
        self.path = paths.journal(self.dest.name)

    def _place(self, move: dict) -> None:
        source = self.staging / move["path"]
        if not source.exists():  # already moved before an interruption
            return
        if move["published_as"] is None:
            target = self.dest / move["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(self.policy.retries):
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
        before = set(_files_under(self.snapshot)) if self.snapshot.is_dir() else set()
        for move in self.journal["moves"]:
            placed = move["published_as"] or move["path"]
            if placed not in before and not (self.staging / move["path"]).exists():
                (self.dest / placed).unlink(missing_ok=True)
        for rel in before:
            target = self.dest / rel
            if target.exists() and os.path.samefile(target, self.snapshot / rel):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            move_file(self.snapshot / rel, target)

    def finish(self, keep: int) -> tuple[Path | None, list[str]]:
        """Archive the replaced build (kept ``keep`` deep), then drop the journal and staging.

        Returns the archive and notes on what was left alone (archives behind a symbolic link).
        """
        archive, notes = None, []
        old_built_at = self.journal.get("old_built_at")
        # No snapshot left: a killed run had archived it already, just before dropping the journal.
        if old_built_at and keep > 0 and self.snapshot.is_dir():
            year_archives = self.paths.year_archives(self.dest.name)
            year_archives.mkdir(parents=True, exist_ok=True)
            stamp = datetime.fromisoformat(old_built_at).strftime("%Y-%m-%d_%H%M%S")
            archive = year_archives / stamp
            n = 1
            while archive.exists():
                n += 1
                archive = year_archives / f"{stamp}_{n}"
            move_tree(self.snapshot, archive)
            notes = self._prune(year_archives, keep)
        self.path.unlink(missing_ok=True)
        remove_tree(self.snapshot)
        remove_tree(self.staging)
        return archive, notes

    def _prune(self, year_archives: Path, keep: int) -> list[str]:
        """Delete archives beyond ``keep``: only folders this tool made, never through a link."""
        linked = [p for p in (self.paths.archives, year_archives) if p.is_symlink()]
        if linked:
            return [f"{linked[0]} est un lien symbolique : anciennes versions non supprimées (à faire à la main)"]
        ours = sorted(p for p in year_archives.iterdir()
                      if _ARCHIVE_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink())
        for stale in ours[:-keep]:
            # Out of sight first: a kill during the deletion must not leave a half archive.
            doomed = self.paths.staging / f"discard-{self.dest.name}-{os.getpid()}-{stale.name}"
            os.replace(stale, doomed)
            remove_tree(doomed)
        return []


def _repair_hint(paths: OutputPaths, year: str) -> str:
    return (f"pour réparer : vérifier {paths.year(year)} (une version complète est dans "
            f"{paths.year_archives(year)} si elle a été archivée), puis supprimer {paths.journal(year)} ; "
            "la prochaine exécution reconstruit l'année")


def recover(paths: OutputPaths, year: int | str, *, keep: int = 3, policy: ReplacePolicy = ReplacePolicy(),
            clock: Callable[[], datetime] = datetime.now) -> str | None:
    """Finish a publication of ``year`` interrupted by a killed process; say what was done, or None
    when there was none.

    One that cannot be finished is undone (the previous build comes back, with its manifest). One
    that can be neither raises PublishError saying what was found and how to repair.
    """
    path = paths.journal(year)
    if not path.exists():
        return None
    journal = read_json(path)
    problem = "illisible (JSON invalide)" if journal is None else _journal_problem(journal, paths, str(year))
    if problem is not None:
        raise PublishError(f"journal de publication {path} {problem} : publication interrompue non reprise ; "
                           + _repair_hint(paths, str(year)))
    swap = Swap(paths, journal, policy, clock)
    try:
        swap.run()
        incomplete = verify_build(swap.dest)
        if incomplete:
            raise PublishError("; ".join(incomplete[:3]))
    except (OSError, PublishError) as err:
        reason = os_error_text(err) if isinstance(err, OSError) else str(err)
        try:
            swap.undo()
        except OSError as undo_err:
            raise PublishError(f"{swap.dest} : publication interrompue impossible à terminer ({reason}) ni à "
                               f"annuler ({os_error_text(undo_err)}) ; " + _repair_hint(paths, str(year))) from err
        swap.journal["old_built_at"] = None  # the old build is back in place: nothing to archive
        swap.finish(keep)
        return f"{swap.dest} : publication interrompue impossible à terminer ({reason}) ; version précédente remise"
    swap.finish(keep)
    return f"{swap.dest} : publication interrompue terminée"
