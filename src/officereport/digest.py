"""The SHA-256 of a file, read in blocks: the one way files are identified (cache keys, manifest,
remembered settings, PDFs reused on refresh)."""

from __future__ import annotations

import hashlib
from pathlib import Path

_BLOCK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(_BLOCK):
            digest.update(block)
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
