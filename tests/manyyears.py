"""Four complete years of a few hand-sized rows, for the tests of the yearly series in indicators,
workbooks and decks; each test works its expected totals out from these rows with ``totals``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from officereport.model import EXPORT as E
from officereport.model import IMPORT as I

YEARS = (2021, 2022, 2023, 2024)
ABSENT = (2022, "01")  # Ain has no trade in 2022


def rows(years: Iterable[int] = YEARS) -> list[tuple]:
    """(flow, year, quarter, dep, a129, cpf4, partner, value) rows: every quarter of both flows each year,
    Haute-Loire's exports rising, its imports falling, so that its balance turns from deficit to surplus."""
    years = list(years)
    out = []
    for k, year in enumerate(years, 1):
        for quarter in (1, 2, 3, 4):
            out += [(E, year, quarter, "43", "C29A", "2910", "DE", 100_000 * k + quarter),
                    (I, year, quarter, "43", "B06Z", "0610", "CN", 80_000 * (len(years) + 1 - k) + quarter),
                    (E, year, quarter, "63", "C10A", "1011", "US", 20_000 * k)]
        if (year, "01") != ABSENT:
            out += [(E, year, 1, "01", "C21Z", "2120", "BE", 5_000 * k), (I, year, 2, "01", "C28A", "2811", "IT", 3_000)]
    return out


def totals(rows: Iterable[tuple], deps: Sequence[str], year: int) -> tuple[int, int, int]:
    """Exports, imports and balance of ``deps`` in ``year``, summed straight from the rows."""
    chosen = [r for r in rows if r[1] == year and r[3] in deps]
    exports = sum(r[7] for r in chosen if r[0] == E)
    imports = sum(r[7] for r in chosen if r[0] == I)
    return exports, imports, exports - imports
