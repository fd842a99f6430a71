"""Small trade tables built in memory for tests that must not depend on the loader or the generator."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from officereport.input import geography
from officereport.model import TRADE_COLUMNS, LabelRow, Labels, TradeData

PRODUCTS = {"C29A": "Automobiles", "C10A": "Viandes", "C21Z": "Médicaments", "C28A": "Machines", "B06Z": "Hydrocarbures"}
PARTNERS = {"DE": "Allemagne", "BE": "Belgique", "IT": "Italie", "US": "Etats-Unis", "CN": "Chine", "NA": "Namibie",
            "QU": "Pays et territoires non déterminés", "FR": "France"}


def labels() -> Labels:
    return Labels(
        a129=[LabelRow(c, n, 200901, 999912) for c, n in PRODUCTS.items()],
        partners=[LabelRow(c, n, 190001, 999912) for c, n in PARTNERS.items()],
    )


def typed_trade(rows: Iterable[tuple]) -> pd.DataFrame:
    """The loader's typed table from (flow, year, quarter, dep, a129, partner, value_eur) rows;
    region, CPF4 and mass are filled in."""
    frame = pd.DataFrame(list(rows), columns=["flow", "year", "quarter", "dep", "a129", "partner", "value_eur"])
    frame["region"] = frame["dep"].map(lambda d: geography.DEPARTEMENTS[d].region_code)
    frame["cpf4"] = "0000"
    frame["mass_kg"] = float("nan")
    frame = frame[list(TRADE_COLUMNS)]
    frame = frame.astype({"year": "int16", "quarter": "int8", "value_eur": "int64", "mass_kg": "float64"})
    for col in ("flow", "dep", "region", "a129", "cpf4", "partner"):
        frame[col] = frame[col].astype("category")
    return frame


def trade_data(rows: Iterable[tuple], is_sample: bool = False) -> TradeData:
    return TradeData(trade=typed_trade(rows), labels=labels(), sources=[], is_sample=is_sample)


def matrix_from_rows(table: pd.DataFrame) -> tuple[list[str], list[str], list[list[int]]]:
    """A flow view's matrix computed the plain way, to check the indicators' grid against:
    source codes and target codes in rank order, and the summed value of every (source, target)."""
    cells: dict[tuple[str, str], int] = {}
    source_rank, target_rank = {}, {}
    for row in table.itertuples(index=False):
        cells[row.source_code, row.target_code] = cells.get((row.source_code, row.target_code), 0) + int(row.value_eur)
        source_rank[row.source_code] = row.source_rank
        target_rank[row.target_code] = row.target_rank
    sources = sorted(source_rank, key=source_rank.__getitem__)
    targets = sorted(target_rank, key=target_rank.__getitem__)
    return sources, targets, [[cells.get((s, t), 0) for t in targets] for s in sources]
