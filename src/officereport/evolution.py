"""Year-on-year change N-1 -> N: totals, partner countries, A129 product groups, départements; and yearly series.

Years N and N-1 may come from different releases, so each is read from its own ``TradeData``
(the same object when one release holds both). Whatever has no row in N-1 has a previous value of
0 and no change in % (None, read « nouveau »): never a division by zero. Whatever has no row in N
has a value of 0 and a change of -100 %.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from officereport import scopes as scoping
from officereport.indicators.results import Names
from officereport.input import geography
from officereport.input.sources import years_used
from officereport.model import EXPORT, IMPORT, TradeData
from officereport.scopes import CUBE_KEYS, Scopes, change_pct

TOP_MOVES = 5  # départements named among the largest rises and falls
Change = TypeVar("Change", bound="TotalsChange")
MIN_SERIES_YEARS = 3  # fewer complete years make no series: two points are the change N-1 -> N


@dataclass(frozen=True)
class TotalsChange:
    exports_eur: int
    imports_eur: int
    exports_eur_previous: int
    imports_eur_previous: int
    exports_change_pct: float | None
    imports_change_pct: float | None

    @classmethod
    def of(cls: type[Change], exports: int, imports: int, exports_previous: int, imports_previous: int,
           **named: str) -> Change:
        """The change between the values given; ``named``: the fields a subclass adds (a partner's code and name)."""
        return cls(exports, imports, exports_previous, imports_previous,
                   change_pct(exports, exports_previous), change_pct(imports, imports_previous), **named)

    def change_eur(self, flow: str) -> int:
        if flow == EXPORT:
            return self.exports_eur - self.exports_eur_previous
        return self.imports_eur - self.imports_eur_previous


@dataclass(frozen=True, kw_only=True)
class NamedChange(TotalsChange):
    """The change of one partner country or one département, both flows."""

    code: str
    name: str

    @classmethod
    def of_totals(cls, totals: TotalsChange, code: str, name: str) -> NamedChange:
        return cls(**dataclasses.asdict(totals), code=code, name=name)


PartnerChange = DepartementChange = NamedChange


@dataclass(frozen=True)
class ProductChange:
    """One A129 product group in one flow."""

    flow: str
    a129: str
    name: str
    value_eur: int
    value_eur_previous: int
    change_pct: float | None


@dataclass(frozen=True)
class _YearOnYear:
    """A change from N-1 to N: ``previous_year`` is always the year before ``year``."""

    year: int

    @property
    def previous_year(self) -> int:
        return self.year - 1


@dataclass(frozen=True)
class ScopeEvolution(_YearOnYear):
    """One scope's change; partners by value in N (then N-1), products per flow (exports first) by value."""

    totals: TotalsChange
    partners: tuple[PartnerChange, ...]
    products: tuple[ProductChange, ...]


@dataclass(frozen=True)
class NationalEvolution(_YearOnYear):
    """Every département's change, in geography order, for the national workbook."""

    departements: tuple[DepartementChange, ...]

    def _moves(self, flow: str) -> list[tuple[int, DepartementChange]]:
        return [(d.change_eur(flow), d) for d in self.departements]

    def largest_rises(self, flow: str, n: int = TOP_MOVES) -> list[DepartementChange]:
        """The ``n`` largest rises in euros (not in %, which small départements would dominate)."""
        moves = sorted((m for m in self._moves(flow) if m[0] > 0), key=lambda m: (-m[0], m[1].code))
        return [d for _, d in moves[:n]]

    def largest_falls(self, flow: str, n: int = TOP_MOVES) -> list[DepartementChange]:
        moves = sorted((m for m in self._moves(flow) if m[0] < 0), key=lambda m: (m[0], m[1].code))
        return [d for _, d in moves[:n]]


@dataclass(frozen=True)
class YearTotals:
    year: int
    exports_eur: int
    imports_eur: int
    balance_eur: int


@dataclass(frozen=True)
class YearlySeries:
    """A scope's totals per complete year up to N, oldest first.

    ``years`` are the complete years a build of N uses (``sources.years_used``: the last ten); ``points`` is empty when
    they are fewer than ``MIN_SERIES_YEARS``, so that no output draws a trend from two points and
    each can still say which years it had.
    """

    years: tuple[int, ...]
    points: tuple[YearTotals, ...]


def _names(current: TradeData, previous: TradeData, year: int) -> Names:
    """Labels of N, completed by those of N-1 for codes that left the newer label files."""
    now, before = Names.for_year(current, year), Names.for_year(previous, year - 1)
    return Names(products={**before.products, **now.products}, partners={**before.partners, **now.partners})


# A pair of scoped cubes: (year N, year N-1).
Pair = tuple[pd.DataFrame, pd.DataFrame]


def _summed(scoped: Pair, keys: list[str]) -> pd.DataFrame:
    """Values of N and N-1 per key, 0 where a year has no row: columns *keys, value_eur, value_eur_previous."""
    current, previous = (scoping.rolled_up(s, keys) for s in scoped)
    both = current.merge(previous, on=keys, how="outer", suffixes=("", "_previous"))
    values = ["value_eur", "value_eur_previous"]
    return both.fillna(dict.fromkeys(values, 0)).astype(dict.fromkeys(values, "int64"))


def _totals(scoped: Pair) -> dict[str, TotalsChange]:
    table = _summed(scoped, ["scope", "flow"]).set_index(["scope", "flow"])
    values = table.to_dict("index")
    totals = {}
    for scope in table.index.get_level_values("scope").unique():
        e, i = (values.get((scope, flow), {"value_eur": 0, "value_eur_previous": 0}) for flow in (EXPORT, IMPORT))
        totals[scope] = TotalsChange.of(e["value_eur"], i["value_eur"], e["value_eur_previous"],
                                        i["value_eur_previous"])
    return totals


def _partners(scoped: Pair, names: Names) -> dict[str, list[PartnerChange]]:
    countries = tuple(s[s["partner"].isin(names.countries)] for s in scoped)
    table = _summed(countries, ["scope", "partner", "flow"])
    wide = table.pivot_table(index=["scope", "partner"], columns="flow", values=["value_eur", "value_eur_previous"],
                             aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["value_eur", "value_eur_previous"], [EXPORT, IMPORT]]),
                        fill_value=0)
    wide.columns = ["exports_eur", "imports_eur", "exports_eur_previous", "imports_eur_previous"]
    wide = wide.reset_index()
    wide["_now"] = wide["exports_eur"] + wide["imports_eur"]
    wide["_before"] = wide["exports_eur_previous"] + wide["imports_eur_previous"]
    wide = wide.sort_values(["scope", "_now", "_before", "partner"], ascending=[True, False, False, True])
    rows: dict[str, list[PartnerChange]] = {}
    for r in wide.itertuples(index=False):
        e, i, ep, ip = (int(v) for v in (r.exports_eur, r.imports_eur, r.exports_eur_previous, r.imports_eur_previous))
        rows.setdefault(r.scope, []).append(
            PartnerChange.of(e, i, ep, ip, code=r.partner, name=names.partner(r.partner)))
    return rows


