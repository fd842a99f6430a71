"""The SHA-256 of a file, read in blocks: the one way files are identified (cache keys, manifest,
remembered settings, PDFs reused on refresh).

A refresh identifies each release several times (its fingerprint, the cache key of its parse, the
release each year comes from, once per year built): a file this process has hashed is not read
again while its inode, size, modification and change times are those it had. The change time
moves on every write and no tool sets it back; a file changed less than ``_SETTLED_NS`` before it
was read is not remembered, since a write within the same clock tick would leave every time equal
(git's "racily clean" entries). On Windows ``st_ctime`` is the creation time, which a rewrite
leaves as it was: files are hashed every time there.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

_BLOCK = 1 << 20
_SETTLED_NS = 2_000_000_000
_REMEMBERED = 1024  # files, far more than a data folder holds; the oldest is forgotten first

_CTIME_IS_CHANGE_TIME = os.name == "posix"  # on Windows it is the creation time
_known: dict[tuple[str, int, int, int, int, int], str] = {}


def sha256_file(path: Path) -> str:
    info = os.stat(path)
    identity = (os.fspath(path), info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if identity in _known:
        return _known[identity]
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(_BLOCK):
            digest.update(block)
    if _CTIME_IS_CHANGE_TIME and time.time_ns() - info.st_ctime_ns > _SETTLED_NS:
        if len(_known) >= _REMEMBERED:
            del _known[next(iter(_known))]
        _known[identity] = digest.hexdigest()
    return digest.hexdigest()


def sha256_bytes(content: bytes) -> str:
    """The SHA-256 of a file already read (the publication check reads each output once)."""
    return hashlib.sha256(content).hexdigest()


def sha256_release(path: Path) -> str:
    """A release's fingerprint: a zip's SHA-256, or one over a folder's files (relative path and content)."""
    if not path.is_dir():
        return sha256_file(path)
    digest = hashlib.sha256()
    for member in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{member.relative_to(path).as_posix()}\0{sha256_file(member)}\n".encode())
    return digest.hexdigest()
