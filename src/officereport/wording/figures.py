"""Sentences about the figures: totals and shares, the balance, scope names and chart titles.

Numbers go through ``frformat`` (« 1 070,9 millions d'euros », « 1,5 % », « 0,18 % »), worded as
the publication words them.
"""

from __future__ import annotations

from officereport import frformat
from officereport.indicators import DepartementIndicators, FlowView, Scope, Totals
from officereport.input import geography
from officereport.model import EXPORT, IMPORT

# flow -> (noun, past participle for « la valeur … », « à l'… »)
FLOW_WORDS = {
    EXPORT: ("exportations", "exportée", "l'export"),
    IMPORT: ("importations", "importée", "l'import"),
}
FRANCE_WHOLE = "France entière"


def departement_label(dep: geography.Departement) -> str:
    """« Haute-Loire (43) »."""
    return f"{dep.name} ({dep.code})"


def region_phrase(region: geography.Region) -> str:
    """« la région Auvergne-Rhône-Alpes »; the DGDDI overseas group is not an INSEE region."""
    return "les départements d'outre-mer" if not region.insee_code else f"la région {region.name}"


def scope_label(scope: Scope) -> str:
    """A scope's name in titles: « Haute-Loire », « Auvergne-Rhône-Alpes », « France entière »."""
    return FRANCE_WHOLE if scope.level == "france" else scope.name


def share(value_pct: float) -> str:
    """A share with the decimals it needs to be read: « 1,5 % », « 0,18 % »."""
    return frformat.percent(value_pct, frformat.share_decimals(value_pct))


def total_sentence(flow: str, value_eur: int) -> str:
    """« Total des exportations : 1 070,9 millions d'euros »."""
    return f"Total des {FLOW_WORDS[flow][0]} : {frformat.millions_of_euros(value_eur)}"


def total_with_shares(flow: str, totals: Totals, region: geography.Region) -> str:
    """« Total des exportations : 1 070,9 millions d'euros, soit 1,5 % de … région …, soit 0,18 % … national »;
    no share of the region when the département is all of it (``Totals.alone_in_region``)."""
    done = FLOW_WORDS[flow][1]
    of_region = "" if totals.alone_in_region else (
        f", soit {share(totals.share_of_region_pct(flow))} de la valeur {done} par {region_phrase(region)}")
    return (
        f"{total_sentence(flow, totals.total(flow))}{of_region}, soit {share(totals.share_of_france_pct(flow))} de la "
        f"valeur {done} au niveau national."
    )


def alone_in_region_sentence(dep: geography.Departement) -> str:
    """Said once where the region comparison is left out because it would repeat the département."""
    return (f"{dep.name} est le seul département de {region_phrase(dep.region)} dans les données : la comparaison "
            "avec la région, qui répéterait ses chiffres, n'est pas présentée.")


def balance_verdict(balance_eur: int) -> str:
    """« excédent », « déficit » or « équilibre »."""
    return "excédent" if balance_eur > 0 else "déficit" if balance_eur < 0 else "équilibre"


def balance_sentence(totals: Totals) -> str:
    """« Solde commercial : -197,8 millions d'euros (déficit). »"""
    balance = totals.balance_eur
    return f"Solde commercial : {frformat.millions_of_euros(balance)} ({balance_verdict(balance)})."


def _dep_year(dep: DepartementIndicators) -> str:
    return f"{dep.departement.name} ({dep.year})"


def key_figures_title(dep: DepartementIndicators) -> str:
    """« Chiffres clés, Haute-Loire (43) »: not the deck's own title, which a département deck shares."""
    return f"Chiffres clés, {departement_label(dep.departement)}"


def partners_title(dep: DepartementIndicators) -> str:
    return f"Principaux pays à l'import et à l'export, {_dep_year(dep)}"


def activities_title(dep: DepartementIndicators) -> str:
    return f"Principales activités à l'import et à l'export, {_dep_year(dep)}"


def activities_flow_title(dep: DepartementIndicators, flow: str) -> str:
    """« Principales activités à l'export, Haute-Loire (2024) »: one flow's chart."""
    return f"Principales activités à {FLOW_WORDS[flow][2]}, {_dep_year(dep)}"


def flows_title(view: FlowView, year: int) -> str:
    """« Flux à l'export par produit et par pays, Haute-Loire (en valeur, 2024) »; the region and
    France views are « Flux à l'export, Auvergne-Rhône-Alpes (en valeur, 2024) »."""
    head = f"Flux à {FLOW_WORDS[view.flow][2]}"
    if view.scope.level == "departement":
        head += " par produit et par pays" if view.flow == EXPORT else " par pays et par produit"
    return f"{head}, {scope_label(view.scope)} (en valeur, {year})"
