"""Several DGDDI releases in one data folder: each year taken once, from the right release.

Users keep the annual files of past years beside the latest « 5 derniers trimestres »
publication. Each zip or folder at the top of the data folder is read on its own (and cached on
its own). DGDDI ships a past year's exports and imports in two downloads
(``Regional-2021-export/Region_2021_Export.txt``, ``Regional-2021-import/…``): two of them holding
one flow each over the same quarters are paired into one release, and a flow left alone is
refused as the loader refuses it. Each year is then taken from the newest release holding its
four quarters, in the landing order of :func:`~officereport.input.sources.newest_by_year` that
``refresh`` follows too; a year that no release holds complete comes from the newest release
holding any of it. A quarter present in two releases is a revision, not a duplicate: the release
chosen for its year wins, and the totals of the others are kept to say how much they differ.
Duplicates inside one release are still refused by the loader.

Only the rows of the years a release gives (so far) are kept while the others are read, so the
raw rows of every release are never all in memory at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from officereport.digest import sha256_release
from officereport.input import combine, loader, rules, writebehind
from officereport.input.discovery import not_regular
from officereport.input.problems import Problems, log
from officereport.input.revisions import Revision, revisions
from officereport.input.sources import Candidate, list_sources
from officereport.model import InputError, SourceFile, TradeData
from officereport.progress import ProgressCallback, silent


@dataclass(frozen=True)
class Release:
    """One release of the data folder: its file(s) there, when it landed and what it holds."""

    files: tuple[tuple[str, str], ...]  # (name relative to the data folder, SHA-256) of its zip(s) or folder(s)
    mtime_ns: int  # when it landed (its later file): the newest release wins a year
    quarters: dict[int, list[int]]  # quarters present per year, in either flow
    complete_years: tuple[int, ...]

    @property
    def name(self) -> str:
        """``annuel-2023.zip``, or ``Regional-2021-export.zip + Regional-2021-import.zip``."""
        return " + ".join(name for name, _ in self.files)

    @property
    def sha256(self) -> str:
        """Its file's SHA-256; for a release in two files, one over their names and SHA-256s."""
        if len(self.files) == 1:
            return self.files[0][1]
        return hashlib.sha256("".join(f"{n}\0{h}\n" for n, h in self.files).encode()).hexdigest()

    @property
    def candidate(self) -> Candidate:
        return Candidate(self.name, self.mtime_ns, self.complete_years)

    def holds(self, source_name: str) -> bool:
        """Whether a source file (``annuel-2023.zip!Region_2023_Export.txt``) is one of this release's."""
        return any(source_name == n or source_name.startswith((f"{n}!", f"{n}/")) for n, _ in self.files)


@dataclass
class ReleaseSet:
    """What :func:`load_releases` returns."""

    data: TradeData  # each year's rows once, from its release; source names relative to the data folder
    releases: list[Release]  # every release of the folder, oldest first
    year_release: dict[int, Release]  # the release each year comes from
    revisions: list[Revision] = field(default_factory=list)

    def sources_of(self, year: int) -> list[SourceFile]:
        """The source files (data and labels) of the release ``year`` comes from."""
        return [s for s in self.data.sources if self.year_release[year].holds(s.name)]


def release_paths(path: Path) -> list[Path]:
    """The releases of an input: the zips and folders at the top of a data folder, or the input itself.

    A folder holding no zip nor sub-folder is one release (its files unzipped).
    """
    if not path.is_dir():
        return [path]
    return list_sources(path) or [path]


@dataclass
class _Read:
    """A release as read, with all its rows until its years are taken."""

    release: Release
    data: TradeData
    where: str  # the path, as problems name it
    entries: tuple[Path, ...]  # its zip(s) or folder(s), to read its rows again
    summed: bool = False  # the trade is summed per département (``combine.summarised``): its rows are read again

    @property
    def flows(self) -> set[str]:
        return set(self.data.trade["flow"].unique())


