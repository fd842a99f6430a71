"""Reading keys (« Clé de lecture : … »): how to read each chart and table, in workbooks and decks.

A chart drawn the same way in both outputs (the partner butterfly) has one key; the activities
and the flows are drawn differently (bars and a matrix in a workbook, a treemap and a Sankey
diagram in a deck), so each drawing has its own key.
"""

from __future__ import annotations

from officereport.model import EXPORT

PARTNERS_KEY = (
    "Clé de lecture : pour chaque pays, les importations figurent à gauche et les exportations à droite, "
    "en millions d'euros ; la troisième barre donne le solde commercial (exportations moins importations), "
    "vert s'il est positif, rouge s'il est négatif. Pays retenus : les dix premiers à l'import et les dix "
    "premiers à l'export."
)

ACTIVITIES_KEY = (
    "Clé de lecture : en bleu les biens importés dans le département, en violet les biens exportés. "
    "L'aire de chaque case est proportionnelle au poids du bien dans son flux."
)


def activities_table_key(charted: int) -> str:
    return (
        "Clé de lecture : chaque ligne est un groupe de produits de la nomenclature A129, avec sa valeur et sa "
        "part dans le total exporté (en violet sur les graphiques) ou importé (en bleu). Le tableau liste tous "
        f"les groupes échangés ; les graphiques montrent les {charted} premiers de chaque flux."
    )


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


def matrix_key(flow: str) -> str:
    if flow == EXPORT:
        rows, cols, pair = "un produit exporté", "un pays de destination", "entre un produit et un pays"
    else:
        rows, cols, pair = "un pays d'origine", "un produit importé", "entre un pays et un produit"
    return (
        f"Clé de lecture : chaque case croise {rows} (ligne) et {cols} (colonne), en millions d'euros ; "
        f"plus la teinte est soutenue, plus le flux est important. Les cinq principaux flux {pair} "
        "nommés sont en rouge. « Autres » regroupe ce qui est au-delà des dix premiers de chaque côté."
    )


def summary_key(with_region: bool) -> str:
    whom = "de sa région et de la France" if with_region else "de la France"
    return (
        f"Clé de lecture : la valeur des échanges du département et sa part dans ceux {whom}. Les montants sont "
        "en millions d'euros (M€), les parts en pourcentage."
    )

def comparison_key(with_region: bool) -> str:
    whom = "de sa région et de la France entière" if with_region else "de la France entière"
    return (
        f"Clé de lecture : la situation du département peut être comparée à celle {whom}. Les flux ci-dessous "
        "se lisent comme ceux des feuilles « Flux export » et « Flux import »."
    )

DEPARTEMENTS_KEY = (
    "Clé de lecture : une ligne par département (codes DGDDI : 20 pour la Corse, 9A à 9E pour les "
    "départements d'outre-mer, 99 pour Monaco), avec ses échanges en millions d'euros et leur part dans "
    "ceux de la France et de sa région. Le tableau se trie et se filtre depuis ses en-têtes."
)

REGIONS_KEY = (
    "Clé de lecture : les régions sont celles de la DGDDI ; ses « Départements d'outre-mer » regroupent "
    "la Guadeloupe, la Martinique, la Guyane, La Réunion et Mayotte. Monaco est compté en "
    "Provence-Alpes-Côte d'Azur."
)


def rankings_key(top: int, top_balance: int) -> str:
    return (
        f"Clé de lecture : les {top} premiers départements exportateurs et importateurs, puis les "
        f"{top_balance} plus forts excédents et les {top_balance} plus forts déficits commerciaux."
    )
