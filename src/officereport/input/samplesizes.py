"""The sample generator's orders of magnitude, read from ``samplesizes.toml``: how big each
département, product group and partner is.

Rough figures chosen to look plausible (calibrated years rescale them to the published totals);
nothing here is read from a DGDDI download.
"""

from __future__ import annotations

from officereport.input import sampletables

_TABLES = sampletables.read("samplesizes.toml")


def _pairs(name: str) -> dict[str, tuple[float, float]]:
    return {code: tuple(pair) for code, pair in _TABLES[name].items()}


# Typical value per kg (euros) by A129 group; default 5 €/kg.
EUR_PER_KG: dict[str, float] = _TABLES["eur_per_kg"]
# (share of French exports, share of French imports) in percent, of the main partners...
MAIN_PARTNERS = _pairs("main_partners")
# ... and of the partner codes that are not countries.
NON_COUNTRY_SHARES = _pairs("non_country_shares")
# A département's trade for a year, in billions of euros (exports, imports).
DEP_SIZES_GEUR = _pairs("departement_sizes_geur")
# A product group's share of French trade, in billions of euros a year (exports, imports).
NATIONAL_GROUP_SIZES = _pairs("national_group_sizes")
# Product groups some départements are known for: their weight is multiplied in both flows.
SPECIALITIES: dict[str, tuple[str, ...]] = {dep: tuple(groups) for dep, groups in _TABLES["specialities"].items()}
# Imports of gas by pipeline and of electricity are all booked in Paris (75).
PARIS_PIPELINE_IMPORTS: tuple[str, ...] = tuple(_TABLES["paris"]["pipeline_imports"])
