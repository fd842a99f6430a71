"""Dependency of a scope's trade: concentration on partners and products, exposure to one country, dependent products.

Definitions (issue 12, to the letter), for exports and for imports:

- top-1 / top-3 share and partner HHI: over partner *countries* only, each share in % of the
  countries' sum; HHI = Σ share², from 0 to 10 000;
- product HHI: over A129 groups, each group's share in % of the whole flow (all partners);
- focus share: the focus country's value in % of the whole flow (all partners), and the CPF4
  products weighing most in the flow with that country. CPF4 rather than A129 because exposure to
  a tariff is a matter of precise products (« Vins de raisin », not « Boissons »), and the A129
  groups are already shown in the activity tables;
- dependent products, after the European Commission's strategic-dependency reviews and CEPII's
  GeoDep (import concentration HHI > 0.4, imports not offset by own exports), adapted to a
  scope: CPF4 products weighing at least 0,1 % of its imports, whose source countries (shares in
  % of the countries' sum) have an HHI above 4 000 and whose imports exceed the scope's own
  exports of the product (no exports counts as exceeding); the 20 largest by import value.

A figure that has nothing to be computed over (a flow without any trade, or without any partner
country) is None, never a division by zero. A focus that is not a partner country of the year's
labels (the data's ``Libelle_PAYS.txt``, or the default country names without one) is refused
before anything is computed (``FocusError``): a typo would otherwise read as « 0 % ». The default
focus is taken as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from officereport import scopes as scoping
from officereport.indicators.results import Names
from officereport.input.labels import PARTNERS, label_kind
from officereport.model import DEFAULT_FOCUS, EXPORT, IMPORT, NON_COUNTRY_PARTNERS, InputError, Problem, TradeData
from officereport.scopes import Scopes

FOCUS_PRODUCTS = 5  # products named for the flows with the focus country
DEPENDENT_HHI = 4000.0  # the 0.4 threshold of the EC and GeoDep, on the 0-10 000 scale
DEPENDENT_FLOOR_PER_MILLE = 1  # a dependent product weighs at least 0,1 % of the imports
DEPENDENT_ROWS = 20


@dataclass(frozen=True)
class Concentration:
    top1_share_pct: float | None
    top3_share_pct: float | None
    hhi_partners: float | None
    hhi_products: float | None


@dataclass(frozen=True)
class FocusProduct:
    cpf4: str
    name: str
    value_eur: int
    share_pct: float  # of the flow with the focus country


@dataclass(frozen=True)
class FocusExposure:
    country: str
    export_share_pct: float | None
    import_share_pct: float | None
    top_exports: tuple[FocusProduct, ...]
    top_imports: tuple[FocusProduct, ...]

    def share_pct(self, flow: str) -> float | None:
        return self.export_share_pct if flow == EXPORT else self.import_share_pct


@dataclass(frozen=True)
class DependentProduct:
    cpf4: str
    name: str
    imports_eur: int
    hhi_sources: float
    main_source: str  # partner country code
    main_source_share_pct: float
    import_export_ratio: float | None  # None when the scope does not export the product


@dataclass(frozen=True)
class Dependency:
    """One scope's figures; ``dataclasses.asdict`` gives the ``dependency`` object of ``show --json``."""

    exports: Concentration
    imports: Concentration
    focus: FocusExposure
    dependent_products: tuple[DependentProduct, ...]

    def concentration(self, flow: str) -> Concentration:
        return self.exports if flow == EXPORT else self.imports


class FocusError(InputError):
    """The focus country is not a partner country of the labels; the message names the code."""

    def __init__(self, file: str, message: str):
        super().__init__([Problem(file, None, "unknown-focus", message)])
        self.args = (message,)


