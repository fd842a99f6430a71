"""Several DGDDI releases in one data folder: each year taken once, from the right release.

Users keep the annual files of past years (one zip per year) beside the latest « 5 derniers
trimestres » publication. Each zip or folder at the top of the data folder is one release, loaded
on its own (and cached on its own). Each year is then taken from the newest release holding its
four quarters, the policy of :func:`~officereport.input.sources.newest_by_year` that ``refresh``
follows too; a year that no release holds complete comes from the newest release holding any of
it. A quarter present in two releases is a revision, not a duplicate: the release chosen for its
year wins, and the totals of the others are kept to say how much they differ. Duplicates inside
one release are still refused by the loader.

Releases are read newest first and only the years they give are kept, so the raw rows of every
release are never all in memory at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from officereport.input import cache, labels, loader
from officereport.input.discovery import not_regular
from officereport.input.problems import log
from officereport.input.sources import Candidate, list_sources, newest_by_year
from officereport.model import EXPORT, IMPORT, InputError, LabelRow, Labels, Problem, SourceFile, TradeData
from officereport.progress import ProgressCallback, silent


@dataclass(frozen=True)
class Release:
    """One release of the data folder: its name there, its fingerprint and what it holds."""

    name: str  # relative to the data folder: "annuel-2023.zip"
    sha256: str  # of the zip, or of a folder's files (relative path and content of each)
    mtime_ns: int  # when it landed: the newest release wins a year
    quarters: dict[int, list[int]]  # quarters present per year, in either flow
    complete_years: tuple[int, ...]


@dataclass(frozen=True)
class Revision:
    """One quarter of one flow found in two releases: the total of the release used and of the other."""

    year: int
    quarter: int
    flow: str
    used: str  # the release the year comes from
    used_eur: int
    other: str
    other_eur: int

    @property
    def difference_eur(self) -> int:
        return self.used_eur - self.other_eur

    @property
    def difference_pct(self) -> float | None:
        """The difference in % of the other release's total; None when that total is zero."""
        return self.difference_eur / self.other_eur * 100 if self.other_eur else None


@dataclass
class ReleaseSet:
    """What :func:`load_releases` returns."""

    data: TradeData  # each year's rows once, from its release; source names relative to the data folder
    releases: list[Release]  # every release of the folder, oldest first
    year_release: dict[int, Release]  # the release each year comes from
    revisions: list[Revision] = field(default_factory=list)

    def sources_of(self, year: int) -> list[SourceFile]:
        """The source files (data and labels) of the release ``year`` comes from."""
        return [s for s in self.data.sources if _belongs(s.name, self.year_release[year].name)]


def release_paths(path: Path) -> list[Path]:
    """The releases of an input: the zips and folders at the top of a data folder, or the input itself.

    A folder holding no zip nor sub-folder is one release (its files unzipped).
    """
    if not path.is_dir():
        return [path]
    return list_sources(path) or [path]


def _loose_files(folder: Path, releases: list[Path]) -> list[str]:
    """Warnings for the files beside the releases of a folder: they belong to none of them."""
    if releases == [folder]:
        return []
    return [
        f"{entry} : ignoré : fichier posé à côté des publications (zip ou dossier) ; placez-le dans l'une d'elles"
        for entry in sorted(folder.iterdir())
        if entry not in releases and not entry.name.startswith(".") and not_regular(entry) is None
    ]


def release_sha256(path: Path) -> str:
    """Fingerprint of a release: the zip's SHA-256, or one over a folder's files (path and content)."""
    if not path.is_dir():
        return cache.file_sha256(path)
    digest = hashlib.sha256()
    for member in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{member.relative_to(path).as_posix()}\0{cache.file_sha256(member)}\n".encode())
    return digest.hexdigest()


