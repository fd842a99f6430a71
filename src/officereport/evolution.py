"""Year-on-year change N-1 -> N: totals, partner countries, A129 product groups, départements, and yearly series.

Years N and N-1 may come from different releases, so each is read from its own ``TradeData``
(the same object when one release holds both). Whatever has no row in N-1 has a previous value of
0 and no change in % (None, read « nouveau »): never a division by zero. Whatever has no row in N
has a value of 0 and a change of -100 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from officereport import scopes as scoping
from officereport.indicators.results import Names
from officereport.input import geography
from officereport.model import EXPORT, IMPORT, TradeData
from officereport.scopes import Scopes, change_pct

TOP_MOVES = 5  # départements named among the largest rises and falls


@dataclass(frozen=True)
class TotalsChange:
    exports_eur: int
    imports_eur: int
    exports_eur_previous: int
    imports_eur_previous: int
    exports_change_pct: float | None
    imports_change_pct: float | None

    @classmethod
    def of(cls, exports: int, imports: int, exports_previous: int, imports_previous: int) -> TotalsChange:
        return cls(exports, imports, exports_previous, imports_previous,
                   change_pct(exports, exports_previous), change_pct(imports, imports_previous))

    def change_eur(self, flow: str) -> int:
        if flow == EXPORT:
            return self.exports_eur - self.exports_eur_previous
        return self.imports_eur - self.imports_eur_previous


@dataclass(frozen=True)
class PartnerChange:
    """One partner country, both flows."""

    code: str
    name: str
    exports_eur: int
    imports_eur: int
    exports_eur_previous: int
    imports_eur_previous: int
    exports_change_pct: float | None
    imports_change_pct: float | None


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
class ScopeEvolution:
    """One scope's change; partners by value in N (then N-1), products per flow (exports first) by value."""

    year: int
    previous_year: int
    totals: TotalsChange
    partners: tuple[PartnerChange, ...]
    products: tuple[ProductChange, ...]


@dataclass(frozen=True)
class DepartementChange:
    code: str
    name: str
    totals: TotalsChange


@dataclass(frozen=True)
class NationalEvolution:
    """Every département's change, in geography order, for the national workbook."""

    year: int
    previous_year: int
    departements: tuple[DepartementChange, ...]

    def _moves(self, flow: str) -> list[tuple[int, DepartementChange]]:
        return [(d.totals.change_eur(flow), d) for d in self.departements]

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


def _names(current: TradeData, previous: TradeData, year: int) -> Names:
    """Labels of N, completed by those of N-1 for codes that left the newer label files."""
    now, before = Names.for_year(current, year), Names.for_year(previous, year - 1)
    return Names(products={**before.products, **now.products}, partners={**before.partners, **now.partners})


# A pair of scoped cubes: (year N, year N-1).
Pair = tuple[pd.DataFrame, pd.DataFrame]


def _summed(scoped: Pair, keys: list[str]) -> pd.DataFrame:
    """Values of N and N-1 per key, 0 where a year has no row: columns *keys, value_eur, value_eur_previous."""
    current, previous = (s.groupby(keys, sort=False)["value_eur"].sum().reset_index() for s in scoped)
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
            PartnerChange(r.partner, names.partner(r.partner), e, i, ep, ip, change_pct(e, ep), change_pct(i, ip)))
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


CUBE_KEYS = ["flow", "a129", "partner"]


def evolution(current: TradeData, previous: TradeData, year: int,
              scopes: Scopes | None = None, *, scoped_current: pd.DataFrame | None = None) -> dict[str, ScopeEvolution]:
    """Change from ``year`` - 1 (read in ``previous``) to ``year`` (read in ``current``) for every scope.

    ``scopes`` defaults to every département on its own; every scope gets a result, with zeros when
    it has no trade. ``scoped_current`` is the year's trade per (scope, *CUBE_KEYS) when the caller
    has it already.
    """
    scopes = scoping.departements() if scopes is None else scopes
    names = _names(current, previous, year)
    if scoped_current is None:
        scoped_current = scoping.scoped_cube(current.trade, [year], scopes, CUBE_KEYS)
    scoped = (scoped_current, scoping.scoped_cube(previous.trade, [year - 1], scopes, CUBE_KEYS))
    totals, partners, products = _totals(scoped), _partners(scoped, names), _products(scoped, names)
    no_trade = TotalsChange.of(0, 0, 0, 0)
    return {
        key: ScopeEvolution(year, year - 1, totals.get(key, no_trade),
                            tuple(partners.get(key, ())), tuple(products.get(key, ())))
        for key in scopes
    }


def national(current: TradeData, previous: TradeData, year: int) -> NationalEvolution:
    """Every département's totals change (a département absent in N-1 has previous values of 0)."""
    keys = ["flow"]
    scoped = tuple(scoping.cube(d.trade, [y], keys).rename(columns={"dep": "scope"})
                   for y, d in ((year, current), (year - 1, previous)))
    totals = _totals(scoped)
    no_trade = TotalsChange.of(0, 0, 0, 0)
    rows = tuple(DepartementChange(code, dep.name, totals.get(code, no_trade))
                 for code, dep in geography.DEPARTEMENTS.items())
    return NationalEvolution(year, year - 1, rows)


def yearly_series(data: TradeData, scopes: Scopes | None = None) -> dict[str, tuple[YearTotals, ...]]:
    """Exports, imports and balance of every complete year in ``data``, oldest first, per scope."""
    scopes = scoping.departements() if scopes is None else scopes
    years = data.complete_years()
    keys = ["year", "flow"]
    table = scoping.scoped_cube(data.trade, years, scopes, keys)
    values = {(s, int(y), f): int(v) for s, y, f, v in table[["scope", *keys, "value_eur"]].itertuples(index=False)}
    series = {}
    for key in scopes:
        points = []
        for year in years:
            e, i = values.get((key, year, EXPORT), 0), values.get((key, year, IMPORT), 0)
            points.append(YearTotals(year, e, i, e - i))
        series[key] = tuple(points)
    return series
