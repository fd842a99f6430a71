"""French geography as DGDDI codes it, mapped to INSEE codes and names for display.

DGDDI books Corsica as one département (``20``), the overseas départements as ``9A``..``9E`` and
Monaco as ``99`` (counted in PACA); its region codes are internal ones, not INSEE's. These tables
are facts from the DGDDI ``Departement_region.txt`` and the INSEE COG, written out once here so
that validation, sample data and display never depend on a downloaded file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str  # DGDDI internal region code
    insee_code: str  # "" for the DGDDI overseas group, which has no single INSEE region
    name: str


@dataclass(frozen=True)
class Departement:
    code: str  # DGDDI département code
    insee_code: str  # INSEE code(s), "|"-separated for Corsica; "" for Monaco
    name: str
    region_code: str  # DGDDI region code

    @property
    def region(self) -> Region:
        return REGIONS[self.region_code]


FRANCE_CODE = "FR"
FRANCE_NAME = "France"

REGIONS: dict[str, Region] = {
    r.code: r
    for r in (
        Region("01", "32", "Hauts-de-France"),
        Region("03", "11", "Île-de-France"),
        Region("04", "24", "Centre-Val de Loire"),
        Region("05", "28", "Normandie"),
        Region("07", "53", "Bretagne"),
        Region("08", "52", "Pays de la Loire"),
        Region("09", "75", "Nouvelle-Aquitaine"),
        Region("12", "76", "Occitanie"),
        Region("13", "44", "Grand Est"),
        Region("16", "27", "Bourgogne-Franche-Comté"),
        Region("18", "84", "Auvergne-Rhône-Alpes"),
        Region("21", "93", "Provence-Alpes-Côte d'Azur"),
        Region("22", "94", "Corse"),
        Region("24", "", "Départements d'outre-mer"),
    )
}

DEPARTEMENTS: dict[str, Departement] = {
    d.code: d
    for d in (
    Departement("01", "01", "Ain", "18"),
    Departement("02", "02", "Aisne", "01"),
    Departement("03", "03", "Allier", "18"),
    Departement("04", "04", "Alpes-de-Haute-Provence", "21"),
    Departement("05", "05", "Hautes-Alpes", "21"),
    Departement("06", "06", "Alpes-Maritimes", "21"),
    Departement("07", "07", "Ardèche", "18"),
    Departement("08", "08", "Ardennes", "13"),
    Departement("09", "09", "Ariège", "12"),
    Departement("10", "10", "Aube", "13"),
    Departement("11", "11", "Aude", "12"),
    Departement("12", "12", "Aveyron", "12"),
    Departement("13", "13", "Bouches-du-Rhône", "21"),
    Departement("14", "14", "Calvados", "05"),
    Departement("15", "15", "Cantal", "18"),
    Departement("16", "16", "Charente", "09"),
    Departement("17", "17", "Charente-Maritime", "09"),
    Departement("18", "18", "Cher", "04"),
    Departement("19", "19", "Corrèze", "09"),
    Departement("20", "2A|2B", "Corse", "22"),
    Departement("21", "21", "Côte-d'Or", "16"),
    Departement("22", "22", "Côtes-d'Armor", "07"),
    Departement("23", "23", "Creuse", "09"),
    Departement("24", "24", "Dordogne", "09"),
    Departement("25", "25", "Doubs", "16"),
    Departement("26", "26", "Drôme", "18"),
    Departement("27", "27", "Eure", "05"),
    Departement("28", "28", "Eure-et-Loir", "04"),
    Departement("29", "29", "Finistère", "07"),
    Departement("30", "30", "Gard", "12"),
    Departement("31", "31", "Haute-Garonne", "12"),
    Departement("32", "32", "Gers", "12"),
    Departement("33", "33", "Gironde", "09"),
    Departement("34", "34", "Hérault", "12"),
    Departement("35", "35", "Ille-et-Vilaine", "07"),
    Departement("36", "36", "Indre", "04"),
    Departement("37", "37", "Indre-et-Loire", "04"),
    Departement("38", "38", "Isère", "18"),
    Departement("39", "39", "Jura", "16"),
    Departement("40", "40", "Landes", "09"),
    Departement("41", "41", "Loir-et-Cher", "04"),
    Departement("42", "42", "Loire", "18"),
    Departement("43", "43", "Haute-Loire", "18"),
    Departement("44", "44", "Loire-Atlantique", "08"),
    Departement("45", "45", "Loiret", "04"),
    Departement("46", "46", "Lot", "12"),
    Departement("47", "47", "Lot-et-Garonne", "09"),
    Departement("48", "48", "Lozère", "12"),
    Departement("49", "49", "Maine-et-Loire", "08"),
    Departement("50", "50", "Manche", "05"),
    Departement("51", "51", "Marne", "13"),
    Departement("52", "52", "Haute-Marne", "13"),
    Departement("53", "53", "Mayenne", "08"),
    Departement("54", "54", "Meurthe-et-Moselle", "13"),
    Departement("55", "55", "Meuse", "13"),
    Departement("56", "56", "Morbihan", "07"),
    Departement("57", "57", "Moselle", "13"),
    Departement("58", "58", "Nièvre", "16"),
    Departement("59", "59", "Nord", "01"),
    Departement("60", "60", "Oise", "01"),
    Departement("61", "61", "Orne", "05"),
    Departement("62", "62", "Pas-de-Calais", "01"),
    Departement("63", "63", "Puy-de-Dôme", "18"),
    Departement("64", "64", "Pyrénées-Atlantiques", "09"),
    Departement("65", "65", "Hautes-Pyrénées", "12"),
    Departement("66", "66", "Pyrénées-Orientales", "12"),
    Departement("67", "67", "Bas-Rhin", "13"),
    Departement("68", "68", "Haut-Rhin", "13"),
    Departement("69", "69", "Rhône", "18"),
    Departement("70", "70", "Haute-Saône", "16"),
    Departement("71", "71", "Saône-et-Loire", "16"),
    Departement("72", "72", "Sarthe", "08"),
    Departement("73", "73", "Savoie", "18"),
    Departement("74", "74", "Haute-Savoie", "18"),
    Departement("75", "75", "Paris", "03"),
    Departement("76", "76", "Seine-Maritime", "05"),
    Departement("77", "77", "Seine-et-Marne", "03"),
    Departement("78", "78", "Yvelines", "03"),
    Departement("79", "79", "Deux-Sèvres", "09"),
    Departement("80", "80", "Somme", "01"),
    Departement("81", "81", "Tarn", "12"),
    Departement("82", "82", "Tarn-et-Garonne", "12"),
    Departement("83", "83", "Var", "21"),
    Departement("84", "84", "Vaucluse", "21"),
    Departement("85", "85", "Vendée", "08"),
    Departement("86", "86", "Vienne", "09"),
    Departement("87", "87", "Haute-Vienne", "09"),
    Departement("88", "88", "Vosges", "13"),
    Departement("89", "89", "Yonne", "16"),
    Departement("90", "90", "Territoire de Belfort", "16"),
    Departement("91", "91", "Essonne", "03"),
    Departement("92", "92", "Hauts-de-Seine", "03"),
    Departement("93", "93", "Seine-Saint-Denis", "03"),
    Departement("94", "94", "Val-de-Marne", "03"),
    Departement("95", "95", "Val-d'Oise", "03"),
    Departement("99", "", "Monaco", "21"),
    Departement("9A", "971", "Guadeloupe", "24"),
    Departement("9B", "972", "Martinique", "24"),
    Departement("9C", "973", "Guyane", "24"),
    Departement("9D", "974", "La Réunion", "24"),
    Departement("9E", "976", "Mayotte", "24"),
    )
}

# INSEE overseas département codes and their DGDDI equivalents.
_OVERSEAS_INSEE_TO_DGDDI = {"971": "9A", "972": "9B", "973": "9C", "974": "9D", "976": "9E"}
# DGDDI codes that are not INSEE département codes (Corsica as one, Monaco, overseas).
_DGDDI_ONLY_CODES = {"20", "99", *_OVERSEAS_INSEE_TO_DGDDI.values()}


def dgddi_from_insee_departement(insee: str) -> str:
    """DGDDI code of an INSEE département code: ``2A``/``2B`` -> ``20``, ``971`` -> ``9A``.

    Raises KeyError for a code that names no département DGDDI publishes.
    """
    code = insee.strip().upper()
    if code in ("2A", "2B"):
        return "20"
    if code in _OVERSEAS_INSEE_TO_DGDDI:
        return _OVERSEAS_INSEE_TO_DGDDI[code]
    if len(code) == 1:
        code = "0" + code
    if code in DEPARTEMENTS and code not in _DGDDI_ONLY_CODES:
        return code
    raise KeyError(insee)


def dgddi_from_commune(commune: str) -> str:
    """DGDDI département of an INSEE commune code: ``43157`` -> ``43``, ``2A004`` -> ``20``, ``97411`` -> ``9D``."""
    code = commune.strip().upper()
    if len(code) != 5:
        raise KeyError(commune)
    return dgddi_from_insee_departement(code[:3] if code.startswith("97") else code[:2])
