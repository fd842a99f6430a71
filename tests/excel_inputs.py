"""Small, deterministic trade data for the Excel tests: six départements, real code shapes, and
labels chosen to be hostile (a formula, control characters) so that the writers must defuse them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import numpy as np
import pandas as pd
from babel import Locale

from officereport.input import samplecodes, samplesizes
from officereport.model import TRADE_COLUMNS, LabelRow, Labels, Provenance, SourceFile, TradeData

YEAR = 2024
DEPARTEMENTS = ("43", "63", "69", "13", "75", "9A")
FORMULA_LABEL = '=HYPERLINK("http://x","y")'
CONTROL_LABEL = "Tex\x07tiles\x00 et\x1b fils"
FORMULA_PARTNER = "DE"  # the largest partner, so its hostile label is shown everywhere
CONTROL_PRODUCT = "C13Z"


def trade_data(is_sample: bool = True) -> TradeData:
    rng = np.random.default_rng(2024)
    products = list(samplecodes.A129_LABELS)[:30]
    partners = [*list(samplesizes.MAIN_PARTNERS)[:22], "QU", "QS", "FR"]
    weights = np.array([samplesizes.MAIN_PARTNERS.get(p, (0.3, 0.3))[0] for p in partners])
    frames = []
    for dep in DEPARTEMENTS:
        region = {"43": "18", "63": "18", "69": "18", "13": "21", "75": "03", "9A": "24"}[dep]
        for flow in ("E", "I"):
            n = 700
            part = pd.DataFrame(
                {
                    "flow": flow,
                    "year": YEAR,
                    "quarter": rng.integers(1, 5, n),
                    "dep": dep,
                    "region": region,
                    "a129": rng.choice(products, n),
                    "cpf4": "0111",
                    "partner": rng.choice(partners, n, p=weights / weights.sum()),
                    "value_eur": rng.lognormal(13, 1.5, n).astype("int64") + 1,
                    "mass_kg": np.where(rng.random(n) < 0.1, np.nan, rng.random(n) * 1e5),
                }
            )
            frames.append(part)
    trade = pd.concat(frames, ignore_index=True)
    # The quarters of a complete year must all be there whatever the draw.
    trade.loc[:3, "quarter"] = [1, 2, 3, 4]
    trade = trade.astype(
        {"flow": "category", "year": "int16", "quarter": "int8", "dep": "category", "region": "category",
         "a129": "category", "cpf4": "category", "partner": "category", "value_eur": "int64", "mass_kg": "float64"}
    )[list(TRADE_COLUMNS)]
    return TradeData(trade=trade, labels=labels(products, partners), sources=list(sources()), is_sample=is_sample)


def labels(products: list[str], partners: list[str]) -> Labels:
    def row(code: str, label: str) -> LabelRow:
        return LabelRow(code, label, 190001, 999912)

    a129 = [row(c, CONTROL_LABEL if c == CONTROL_PRODUCT else samplecodes.A129_LABELS[c]) for c in products]
    names = {**Locale("fr").territories, **samplecodes.PARTNER_LABELS, FORMULA_PARTNER: FORMULA_LABEL}
    country = [row(c, names.get(c, c)) for c in partners]
    return Labels(a129=a129, cpf4=[], partners=country)


def sources() -> tuple[SourceFile, ...]:
    return (
        SourceFile("donnees.zip!REGIONAL_CPF4PAYSE.txt", "a" * 64, 4200, "data"),
        SourceFile("donnees.zip!REGIONAL_CPF4PAYSI.txt", "b" * 64, 4200, "data"),
        SourceFile("donnees.zip!Libelle_A129.txt", "c" * 64, 30, "labels"),
    )


def with_data_files(prov: Provenance, names: list[str]) -> Provenance:
    """``prov`` as if the build had read these data files (a release of several years, say)."""
    return replace(prov, sources=tuple(SourceFile(f"donnees.zip!{name}", "a" * 64, 10, "data") for name in names))


def provenance(is_sample: bool = True) -> Provenance:
    return Provenance(
        year=YEAR,
        sources=sources(),
        is_sample=is_sample,
        tool_version="0.1.0",
        built_at=datetime(2025, 3, 1, 12, 30, tzinfo=timezone.utc),
    )