def load_releases(
    path: str | Path,
    *,
    cache_dir: Path | None = None,
    years: Iterable[int] | None = None,
    progress: ProgressCallback = silent,
) -> ReleaseSet:
    """Load every release of a data folder and take each year from its release (module docstring).

    ``years`` keeps only those years' rows in the returned table (the releases are still all read,
    to know which one holds each year complete). Every problem of every release is raised at once
    in one InputError; each release is parsed once, and read back from ``cache_dir`` afterwards.
    """
    path = Path(path)
    wanted = None if years is None else set(years)
    entries = sorted(release_paths(path), key=lambda p: (_mtime_ns(p), p.name), reverse=True)  # newest first
    loose = _loose_files(path, entries) if path.is_dir() else []
    for warning in loose:
        log.warning(warning)
    base = path.parent if entries == [path] else path  # names relative to the folder the releases sit in
    problems: list[Problem] = []
    releases: list[Release] = []
    loaded: list[TradeData] = []
    slices: dict[tuple[str, int], pd.DataFrame] = {}
    claimed: set[int] = set()
    totals: dict[str, pd.Series] = {}
    for entry in entries:
        name = entry.relative_to(base).as_posix()
        try:
            data = loader.load(entry, cache_dir=cache_dir, progress=progress)
        except InputError as error:
            problems.extend(error.problems)
            continue
        release = Release(name, release_sha256(entry), _mtime_ns(entry), data.quarters_by_year(),
                          tuple(data.complete_years()))
        releases.append(release)
        # Label warnings are judged again on the years kept with every release's labels: an annual
        # zip without label files is no news when the latest publication brings them.
        own = labels.coverage_warnings(data.trade, _label_rows(data.labels))
        kept_warnings = [w for w in data.warnings if w not in own]
        loaded.append(_relative(replace(data, trade=data.trade.iloc[:0], warnings=kept_warnings), base))
        totals[name] = data.trade.groupby(["year", "quarter", "flow"], observed=True)["value_eur"].sum()
        # Newest first: a complete year not claimed yet is this release's; an incomplete one is
        # kept in case no release holds it complete.
        for year in release.quarters:
            if year in claimed or (wanted is not None and year not in wanted):
                continue
            if year in release.complete_years:
                claimed.add(year)
                for older_key in [key for key in slices if key[1] == year]:
                    del slices[older_key]  # a newer release held it incomplete: superseded
            elif any(y == year for _, y in slices):
                continue
            slices[(name, year)] = data.trade[data.trade["year"] == year]
        empty = data.trade.iloc[:0]
        del data
    if problems:
        raise InputError(problems)

    by_name = {r.name: r for r in releases}
    chosen = newest_by_year([Candidate(r.name, r.mtime_ns, r.complete_years) for r in releases])
    for name, year in slices:
        chosen.setdefault(year, name)  # incomplete everywhere: the newest release holding some of it
    kept = [slices[(name, year)] for year, name in sorted(chosen.items()) if (name, year) in slices]
    year_release = {year: by_name[name] for year, name in chosen.items()}
    data = _combined(kept or [empty], loaded, {r.name for r in year_release.values()})
    data.warnings[:0] = loose
    return ReleaseSet(data, releases[::-1], year_release, _revisions(year_release, totals))


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _belongs(source_name: str, release_name: str) -> bool:
    return source_name == release_name or source_name.startswith((f"{release_name}!", f"{release_name}/"))


def _relative(data: TradeData, base: Path) -> TradeData:
    """The data with its source names relative to the data folder, as outputs must name them."""
    root = base.resolve()

    def relative(name: str) -> str:
        file, bang, member = name.partition("!")
        try:
            file = Path(file).resolve().relative_to(root).as_posix()
        except ValueError:  # not under the data folder: keep the name as the loader gave it
            pass
        return f"{file}{bang}{member}"

    return replace(data, sources=[replace(s, name=relative(s.name)) for s in data.sources])


def _combined(tables: list[pd.DataFrame], loaded: list[TradeData], used: set[str]) -> TradeData:
    """One trade table from the years' slices; labels, sources and warnings of the releases used."""
    label_rows: dict[str, list[LabelRow]] = {"a129": [], "cpf4": [], "partners": []}
    for data in loaded:  # newest first: on equal validity, Labels keeps the first row met
        for kind, rows in label_rows.items():
            seen = set(rows)
            rows.extend(row for row in getattr(data.labels, kind) if row not in seen)
    trade = _concat(tables)
    combined = Labels(**label_rows)
    return TradeData(
        trade=trade,
        labels=combined,
        sources=[s for data in loaded[::-1] for s in data.sources if any(_belongs(s.name, n) for n in used)],
        warnings=[w for data in loaded[::-1] for w in data.warnings]
        + labels.coverage_warnings(trade, _label_rows(combined)),
        is_sample=any(data.is_sample for data in loaded),
    )


def _label_rows(names: Labels) -> dict[str, list[LabelRow]]:
    """The label rows of each kind that has some, as :func:`labels.coverage_warnings` takes them."""
    return {kind: getattr(names, kind) for kind in (labels.A129, labels.CPF4, labels.PARTNERS)
            if getattr(names, kind)}


def _concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The slices as one table, each code column over the sorted union of their categories.

    Concatenating categoricals of different categories would give plain object columns.
    """
    tables = [t.copy() for t in tables]
    for column, dtype in tables[0].dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            union = sorted(set().union(*(_used_categories(t[column]) for t in tables)))
            for table in tables:
                table[column] = table[column].cat.set_categories(union)
    return pd.concat(tables, ignore_index=True)


def _used_categories(column: pd.Series) -> list[str]:
    """The categories a column's rows hold (a year's slice keeps its release's others); a count, no sort."""
    categories = column.cat.categories
    return categories[np.bincount(column.cat.codes.to_numpy(), minlength=len(categories)) > 0].tolist()


def _revisions(year_release: dict[int, Release], totals: dict[str, pd.Series]) -> list[Revision]:
    """Each quarter and flow held by the release used and by another one: both totals."""
    found = []
    for year, release in sorted(year_release.items()):
        used = totals[release.name]
        for quarter in release.quarters.get(year, []):
            for flow in (EXPORT, IMPORT):
                if (year, quarter, flow) not in used.index:
                    continue
                for other, their in totals.items():
                    if other != release.name and (year, quarter, flow) in their.index:
                        found.append(Revision(year, quarter, flow, release.name, int(used[(year, quarter, flow)]),
                                              other, int(their[(year, quarter, flow)])))
    return found
