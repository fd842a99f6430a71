"""Small trade tables built in memory for tests that must not depend on the loader or the generator."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from officereport import geography
from officereport.model import Labels, LabelRow, TradeData

PRODUCTS = {"C29A": "Automobiles", "C10A": "Viandes", "C21Z": "Médicaments", "C28A": "Machines", "B06Z": "Hydrocarbures"}
PARTNERS = {"DE": "Allemagne", "BE": "Belgique", "IT": "Italie", "US": "Etats-Unis", "CN": "Chine", "NA": "Namibie",
            "QU": "Pays et territoires non déterminés", "FR": "France"}


def labels() -> Labels:
    return Labels(
        a129=[LabelRow(c, n, 200901, 999912) for c, n in PRODUCTS.items()],
        partners=[LabelRow(c, n, 190001, 999912) for c, n in PARTNERS.items()],
    )


def trade_data(rows: Iterable[tuple], is_sample: bool = False) -> TradeData:
    """Rows are (flow, year, quarter, dep, a129, partner, value_eur); region and CPF4 are filled in."""
    frame = pd.DataFrame(list(rows), columns=["flow", "year", "quarter", "dep", "a129", "partner", "value_eur"])
    frame["region"] = frame["dep"].map(lambda d: geography.DEPARTEMENTS[d].region_code)
    frame["cpf4"] = "0000"
    frame["mass_kg"] = float("nan")
    frame = frame[["flow", "year", "quarter", "dep", "region", "a129", "cpf4", "partner", "value_eur", "mass_kg"]]
    frame = frame.astype({"year": "int16", "quarter": "int8", "value_eur": "int64", "mass_kg": "float64"})
    for col in ("flow", "dep", "region", "a129", "cpf4", "partner"):
        frame[col] = frame[col].astype("category")
    return TradeData(trade=frame, labels=labels(), sources=[], is_sample=is_sample)
