"""Which release each year comes from, and which releases the build of a year uses.

Each complete year comes from the newest valid release holding it whole
(:func:`~officereport.input.sources.newest_by_year`, the policy ``build`` follows too). The build
of year N uses the releases of N, of N-1 (the change since last year) and of the earlier years of
its yearly series (:func:`~officereport.input.sources.years_used`): those releases, with their
SHA-256, are what its manifest lists and what refresh compares with the published build. So a new
or revised release rebuilds the years it touches and only them: a revised annual 2023 rebuilds
2023, 2024 and every later year whose series reaches back to 2023 (at most
``HISTORY_YEARS - 1`` years later); a latest publication whose only complete year is 2024 rebuilds
2024 alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from officereport.input.sources import Candidate, newest_by_year, years_used
from officereport.publish.state import BuildRecord, SourceRecord

if TYPE_CHECKING:  # not at run time: refresh's own imports stay free of pandas
    from officereport.input.releases import ReleaseSet


@dataclass(frozen=True)
class UsedRelease:
    """The release one year of a build comes from: its name in the data folder and its SHA-256."""

    year: int
    name: str
    sha256: str

    def manifest(self) -> dict:
        return {"year": self.year, "name": self.name, "sha256": self.sha256}


def chosen_releases(records: dict[str, SourceRecord]) -> dict[int, UsedRelease]:
    """Each complete year's release among the valid sources of the data folder (by name)."""
    valid = [Candidate(name, r.fingerprint.mtime_ns, tuple(r.years)) for name, r in records.items() if not r.rejected]
    return {year: UsedRelease(year, name, records[name].fingerprint.sha256)
            for year, name in newest_by_year(valid).items()}


def releases_of(chosen: dict[int, UsedRelease], year: int) -> list[UsedRelease]:
    """The releases the build of ``year`` uses, ``year``'s own first."""
    return [chosen[y] for y in years_used(chosen, year)]


def loaded_releases(loaded: ReleaseSet, year: int) -> list[UsedRelease]:
    """The releases the build of ``year`` uses among those ``build`` loaded, as refresh lists them."""
    return [UsedRelease(y, loaded.year_release[y].name, loaded.year_release[y].sha256)
            for y in years_used(loaded.data.complete_years(), year)]


def release_changes(built: BuildRecord, wanted: BuildRecord) -> list[str]:
    """What changed in the releases a year uses, in the log's words; the names are the new ones."""
    if not built.releases:
        return ["état enregistré par une version précédente (publications utilisées non notées) : reconstruite une fois"]
    before, now = dict(built.releases), dict(wanted.releases)
    names = dict(zip((year for year, _ in wanted.releases), wanted.release_names))
    reasons = []
    for year in sorted(before.keys() | now.keys(), reverse=True):
        if year not in now:
            reasons.append(f"données de {year} retirées")
        elif year not in before:
            reasons.append(f"données de {year} ajoutées ({names.get(year, '?')})")
        elif before[year] != now[year]:
            reasons.append(f"données de {year} modifiées ({names.get(year, '?')})")
    return reasons
