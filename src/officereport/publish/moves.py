"""Moving files and folders into place, across filesystems too, and deleting without following links.

``out/2024`` or ``out/archives`` may be a symbolic link to another disk: a rename from the
staging folder then fails with EXDEV. A move falls back to copy, fsync, and a rename *inside the
destination's filesystem*, so the target still appears whole or not at all; the source goes last.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as stream:
        os.fsync(stream.fileno())


def _temporary_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def move_file(source: Path, target: Path) -> None:
    """``os.replace``, or across filesystems: copy beside the target, fsync, rename, drop the source."""
    _move(source, target, copy=_copy_file, discard=lambda path: path.unlink(missing_ok=True))


def move_tree(source: Path, target: Path) -> None:
    """A folder renamed, or across filesystems copied beside the target, fsynced, then renamed."""
    _move(source, target, copy=_copy_tree, discard=remove_tree)


def _copy_file(source: Path, tmp: Path) -> None:
    shutil.copy2(source, tmp)
    _fsync_file(tmp)


def _copy_tree(source: Path, tmp: Path) -> None:
    shutil.copytree(source, tmp, symlinks=True)
    for path in tmp.rglob("*"):
        if path.is_file() and not path.is_symlink():
            _fsync_file(path)


def _move(source: Path, target: Path, *, copy: Callable[[Path, Path], None], discard: Callable[[Path], None]) -> None:
    """A rename where it can be one; across filesystems (EXDEV), a copy made whole beside the target,
    renamed into place inside its filesystem, and only then the source dropped."""
    try:
        os.replace(source, target)
        return
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
    tmp = _temporary_beside(target)
    try:
        copy(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise
    discard(source)


def remove_tree(path: Path) -> None:
    """Delete a folder we made; a symbolic link is unlinked, never followed (``rmtree`` does not
    follow the links inside either)."""
    if path.is_symlink():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link (free, instant), or a copy where links are impossible (another filesystem)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@dataclass(frozen=True)
class ReplacePolicy:
    """How a file is moved into place, and how long a file held open by another program is retried."""

    replace: Callable[[Path, Path], None] = move_file
    retries: int = 5
    retry_delay_s: float = 2.0
    sleep: Callable[[float], None] = time.sleep
