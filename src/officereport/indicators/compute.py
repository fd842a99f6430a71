"""The computation of the indicators of « Les indicateurs clés : commerce extérieur ».

Every indicator reads the year's *trade cube*: the trade summed to one row per (flow, A129 product
group, partner) for each département, each region and France. The cube is built once from the
raw rows and each indicator is one vectorised pass over it for all scopes together, so no
département rescans the table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from officereport import dependency as dependencies
from officereport import evolution as evolutions
from officereport import scopes as scoping
from officereport.indicators.results import (
    AreaIndicators,
    DepartementIndicators,
    FlowView,
    Names,
    NationalIndicators,
    Scope,
    Totals,
)
from officereport.input import geography
from officereport.model import DEFAULT_FOCUS, EXPORT, IMPORT, OTHERS_CODE, OTHERS_LABEL, TradeData
from officereport.scopes import CUBE_KEYS

TOP_N = 10  # products and countries named in partner and flow views
TOP_FLOWS = 5  # product -> country flows drawn in red



# --- The national computation -------------------------------------------------------------------
# Every scope (each département, each region, France) is computed in the same vectorised pass:
# the raw rows are summed once per département with CPF4 (``scopes.cube``, read per département by
# the dependency figures), that cube once per scope key without CPF4 ("D43", "R18", "FR":
# ``scopes.by_scope``), each indicator is one group-by over it, and the result is split per scope
# at the end.
# Doing it per scope instead costs a hundred small pandas calls per département.


def _departement_key(code: str) -> str:
    return "D" + code


def _region_key(code: str) -> str:
    return "R" + code


def _rank_within(frame: pd.DataFrame, by: list[str], code: str) -> pd.Series:
    """1-based rank of ``code`` by value within each ``by`` group; ties broken by code."""
    ordered = frame.sort_values([*by, "value_eur", code], ascending=[True] * len(by) + [False, True])
    return ordered.groupby(by, sort=False).cumcount().add(1).reindex(frame.index)


def _totals(scoped: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {key: int(v) for key, v in scoped.groupby(["scope", "flow"])["value_eur"].sum().items()}


def _activities(scoped: pd.DataFrame, names: Names) -> pd.DataFrame:
    groups = scoped.groupby(["scope", "flow", "a129"], sort=False)["value_eur"].sum().reset_index()
    groups["share_pct"] = 100.0 * groups["value_eur"] / groups.groupby(["scope", "flow"])["value_eur"].transform("sum")
    groups["a129_name"] = groups["a129"].map(names.product)
    groups["_order"] = groups["flow"].map({EXPORT: 0, IMPORT: 1})
    return groups.sort_values(["scope", "_order", "value_eur", "a129"], ascending=[True, True, False, True])


def _partners(scoped: pd.DataFrame, names: Names, n: int) -> pd.DataFrame:
    countries = scoped[scoped["partner"].isin(names.countries)]
    per_flow = countries.groupby(["scope", "flow", "partner"], sort=False)["value_eur"].sum().reset_index()
    per_flow["rank"] = _rank_within(per_flow, ["scope", "flow"], "partner")
    chosen = per_flow.loc[per_flow["rank"] <= n, ["scope", "partner"]].drop_duplicates()
    both = per_flow.pivot_table(index=["scope", "partner"], columns="flow", values="value_eur", aggfunc="sum", fill_value=0)
    both = both.reindex(columns=[IMPORT, EXPORT], fill_value=0).reset_index()
    table = chosen.merge(both, on=["scope", "partner"])
    table = table.rename(columns={IMPORT: "imports_eur", EXPORT: "exports_eur"})
    table["partner_name"] = table["partner"].map(names.partner)
    table["balance_eur"] = table["exports_eur"] - table["imports_eur"]
    table["_total"] = table["imports_eur"] + table["exports_eur"]
    table = table.astype({"imports_eur": "int64", "exports_eur": "int64", "balance_eur": "int64"})
    return table.sort_values(["scope", "_total", "partner"], ascending=[True, False, True])


def _flow_tables(scoped: pd.DataFrame, flow: str, names: Names, n: int) -> pd.DataFrame:
    rows = scoped[scoped["flow"] == flow]
    others_rank = n + 1

    products = rows.groupby(["scope", "a129"], sort=False)["value_eur"].sum().reset_index()
    products["product_rank"] = _rank_within(products, ["scope"], "a129")
    countries = rows[rows["partner"].isin(names.countries)]
    partners = countries.groupby(["scope", "partner"], sort=False)["value_eur"].sum().reset_index()
    partners["partner_rank"] = _rank_within(partners, ["scope"], "partner")

    ranked = rows.merge(products[["scope", "a129", "product_rank"]], on=["scope", "a129"], how="left")
    ranked = ranked.merge(partners[["scope", "partner", "partner_rank"]], on=["scope", "partner"], how="left")
    ranked["product_rank"] = ranked["product_rank"].fillna(others_rank).clip(upper=others_rank).astype("int64")
    ranked["partner_rank"] = ranked["partner_rank"].fillna(others_rank).clip(upper=others_rank).astype("int64")
    ranked["product"] = ranked["a129"].where(ranked["product_rank"] <= n, OTHERS_CODE)
    ranked["partner"] = ranked["partner"].where(ranked["partner_rank"] <= n, OTHERS_CODE)
    keys = ["scope", "product", "partner", "product_rank", "partner_rank"]
    pairs = ranked.groupby(keys, sort=False)["value_eur"].sum().reset_index()

    # The red flows link a named product to a named country; « Autres » is not a flow of its own.
    named = pairs[(pairs["product_rank"] <= n) & (pairs["partner_rank"] <= n)]
    order = named.sort_values(["scope", "value_eur", "product", "partner"], ascending=[True, False, True, True])
    red = order.groupby("scope", sort=False).head(TOP_FLOWS).index
    pairs["top5"] = pairs.index.isin(red)
    pairs["product_name"] = pairs["product"].map(lambda c: OTHERS_LABEL if c == OTHERS_CODE else names.product(c))
    pairs["partner_name"] = pairs["partner"].map(lambda c: OTHERS_LABEL if c == OTHERS_CODE else names.partner(c))

    source, target = ("product", "partner") if flow == EXPORT else ("partner", "product")
    table = pd.DataFrame(
        {
            "scope": pairs["scope"],
            "source_code": pairs[source],
            "source_name": pairs[f"{source}_name"],
            "target_code": pairs[target],
            "target_name": pairs[f"{target}_name"],
            "value_eur": pairs["value_eur"].astype("int64"),
            "top5": pairs["top5"],
            "source_rank": pairs[f"{source}_rank"],
            "target_rank": pairs[f"{target}_rank"],
        }
    )
    return table.sort_values(["scope", "source_rank", "target_rank"])


def _scopes() -> dict[str, tuple[str, ...]]:
    """The départements of every scope key of the national pass ("D43", "R84", "FR")."""
    members: dict[str, list[str]] = {}
    for code, dep in geography.DEPARTEMENTS.items():
        members[_departement_key(code)] = [code]
        members.setdefault(_region_key(dep.region_code), []).append(code)
    members[geography.FRANCE_CODE] = list(geography.DEPARTEMENTS)
    return {key: tuple(deps) for key, deps in members.items()}


def _split(table: pd.DataFrame, columns: list[str]) -> dict[str, pd.DataFrame]:
    """One small table per scope, without the scope column and with a fresh index, its rows in
    ``table``'s order. Sorted by scope once, then sliced: pandas' group-by takes every group's
    rows apart, several hundred takes a year."""
    scope = table["scope"].to_numpy()
    order = np.argsort(scope, kind="stable")
    ordered, scope = table[columns].take(order), scope[order]
    starts = np.flatnonzero(np.r_[len(scope) > 0, scope[1:] != scope[:-1]])
    ends = np.r_[starts[1:], len(scope)]
    return {scope[a]: ordered.iloc[a:b].reset_index(drop=True) for a, b in zip(starts.tolist(), ends.tolist())}


FLOW_COLUMNS = ["source_code", "source_name", "target_code", "target_name", "value_eur", "top5", "source_rank", "target_rank"]
PARTNER_COLUMNS = ["partner", "partner_name", "imports_eur", "exports_eur", "balance_eur"]
ACTIVITY_COLUMNS = ["flow", "a129", "a129_name", "value_eur", "share_pct"]


def _empty(columns: list[str], like: pd.DataFrame) -> pd.DataFrame:
    return like[columns].iloc[0:0].reset_index(drop=True)


def compute_national(data: TradeData, year: int, n: int = TOP_N, *, previous: TradeData | None = None,
                     focus: str = DEFAULT_FOCUS) -> NationalIndicators:
    """Every indicator for every département, region and France, in one vectorised pass.

    ``previous`` holds year - 1 (possibly the same object as ``data``): with it, every scope also
    carries its change since that year, and every scope its yearly series of the complete years of
    ``data`` up to ``year`` (a build loads every release of the data folder into ``data``); every
    département carries its dependency figures, exposure to ``focus`` included.
    """
    names = Names.for_year(data, year)
    scopes = _scopes()
    # The raw rows are summed once, per département with CPF4: the dependency figures read it as it
    # is (the documents give them per département), every other indicator per scope without CPF4.
    cube = scoping.cube(data.trade, [year], dependencies.CUBE_KEYS, coded=True)
    departement_scopes = {key: scopes[key] for key in map(_departement_key, geography.DEPARTEMENTS)}
    detailed = scoping.by_scope(cube, departement_scopes, dependencies.CUBE_KEYS, coded=True)
    exposure = dependencies.dependency(data, year, departement_scopes, focus, scoped=detailed)  # first: an unknown focus stops it all
    coded = scoping.by_scope(scoping.rolled_up(cube, ["dep", *CUBE_KEYS], coded=True), scopes, CUBE_KEYS, coded=True)
    scoped = scoping.as_text(coded)
    changes = {} if previous is None else evolutions.evolution(data, previous, year, scopes, scoped_current=coded)
    totals = _totals(scoped)
    # The series' points of N and N-1 are these sums: their millions of rows are not summed again.
    summed = {year: {key: (totals.get((key, EXPORT), 0), totals.get((key, IMPORT), 0)) for key in scopes}}
    if changes:
        summed[year - 1] = {key: (c.totals.exports_eur_previous, c.totals.imports_eur_previous)
                            for key, c in changes.items()}
    series = evolutions.yearly_series(data, year, scopes, summed=summed)
    flows = {flow: _flow_tables(scoped, flow, names, n) for flow in (EXPORT, IMPORT)}
    flow_parts = {flow: _split(table, FLOW_COLUMNS) for flow, table in flows.items()}
    dep_rows = scoped[scoped["scope"].isin(departement_scopes)]
    activities = _activities(dep_rows, names)
    partners = _partners(dep_rows, names, n)
    activity_parts = _split(activities, ACTIVITY_COLUMNS)
    partner_parts = _split(partners, PARTNER_COLUMNS)
    # Scopes without trade share one empty table per kind (never mutated downstream).
    no_flows = {flow: _empty(FLOW_COLUMNS, table) for flow, table in flows.items()}
    no_activities, no_partners = _empty(ACTIVITY_COLUMNS, activities), _empty(PARTNER_COLUMNS, partners)

    def view(scope: Scope, key: str, flow: str) -> FlowView:
        return FlowView(scope, flow, flow_parts[flow].get(key, no_flows[flow]))

    def area(scope: Scope, key: str) -> AreaIndicators:
        return AreaIndicators(
            scope=scope,
            exports_eur=totals.get((key, EXPORT), 0),
            imports_eur=totals.get((key, IMPORT), 0),
            export_flows=view(scope, key, EXPORT),
            import_flows=view(scope, key, IMPORT),
            evolution=changes.get(key),
            series=series[key],
        )

    france = area(Scope("france", geography.FRANCE_CODE, geography.FRANCE_NAME), geography.FRANCE_CODE)
    regions = {code: area(Scope("region", code, r.name), _region_key(code)) for code, r in geography.REGIONS.items()}
    departements = {}
    for code, dep in geography.DEPARTEMENTS.items():
        key = _departement_key(code)
        scope = Scope("departement", code, dep.name)
        region = regions[dep.region_code]
        departements[code] = DepartementIndicators(
            departement=dep,
            year=year,
            totals=Totals(
                scope=scope,
                exports_eur=totals.get((key, EXPORT), 0),
                imports_eur=totals.get((key, IMPORT), 0),
                region_exports_eur=region.exports_eur,
                region_imports_eur=region.imports_eur,
                france_exports_eur=france.exports_eur,
                france_imports_eur=france.imports_eur,
            ),
            partners=partner_parts.get(key, no_partners),
            activities=activity_parts.get(key, no_activities),
            export_flows=view(scope, key, EXPORT),
            import_flows=view(scope, key, IMPORT),
            region=region,
            france=france,
            evolution=changes.get(key),
            series=series[key],
            dependency=exposure[key],
        )
    by_code = {code: changes[_departement_key(code)] for code in geography.DEPARTEMENTS} if changes else {}
    return NationalIndicators(year=year, departements=departements, regions=regions, france=france, focus=focus,
                              evolution=evolutions.national(by_code, year) if by_code else None)


def previous_year_data(data: TradeData, year: int) -> TradeData | None:
    """``data`` itself when it holds ``year`` - 1 complete (several releases in one folder), else None:
    the ``previous`` to give ``compute_national`` when no other source of year - 1 is at hand."""
    return data if year - 1 in data.complete_years() else None


def compute_departement(data: TradeData, year: int, code: str, *, previous: TradeData | None = None,
                        focus: str = DEFAULT_FOCUS) -> DepartementIndicators:
    """One département's indicators (with its region and France): the national pass, then a pick."""
    return compute_national(data, year, previous=previous, focus=focus).departements[code]
