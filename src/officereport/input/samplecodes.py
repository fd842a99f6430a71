"""The sample generator's own small code tables.

Codes are real (A129 groups, CPF rev. 2.1 level-4 products, EU geonomenclature partners); the
labels are short wordings of our own, not the official sentences, and the sizes are rough
orders of magnitude chosen to look plausible. Nothing here is read from a DGDDI download.
"""

from __future__ import annotations

# A129 group -> short label. Three labels hold a ";" so that the label file needs quoting.
A129_LABELS: dict[str, str] = {
    "A01Z": "Produits agricoles",
    "A02Z": "Produits forestiers",
    "A03Z": "Poissons et aquaculture",
    "B05Z": "Charbon",
    "B06Z": "Pétrole brut et gaz naturel",
    "B07Z": "Minerais de métaux",
    "B08Z": "Pierres, sables, sel",
    "C10A": "Viandes",
    "C10B": "Produits de la mer transformés",
    "C10C": "Fruits et légumes transformés",
    "C10D": "Huiles et graisses",
    "C10E": "Laitages et fromages",
    "C10F": "Farines et amidons",
    "C10G": "Pains, biscuits, pâtes",
    "C10H": "Autres produits alimentaires",
    "C10K": "Nourriture pour animaux",
    "C11Z": "Boissons",
    "C12Z": "Tabac",
    "C13Z": "Textiles",
    "C14Z": "Vêtements",
    "C15Z": "Cuirs et chaussures",
    "C16Z": "Bois travaillé",
    "C17A": "Papier et carton",
    "C17B": "Objets en papier",
    "C18Z": "Imprimés",
    "C19Z": "Carburants et produits raffinés",
    "C20A": "Chimie de base et plastiques bruts",
    "C20B": "Cosmétiques ; produits ménagers",
    "C20C": "Autres produits chimiques",
    "C21Z": "Médicaments",
    "C22A": "Caoutchouc",
    "C22B": "Objets en plastique",
    "C23A": "Verrerie",
    "C23B": "Matériaux de construction",
    "C24A": "Acier",
    "C24B": "Métaux non ferreux",
    "C24C": "Pièces de fonderie",
    "C25A": "Charpentes métalliques",
    "C25B": "Réservoirs et chaudières",
    "C25C": "Armes",
    "C25E": "Outils et quincaillerie",
    "C26A": "Composants électroniques",
    "C26B": "Ordinateurs",
    "C26C": "Matériel de télécommunication",
    "C26D": "Électronique grand public",
    "C26E": "Mesure ; horlogerie",
    "C26F": "Appareils électromédicaux",
    "C26G": "Optique ; supports de données",
    "C27A": "Électroménager",
    "C27B": "Équipement électrique",
    "C28A": "Machines d'usage général",
    "C28B": "Machines agricoles",
    "C28C": "Machines-outils",
    "C28D": "Machines spécialisées",
    "C29A": "Automobiles",
    "C29B": "Pièces pour automobiles",
    "C30A": "Bateaux",
    "C30B": "Trains et tramways",
    "C30C": "Aéronefs et engins spatiaux",
    "C30D": "Blindés",
    "C30E": "Vélos et motos",
    "C31Z": "Meubles",
    "C32A": "Bijoux et instruments de musique",
    "C32B": "Matériel médical",
    "C32C": "Jouets et articles de sport",
    "D35A": "Électricité",
    "D35B": "Gaz distribué",
    "E37Z": "Boues d'épuration",
    "E38Z": "Déchets",
    "J58Z": "Livres et logiciels",
    "J59Z": "Films et musique enregistrés",
    "M71Z": "Plans techniques",
    "M74Z": "Photographies",
    "R90Z": "Œuvres d'art",
    "R91Z": "Antiquités",
    "S96Z": "Cheveux",
}