def check_focus(data: TradeData, year: int, focus: str) -> None:
    """Refuse a ``focus`` that is not a partner country of ``year``'s labels. The default is always
    taken: data that never name it (a small extract) still build, its share then reads 0 %."""
    if focus == DEFAULT_FOCUS or focus in Names.for_year(data, year).countries:
        return
    files = [s.name for s in data.sources if label_kind(s.name.rsplit("!", 1)[-1]) == PARTNERS]
    file = files[-1] if files else "Libelle_PAYS.txt"
    where = f"{file} ({year})" if data.labels.partner_names(year) else \
        "la liste des pays par défaut (pas de Libelle_PAYS.txt dans les données)"
    what = ("n'est pas un pays partenaire (zone, code statistique ou la France elle-même)"
            if focus in NON_COUNTRY_PARTNERS else f"ne figure pas parmi les pays de {where}")
    raise FocusError(file, f"pays suivi « {focus} » refusé : ce code {what} ; donner un code pays DGDDI "
                     "à deux lettres, par exemple US, DE ou CN")


def _share_pct(values: pd.Series, by: list[pd.Series]) -> pd.Series:
    return 100.0 * values / values.groupby(by).transform("sum")


def _per(table: pd.DataFrame, keys: list[str]) -> pd.Series:
    """``table``'s values summed per ``keys``, indexed by them (codes as text)."""
    return scoping.rolled_up(table, keys).set_index(keys)["value_eur"]


def _ranked(frame: pd.DataFrame, by: list[str], code: str) -> pd.DataFrame:
    """``frame`` largest value first within each ``by`` group (ties by code), with a 0-based ``rank``."""
    ordered = frame.sort_values([*by, "value_eur", code], ascending=[True] * len(by) + [False, True])
    return ordered.assign(rank=ordered.groupby(by, sort=False).cumcount())


def _partner_concentration(countries: pd.DataFrame) -> pd.DataFrame:
    """Per (scope, flow): top1_share_pct, top3_share_pct, hhi_partners over partner countries."""
    ranked = _ranked(scoping.rolled_up(countries, ["scope", "flow", "partner"]), ["scope", "flow"], "partner")
    groups = [ranked["scope"], ranked["flow"]]
    share = _share_pct(ranked["value_eur"], groups)
    return pd.DataFrame({
        "top1_share_pct": share.where(ranked["rank"] < 1, 0.0).groupby(groups).sum(),
        "top3_share_pct": share.where(ranked["rank"] < 3, 0.0).groupby(groups).sum(),
        "hhi_partners": (share**2).groupby(groups).sum(),
    })


def _product_hhi(scoped: pd.DataFrame) -> pd.Series:
    per_group = _per(scoped, ["scope", "flow", "a129"])
    share = _share_pct(per_group, [per_group.index.get_level_values("scope"), per_group.index.get_level_values("flow")])
    return (share**2).groupby(level=["scope", "flow"]).sum().rename("hhi_products")


def _concentrations(scoped: pd.DataFrame, countries: pd.DataFrame) -> dict[tuple[str, str], Concentration]:
    table = _partner_concentration(countries).join(_product_hhi(scoped), how="outer")
    return {
        key: Concentration(**{name: None if pd.isna(v) else float(v) for name, v in row.items()})
        for key, row in table.to_dict("index").items()
    }


def _focus_products(scoped: pd.DataFrame, focus: str, cpf4_names: dict[str, str]) -> dict[tuple[str, str], list]:
    """The products weighing most in each (scope, flow) with the focus country."""
    per_product = scoping.rolled_up(scoped[scoped["partner"] == focus], ["scope", "flow", "cpf4"])
    per_product["share_pct"] = _share_pct(per_product["value_eur"], [per_product["scope"], per_product["flow"]])
    top = _ranked(per_product, ["scope", "flow"], "cpf4")
    top = top[top["rank"] < FOCUS_PRODUCTS]
    products: dict[tuple[str, str], list] = {}
    for r in top.itertuples(index=False):
        products.setdefault((r.scope, r.flow), []).append(
            FocusProduct(r.cpf4, cpf4_names.get(r.cpf4, r.cpf4), int(r.value_eur), float(r.share_pct)))
    return products


