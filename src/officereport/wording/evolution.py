"""Sentences about the change since N-1 and the dependency figures, for workbooks, decks and ``show``.

A change with nothing to compare with (a previous value of 0) reads « nouveau », never a
division by zero; a concentration figure that cannot be computed (no partner country) reads « – ».
"""

from __future__ import annotations

from officereport import frformat
from officereport.dependency import Concentration, Dependency, FocusExposure
from officereport.evolution import ScopeEvolution, TotalsChange
from officereport.indicators import DepartementIndicators, rows
from officereport.model import EXPORT, IMPORT
from officereport.scopes import change_pct
from officereport.wording.figures import FLOW_WORDS, share

NEW = "nouveau"
NO_TRADE = "aucun échange"
SHOWN_PRODUCTS = 5  # dependent products named by ``show``
NOT_AVAILABLE = "–"
FLOW_HEADS = {EXPORT: "À l'export", IMPORT: "À l'import"}

EVOLUTION_KEY = (
    "Clé de lecture : pour chaque pays, la barre grise donne la valeur de l'année précédente et la barre colorée "
    "celle de l'année, en millions d'euros. Une valeur nulle l'année précédente se lit « nouveau » : il n'y a pas "
    "de taux d'évolution à calculer."
)
CONCENTRATION_KEY = (
    "Clé de lecture : les parts du premier et des trois premiers pays et l'indice de Herfindahl-Hirschman (IHH, "
    "de 0 à 10 000 : somme des carrés des parts en %) mesurent la concentration des échanges sur quelques pays ou "
    "quelques groupes de produits ; au-delà de 2 500, un flux est très concentré."
)
_DEPENDENT_RULE = (
    "un produit est dit dépendant quand ses importations viennent de pays très concentrés (IHH au-dessus de "
    "4 000), dépassent les exportations du même produit et pèsent au moins 0,1 % des importations, d'après les "
    "critères des revues de dépendances stratégiques de la Commission européenne et de la base GeoDep du CEPII, "
    "appliqués ici à un département."
)
DEPENDENT_KEY = f"Clé de lecture : {_DEPENDENT_RULE}"
DEPENDENCY_KEY = f"{CONCENTRATION_KEY} {_DEPENDENT_RULE[0].upper()}{_DEPENDENT_RULE[1:]}"  # both, on one slide

SHARES_TITLE = "Poids des premiers pays et du pays suivi"

METHOD_NOTE = (
    "Évolution et dépendance : l'évolution compare l'année à l'année précédente complète ; une valeur nulle "
    "l'année précédente se lit « nouveau ». Les parts du premier et des trois premiers pays et l'indice de "
    "Herfindahl-Hirschman (IHH) sur les pays portent sur les seuls pays partenaires, l'IHH des produits sur les "
    "groupes A129 de tout le flux. Les produits dépendants suivent les critères des revues de dépendances "
    "stratégiques de la Commission européenne et de la base GeoDep du CEPII (importations concentrées, IHH "
    "au-dessus de 0,4, et non compensées par les exportations), adaptés à un département : produits CPF4 pesant "
    "au moins 0,1 % de ses importations, dont les pays d'origine ont un IHH supérieur à 4 000 sur 10 000 et dont "
    "les importations dépassent ses exportations du même produit."
)


def evolution_title(year: int, previous_year: int) -> str:
    """« Évolution 2023 → 2024 »."""
    return f"Évolution {previous_year} → {year}"


def change(pct: float | None) -> str:
    """« +7,1 % », « -20,0 % », « nouveau »."""
    if pct is None:
        return NEW
    return ("+" if pct > 0 else "") + frformat.percent(pct)


def change_between(now: int, before: int) -> str:
    """``change`` from ``before`` to ``now``; « aucun échange » when both are zero (nothing is new)."""
    return NO_TRADE if now == before == 0 else change(change_pct(now, before))


def change_sentence(flow: str, totals: TotalsChange, year: int) -> str:
    """« Exportations : 1 070,9 millions d'euros en 2024, contre 1 000,0 millions d'euros en 2023 (+7,1 %). »"""
    now, before = (totals.exports_eur, totals.exports_eur_previous) if flow == EXPORT else (
        totals.imports_eur, totals.imports_eur_previous)
    pct = totals.exports_change_pct if flow == EXPORT else totals.imports_change_pct
    if now == before == 0:  # nothing either year: neither a change nor « nouveau »
        return f"{FLOW_WORDS[flow][0].capitalize()} : aucun échange ni en {year - 1} ni en {year}."
    return (f"{FLOW_WORDS[flow][0].capitalize()} : {frformat.millions_of_euros(now)} en {year}, contre "
            f"{frformat.millions_of_euros(before)} en {year - 1} ({change(pct)}).")


def share_or_dash(value: float | None) -> str:
    """« 12,3 % », or « – » for a share that cannot be computed."""
    return NOT_AVAILABLE if value is None else share(value)


def hhi(value: float | None) -> str:
    """An HHI on the 0-10 000 scale, as a whole number: « 2 384 »."""
    return NOT_AVAILABLE if value is None else frformat.number(value)