class _Years:
    """The years taken so far, each from the best release read yet, and what is kept of every release."""

    def __init__(self, wanted: set[int] | None, choice: dict[int, str] | None = None,
                 detail: set[int] | None = None) -> None:
        self.wanted = wanted
        self.choice = choice  # year -> release name: taken as given instead of ranked
        self.detail = detail  # the years kept row by row; the others summed per département (None: all)
        self.releases: list[Release] = []
        self.parts: list[TradeData] = []  # labels, sources, warnings: the rows are not kept
        self.totals: dict[str, dict[tuple[int, str, int], int]] = {}  # per release, its (year, flow, quarter) totals
        self.best: dict[int, tuple[bool, tuple[int, str]]] = {}  # year -> (complete, landing) of its release
        self.source: dict[int, Release] = {}
        self.rows: dict[int, pd.DataFrame] = {}
        self.unread: dict[int, _Read] = {}  # year -> the summed release whose rows it needs, read at the end

    def take(self, read: _Read) -> None:
        release, trade = read.release, read.data.trade
        self.releases.append(release)
        self.parts.append(replace(combine.without_label_warnings(read.data), trade=trade.iloc[:0]))
        self.totals[release.name] = read.data.period_totals
        for year in release.quarters:
            # A complete year beats an incomplete one, then the later landing wins (newest_by_year).
            rank = (year in release.complete_years, release.candidate.landing)
            if self.choice is not None and self.choice.get(year) != release.name:
                continue
            if year in self.best and self.best[year] >= rank:
                continue
            self.best[year], self.source[year] = rank, release
            if self.wanted is None or year in self.wanted:
                rows = trade if len(release.quarters) == 1 else trade[trade["year"] == year]
                self.unread.pop(year, None)
                if self.detail is not None and year not in self.detail:
                    self.rows[year] = rows if read.summed else combine.summarised(rows)
                elif read.summed:
                    self.rows.pop(year, None)
                    self.unread[year] = read
                else:
                    self.rows[year] = rows

    def complete_years(self) -> list[int]:
        """The years taken complete from their release."""
        return sorted(year for year, release in self.source.items() if year in release.complete_years
                      and (self.wanted is None or year in self.wanted))

    def sum_all_but(self, detail: set[int]) -> None:
        """Keep only ``detail``'s rows row by row, the other years summed: known once every release is read."""
        self.detail = detail
        for year in [y for y in self.unread if y not in detail]:
            summed = self.unread.pop(year).data.trade
            self.rows[year] = summed[summed["year"] == year]
        for year in [y for y in self.rows if y not in detail]:
            self.rows[year] = combine.summarised(self.rows[year])  # a summary stays as it is

    def read_rows(self, cache_dir: Path | None) -> None:
        """The rows of the years still unread, one release at a time (read back from the cache)."""
        by_release: dict[str, list[int]] = {}
        for year, read in self.unread.items():
            by_release.setdefault(read.release.name, []).append(year)
        for years in by_release.values():
            read = self.unread[years[0]]
            tables = [loader.load(entry, cache_dir=cache_dir, both_flows=False, quiet=True).trade for entry in read.entries]
            trade = combine.concat(tables)
            for year in years:
                self.rows[year] = trade[trade["year"] == year]
        self.unread.clear()

    def result(self) -> ReleaseSet:
        tables = [self.rows[year] for year in sorted(self.rows)] or [self.parts[0].trade]
        order = sorted(range(len(self.releases)), key=lambda i: self.releases[i].candidate.landing, reverse=True)
        data = combine.combined(combine.concat(tables), [self.parts[i] for i in order])
        # Its totals per period are those of the releases its years come from, known since they were
        # read: summing its millions of rows again would cost half a second a build.
        data.period_totals = {key: total for year in self.rows
                              for key, total in self.totals[self.source[year].name].items() if key[0] == year}
        used = list({r.name: r for r in self.source.values()}.values())
        data.sources = [s for s in data.sources if any(r.holds(s.name) for r in used)]
        year_release = dict(sorted(self.source.items()))
        oldest_first = [self.releases[i] for i in reversed(order)]
        return ReleaseSet(data, oldest_first, year_release, revisions(year_release, self.totals))


