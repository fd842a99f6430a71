"""Alternative text of the deck's drawings: what each shows, in words, with its main figures.

Screen readers read a chart, treemap or Sankey group by its ``descr`` only; PowerPoint's
accessibility checker flags a drawing without one. Each text names the kind of drawing and its
subject, then the few largest figures a sighted reader would see first.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from officereport import frformat
from officereport.deck.tables import rows
from officereport.dependency import Dependency
from officereport.evolution import PartnerChange, ScopeEvolution, YearTotals
from officereport.indicators import FlowView
from officereport.model import EXPORT, FLOW_NAMES, IMPORT
from officereport.wording import FLOW_WORDS, share
from officereport.wording.evolution import change_between, share_or_dash
from officereport.wording.series import series_description

TOP = 3  # figures named in a description


def butterfly(title: str, partners: pd.DataFrame) -> str:
    """« Graphique en barres : … Premiers partenaires : Allemagne (importations 120,3 M€, exportations …) ; … »"""
    named = [f"{name} (importations {frformat.meur(imports)}, exportations {frformat.meur(exports)}, solde "
             f"{'+' if balance > 0 else ''}{frformat.meur(balance)})"
             for name, imports, exports, balance
             in rows(partners, "partner_name", "imports_eur", "exports_eur", "balance_eur")[:TOP]]
    return (f"Graphique en barres : {title}. Importations à gauche, exportations à droite, solde en vert avec « + » "
            f"s'il est excédentaire, en rouge avec « − » s'il est déficitaire. "
            + (f"Premiers partenaires : {' ; '.join(named)}." if named else "Aucun échange."))


def treemap(flow: str, place: str, total_eur: int, tiles: Sequence[tuple[str, float]]) -> str:
    """« Carte proportionnelle des importations par activité, Haute-Loire (2024), total … : A 35,0 %, … »"""
    named = ", ".join(f"{name} {share(pct)}" for name, pct in tiles[:TOP])
    return (f"Carte proportionnelle des {FLOW_WORDS[flow][0]} par activité, {place}, total "
            f"{frformat.millions_of_euros(total_eur)}. " + (f"Principales activités : {named}." if named else "Aucun échange."))


def sankey(title: str, view: FlowView) -> str:
    """« Diagramme de flux : … Principaux flux : A → B 120,3 M€ ; … »"""
    flows = sorted(rows(view.table, "value_eur", "source_name", "target_name"), key=lambda row: -row[0])
    named = " ; ".join(f"{source} → {target} {frformat.meur(value)}" for value, source, target in flows[:TOP])
    return (f"Diagramme de flux : {title}. Total {frformat.millions_of_euros(view.total_eur)}. "
            + (f"Principaux flux : {named}." if named else "Aucun échange."))


def series(title: str, points: Sequence[YearTotals]) -> str:
    """« Graphique en courbes : … Exportations : 0,4 M€ en 2021, 1,6 M€ en 2024 (+300,0 %). … »"""
    return f"Graphique en courbes : {title}. {series_description(points)}"


def change(flow: str, place: str, evo: ScopeEvolution, partners: Sequence[PartnerChange]) -> str:
    """« Barres groupées : exportations de Haute-Loire par pays, … Premiers pays : Allemagne 0,4 M€ puis
    0,5 M€ (+25,0 %) ; … »"""
    field = "exports_eur" if flow == EXPORT else "imports_eur"
    named = " ; ".join(
        f"{p.name} {frformat.meur(before)} puis {frformat.meur(now)} ({change_between(now, before)})"
        for p in partners[:TOP] for now, before in [(getattr(p, field), getattr(p, f"{field}_previous"))])
    return (f"Barres groupées : {FLOW_NAMES[flow].lower()} de {place} par pays, {evo.previous_year} puis {evo.year}, "
            "en millions d'euros. " + (f"Premiers pays : {named}." if named else "Aucun échange."))


def shares(place: str, focus_name: str, dependency: Dependency) -> str:
    """« Barres groupées : part du premier pays, … Exportations : premier pays 36,1 %, trois premiers 63,2 %,
    Etats-Unis 14,3 %. Importations : … »"""
    said = []
    for flow in (EXPORT, IMPORT):
        c = dependency.concentration(flow)
        countries = ("aucun échange avec un pays" if c.top1_share_pct is None else
                     f"premier pays {share(c.top1_share_pct)}, trois premiers {share_or_dash(c.top3_share_pct)}")
        said.append(f"{FLOW_NAMES[flow]} : {countries}, {focus_name} {share_or_dash(dependency.focus.share_pct(flow))}.")
    return (f"Barres groupées : part du premier pays et des trois premiers pays dans les échanges avec des pays, "
            f"part de {focus_name} (pays suivi) dans tout le flux, {place}. {' '.join(said)}")
