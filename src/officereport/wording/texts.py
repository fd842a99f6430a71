"""Fixed texts: the source line, the publication's context, method caveats, practical information.

They restate the publication's context, method caveats and practical information in our words.
"""

from __future__ import annotations

from officereport.model import SAMPLE_WARNING, Provenance

PUBLICATION = "Les indicateurs clés : commerce extérieur"  # the ANCT series the outputs reproduce
DATA_SOURCE = "DGDDI, données départementales et régionales du commerce extérieur"
SAMPLE_SOURCE = "Données fictives générées par officereport au format DGDDI du commerce extérieur"
LICENCE = "Licence Ouverte 2.0"
NO_TRADE = "Aucun échange"
NAMED_FILES = 4  # data files a source line names: a year and the year before, two flows each


def data_source(prov: Provenance) -> str:
    """« DGDDI, … 2024 », or « Données fictives … 2024 » on sample data: never the DGDDI for invented figures."""
    return f"{SAMPLE_SOURCE if prov.is_sample else DATA_SOURCE} {prov.year}"


def source_line(prov: Provenance, *, files: bool = True) -> str:
    """« Source : DGDDI, … 2024 (REGIONAL_CPF4PAYSE.txt) ; traitement officereport 0.1.0, 02/06/2025. »

    Without ``files`` for page footers, which Excel caps at 255 characters; the method sheet
    lists the files with their fingerprints. Beyond ``NAMED_FILES`` data files (a build reading
    several years of releases), the line counts them and says where they are listed: named,
    the 22 files of ten years ran to six lines under every reading key.
    """
    names = sorted({s.name.rsplit("!", 1)[-1].rsplit("/", 1)[-1] for s in prov.data_sources}) if files else []
    if len(names) > NAMED_FILES:
        origin = f" ({len(names)} fichiers de données, listés dans la feuille « Méthode » des classeurs)"
    else:
        origin = f" ({', '.join(names)})" if names else ""
    return (
        f"Source : {data_source(prov)}{origin} ; "
        f"traitement officereport {prov.tool_version}, {prov.built_at:%d/%m/%Y}."
    )


def sample_note(prov: Provenance) -> list[str]:
    return [SAMPLE_WARNING] if prov.is_sample else []


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
# The same caveats on a deck's method slide and a workbook's method sheet.
CAVEATS = (
    "Les échanges sont comptés au lieu de dédouanement, qui n'est pas toujours le lieu de production : "
    "un bien fabriqué dans un département peut être exporté depuis un autre, selon l'organisation "
    "logistique des entreprises.",
    "Les grandes infrastructures de transport concentrent certains flux : les zones industrialo-portuaires "
    "reçoivent par exemple les importations d'hydrocarbures consommées ailleurs.",
    "Les importations de gaz par gazoduc et d'électricité sont toutes enregistrées à Paris.",
    "Aucune donnée n'existe sous le département : un Territoire d'industrie qui s'étend sur plusieurs "
    "départements est présenté département par département.",
    "Exportations en valeur FAB (franco à bord), importations en valeur CAF (coût, assurance, fret). Les codes "
    "partenaires qui ne sont pas des pays (avitaillement, pays non déterminés...) comptent dans les totaux mais "
    "pas dans les classements de pays : ils sont regroupés dans « Autres ».",
)
WORKBOOK_UNITS = (
    "Les montants sont enregistrés en euros dans les cellules et affichés en millions d'euros (M€) ; les parts "
    "sont enregistrées en fractions et affichées en pourcentage."
)

PRACTICAL = (
    "Ce document dresse un état des lieux du commerce extérieur par territoire, à l'intention des acteurs "
    "locaux, dans un contexte douanier en forte évolution.",
    "Les portraits socio-économiques des Territoires d'industrie, publiés en octobre 2024, complètent cette lecture.",
    "Contact du programme au niveau national : territoires-industrie@anct.gouv.fr",
    "Actualités de l'ANCT : https://anct.gouv.fr/actualites",
    "Actualités de la DGE : https://www.entreprises.gouv.fr/la-dge/actualites",
)


def territories_sentence(names: list[str]) -> str:
    return "Territoires d'industrie du département : " + " ; ".join(names) + "."
