"""The French sentences of the decks: titles, totals in words, reading keys, notes and fixed pages.

Numbers go through ``frformat`` (« 1 070,9 millions d'euros », « 1,5 % », « 0,18 % »). The fixed
texts restate the publication's context, method caveats and practical information in our words.
"""

from __future__ import annotations

from officereport import frformat
from officereport.deck.tables import rows
from officereport.indicators import AreaIndicators, DepartementIndicators, FlowView
from officereport.model import EXPORT, SAMPLE_WARNING, Provenance
from officereport.wording import FLOW_WORDS, balance_sentence

CONTEXT = (
    "Le programme Territoires d'industrie, copiloté par l'ANCT et la DGE, publie des portraits "
    "thématiques de ses territoires ; ce numéro porte sur le commerce extérieur.",
    "Les tensions commerciales internationales et les menaces de hausse des droits de douane poussent "
    "les industriels à mesurer leur exposition aux chaînes de valeur mondiales, à l'import comme à l'export.",
    "Fondé sur les données douanières, ce document dresse un état des lieux par département : "
    "principales activités exportatrices et importatrices, principaux pays partenaires, et position "
    "par rapport à la région et à la France.",
)

METHOD_INTRO = "Les graphiques donnent des ordres de grandeur ; ils ont des limites :"
METHOD_POINTS = (
    "Les échanges sont comptés au lieu de dédouanement, qui n'est pas toujours le lieu de production : "
    "un bien fabriqué dans un département peut être exporté depuis un autre.",
    "Les grandes infrastructures de transport concentrent certains flux : les zones industrialo-portuaires "
    "reçoivent par exemple les importations d'hydrocarbures consommées ailleurs.",
    "Aucune donnée n'existe sous le département : un territoire qui s'étend sur plusieurs départements "
    "est présenté département par département.",
)

PRACTICAL = (
    "Ce document dresse un état des lieux du commerce extérieur par territoire, à l'intention des acteurs "
    "locaux, dans un contexte douanier en forte évolution.",
    "Les portraits socio-économiques des Territoires d'industrie, publiés en octobre 2024, complètent cette lecture.",
    "Contact du programme au niveau national : territoires-industrie@anct.gouv.fr",
    "Actualités de l'ANCT : https://anct.gouv.fr/actualites",
    "Actualités de la DGE : https://www.entreprises.gouv.fr/la-dge/actualites",
)






def scope_name(area: AreaIndicators) -> str:
    return "France entière" if area.scope.level == "france" else area.scope.name


def source_line(prov: Provenance) -> str:
    files = ", ".join(sorted({s.name.rsplit("!", 1)[-1].rsplit("/", 1)[-1] for s in prov.data_sources}))
    origin = f" ({files})" if files else ""
    return (
        f"Source : DGDDI, données départementales et régionales du commerce extérieur {prov.year}{origin} ; "
        f"traitement officereport {prov.tool_version}, {prov.built_at:%d/%m/%Y}."
    )










def territories_sentence(names: list[str]) -> str:
    return "Territoires d'industrie du département : " + " ; ".join(names) + "."


def partners_title(dep: DepartementIndicators) -> str:
    return f"Principaux pays à l'import et à l'export, {dep.departement.name} ({dep.year})"


PARTNERS_KEY = (
    "Clé de lecture : pour chaque pays, les importations figurent à gauche et les exportations à droite, "
    "en millions d'euros ; la troisième barre donne la balance commerciale, verte si elle est positive, rouge si elle est négative."
)


def activities_title(dep: DepartementIndicators) -> str:
    return f"Principales activités à l'import et à l'export, {dep.departement.name} ({dep.year})"


ACTIVITIES_KEY = (
    "Clé de lecture : en bleu les biens importés dans le département, en violet les biens exportés. "
    "L'aire de chaque case est proportionnelle au poids du bien dans son flux."
)


def flows_title(view: FlowView, year: int) -> str:
    area = "France entière" if view.scope.level == "france" else view.scope.name
    if view.flow == EXPORT:
        head = "Flux à l'export par produit et par pays" if view.scope.level == "departement" else "Flux à l'export"
    else:
        head = "Flux à l'import par pays et par produit" if view.scope.level == "departement" else "Flux à l'import"
    return f"{head}, {area} (en valeur, {year})"


def flows_key(flow: str, level: str) -> str:
    if flow == EXPORT:
        where = {"departement": "du département", "region": "de la région", "france": "de France"}[level]
        sides = f"À gauche les dix principaux biens exportés {where}, à droite les dix principaux pays de destination"
    else:
        where = {"departement": "dans le département", "region": "dans la région", "france": "en France"}[level]
        sides = f"À gauche les dix principaux pays d'origine, à droite les dix principaux biens importés {where}"
    return (
        f"Clé de lecture : {sides} ; « Autres » regroupe le reste. La largeur d'un flux est proportionnelle "
        "à sa valeur ; les cinq principaux flux sont en rouge."
    )


def flows_notes(view: FlowView) -> list[str]:
    """Speaker notes: the total and the five red flows with their values."""
    noun = FLOW_WORDS[view.flow][0]
    flows = rows(view.table, "source_name", "target_name", "value_eur", "top5")
    red = sorted((f for f in flows if f[3]), key=lambda f: -f[2])
    lines = [f"Total des {noun} : {frformat.millions_of_euros(sum(f[2] for f in flows))}.", "Les cinq principaux flux :"]
    lines += [f"- {source} → {target} : {frformat.meur(value)}" for source, target, value, _ in red]
    return lines


def partners_notes(dep: DepartementIndicators) -> list[str]:
    lines = ["Importations / exportations / solde par pays (M€) :"]
    lines += [
        f"- {name} : {frformat.millions(imports)} / {frformat.millions(exports)} / {frformat.millions(balance)}"
        for name, imports, exports, balance in rows(dep.partners, "partner_name", "imports_eur", "exports_eur",
                                                        "balance_eur")
    ]
    return lines


def activities_notes(dep: DepartementIndicators, limit: int = 5) -> list[str]:
    lines = []
    for flow, label in ((EXPORT, "exportées"), ("I", "importées")):
        named = [r for r in rows(dep.activities, "flow", "a129_name", "value_eur", "share_pct") if r[0] == flow]
        lines.append(f"Principales activités {label} :")
        lines += [f"- {name} : {frformat.meur(value)} ({frformat.percent(share)})" for _, name, value, share in named[:limit]]
    lines.append(balance_sentence(dep.totals))
    return lines


def sample_note(prov: Provenance) -> list[str]:
    return [SAMPLE_WARNING] if prov.is_sample else []
