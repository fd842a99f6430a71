"""What the indicators are: typed results, one per scope, with their tables sorted for display.

Result tables carry their unit in column names (``value_eur``, ``share_pct``) and come sorted the
way they are shown: largest first, « Autres » last. ``flows(flow)`` and ``total(flow)`` answer for
either flow, so that no renderer repeats ``x.export_flows if flow == EXPORT else x.import_flows``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from babel import Locale

from officereport.input import geography
from officereport.model import DEFAULT_FOCUS, EXPORT, NON_COUNTRY_PARTNERS, TradeData

if TYPE_CHECKING:  # the analyses read Names from here: a run-time import would be circular
    from officereport.dependency import Dependency
    from officereport.evolution import NationalEvolution, ScopeEvolution, YearlySeries


def rows(table: pd.DataFrame, *columns: str) -> list[tuple]:
    """The values of ``columns``, one tuple per row, in the table's order, as Python scalars.

    A renderer reads a few dozen rows per chart; pandas row access costs far more than the drawing
    itself, so columns are taken whole with ``tolist`` and zipped.
    """
    return list(zip(*(table[c].tolist() for c in columns)))


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
    def for_year(cls, data: TradeData, year: int) -> Names:
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

    def total(self, flow: str) -> int:
        return self.exports_eur if flow == EXPORT else self.imports_eur

    @property
    def alone_in_region(self) -> bool:
        """The region's totals are the département's own (it is the only one of its region that
        trades, as Corsica): a comparison with the region would only repeat it."""
        return (self.region_exports_eur, self.region_imports_eur) == (self.exports_eur, self.imports_eur)

    def region_total(self, flow: str) -> int:
        return self.region_exports_eur if flow == EXPORT else self.region_imports_eur

    def france_total(self, flow: str) -> int:
        return self.france_exports_eur if flow == EXPORT else self.france_imports_eur

    def share_of_region_pct(self, flow: str) -> float:
        return _pct(self.total(flow), self.region_total(flow))

    def share_of_france_pct(self, flow: str) -> float:
        return _pct(self.total(flow), self.france_total(flow))


@dataclass(frozen=True)
class FlowGrid:
    """A flow view laid out as a matrix: sources as rows, targets as columns, both in rank order."""

    source_codes: list[str]
    source_names: list[str]
    target_codes: list[str]
    target_names: list[str]
    values: np.ndarray  # int64, sources × targets, zeros where no flow exists
    red: frozenset[tuple[int, int]]  # (source, target) positions of the five largest flows


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

    @cached_property
    def total_eur(self) -> int:
        """Read by every workbook and deck that shows the view: the region's and France's recur."""
        return int(self.table["value_eur"].sum())

    @cached_property
    def grid(self) -> FlowGrid:
        """The view as its matrix, built with numpy from the long table's ranks.

        Each code has one rank on its side, so positions follow from the sorted distinct ranks;
        a pandas pivot of the same 121 rows costs some thirty times more.
        """
        t = self.table
        source_ranks, source_first, source_at = np.unique(t["source_rank"].to_numpy(), return_index=True,
                                                          return_inverse=True)
        target_ranks, target_first, target_at = np.unique(t["target_rank"].to_numpy(), return_index=True,
                                                          return_inverse=True)
        values = np.zeros((len(source_ranks), len(target_ranks)), dtype=np.int64)
        np.add.at(values, (source_at, target_at), t["value_eur"].to_numpy())
        top5 = t["top5"].to_numpy(dtype=bool)
        labels = {c: t[c].tolist() for c in ("source_code", "source_name", "target_code", "target_name")}
        return FlowGrid(
            source_codes=[labels["source_code"][i] for i in source_first],
            source_names=[labels["source_name"][i] for i in source_first],
            target_codes=[labels["target_code"][i] for i in target_first],
            target_names=[labels["target_name"][i] for i in target_first],
            values=values,
            red=frozenset(zip(source_at[top5].tolist(), target_at[top5].tolist())),
        )


@dataclass(frozen=True, kw_only=True)
class _ScopeResults:
    """What every scope's results hold beside their totals: a flow view per flow (``flows(flow)``),
    the change since N-1 and the yearly series."""

    export_flows: FlowView
    import_flows: FlowView
    evolution: ScopeEvolution | None = None  # None without the previous year's data
    series: YearlySeries | None = None  # totals per complete year up to N (no points below three years)

    def flows(self, flow: str) -> FlowView:
        return self.export_flows if flow == EXPORT else self.import_flows


@dataclass(frozen=True)
class AreaIndicators(_ScopeResults):
    """What a region or France contributes to a département's pages: its totals and flow views."""

    scope: Scope
    exports_eur: int
    imports_eur: int

    def total(self, flow: str) -> int:
        return self.exports_eur if flow == EXPORT else self.imports_eur


@dataclass(frozen=True)
class DepartementIndicators(_ScopeResults):
    departement: geography.Departement
    year: int
    totals: Totals
    partners: pd.DataFrame  # partner, partner_name, imports_eur, exports_eur, balance_eur
    activities: pd.DataFrame  # flow, a129, a129_name, value_eur, share_pct
    region: AreaIndicators
    france: AreaIndicators
    dependency: Dependency | None = None  # the documents give it per département, not per region nor for France

    @property
    def scope(self) -> Scope:
        return self.totals.scope

    def total(self, flow: str) -> int:
        return self.totals.total(flow)


@dataclass(frozen=True)
class NationalIndicators:
    year: int
    departements: dict[str, DepartementIndicators]  # by DGDDI code, in geography order
    regions: dict[str, AreaIndicators]  # by DGDDI region code
    france: AreaIndicators
    focus: str = DEFAULT_FOCUS  # the country the départements' dependency figures single out
    evolution: NationalEvolution | None = None  # every département's change; None without N-1


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0