def load_releases(
    path: str | Path,
    *,
    cache_dir: Path | None = None,
    years: Iterable[int] | None = None,
    choice: dict[int, str] | None = None,
    detail_years: Iterable[int] | Callable[[list[int]], Iterable[int]] | None = None,
    progress: ProgressCallback = silent,
) -> ReleaseSet:
    """Load every release of a data folder and take each year from its release (module docstring).

    ``years`` keeps only those years' rows in the returned table (the releases are still all read,
    to know which one holds each year complete). ``choice`` (year -> release name in the folder,
    as refresh chose them) reads only the releases named and keeps only the rows of each year from
    the release named for it. ``detail_years`` keeps those years row by row and the others summed per
    flow, quarter and département (``combine.summarised``): a build of N needs the rows of N and
    N-1 only, and totals of its series years; given as a function, it is told the complete years
    of the folder (a build of the latest one). Every problem of every release is raised at once in one InputError;
    each release is parsed once, and read back from ``cache_dir`` afterwards.
    """
    path = Path(path)
    entries = release_paths(path)
    base = path.parent if entries == [path] else path  # names relative to the folder the releases sit in
    if choice is not None:
        entries = [entry for entry in entries if entry.relative_to(base).as_posix() in choice.values()]
        years = set(choice) if years is None else set(years) & set(choice)
    loose = _loose_files(path, entries) if path.is_dir() and choice is None else []
    for warning in loose:
        log.warning(warning)
    problems = Problems()
    taken = _Years(None if years is None else set(years), choice,
                   None if detail_years is None or callable(detail_years) else set(detail_years))
    halves: list[_Read] = []  # one flow alone, until the other half shows
    alone = len(entries) == 1  # no other release to pair a flow with: the loader says what lacks
    with writebehind.writing_behind():  # each new release's cache entry written while the next is parsed
        for entry in entries:
            try:
                # With a cache, each release is first read summed (a few thousand rows): the rows are
                # read only for the years that need them, from the release chosen for each.
                read = _read(entry, base, cache_dir, progress, both_flows=alone, summed=cache_dir is not None)
            except InputError as error:
                problems.add_first(error.problems, len(error.problems))
                continue
            if len(read.flows) == 1:
                other = next((h for h in halves
                              if h.flows != read.flows and h.release.quarters == read.release.quarters), None)
                if other is None:
                    halves.append(read)
                    continue
                halves.remove(other)
                read = _paired(other, read)
            taken.take(read)
    for half in halves:
        rules.check_flows(half.flows, half.where, problems)
    problems.raise_if_any(str(path), [str(e) for e in entries])
    if callable(detail_years):
        taken.sum_all_but(set(detail_years(taken.complete_years())))
    taken.read_rows(cache_dir)
    loaded = taken.result()
    loaded.data.warnings[:0] = loose
    return loaded


def _read(entry: Path, base: Path, cache_dir: Path | None, progress: ProgressCallback, both_flows: bool,
          summed: bool) -> _Read:
    data = loader.load(entry, cache_dir=cache_dir, progress=progress, both_flows=both_flows, summary=summed)
    files = ((entry.relative_to(base).as_posix(), sha256_release(entry)),)
    release = Release(files, _mtime_ns(entry), data.quarters_by_year(), tuple(data.complete_years()))
    return _Read(release, combine.relative_sources(data, base), str(entry), (entry,), summed)


def _paired(first: _Read, second: _Read) -> _Read:
    """Two downloads of one release, one flow each, as one release."""
    parts = [combine.without_label_warnings(read.data) for read in (first, second)]
    data = combine.combined(combine.concat([part.trade for part in parts]), parts)
    files = tuple(sorted(first.release.files + second.release.files))
    mtime_ns = max(first.release.mtime_ns, second.release.mtime_ns)
    release = Release(files, mtime_ns, data.quarters_by_year(), tuple(data.complete_years()))
    return _Read(release, data, f"{first.where} + {second.where}", first.entries + second.entries,
                 first.summed or second.summed)


def _loose_files(folder: Path, releases: list[Path]) -> list[str]:
    """Warnings for the customs or label files (``.txt``) beside the releases of a folder: they belong
    to none of them. Other files (a README, notes in another format) are no customs data: not said."""
    if releases == [folder]:
        return []
    return [
        f"{entry} : ignoré : fichier posé à côté des publications (zip ou dossier) ; placez-le dans l'une d'elles"
        for entry in sorted(folder.iterdir())
        if entry not in releases and entry.suffix.lower() == ".txt" and not entry.name.startswith(".")
        and not_regular(entry) is None
    ]


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
