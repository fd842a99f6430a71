"""Alt text of the workbooks' charts: what each chart shows, in words, with its main figures, for
readers who do not see it (Excel's accessibility checker asks every chart for one)."""

from __future__ import annotations

from collections.abc import Sequence

from officereport.frformat import meur

NAMED = 3  # figures named in an alt text: what matters most, short enough to be listened to


def _listed(items: Sequence[tuple[str, float]]) -> str:
    return ", ".join(f"{name} {meur(value)}" for name, value in items[:NAMED])


def bars_description(title: str, what: str, items: Sequence[tuple[str, float]], lead: str = "en tête") -> str:
    """« Titre. Diagramme en barres des …, en millions d'euros ; en tête : Allemagne 177,6 M€, … »."""
    named = f" ; {lead} : {_listed(items)}" if items else ""
    return f"{title}. Diagramme en barres {what}, en millions d'euros{named}."


def butterfly_description(title: str, partners: Sequence[tuple[str, float, float, float]]) -> str:
    """``partners``: (name, imports, exports, balance) in euros, in the chart's order."""
    named = " ; ".join(
        f"{name} : importations {meur(imports)}, exportations {meur(exports)}, solde {meur(balance)}"
        for name, imports, exports, balance in partners[:NAMED]
    )
    return (
        f"{title}. Diagramme en barres : pour chaque pays, importations à gauche, exportations à droite, "
        "et le solde en troisième barre, vert s'il est positif, rouge s'il est négatif, en millions d'euros"
        + (f". Premiers pays : {named}." if named else ".")
    )


def matrix_description(title: str, total_eur: float, flows: Sequence[tuple[str, str, float]]) -> str:
    """``flows``: the largest (source, target, euros) pairs, largest first."""
    named = ", ".join(f"{source} → {target} {meur(value)}" for source, target, value in flows[:NAMED])
    return (
        f"{title}. Barres empilées : pour chaque ligne de la matrice, la valeur des échanges répartie entre "
        f"les colonnes, en millions d'euros. Total : {meur(total_eur)}"
        + (f". Principaux flux : {named}." if named else ".")
    )