# A129 group -> its CPF4 products used by the generator, with short labels (a subset of the
# real list; every code belongs to its group as in the CPF rev. 2.1). Some labels hold ";".
CPF4_BY_A129: dict[str, dict[str, str]] = {
    "A01Z": {
        "0111": "Céréales et oléagineux",
        "0113": "Légumes frais",
        "0121": "Raisin",
        "0124": "Pommes, poires, fruits à noyau",
        "0130": "Plants ; bulbes",
        "0142": "Bovins vivants",
        "0147": "Volailles et œufs",
    },
    "A02Z": {"0210": "Plants forestiers", "0220": "Grumes"},
    "A03Z": {"0300": "Poissons et crustacés"},
    "B05Z": {"0510": "Houille", "0520": "Lignite"},
    "B06Z": {"0610": "Pétrole brut", "0620": "Gaz naturel"},
    "B07Z": {"0710": "Minerai de fer", "0729": "Autres minerais"},
    "B08Z": {"0812": "Sables et graviers", "0893": "Sel ; eau de mer"},
    "C10A": {"1011": "Viande de boucherie", "1012": "Volaille", "1013": "Charcuterie"},
    "C10B": {"1020": "Poisson préparé"},
    "C10C": {"1031": "Pommes de terre préparées", "1032": "Jus de fruits", "1039": "Conserves de légumes"},
    "C10D": {"1041": "Huiles"},
    "C10E": {"1051": "Lait et fromages", "1052": "Glaces"},
    "C10F": {"1061": "Farines", "1062": "Amidons"},
    "C10G": {"1071": "Pain ; viennoiseries", "1072": "Biscuits", "1073": "Pâtes"},
    "C10H": {"1081": "Sucre", "1082": "Chocolat et confiserie", "1083": "Café et thé", "1089": "Autres aliments"},
    "C10K": {"1091": "Aliments pour le bétail", "1092": "Aliments pour chiens et chats"},
    "C11Z": {"1101": "Spiritueux", "1102": "Vins", "1105": "Bière", "1107": "Eaux ; sodas"},
    "C12Z": {"1200": "Cigarettes et tabac"},
    "C13Z": {"1310": "Fils textiles", "1320": "Tissus", "1392": "Linge de maison", "1396": "Textiles techniques"},
    "C14Z": {"1413": "Vêtements de dessus", "1414": "Sous-vêtements", "1439": "Pulls et tricots"},
    "C15Z": {"1512": "Sacs et bagages", "1520": "Chaussures"},
    "C16Z": {"1610": "Bois scié", "1621": "Panneaux de bois", "1623": "Menuiseries en bois"},
    "C17A": {"1711": "Pâte à papier", "1712": "Papier et carton"},
    "C17B": {"1721": "Emballages en carton", "1722": "Papier hygiénique"},
    "C18Z": {"1812": "Imprimés divers"},
    "C19Z": {"1910": "Coke", "1920": "Carburants"},
    "C20A": {"2011": "Gaz industriels", "2014": "Chimie organique", "2015": "Engrais", "2016": "Plastiques bruts"},
    "C20B": {"2041": "Savons ; détergents", "2042": "Parfums et cosmétiques"},
    "C20C": {"2020": "Pesticides", "2030": "Peintures", "2059": "Autres produits chimiques"},
    "C21Z": {"2110": "Principes actifs", "2120": "Médicaments"},
    "C22A": {"2211": "Pneus ; rechapage", "2219": "Autres caoutchoucs"},
    "C22B": {"2221": "Plaques et tubes plastiques", "2222": "Emballages plastiques", "2229": "Autres plastiques"},
    "C23A": {"2311": "Verre plat", "2313": "Verre creux"},
    "C23B": {
        "2332": "Briques et tuiles",
        "2341": "Vaisselle en céramique",
        "2351": "Ciment",
        "2370": "Pierres taillées",
    },
    "C24A": {"2410": "Sidérurgie", "2420": "Tubes en acier"},
    "C24B": {"2441": "Métaux précieux", "2442": "Aluminium", "2444": "Cuivre"},
    "C24C": {"2451": "Fonte moulée"},
    "C25A": {"2511": "Structures métalliques", "2512": "Portes et fenêtres en métal"},
    "C25B": {"2521": "Radiateurs", "2529": "Réservoirs"},
    "C25C": {"2540": "Armes et munitions"},
    "C25E": {"2571": "Coutellerie", "2573": "Outillage", "2594": "Visserie", "2599": "Autres articles en métal"},
    "C26A": {"2611": "Composants électroniques", "2612": "Cartes électroniques"},
    "C26B": {"2620": "Ordinateurs"},
    "C26C": {"2630": "Téléphones"},
    "C26D": {"2640": "Téléviseurs et audio"},
    "C26E": {"2651": "Instruments de mesure", "2652": "Montres"},
    "C26F": {"2660": "Imagerie médicale"},
    "C26G": {"2670": "Optique ; photo", "2680": "Supports de données"},
    "C27A": {"2751": "Électroménager", "2752": "Appareils ménagers non électriques"},
    "C27B": {
        "2711": "Moteurs et transformateurs",
        "2712": "Appareillage électrique",
        "2720": "Piles et batteries",
        "2732": "Câbles",
        "2740": "Éclairage",
    },
    "C28A": {
        "2811": "Moteurs et turbines",
        "2813": "Pompes et compresseurs",
        "2814": "Robinets",
        "2822": "Matériel de levage",
        "2825": "Froid et ventilation",
    },
    "C28B": {"2830": "Tracteurs et machines agricoles"},
    "C28C": {"2841": "Machines-outils", "2849": "Autres machines-outils"},
    "C28D": {
        "2892": "Engins de chantier",
        "2893": "Machines pour l'agroalimentaire",
        "2896": "Machines pour le plastique",
        "2899": "Autres machines",
    },
    "C29A": {"2910": "Voitures et camions", "2920": "Carrosseries et remorques"},
    "C29B": {"2931": "Électronique automobile", "2932": "Pièces automobiles"},
    "C30A": {"3011": "Navires", "3012": "Bateaux de plaisance"},
    "C30B": {"3020": "Matériel ferroviaire"},
    "C30C": {"3030": "Avions, hélicoptères, satellites"},
    "C30D": {"3040": "Véhicules militaires"},
    "C30E": {"3091": "Motos", "3092": "Vélos"},
    "C31Z": {
        "3100": "Sièges ; parties de meubles",
        "3101": "Meubles de bureau",
        "3102": "Meubles de cuisine",
        "3109": "Autres meubles",
    },
    "C32A": {"3212": "Bijoux", "3220": "Instruments de musique"},
    "C32B": {"3250": "Instruments médicaux"},
    "C32C": {"3230": "Articles de sport", "3240": "Jeux et jouets", "3299": "Autres articles manufacturés"},
    "D35A": {"3511": "Électricité"},
    "D35B": {"3521": "Gaz distribué"},
    "E37Z": {"3700": "Boues d'épuration"},
    "E38Z": {"3811": "Déchets banals", "3832": "Matières récupérées"},
    "J58Z": {"5811": "Livres", "5829": "Logiciels"},
    "J59Z": {"5920": "Enregistrements sonores"},
    "M71Z": {"7112": "Plans techniques"},
    "M74Z": {"7420": "Photographies"},
    "R90Z": {"9003": "Œuvres d'art"},
    "R91Z": {"9102": "Objets de collection"},
    "S96Z": {"9602": "Cheveux"},
}

