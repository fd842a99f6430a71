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
from officereport.evolution import YearTotals
from officereport.indicators import FlowView
from officereport.wording import FLOW_WORDS, share
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
