"""Where everything lives under the output root: the one owner of ``out/``'s layout.

    out/                         OutputPaths(out)
      2024/                      .year(2024): a published build, what users open
      archives/2024/<date>/      .year_archives(2024): replaced builds
      .officereport/             .work: the tool's own
        staging-2024-<pid>-…/    staging folders (same filesystem as the builds: moves are renames)
        publication-2024.json    .journal(2024): a swap in progress
        state.json refresh.lock cache/ watch.log

Output paths inside a build come from slugs only, and :func:`safe_relative` refuses any that could
leave the folder (absolute, ``..``, a backslash or a drive letter), before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WORK_DIR_NAME = ".officereport"
ARCHIVE_DIR_NAME = "archives"
MANIFEST_NAME = "manifest.json"

# A build's file names are made of slugs and DGDDI codes: ASCII letters, digits, dots, hyphens, underscores.
_SAFE_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


class UnsafePath(ValueError):
    """An output path that could land outside its build folder."""


def safe_relative(path: str) -> str:
    """``path`` (POSIX separators) when it names a file inside a build folder, else UnsafePath.

    Checked on the text alone, for POSIX and Windows alike: ``..\\x`` and ``C:x`` are refused even
    on Linux, where they would be harmless names, because the same build may be copied to Windows.
    """
    parts = path.split("/")
    if not path or path == MANIFEST_NAME or not all(_SAFE_PART.fullmatch(part) for part in parts):
        raise UnsafePath(f"chemin de sortie refusé : {path!r} (seuls lettres ASCII, chiffres, « . », "
                         "« - » et « _ » sont admis, sans « .. »)")
    if any(part.strip(".") == "" for part in parts):
        raise UnsafePath(f"chemin de sortie refusé : {path!r}")
    return path


@dataclass(frozen=True)
class OutputPaths:
    """Every path under one output root (``--out``)."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    def year(self, year: int | str) -> Path:
        return self.root / str(year)

    @property
    def work(self) -> Path:
        return self.root / WORK_DIR_NAME

    @property
    def staging(self) -> Path:
        """The folder holding staging, snapshot and discarded folders (one of each per run)."""
        return self.work

    @property
    def state(self) -> Path:
        return self.work / "state.json"

    @property
    def lock(self) -> Path:
        return self.work / "refresh.lock"

    @property
    def cache(self) -> Path:
        return self.work / "cache"

    @property
    def logs(self) -> Path:
        return self.work

    @property
    def watch_log(self) -> Path:
        return self.logs / "watch.log"

    @property
    def archives(self) -> Path:
        return self.root / ARCHIVE_DIR_NAME

    def year_archives(self, year: int | str) -> Path:
        return self.archives / str(year)

    def journal(self, year: int | str) -> Path:
        return self.work / f"publication-{year}.json"

    def journals(self) -> list[tuple[str, Path]]:
        """(year folder name, journal) of every publication left in progress."""
        found = sorted(self.work.glob("publication-*.json")) if self.work.is_dir() else []
        return [(path.stem.removeprefix("publication-"), path) for path in found]