# Typical value per kg (euros) by A129 group, so that masses look plausible; default 5 €/kg.
EUR_PER_KG: dict[str, float] = {
    "A01Z": 0.5, "A02Z": 0.1, "B05Z": 0.15, "B06Z": 0.5, "B07Z": 0.2, "B08Z": 0.05, "C16Z": 0.6,
    "C17A": 0.8, "C19Z": 0.8, "C20A": 1.5, "C23B": 0.3, "C24A": 1.0, "C21Z": 80.0, "C26A": 150.0,
    "C26B": 60.0, "C26C": 120.0, "C26E": 200.0, "C30C": 800.0, "C32A": 2000.0, "C20B": 15.0,
    "C11Z": 4.0, "C14Z": 25.0, "C15Z": 30.0, "D35B": 0.4, "E38Z": 0.3,
}

# Geonomenclature partner codes used by the generator: countries whose French names come from
# babel, plus codes babel names differently or not at all (see PARTNER_LABELS).
PARTNER_COUNTRIES = (
    "AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD "
    "CF CG CH CI CL CM CN CO CR CU CV CW CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FO GA GB "
    "GD GE GH GI GL GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH "
    "KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MD ME MG MK ML MM MN MO MR MT MU MV "
    "MW MX MY MZ NA NC NE NG NI NL NO NP NZ OM PA PE PF PG PH PK PL PM PS PT PY QA RO RU RW SA SC "
    "SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TM TN TR TT TW TZ UA UG US UY UZ VA "
    "VC VE VN VU WF YE ZA ZM ZW"
).split()

# Labels of our own for partner codes that are not countries or that babel spells otherwise.
PARTNER_LABELS: dict[str, str] = {
    "XS": "Serbie",
    "XK": "Kosovo",
    "XC": "Ceuta",
    "XL": "Melilla",
    "QU": "Pays non déterminés",
    "QR": "Avitaillement (échanges intra-UE)",
    "QS": "Avitaillement (pays tiers)",
    "QP": "Haute mer",
    "QQ": "Corrections automatiques",
    "EU": "Union européenne",
    "FR": "France (retours)",
}

# Codes whose label file row appears twice (an old meaning, then the current one), as in the
# real Libelle_PAYS.txt: (code, old label, old validity from, old validity to, current meaning from).
PARTNER_OLD_ROWS = (
    ("QU", "Pays non dénommés ailleurs", 190001, 199912, 201201),
    ("XK", "Ancienne Yougoslavie", 199206, 199212, 200506),
    ("XS", "Saba", 190001, 200505, 200506),
)

