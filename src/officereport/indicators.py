"""The indicators of « Les indicateurs clés : commerce extérieur », as pure functions.

Every indicator reads a *scope cube*: the year's trade summed to one row per (flow, A129 product
group, partner) for one département, one region or France. The national computation builds the
cube once from the raw rows and slices it per département, so no département rescans the table.

Result tables carry their unit in column names (``value_eur``, ``share_pct``) and come sorted the
way they are shown: largest first, « Autres » last.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from babel import Locale

from officereport import geography
from officereport.model import (
    EXPORT,
    IMPORT,
    NON_COUNTRY_PARTNERS,
    OTHERS_CODE,
    OTHERS_LABEL,
    TradeData,
)

TOP_N = 10  # products and countries named in partner and flow views
TOP_FLOWS = 5  # product -> country flows drawn in red

CUBE_KEYS = ["flow", "a129", "partner"]


@dataclass(frozen=True)
class Scope:
    level: str  # "departement", "region" or "france"
    code: str  # DGDDI département or region code, "FR" for France
    name: str


@dataclass(frozen=True)
class Names:
    """Labels valid for the year: A129 product groups and partners."""

    products: dict[str, str]
    partners: dict[str, str]

    @classmethod
    def for_year(cls, data: TradeData, year: int) -> "Names":
        partners = data.labels.partner_names(year)
        if not partners:
            # No Libelle_PAYS.txt in the input: fall back to CLDR's French country names.
            partners = {code: name for code, name in Locale("fr").territories.items() if len(code) == 2}
        return cls(products=data.labels.a129_names(year), partners=partners)

    def product(self, code: str) -> str:
        return self.products.get(code, code)

    def partner(self, code: str) -> str:
        return self.partners.get(code, code)

    @cached_property
    def countries(self) -> frozenset[str]:
        """Partner codes that rank as countries: labelled, and not one of the non-country codes."""
        return frozenset(self.partners) - NON_COUNTRY_PARTNERS


@dataclass(frozen=True)
class Totals:
    scope: Scope
    exports_eur: int
    imports_eur: int
    region_exports_eur: int
    region_imports_eur: int
    france_exports_eur: int
    france_imports_eur: int

    @property
    def balance_eur(self) -> int:
        return self.exports_eur - self.imports_eur

    @property
    def export_share_of_region_pct(self) -> float:
        return _pct(self.exports_eur, self.region_exports_eur)

    @property
    def import_share_of_region_pct(self) -> float:
        return _pct(self.imports_eur, self.region_imports_eur)

    @property
    def export_share_of_france_pct(self) -> float:
        return _pct(self.exports_eur, self.france_exports_eur)

    @property
    def import_share_of_france_pct(self) -> float:
        return _pct(self.imports_eur, self.france_imports_eur)


@dataclass(frozen=True)
class FlowView:
    """Who trades what with whom, top 10 + « Autres » on each side.

    For exports the source is the product and the target the destination country; for imports the
    source is the country of origin and the target the product. ``table`` columns: source_code,
    source_name, target_code, target_name, value_eur, top5 (bool), source_rank, target_rank
    (1..10, 11 for « Autres »).
    """

    scope: Scope
    flow: str
    table: pd.DataFrame

    @property
    def total_eur(self) -> int:
        return int(self.table["value_eur"].sum())

    def matrix(self) -> pd.DataFrame:
        """Sources as rows, targets as columns, in display order; zeros where no flow exists."""
        t = self.table
        m = t.pivot_table(index="source_code", columns="target_code", values="value_eur", aggfunc="sum", fill_value=0)
        rows = t.drop_duplicates("source_code").sort_values("source_rank")["source_code"]
        cols = t.drop_duplicates("target_code").sort_values("target_rank")["target_code"]
        return m.loc[list(rows), list(cols)].astype("int64")


@dataclass(frozen=True)
class AreaIndicators:
    """What a region or France contributes to a département's pages: its totals and flow views."""

    scope: Scope
    exports_eur: int
    imports_eur: int
    export_flows: FlowView
    import_flows: FlowView


@dataclass(frozen=True)
class DepartementIndicators:
    departement: geography.Departement
    year: int
    totals: Totals
    partners: pd.DataFrame  # partner, partner_name, imports_eur, exports_eur, balance_eur
    activities: pd.DataFrame  # flow, a129, a129_name, value_eur, share_pct
    export_flows: FlowView
    import_flows: FlowView
    region: AreaIndicators
    france: AreaIndicators

    @property
    def scope(self) -> Scope:
        return self.totals.scope


@dataclass(frozen=True)
class NationalIndicators:
    year: int
    departements: dict[str, DepartementIndicators]  # by DGDDI code, in geography order
    regions: dict[str, AreaIndicators]  # by DGDDI region code
    france: AreaIndicators


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


