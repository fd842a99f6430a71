"""Hand-sized trade tables down to the CPF4 product, for the evolution and dependency tests."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from officereport.model import LabelRow, TradeData
from tradefactory import labels, typed_trade

CPF4_NAMES = {"0610": "Pétrole brut", "2120": "Préparations pharmaceutiques", "2910": "Véhicules automobiles",
              "1011": "Viande de boucherie", "2811": "Moteurs et turbines", "2812": "Équipements hydrauliques"}


def trade_data(rows: Iterable[tuple]) -> TradeData:
    """TradeData from (flow, year, quarter, dep, a129, cpf4, partner, value_eur) rows."""
    rows = list(rows)
    trade = typed_trade(r[:5] + r[6:] for r in rows)
    trade["cpf4"] = pd.Categorical([r[5] for r in rows])
    with_products = labels()
    with_products.cpf4 = [LabelRow(c, n, 201501, 999912) for c, n in CPF4_NAMES.items()]
    return TradeData(trade=trade, labels=with_products, sources=[])