# Main partners: (share of French exports, share of French imports) in percent, roughly.
MAIN_PARTNERS: dict[str, tuple[float, float]] = {
    "DE": (13.5, 14.5), "BE": (9.0, 10.0), "IT": (8.0, 8.0), "ES": (8.0, 7.5), "US": (8.5, 6.5),
    "GB": (6.0, 3.5), "NL": (4.5, 8.0), "CN": (4.0, 9.5), "CH": (3.5, 3.0), "PL": (2.0, 2.0),
    "JP": (1.2, 1.0), "SG": (1.0, 0.4), "PT": (1.0, 1.3), "AT": (0.8, 0.8), "SE": (0.8, 0.7),
    "IE": (0.6, 1.8), "TR": (0.8, 1.0), "MA": (1.0, 0.9), "KR": (0.7, 0.8), "IN": (0.8, 0.8),
    "CZ": (0.6, 1.0), "NO": (0.4, 2.2), "AE": (1.0, 0.3), "DZ": (0.7, 0.9), "TN": (0.6, 0.6),
    "CA": (0.6, 0.5), "HK": (0.8, 0.1), "BR": (0.5, 0.4), "VN": (0.2, 0.9), "SA": (0.5, 0.6),
}
# Partner codes that are not countries, with their share in percent of each flow.
NON_COUNTRY_SHARES: dict[str, tuple[float, float]] = {
    "QU": (0.3, 0.5), "QR": (0.2, 0.05), "QS": (0.3, 0.05), "QP": (0.02, 0.02), "EU": (0.1, 0.1),
    "FR": (0.02, 0.3),
}

# Rough size of each département's trade for a year, in billions of euros (exports, imports).
# Calibrated years rescale these; other years use them as they are.
DEP_SIZES_GEUR: dict[str, tuple[float, float]] = {
    "01": (5.5, 5.0), "02": (3.5, 3.0), "03": (1.5, 1.3), "04": (0.6, 0.5), "05": (0.2, 0.2),
    "06": (3.0, 4.0), "07": (1.2, 1.0), "08": (1.8, 1.5), "09": (0.5, 0.3), "10": (1.5, 1.3),
    "11": (0.7, 0.7), "12": (1.0, 0.6), "13": (20.0, 33.0), "14": (3.0, 3.5), "15": (0.3, 0.2),
    "16": (3.5, 1.5), "17": (2.0, 2.5), "18": (1.2, 1.0), "19": (0.6, 0.5), "20": (0.2, 0.6),
    "21": (2.2, 2.5), "22": (1.3, 1.5), "23": (0.2, 0.15), "24": (0.7, 0.5), "25": (4.5, 3.5),
    "26": (2.5, 2.5), "27": (6.0, 6.5), "28": (3.5, 4.0), "29": (2.5, 2.2), "30": (2.0, 2.5),
    "31": (33.0, 18.0), "32": (0.6, 0.4), "33": (9.0, 8.0), "34": (2.5, 4.0), "35": (4.0, 5.5),
    "36": (0.8, 0.6), "37": (3.0, 2.5), "38": (9.0, 9.5), "39": (1.5, 1.0), "40": (1.5, 1.2),
    "41": (1.5, 1.5), "42": (3.5, 4.0), "43": (1.0, 1.2), "44": (11.0, 14.0), "45": (5.0, 7.5),
    "46": (0.5, 0.4), "47": (1.2, 1.0), "48": (0.1, 0.1), "49": (3.5, 3.5), "50": (1.3, 1.3),
    "51": (6.5, 3.5), "52": (0.9, 0.6), "53": (1.2, 1.0), "54": (3.0, 4.0), "55": (0.7, 0.6),
    "56": (1.6, 1.7), "57": (8.0, 10.0), "58": (0.5, 0.4), "59": (25.0, 32.0), "60": (5.5, 6.5),
    "61": (0.8, 0.7), "62": (5.0, 5.5), "63": (4.0, 3.5), "64": (4.5, 3.0), "65": (1.0, 0.6),
    "66": (1.5, 2.5), "67": (14.0, 16.0), "68": (8.5, 8.0), "69": (14.0, 17.0), "70": (0.8, 0.7),
    "71": (3.0, 2.8), "72": (2.5, 2.5), "73": (1.5, 1.5), "74": (4.0, 3.5), "75": (26.0, 70.0),
    "76": (18.0, 30.0), "77": (9.0, 14.0), "78": (11.0, 13.0), "79": (1.3, 1.1), "80": (2.2, 2.0),
    "81": (1.3, 1.0), "82": (0.8, 0.6), "83": (2.0, 2.5), "84": (2.0, 2.8), "85": (1.8, 1.7),
    "86": (1.3, 1.2), "87": (1.3, 0.9), "88": (1.2, 1.0), "89": (1.2, 1.0), "90": (2.5, 1.5),
    "91": (8.0, 12.0), "92": (20.0, 30.0), "93": (6.0, 13.0), "94": (7.0, 15.0), "95": (10.0, 14.0),
    "99": (0.8, 1.0), "9A": (0.3, 3.0), "9B": (0.3, 3.0), "9C": (0.5, 1.8), "9D": (0.4, 5.5),
    "9E": (0.03, 0.6),
}

