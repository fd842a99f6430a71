"""What a refresh remembers between runs, and the small durable-file helpers it is built on.

The state file (``<out>/.officereport/state.json``) records, for each input in the data folder,
its size, mtime and SHA-256 with what loading it gave (the complete years it holds, or the
loader's problems); for each year built, what built it (the SHA-256 of the release of each year
it used, tool version, territory list hash, kinds, template hash, focus country); the builds that
failed for a reason the same inputs would meet again (not retried until something changes); and
the settings last published with (territory list and template paths, PDFs, focus country), which
a command that does not give them keeps. Comparing a fresh scan with it tells what to rebuild.

Size and mtime are a shortcut: when both are unchanged the recorded hash is trusted, so a run
with nothing new reads no file contents. Every JSON file is written whole or not at all
(temporary file, fsync, atomic rename). A state file of version 2 (one input hash per year built)
is read with its builds' releases unknown: every year is rebuilt once, its sources are not read
again. An older version is ignored (everything is rebuilt once); a file that cannot be read is set
aside and reported.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from officereport.digest import sha256_release
from officereport.model import DEFAULT_FOCUS

STATE_VERSION = 3


def write_json_atomic(path: Path, content: object) -> None:
    """Write JSON so that readers see the old file or the new one, never a part of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # Created like any other output (0666 less the umask), not 0600 as mkstemp would.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(content, stream, ensure_ascii=False, indent=2, sort_keys=True)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> dict | None:
    """The JSON object at ``path``, or None when there is none (or it is not readable JSON)."""
    try:
        with open(path, encoding="utf-8") as stream:
            content = json.load(stream)
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) else None


@dataclass(frozen=True)
class Fingerprint:
    """An input's identity: size and mtime to notice a change cheaply, SHA-256 to be sure."""

    size: int
    mtime_ns: int
    sha256: str


def _stat(path: Path) -> tuple[int, int]:
    """(size, mtime) of a file, or of a folder as the sum of its files' sizes and their latest mtime."""
    if path.is_dir():
        stats = [p.stat() for p in sorted(path.rglob("*")) if p.is_file()]
        return sum(s.st_size for s in stats), max((s.st_mtime_ns for s in stats), default=0)
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def fingerprint(path: Path, previous: Fingerprint | None = None) -> Fingerprint:
    """Fingerprint of a file or folder; reuses ``previous``'s hash when size and mtime match it."""
    size, mtime_ns = _stat(path)
    if previous is not None and (previous.size, previous.mtime_ns) == (size, mtime_ns):
        return previous
    return Fingerprint(size, mtime_ns, sha256_release(path))


@dataclass
class SourceRecord:
    """What loading one input gave: the complete years it holds, or why it was rejected."""

    fingerprint: Fingerprint
    years: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the loader's messages; empty when valid

    @property
    def rejected(self) -> bool:
        return bool(self.problems)


@dataclass(frozen=True)
class BuildRecord:
    """What one year's published build was made from."""

    releases: tuple[tuple[int, str], ...]  # (year, SHA-256) of the release of each year used, its own first
    tool_version: str
    territories_sha256: str  # "aucune" without a territory list
    kinds: tuple[str, ...]
    template_sha256: str
    focus: str = DEFAULT_FOCUS  # the country the dependency figures single out
    release_names: tuple[str, ...] = field(default=(), compare=False)  # for the log: a renamed copy is no change

    @classmethod
    def from_json(cls, content: dict) -> BuildRecord:
        # Version 2: its releases are unknown, the year is rebuilt once. A record written before the
        # focus could be chosen was built with the default one.
        content = dict(content)
        content.pop("source_sha256", None)
        return cls(**{**content, "kinds": tuple(content["kinds"]),
                      "releases": tuple((int(y), str(h)) for y, h in content.get("releases", ())),
                      "release_names": tuple(content.get("release_names", ()))})


@dataclass(frozen=True)
class FailedBuild:
    """A build that failed for a reason its inputs and settings would meet again."""

    record: BuildRecord
    error: str


@dataclass
class RefreshState:
    sources: dict[str, SourceRecord] = field(default_factory=dict)  # by name in the data folder
    built: dict[int, BuildRecord] = field(default_factory=dict)  # by year
    failed: dict[int, FailedBuild] = field(default_factory=dict)  # by year
    remote: dict[str, str] = field(default_factory=dict)  # --source-url: etag, last_modified, sha256
    settings: dict[str, str | None] = field(default_factory=dict)  # territories, template, pdf, focus: as published

    def to_json(self) -> dict:
        return {
            "version": STATE_VERSION,
            "sources": {name: asdict(record) for name, record in self.sources.items()},
            "built": {str(year): asdict(record) for year, record in self.built.items()},
            "failed": {str(year): asdict(failure) for year, failure in self.failed.items()},
            "remote": dict(self.remote),
            "settings": dict(self.settings),
        }

    @classmethod
    def from_json(cls, content: dict) -> RefreshState:
        """The state; version 2 is read with its builds' releases unknown, an older version is
        treated as none (the next run rebuilds, never guesses)."""
        if content.get("version") not in (2, STATE_VERSION):
            return cls()
        return cls(
            sources={
                name: SourceRecord(Fingerprint(**r["fingerprint"]), list(r["years"]), list(r["problems"]))
                for name, r in content["sources"].items()
            },
            built={int(year): BuildRecord.from_json(r) for year, r in content["built"].items()},
            failed={int(year): FailedBuild(BuildRecord.from_json(r["record"]), str(r["error"]))
                    for year, r in content["failed"].items()},
            remote=dict(content["remote"]),
            settings={key: None if value is None else str(value) for key, value in content["settings"].items()},
        )


def load_state(path: Path) -> tuple[RefreshState, str | None]:
    """The state at ``path`` (empty when there is none), and what was wrong with it, if anything.

    A state that cannot be read (hand-edited, truncated) is renamed ``state.json.illisible`` so
    that the user can look at it, and the run goes on as if it were the first.
    """
    if not path.exists():
        return RefreshState(), None
    content = read_json(path)
    try:
        if content is None:
            raise ValueError("JSON invalide")
        return RefreshState.from_json(content), None
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        aside = path.with_name(path.name + ".illisible")
        os.replace(path, aside)
        return RefreshState(), (f"état {path} illisible ({type(err).__name__}: {err}) : mis de côté sous "
                                f"{aside.name}, tout est reconstruit")


def save_state(path: Path, state: RefreshState) -> None:
    write_json_atomic(path, state.to_json())