def concentration_sentence(flow: str, c: Concentration) -> str:
    """« À l'export, le premier pays pèse 43,7 % des échanges avec des pays, les trois premiers 67,1 % ; … »."""
    if c.top1_share_pct is None:
        return f"{FLOW_HEADS[flow]}, aucun échange avec un pays ; IHH {hhi(c.hhi_products)} sur les groupes de produits."
    return (f"{FLOW_HEADS[flow]}, le premier pays pèse {share_or_dash(c.top1_share_pct)} des échanges avec des pays, les trois "
            f"premiers {share_or_dash(c.top3_share_pct)} ; IHH {hhi(c.hhi_partners)} sur les pays, "
            f"{hhi(c.hhi_products)} sur les groupes de produits.")


def focus_sentence(focus: FocusExposure, country_name: str) -> str:
    """« Pays suivi, Etats-Unis (US) : 12,3 % des exportations, 4,5 % des importations. »"""
    named = f"Pays suivi ({focus.country})" if country_name == focus.country else f"Pays suivi, {country_name} ({focus.country})"
    return f"{named} : {share_or_dash(focus.export_share_pct)} des exportations, {share_or_dash(focus.import_share_pct)} des importations."


def shares_categories(focus_name: str) -> list[str]:
    """The bars of the dependency slide's chart, top to bottom."""
    return ["Premier pays", "Trois premiers pays", f"{focus_name} (pays suivi)"]


def dependent_count_sentence(count: int) -> str:
    if not count:
        return "Aucun produit ne remplit les critères de dépendance."
    return f"{count} produit{'s' if count > 1 else ''} rempli{'ssent' if count > 1 else 't'} les critères de dépendance."


def more_products_line(count: int, shown: int, where: str) -> list[str]:
    """« … et 13 autres (liste complète dans les notes). » when ``count`` products outnumber the ``shown``."""
    return [f"… et {count - shown} autre{'s' if count - shown > 1 else ''} ({where})."] if count > shown else []


def no_previous_year(year: int) -> str:
    return (f"L'année {year - 1} complète ne figure pas dans les données fournies : l'évolution {year - 1} → {year} "
            "ne peut pas être calculée. Les chiffres de dépendance portent sur l'année seule.")


def country_name(ind: DepartementIndicators, code: str) -> str:
    """A partner's name from the indicators' rows; the code when the département does not trade with it."""
    names = dict(rows(ind.partners, "partner", "partner_name"))
    if ind.evolution:
        names.update((p.code, p.name) for p in ind.evolution.partners)
    return names.get(code, code)


def focus_lines(focus: FocusExposure) -> list[str]:
    """The products weighing most in the trade with the focus country, per flow."""
    lines = []
    for flow, products in ((EXPORT, focus.top_exports), (IMPORT, focus.top_imports)):
        if products:
            named = ", ".join(f"{p.name} ({share(p.share_pct)})" for p in products)
            lines.append(f"{FLOW_HEADS[flow]} vers ce pays : {named}." if flow == EXPORT
                         else f"{FLOW_HEADS[flow]} depuis ce pays : {named}.")
    return lines


def _coded(name: str, code: str) -> str:
    """« Pétrole brut (0610) »; the code alone when no label names it."""
    return code if name == code else f"{name} ({code})"


def dependent_lines(ind: DepartementIndicators, limit: int | None = None) -> list[str]:
    """« Pétrole brut (0610) : 0,3 M€ importés ; première source Chine (90,0 %) », largest first."""
    dep = ind.dependency
    products = dep.dependent_products[:limit] if dep else ()
    return [f"{_coded(p.name, p.cpf4)} : {frformat.meur(p.imports_eur)} importés ; première source "
            f"{country_name(ind, p.main_source)} ({share(p.main_source_share_pct)})" for p in products]


def evolution_notes(evo: ScopeEvolution) -> list[str]:
    """Every partner country's change, for the speaker notes."""
    lines = [f"Exportations / importations par pays, {evo.previous_year} → {evo.year} (M€) :"]
    lines += [f"- {p.name} : {frformat.millions(p.exports_eur_previous)} → {frformat.millions(p.exports_eur)} "
              f"({change(p.exports_change_pct)}) / {frformat.millions(p.imports_eur_previous)} → "
              f"{frformat.millions(p.imports_eur)} ({change(p.imports_change_pct)})" for p in evo.partners]
    return lines


def show_lines(ind: DepartementIndicators) -> list[str]:
    """The change and dependency lines of ``officereport show``."""
    lines = []
    evo: ScopeEvolution | None = ind.evolution
    if evo:
        lines.append(f"{evolution_title(evo.year, evo.previous_year)} :")
        lines.extend(f"  {change_sentence(flow, evo.totals, evo.year)}" for flow in (EXPORT, IMPORT))
    else:
        lines.append(no_previous_year(ind.year))
    dep: Dependency | None = ind.dependency
    if dep:
        lines.append("Dépendance :")
        lines.extend(f"  {concentration_sentence(flow, dep.concentration(flow))}" for flow in (EXPORT, IMPORT))
        lines.append(f"  {focus_sentence(dep.focus, country_name(ind, dep.focus.country))}")
        count = len(dep.dependent_products)
        lines.append(f"  {dependent_count_sentence(count)}")
        lines.extend(f"    {line}" for line in [*dependent_lines(ind, SHOWN_PRODUCTS),
                                                *more_products_line(count, SHOWN_PRODUCTS, "liste complète avec --json")])
    return lines