# Rough size of each product group in French trade, in billions of euros a year (exports, imports):
# orders of magnitude only, so that a sample département trades aircraft and medicines more often
# than armoured vehicles or antiques.
NATIONAL_GROUP_SIZES: dict[str, tuple[float, float]] = {
    "A01Z": (17, 15), "A02Z": (1, 0.5), "A03Z": (0.5, 3), "B05Z": (0.05, 1.5), "B06Z": (0.5, 55),
    "B07Z": (0.1, 3), "B08Z": (1, 1.5), "C10A": (5, 7), "C10B": (1, 4), "C10C": (3, 5), "C10D": (2, 4),
    "C10E": (8, 5), "C10F": (4, 2), "C10G": (3, 3), "C10H": (9, 8), "C10K": (3, 2), "C11Z": (22, 5),
    "C12Z": (0.5, 3), "C13Z": (5, 7), "C14Z": (13, 22), "C15Z": (20, 15), "C16Z": (2, 4), "C17A": (4, 5),
    "C17B": (3, 3), "C18Z": (0.1, 0.2), "C19Z": (15, 30), "C20A": (30, 35), "C20B": (28, 8), "C20C": (10, 10),
    "C21Z": (38, 34), "C22A": (5, 6), "C22B": (9, 12), "C23A": (3, 3), "C23B": (5, 6), "C24A": (12, 15),
    "C24B": (13, 16), "C24C": (1, 1), "C25A": (2, 3), "C25B": (1, 1), "C25C": (3, 1), "C25E": (8, 11),
    "C26A": (9, 12), "C26B": (4, 14), "C26C": (4, 14), "C26D": (1, 5), "C26E": (11, 11), "C26F": (2, 3),
    "C26G": (2, 3), "C27A": (3, 8), "C27B": (14, 20), "C28A": (18, 22), "C28B": (3, 4), "C28C": (3, 4),
    "C28D": (11, 13), "C29A": (17, 45), "C29B": (14, 16), "C30A": (4, 2), "C30B": (3, 1), "C30C": (60, 33),
    "C30D": (1, 0.2), "C30E": (1, 4), "C31Z": (2, 7), "C32A": (13, 9), "C32B": (8, 9), "C32C": (8, 16),
    "D35A": (0.1, 5), "D35B": (0.01, 0.1), "E37Z": (0.1, 0.1), "E38Z": (4, 2), "J58Z": (1, 1),
    "J59Z": (0.1, 0.2), "M71Z": (0.1, 0.1), "M74Z": (0.01, 0.01), "R90Z": (2, 1.5), "R91Z": (1, 0.5),
    "S96Z": (0.01, 0.01),
}

# Product groups some départements are known for: their weight is multiplied in both flows.
SPECIALITIES: dict[str, tuple[str, ...]] = {
    "31": ("C30C",), "33": ("C30C", "C11Z"), "13": ("C19Z", "C20A"), "76": ("C19Z", "C20A"),
    "51": ("C11Z",), "21": ("C11Z",), "16": ("C11Z",), "59": ("C24A", "C29A"), "69": ("C21Z", "C20A"),
    "38": ("C26A", "C20A"), "45": ("C20B",), "28": ("C20B",), "67": ("C21Z", "C28A"),
    "57": ("C29A", "C24A"), "25": ("C29B", "C26E"), "90": ("C28A",), "43": ("C22B", "C17A", "C13Z"),
    "63": ("C22A",), "01": ("C22B",), "78": ("C29A",), "18": ("C25C",), "64": ("C30C",), "06": ("C20B",),
    "42": ("C28A", "C25E"), "74": ("C25E", "C26E"), "44": ("C30A", "C19Z"), "92": ("C21Z", "C30C"),
    "9D": ("C10H",), "9A": ("C11Z",), "9B": ("C11Z",),
}

# Imports of gas by pipeline and of electricity are all booked in Paris (75).
PARIS_PIPELINE_IMPORTS = ("B06Z", "D35A", "D35B")
