"""Which files make up an input, and how each one is opened and read.

The input is a zip, a folder (holding files, zips or both) or a bare file. Each zip is opened once
for the whole load and its members are streamed from that one handle, so a zip of thousands of
members reads in linear time and a member is never held whole in memory. Hostile inputs are
bounded: a zip may list at most :data:`MAX_MEMBERS` files, and every byte read counts against
:data:`MAX_TOTAL_BYTES`, so a zip bomb stops with a clear problem instead of filling the memory.
Dangling links, pipes and devices are skipped with a warning: reading a FIFO or ``/dev/zero``
would hang or never end.
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from officereport.input.problems import Problems
from officereport.model import InputError, Problem

# Ten years of real data is about 2.5 Gio of text in some eighty files: both caps leave room.
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 8 << 30

_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)


class Unreadable(Exception):
    """A file or member whose bytes cannot be read (damaged archive, I/O error), said in French."""

    @classmethod
    def of(cls, error: BaseException) -> Unreadable:
        return cls(why_unreadable(error))


# Reading errors from zipfile, zlib and io, and what they mean; checked in order (BadZipFile first).
_UNREADABLE: tuple[tuple[type[BaseException], str], ...] = (
    (zlib.error, "données compressées corrompues"),
    (EOFError, "archive tronquée"),
    (RuntimeError, "fichier chiffré (mot de passe) ou illisible"),
    (NotImplementedError, "méthode de compression non prise en charge"),
)


def why_unreadable(error: BaseException) -> str:
    """What a reading error means, in French: the zip and I/O modules say it in English."""
    if isinstance(error, zipfile.BadZipFile):
        return "somme de contrôle CRC fausse : fichier abîmé" if "CRC" in str(error) else "ce n'est pas une archive zip valide"
    meaning = next((text for kind, text in _UNREADABLE if isinstance(error, kind)), None)
    if meaning is not None:
        return meaning
    if isinstance(error, OSError):
        return f"erreur de lecture (errno {error.errno})" if error.errno else "erreur de lecture"
    return str(error)


@dataclass(frozen=True)
class Member:
    """One file of the input, not read yet."""

    name: str  # as shown in problems and sources: a path, or "archive.zip!inner/name.txt"
    file_name: str  # base name, to recognise label files and the sample marker
    open: Callable[[], BinaryIO]
    is_data: bool = False  # a bare file given on its own is data whatever it looks like
    in_archive: bool = False


class Budget:
    """The bytes an input may still unpack before it is refused as too large."""

    def __init__(self, input_name: str, limit: int | None = None) -> None:
        self.input_name = input_name
        self.limit = MAX_TOTAL_BYTES if limit is None else limit
        self.used = 0

    def spend(self, count: int) -> None:
        self.used += count
        if self.used > self.limit:
            limit = f"{self.limit / (1 << 30):.3g} Gio" if self.limit >= 1 << 30 else f"{self.limit} octets"
            message = f"plus de {limit} une fois décompressé : archive piégée ou bien plus de données qu'attendu"
            raise InputError([Problem(self.input_name, None, "too-large", message)])


class Metered(io.RawIOBase):
    """A member's bytes as they are read: hashed, counted against the budget, errors made Unreadable."""

    def __init__(self, raw: BinaryIO, budget: Budget) -> None:
        self._raw = raw
        self._budget = budget
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            count = self._raw.readinto(buffer)
        except _READ_ERRORS as error:
            raise Unreadable.of(error) from error
        self._budget.spend(count)
        self.sha256.update(memoryview(buffer)[:count])
        self.size += count
        return count

    def head(self, size: int) -> bytes:
        """Up to ``size`` first bytes, fewer only at the end of the file."""
        chunks, left = [], size
        while left and (chunk := self.read(left)):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)


@contextmanager
def opened(member: Member, budget: Budget) -> Iterator[Metered]:
    """The member's byte stream; Unreadable when it cannot even be opened."""
    try:
        raw = member.open()
    except _READ_ERRORS as error:
        raise Unreadable.of(error) from error
    with raw:
        yield Metered(raw, budget)


def input_files(path: Path) -> list[Path]:
    """The regular files on disk that make up an input (what the cache key covers)."""
    if path.is_dir():
        return _walk(path)[0]
    return [path]


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Regular files of a folder tree, and the odd entries skipped with why.

    Hidden files and folders are left out: a cache kept inside the data folder must not change
    the key of that folder.
    """
    files, odd = [], []
    for entry in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in entry.relative_to(folder).parts):
            continue
        why = not_regular(entry)
        if why is None:
            files.append(entry)
        elif not entry.is_dir():
            odd.append((entry, why))
    return files, odd


def not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file one can read to its end, or None when it is one."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "lien symbolique cassé" if path.is_symlink() else "fichier ou dossier introuvable"
    except OSError as error:
        return f"inaccessible ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    return "dossier" if stat.S_ISDIR(mode) else "ni fichier ordinaire ni dossier (tube, périphérique…)"


def members(path: Path, problems: Problems, zips: ExitStack) -> list[Member]:
    """Every file of the input, in reading order; each zip is opened once and stays open in ``zips``."""
    if path.is_dir():
        files, odd = _walk(path)
        for entry, why in odd:
            problems.warn(str(entry), None, f"ignoré : {why}")
        found: list[Member] = []
        for file in files:
            if file.suffix.lower() == ".zip":
                found.extend(_zip_members(file, problems, zips))
            else:
                found.append(_file_member(file))
    elif (why := not_regular(path)) is not None:
        rule = "not-regular" if path.exists() else "not-found"
        problems.add(Problem(str(path), None, rule, why))
        return []
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        found = _zip_members(path, problems, zips)
    else:
        found = [_file_member(path, is_data=True)]
    if len(found) > MAX_MEMBERS:
        message = f"{len(found)} fichiers, plus que les {MAX_MEMBERS} admis : archive piégée ou mauvais dossier"
        problems.add(Problem(str(path), None, "too-many-files", message))
        return []
    return found


def _file_member(file: Path, *, is_data: bool = False) -> Member:
    return Member(str(file), file.name, lambda: open(file, "rb"), is_data)


def _zip_members(archive: Path, problems: Problems, zips: ExitStack) -> list[Member]:
    try:
        zf = zips.enter_context(zipfile.ZipFile(archive))
        infos = sorted((info for info in zf.infolist() if not info.is_dir()), key=lambda info: info.filename)
    except (zipfile.BadZipFile, OSError) as error:
        why = why_unreadable(error)
        problems.add(Problem(str(archive), None, "corrupt-zip", f"archive zip illisible ou corrompue ({why})"))
        return []
    if len(infos) > MAX_MEMBERS:  # refused before a member is listed, let alone read
        message = f"{len(infos)} fichiers, plus que les {MAX_MEMBERS} admis : archive piégée ou mauvais dossier"
        problems.add(Problem(str(archive), None, "too-many-files", message))
        return []
    return [
        Member(f"{archive}!{info.filename}", info.filename.rsplit("/", 1)[-1], _opener(zf, info), in_archive=True)
        for info in infos
        if not info.filename.startswith("__MACOSX/") and not info.filename.rsplit("/", 1)[-1].startswith(".")
    ]


def _opener(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], BinaryIO]:
    return lambda: zf.open(info)
