"""Where new customs data comes from: the data folder users drop DGDDI zips into, and a URL to poll.

The data folder is the landing folder. Every DGDDI zip (or unzipped folder) at its top level is
one source; files still being copied, hidden files and partial downloads are not. Each year is
built from the most recently landed source that holds all four quarters of it, so a new release
replaces the years it covers and older years stay available from older files.

``poll_url`` fetches a DGDDI zip over HTTP(S) with a conditional request (ETag, Last-Modified),
into a hidden temporary file of the data folder; the file is checked by the caller's ``validate``
(the loader) before it is renamed into place under a dated name, so a truncated or invalid
download never becomes a source.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from officereport import __version__
from officereport.input.discovery import not_regular
from officereport.input.problems import log

# Names of files that are on their way in: browser downloads, Office lock files, our own temporaries.
_IN_PROGRESS = re.compile(r"^[.~]|\.(part|partial|crdownload|tmp|download)$", re.IGNORECASE)


def list_sources(data_dir: Path) -> list[Path]:
    """The candidate inputs in the data folder: zips and folders, in name order.

    A dangling link, a pipe or a device named like a zip is skipped with a logged warning: reading
    it would fail on every run, or never end.
    """
    if not data_dir.is_dir():
        return []
    found = []
    for path in sorted(data_dir.iterdir()):
        if _IN_PROGRESS.search(path.name) or not (path.is_dir() or path.suffix.lower() == ".zip"):
            continue
        why = not_regular(path)
        if why is None or why == "dossier":
            found.append(path)
        else:
            log.warning("%s : ignoré : %s", path, why)
    return found


@dataclass(frozen=True)
class Candidate:
    """A valid source as far as choosing goes: when it landed and which complete years it holds."""

    name: str
    mtime_ns: int
    years: tuple[int, ...]

    @property
    def landing(self) -> tuple[int, str]:
        """What orders sources by landing: the later modification time, then the later name."""
        return self.mtime_ns, self.name


def newest_by_year(candidates: list[Candidate]) -> dict[int, str]:
    """For each year, the source that landed last among those holding the complete year."""
    chosen: dict[int, Candidate] = {}
    for candidate in candidates:
        for year in candidate.years:
            current = chosen.get(year)
            if current is None or candidate.landing > current.landing:
                chosen[year] = candidate
    return {year: candidate.name for year, candidate in sorted(chosen.items())}


# The years a build of year N reads: N, N-1 for the change since last year, and the years of the
# yearly series, at most the last ten.
HISTORY_YEARS = 10


def years_used(complete: Iterable[int], year: int) -> list[int]:
    """The complete years a build of ``year`` uses (``year`` itself first, then back in time): its
    outputs, and so its manifest and what refresh compares, depend on these years' releases only."""
    return sorted((y for y in set(complete) if year - HISTORY_YEARS < y <= year), reverse=True)


@dataclass
class RemoteCheck:
    """What one poll of the source URL gave."""

    status: str  # "new", "unchanged", "rejected" (invalid content), "error" (try again next run)
    message: str
    path: Path | None = None  # the new source, when status is "new"
    loaded: Any = None  # what validate() returned for it (the loaded data), to avoid loading twice
    remember: dict[str, str] = field(default_factory=dict)  # validators to send next time


def _file_name(url: str, response: http.client.HTTPResponse) -> str:
    disposition = response.headers.get_filename()
    name = disposition or PurePosixPath(unquote(urlsplit(url).path)).name or "dgddi.zip"
    name = re.sub(r"[^\w.() -]", "_", Path(name).name)
    return name if name.lower().endswith(".zip") else name + ".zip"


def _download(response: http.client.HTTPResponse, target: Path) -> str:
    """Stream the body into ``target``; its SHA-256, or IOError when the body is cut short."""
    expected = response.headers.get("Content-Length")
    digest = hashlib.sha256()
    received = 0
    with open(target, "wb") as stream:
        try:
            while block := response.read(1 << 20):
                stream.write(block)
                digest.update(block)
                received += len(block)
        except http.client.IncompleteRead as err:
            received += len(err.partial)
        stream.flush()
        os.fsync(stream.fileno())
    if expected is not None and received != int(expected):
        raise OSError(f"téléchargement incomplet : {received} octets reçus sur {expected} annoncés")
    return digest.hexdigest()


def poll_url(
    url: str,
    data_dir: Path,
    *,
    remembered: dict[str, str],
    validate: Callable[[Path], Any],
    clock: Callable[[], datetime] = datetime.now,
    timeout_s: float = 120,
) -> RemoteCheck:
    """Fetch ``url`` if it changed since ``remembered`` (etag, last_modified, sha256 of the last copy).

    ``validate(path)`` must raise on invalid content (the loader's InputError); its message is
    reported and the server's validators remembered, so the same bad file is not fetched again.
    Network errors, server errors and truncated downloads are reported for a retry next run.
    """
    headers = {"User-Agent": f"officereport/{__version__}"}
    if remembered.get("etag"):
        headers["If-None-Match"] = remembered["etag"]
    if remembered.get("last_modified"):
        headers["If-Modified-Since"] = remembered["last_modified"]
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout_s) as response:
            name = _file_name(url, response)
            validators = {k: v for k, v in (("etag", response.headers.get("ETag")),
                                            ("last_modified", response.headers.get("Last-Modified"))) if v}
            partial = data_dir / f".telechargement-{name}"
            try:
                sha256 = _download(response, partial)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return RemoteCheck("unchanged", f"{url} : inchangé depuis le dernier relevé (304)", remember=remembered)
        return RemoteCheck("error", f"{url} : le serveur a répondu {err.code} {err.reason} ; nouvel essai au "
                                    "prochain passage", remember=remembered)
    except (OSError, http.client.HTTPException) as err:
        return RemoteCheck("error", f"{url} : {err} ; nouvel essai au prochain passage", remember=remembered)

    remember = {**validators, "sha256": sha256}
    if sha256 == remembered.get("sha256"):
        partial.unlink()
        return RemoteCheck("unchanged", f"{url} : contenu identique au dernier téléchargement", remember=remember)
    try:
        loaded = validate(partial)
    except Exception as err:
        partial.unlink()
        return RemoteCheck("rejected", f"{url} : fichier refusé, il ne sera retéléchargé qu'une fois modifié "
                                       f"sur le serveur\n{err}", remember=remember)
    target = data_dir / f"{Path(name).stem}-{clock():%Y-%m-%d_%H%M%S}.zip"
    os.replace(partial, target)
    return RemoteCheck("new", f"{url} : nouvelle version enregistrée sous {target.name}", target, loaded, remember)