def _products(scoped: Pair, names: Names) -> dict[str, list[ProductChange]]:
    table = _summed(scoped, ["scope", "flow", "a129"])
    table["_order"] = table["flow"].map({EXPORT: 0, IMPORT: 1})
    table = table.sort_values(["scope", "_order", "value_eur", "value_eur_previous", "a129"],
                              ascending=[True, True, False, False, True])
    rows: dict[str, list[ProductChange]] = {}
    for r in table.itertuples(index=False):
        now, before = int(r.value_eur), int(r.value_eur_previous)
        rows.setdefault(r.scope, []).append(
            ProductChange(r.flow, r.a129, names.product(r.a129), now, before, change_pct(now, before)))
    return rows


def evolution(current: TradeData, previous: TradeData, year: int,
              scopes: Scopes | None = None, *, scoped_current: pd.DataFrame | None = None) -> dict[str, ScopeEvolution]:
    """Change from ``year`` - 1 (read in ``previous``) to ``year`` (read in ``current``) for every scope.

    ``scopes`` defaults to every département on its own; every scope gets a result, with zeros when
    it has no trade. ``scoped_current`` is the year's trade per (scope, *CUBE_KEYS), as text or as
    categories, when the caller has it already.
    """
    scopes = scoping.departements() if scopes is None else scopes
    names = _names(current, previous, year)
    if scoped_current is None:
        scoped_current = scoping.scoped_cube(current.trade, [year], scopes, CUBE_KEYS, coded=True)
    scoped = (scoped_current, scoping.scoped_cube(previous.trade, [year - 1], scopes, CUBE_KEYS, coded=True))
    totals, partners, products = _totals(scoped), _partners(scoped, names), _products(scoped, names)
    no_trade = TotalsChange.of(0, 0, 0, 0)
    return {
        key: ScopeEvolution(year, totals.get(key, no_trade),
                            tuple(partners.get(key, ())), tuple(products.get(key, ())))
        for key in scopes
    }


def national(changes: dict[str, ScopeEvolution], year: int) -> NationalEvolution:
    """Every département's totals change, from each one's evolution keyed by its DGDDI code (a
    département absent in N-1 has previous values of 0)."""
    rows = tuple(DepartementChange.of_totals(changes[code].totals, code, dep.name)
                 for code, dep in geography.DEPARTEMENTS.items())
    return NationalEvolution(year, rows)


def yearly_series(data: TradeData, year: int, scopes: Scopes | None = None, *,
                  summed: Mapping[int, Mapping[str, tuple[int, int]]] | None = None) -> dict[str, YearlySeries]:
    """Exports, imports and balance of the complete years of ``data`` up to ``year``, oldest first, per scope.

    Only totals per (year, flow, département) are summed from the rows, then per scope. A scope
    without trade in a year has zeros there. ``summed`` gives the (exports, imports) per scope of
    years the caller has summed already (N and N-1, from their cubes): their millions of rows are
    not read again.
    """
    scopes = scoping.departements() if scopes is None else scopes
    years = tuple(reversed(years_used(data.complete_years(), year)))
    if len(years) < MIN_SERIES_YEARS:  # nothing drawn: the years alone say why
        return {key: YearlySeries(years, ()) for key in scopes}
    summed = {y: totals for y, totals in (summed or {}).items() if y in years}
    keys = ["year", "flow"]
    table = scoping.scoped_cube(data.trade, [y for y in years if y not in summed], scopes, keys)
    values = {(s, int(y), f): int(v) for s, y, f, v in table[["scope", *keys, "value_eur"]].itertuples(index=False)}
    for y, totals in summed.items():
        for key, (exports, imports) in totals.items():
            values[(key, y, EXPORT)], values[(key, y, IMPORT)] = exports, imports
    series = {}
    for key in scopes:
        points = []
        for y in years:
            e, i = values.get((key, y, EXPORT), 0), values.get((key, y, IMPORT), 0)
            points.append(YearTotals(y, e, i, e - i))
        series[key] = YearlySeries(years, tuple(points))
    return series