def _dependent_products(scoped: pd.DataFrame, countries: pd.DataFrame,
                        cpf4_names: dict[str, str]) -> dict[str, list[DependentProduct]]:
    imports, exports = (_per(scoped[scoped["flow"] == flow], ["scope", "cpf4"]) for flow in (IMPORT, EXPORT))
    scope_imports = imports.groupby(level="scope").transform("sum")

    sources = scoping.rolled_up(countries[countries["flow"] == IMPORT], ["scope", "cpf4", "partner"])
    sources = _ranked(sources, ["scope", "cpf4"], "partner")
    sources["share_pct"] = _share_pct(sources["value_eur"], [sources["scope"], sources["cpf4"]])
    main = sources[sources["rank"] == 0].set_index(["scope", "cpf4"])
    table = pd.DataFrame({
        "main_source": main["partner"],
        "main_source_share_pct": main["share_pct"],
        "hhi_sources": (sources["share_pct"] ** 2).groupby([sources["scope"], sources["cpf4"]]).sum(),
    })
    # Products bought only from non-country partners have no source countries: inner join drops them.
    table = table.join(imports.rename("imports_eur"), how="inner")
    table["exports_eur"] = exports.reindex(table.index, fill_value=0)
    table["scope_imports_eur"] = scope_imports.reindex(table.index)
    dependent = table[
        (table["imports_eur"] * 1000 >= table["scope_imports_eur"] * DEPENDENT_FLOOR_PER_MILLE)
        & (table["hhi_sources"] > DEPENDENT_HHI)
        & (table["imports_eur"] > table["exports_eur"])
    ].reset_index()
    dependent = dependent.sort_values(["scope", "imports_eur", "cpf4"], ascending=[True, False, True])
    dependent = dependent.groupby("scope", sort=False).head(DEPENDENT_ROWS)
    rows: dict[str, list[DependentProduct]] = {}
    for r in dependent.itertuples(index=False):
        imported, exported = int(r.imports_eur), int(r.exports_eur)
        rows.setdefault(r.scope, []).append(DependentProduct(
            cpf4=r.cpf4,
            name=cpf4_names.get(r.cpf4, r.cpf4),
            imports_eur=imported,
            hhi_sources=float(r.hhi_sources),
            main_source=r.main_source,
            main_source_share_pct=float(r.main_source_share_pct),
            import_export_ratio=imported / exported if exported else None,
        ))
    return rows


def _focus_shares(scoped: pd.DataFrame, focus: str) -> dict[tuple[str, str], float]:
    flows = _per(scoped, ["scope", "flow"])
    with_focus = _per(scoped[scoped["partner"] == focus], ["scope", "flow"])
    share = 100.0 * with_focus.reindex(flows.index, fill_value=0) / flows
    return {key: float(v) for key, v in share.items()}


CUBE_KEYS = ["flow", "a129", "cpf4", "partner"]


def dependency(data: TradeData, year: int, scopes: Scopes | None = None,
               focus: str = DEFAULT_FOCUS, *, scoped: pd.DataFrame | None = None) -> dict[str, Dependency]:
    """Concentration, exposure to ``focus`` and dependent products of ``year`` for every scope.

    ``scopes`` defaults to every département on its own; every scope gets a result. Raises
    FocusError when ``focus`` is not a partner country of the year's labels. ``scoped`` is the
    year's trade per (scope, *CUBE_KEYS), as text or as categories, when the caller has it already.
    """
    check_focus(data, year, focus)
    scopes = scoping.departements() if scopes is None else scopes
    if scoped is None:
        scoped = scoping.scoped_cube(data.trade, [year], scopes, CUBE_KEYS)
    countries = scoped[scoped["partner"].isin(Names.for_year(data, year).countries)]
    cpf4_names = data.labels.cpf4_names(year)

    concentrations = _concentrations(scoped, countries)
    focus_shares = _focus_shares(scoped, focus)
    focus_products = _focus_products(scoped, focus, cpf4_names)
    dependent = _dependent_products(scoped, countries, cpf4_names)
    empty = Concentration(None, None, None, None)
    return {
        key: Dependency(
            exports=concentrations.get((key, EXPORT), empty),
            imports=concentrations.get((key, IMPORT), empty),
            focus=FocusExposure(
                country=focus,
                export_share_pct=focus_shares.get((key, EXPORT)),
                import_share_pct=focus_shares.get((key, IMPORT)),
                top_exports=tuple(focus_products.get((key, EXPORT), ())),
                top_imports=tuple(focus_products.get((key, IMPORT), ())),
            ),
            dependent_products=tuple(dependent.get(key, ())),
        )
        for key in scopes
    }
