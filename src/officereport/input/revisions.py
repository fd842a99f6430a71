"""Quarters held by two releases of a data folder: the total of the release a year comes from and
of each other one, for ``check`` to say how much a revision moved the figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from officereport.model import EXPORT, IMPORT

if TYPE_CHECKING:  # releases imports this module
    from officereport.input.releases import Release


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


def revisions(year_release: dict[int, Release], totals: dict[str, dict[tuple[int, str, int], int]]) -> list[Revision]:
    """Each quarter and flow held by the release used and by another one: both totals."""
    found = []
    for year, release in year_release.items():
        used = totals[release.name]
        for quarter in release.quarters.get(year, []):
            for flow in (EXPORT, IMPORT):
                period = (year, flow, quarter)
                if period not in used:
                    continue
                for other, their in totals.items():
                    if other != release.name and period in their:
                        found.append(Revision(year, quarter, flow, release.name, used[period], other, their[period]))
    return found