def trade_cube(trade: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's trade summed per (flow, dep, A129, partner): all indicators read this, not raw rows."""
    rows = trade.loc[trade["year"] == year, ["flow", "dep", "a129", "partner", "value_eur"]]
    cube = rows.groupby(["flow", "dep", "a129", "partner"], observed=True, sort=False)["value_eur"].sum()
    cube = cube.reset_index()
    for col in ("flow", "dep", "a129", "partner"):
        cube[col] = cube[col].astype(str)
    return cube


def scope_cube(cube: pd.DataFrame) -> pd.DataFrame:
    """Collapse a (part of a) trade cube to one row per (flow, A129, partner)."""
    return cube.groupby(CUBE_KEYS, sort=False)["value_eur"].sum().reset_index()


def flow_totals(cube: pd.DataFrame) -> tuple[int, int]:
    """(exports, imports) in euros."""
    by_flow = cube.groupby("flow")["value_eur"].sum()
    return int(by_flow.get(EXPORT, 0)), int(by_flow.get(IMPORT, 0))


def _ranked(values: pd.Series) -> list[str]:
    """Codes by value descending, ties broken by code so that row order never matters."""
    frame = values.rename("v").reset_index()
    frame.columns = ["code", "v"]
    frame = frame[frame["v"] > 0].sort_values(["v", "code"], ascending=[False, True])
    return list(frame["code"])


def partner_balance(cube: pd.DataFrame, names: Names, n: int = TOP_N) -> pd.DataFrame:
    """Main partner countries: the union of the top ``n`` at export and at import, with the balance.

    Sorted by total trade (imports + exports), largest first.
    """
    countries = cube[cube["partner"].isin(names.countries)]
    by_partner = countries.groupby(["partner", "flow"])["value_eur"].sum().unstack("flow", fill_value=0)
    by_partner = by_partner.reindex(columns=[IMPORT, EXPORT], fill_value=0)
    chosen = set(_ranked(by_partner[EXPORT])[:n]) | set(_ranked(by_partner[IMPORT])[:n])
    table = by_partner.loc[sorted(chosen)].reset_index()
    table.columns = ["partner", "imports_eur", "exports_eur"]
    table["partner_name"] = table["partner"].map(names.partner)
    table["balance_eur"] = table["exports_eur"] - table["imports_eur"]
    table["_total"] = table["imports_eur"] + table["exports_eur"]
    table = table.sort_values(["_total", "partner"], ascending=[False, True])
    cols = ["partner", "partner_name", "imports_eur", "exports_eur", "balance_eur"]
    return table[cols].astype({"imports_eur": "int64", "exports_eur": "int64", "balance_eur": "int64"}).reset_index(drop=True)


def activities(cube: pd.DataFrame, names: Names) -> pd.DataFrame:
    """Every A129 product group traded, per flow, with its share of the flow (exports first)."""
    by_group = cube.groupby(["flow", "a129"])["value_eur"].sum().reset_index()
    by_group = by_group[by_group["value_eur"] > 0]
    flow_total = by_group.groupby("flow")["value_eur"].transform("sum")
    by_group["share_pct"] = 100.0 * by_group["value_eur"] / flow_total
    by_group["a129_name"] = by_group["a129"].map(names.product)
    by_group["_order"] = by_group["flow"].map({EXPORT: 0, IMPORT: 1})
    by_group = by_group.sort_values(["_order", "value_eur", "a129"], ascending=[True, False, True])
    cols = ["flow", "a129", "a129_name", "value_eur", "share_pct"]
    return by_group[cols].astype({"value_eur": "int64"}).reset_index(drop=True)


def flow_view(cube: pd.DataFrame, scope: Scope, flow: str, names: Names, n: int = TOP_N) -> FlowView:
    """Product -> country (exports) or country -> product (imports), top ``n`` + « Autres » each side."""
    rows = cube[cube["flow"] == flow]
    products = _ranked(rows.groupby("a129")["value_eur"].sum())[:n]
    countries = rows[rows["partner"].isin(names.countries)]
    partners = _ranked(countries.groupby("partner")["value_eur"].sum())[:n]

    product_rank = {code: i + 1 for i, code in enumerate(products)}
    partner_rank = {code: i + 1 for i, code in enumerate(partners)}
    others_rank = n + 1
    product = rows["a129"].where(rows["a129"].isin(product_rank), OTHERS_CODE)
    partner = rows["partner"].where(rows["partner"].isin(partner_rank), OTHERS_CODE)
    pairs = (
        pd.DataFrame({"product": product, "partner": partner, "value_eur": rows["value_eur"]})
        .groupby(["product", "partner"])["value_eur"]
        .sum()
        .reset_index()
    )
    pairs = pairs[pairs["value_eur"] > 0]
    product_names = {**{c: names.product(c) for c in products}, OTHERS_CODE: OTHERS_LABEL}
    partner_names = {**{c: names.partner(c) for c in partners}, OTHERS_CODE: OTHERS_LABEL}
    pairs["product_name"] = pairs["product"].map(product_names)
    pairs["partner_name"] = pairs["partner"].map(partner_names)
    pairs["product_rank"] = pairs["product"].map(product_rank).fillna(others_rank).astype("int64")
    pairs["partner_rank"] = pairs["partner"].map(partner_rank).fillna(others_rank).astype("int64")

    # The red flows link a named product to a named country; « Autres » is not a flow of its own.
    named = pairs[(pairs["product"] != OTHERS_CODE) & (pairs["partner"] != OTHERS_CODE)]
    red = named.sort_values(["value_eur", "product", "partner"], ascending=[False, True, True]).head(TOP_FLOWS)
    pairs["top5"] = pairs.index.isin(red.index)

    side = {"product": ("product", "product_name", "product_rank"), "partner": ("partner", "partner_name", "partner_rank")}
    source, target = ("product", "partner") if flow == EXPORT else ("partner", "product")
    table = pd.DataFrame(
        {
            "source_code": pairs[side[source][0]],
            "source_name": pairs[side[source][1]],
            "target_code": pairs[side[target][0]],
            "target_name": pairs[side[target][1]],
            "value_eur": pairs["value_eur"].astype("int64"),
            "top5": pairs["top5"],
            "source_rank": pairs[side[source][2]],
            "target_rank": pairs[side[target][2]],
        }
    )
    table = table.sort_values(["source_rank", "target_rank"]).reset_index(drop=True)
    return FlowView(scope=scope, flow=flow, table=table)


def area_indicators(cube: pd.DataFrame, scope: Scope, names: Names) -> AreaIndicators:
    exports, imports = flow_totals(cube)
    return AreaIndicators(
        scope=scope,
        exports_eur=exports,
        imports_eur=imports,
        export_flows=flow_view(cube, scope, EXPORT, names),
        import_flows=flow_view(cube, scope, IMPORT, names),
    )


def departement_indicators(
    dep_cube: pd.DataFrame,
    departement: geography.Departement,
    year: int,
    names: Names,
    region: AreaIndicators,
    france: AreaIndicators,
) -> DepartementIndicators:
    scope = Scope("departement", departement.code, departement.name)
    exports, imports = flow_totals(dep_cube)
    totals = Totals(
        scope=scope,
        exports_eur=exports,
        imports_eur=imports,
        region_exports_eur=region.exports_eur,
        region_imports_eur=region.imports_eur,
        france_exports_eur=france.exports_eur,
        france_imports_eur=france.imports_eur,
    )
    return DepartementIndicators(
        departement=departement,
        year=year,
        totals=totals,
        partners=partner_balance(dep_cube, names),
        activities=activities(dep_cube, names),
        export_flows=flow_view(dep_cube, scope, EXPORT, names),
        import_flows=flow_view(dep_cube, scope, IMPORT, names),
        region=region,
        france=france,
    )


def _empty_scope_cube() -> pd.DataFrame:
    return pd.DataFrame({"flow": pd.Series(dtype=str), "a129": pd.Series(dtype=str), "partner": pd.Series(dtype=str), "value_eur": pd.Series(dtype="int64")})


class YearCube:
    """One year's trade cube with its per-département and per-region slices, each computed once."""

    def __init__(self, data: TradeData, year: int):
        self.year = year
        self.names = Names.for_year(data, year)
        self.cube = trade_cube(data.trade, year)
        self.cube["region"] = self.cube["dep"].map(lambda c: geography.DEPARTEMENTS[c].region_code)

    @cached_property
    def by_departement(self) -> dict[str, pd.DataFrame]:
        return {dep: scope_cube(part) for dep, part in self.cube.groupby("dep", sort=False)}

    @cached_property
    def regions(self) -> dict[str, AreaIndicators]:
        parts = {reg: scope_cube(part) for reg, part in self.cube.groupby("region", sort=False)}
        return {
            code: area_indicators(parts.get(code, _empty_scope_cube()), Scope("region", code, region.name), self.names)
            for code, region in geography.REGIONS.items()
        }

    @cached_property
    def france(self) -> AreaIndicators:
        scope = Scope("france", geography.FRANCE_CODE, geography.FRANCE_NAME)
        return area_indicators(scope_cube(self.cube), scope, self.names)

    def departement(self, code: str) -> DepartementIndicators:
        dep = geography.DEPARTEMENTS[code]
        return departement_indicators(
            self.by_departement.get(code, _empty_scope_cube()),
            dep,
            self.year,
            self.names,
            region=self.regions[dep.region_code],
            france=self.france,
        )


def compute_national(data: TradeData, year: int) -> NationalIndicators:
    """Every indicator for every département, region and France, from one pass over the rows."""
    cube = YearCube(data, year)
    return NationalIndicators(
        year=year,
        departements={code: cube.departement(code) for code in geography.DEPARTEMENTS},
        regions=cube.regions,
        france=cube.france,
    )


def compute_departement(data: TradeData, year: int, code: str) -> DepartementIndicators:
    return YearCube(data, year).departement(code)
