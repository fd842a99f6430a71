"""A small but full trade table for the deck tests: enough products and partners for top 10 + « Autres »."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from officereport import indicators
from officereport.model import LabelRow, Labels, Provenance, SourceFile, TradeData
from tradefactory import typed_trade

PRODUCTS = {
    "C29A": "Produits de la construction automobile", "C10A": "Viandes", "C21Z": "Médicaments",
    "C28A": "Machines d'usage général", "B06Z": "Pétrole brut et gaz naturel", "C22B": "Objets en plastique",
    "C24A": "Acier", "C13Z": "Textiles", "C20A": "Chimie de base", "C26A": "Composants électroniques",
    "C11Z": "Boissons", "C16Z": "Bois travaillé", "C27A": "Électroménager", "C30A": "Navires",
    "C32A": "Bijouterie", "C17A": "Papier et carton",
}
PARTNERS = {
    "DE": "Allemagne", "BE": "Belgique", "IT": "Italie", "US": "États-Unis", "CN": "Chine", "ES": "Espagne",
    "GB": "Royaume-Uni", "NL": "Pays-Bas", "CH": "Suisse", "PL": "Pologne", "JP": "Japon", "TR": "Turquie",
    "MA": "Maroc", "NA": "Namibie", "SE": "Suède", "QU": "Pays et territoires non déterminés",
}
DEPARTEMENTS = ("43", "63", "01", "75", "13")
YEAR = 2024


def trade_data(seed: int = 4, is_sample: bool = True, *, partners: dict[str, str] = PARTNERS,
               products: dict[str, str] = PRODUCTS) -> TradeData:
    """``partners`` and ``products`` rename the codes (same codes, other labels)."""
    rng = np.random.default_rng(seed)
    rows = []
    for dep in DEPARTEMENTS:
        product_weight = rng.lognormal(0, 1.4, len(PRODUCTS))
        partner_weight = rng.lognormal(0, 1.2, len(PARTNERS) + 1)  # + one code with no label
        for flow in ("E", "I"):
            for p, product in enumerate(PRODUCTS):
                for c, partner in enumerate([*PARTNERS, "ZZ"]):
                    if rng.random() < 0.2:
                        continue
                    value = int(product_weight[p] * partner_weight[c] * rng.lognormal(15, 0.8))
                    rows.append((flow, YEAR, int(rng.integers(1, 5)), dep, product, partner, value))
    frame = typed_trade(rows)
    labels = Labels(
        a129=[LabelRow(c, products[c], 200901, 999912) for c in PRODUCTS],
        partners=[LabelRow(c, partners[c], 190001, 999912) for c in PARTNERS],
    )
    source = SourceFile("echantillon.zip!REGIONAL_CPF4PAYSE.txt", "0" * 64, len(rows), "data")
    return TradeData(trade=frame, labels=labels, sources=[source], is_sample=is_sample)


def national(seed: int = 4, **labels: dict[str, str]) -> indicators.NationalIndicators:
    return indicators.compute_national(trade_data(seed, **labels), YEAR)


def provenance(is_sample: bool = True) -> Provenance:
    source = SourceFile("echantillon.zip!REGIONAL_CPF4PAYSE.txt", "0" * 64, 1000, "data")
    return Provenance(YEAR, (source,), is_sample, "0.1.0", datetime(2025, 6, 2, 9, 30))
