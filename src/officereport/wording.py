"""French sentences about the indicators, shared by every output (workbooks, decks, the CLI).

Numbers go through ``frformat`` (« 1 070,9 millions d'euros », « 1,5 % », « 0,18 % »), worded as
the publication words them.
"""

from __future__ import annotations

from officereport import frformat
from officereport.indicators import Totals
from officereport.input import geography
from officereport.model import EXPORT, IMPORT

# flow -> (noun, past participle for « la valeur … », « à l'… »)
FLOW_WORDS = {
    EXPORT: ("exportations", "exportée", "l'export"),
    IMPORT: ("importations", "importée", "l'import"),
}


def departement_label(dep: geography.Departement) -> str:
    """« Haute-Loire (43) »."""
    return f"{dep.name} ({dep.code})"


def region_phrase(region: geography.Region) -> str:
    """« la région Auvergne-Rhône-Alpes »; the DGDDI overseas group is not an INSEE region."""
    return "les départements d'outre-mer" if not region.insee_code else f"la région {region.name}"


def share(value_pct: float) -> str:
    """A share with the decimals it needs to be read: « 1,5 % », « 0,18 % »."""
    return frformat.percent(value_pct, frformat.share_decimals(value_pct))


def total_sentence(flow: str, value_eur: int) -> str:
    """« Total des exportations : 1 070,9 millions d'euros »."""
    return f"Total des {FLOW_WORDS[flow][0]} : {frformat.millions_of_euros(value_eur)}"


def total_with_shares(flow: str, totals: Totals, region: geography.Region) -> str:
    """« Total des exportations : 1 070,9 millions d'euros, soit 1,5 % de … région …, soit 0,18 % … national »."""
    done = FLOW_WORDS[flow][1]
    if flow == EXPORT:
        value, region_pct, france_pct = totals.exports_eur, totals.export_share_of_region_pct, totals.export_share_of_france_pct
    else:
        value, region_pct, france_pct = totals.imports_eur, totals.import_share_of_region_pct, totals.import_share_of_france_pct
    return (
        f"{total_sentence(flow, value)}, soit {share(region_pct)} de la valeur {done} par {region_phrase(region)}, "
        f"soit {share(france_pct)} de la valeur {done} au niveau national."
    )


def balance_sentence(totals: Totals) -> str:
    """« Solde commercial : -197,8 millions d'euros (déficit). »"""
    balance = totals.balance_eur
    verdict = "excédent" if balance > 0 else "déficit" if balance < 0 else "équilibre"
    return f"Solde commercial : {frformat.millions_of_euros(balance)} ({verdict})."
