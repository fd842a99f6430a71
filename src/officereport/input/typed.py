"""The checked text rows turned into the typed trade table of :mod:`officereport.model`."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from officereport.input.rules import Rows


def _categorical(encoded: pa.DictionaryArray) -> pd.Categorical:
    categories = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    return pd.Categorical.from_codes(codes, categories=categories).reorder_categories(sorted(categories))


def trade_table(rows: Rows) -> pd.DataFrame:
    """Codes as sorted categories, numbers as numbers; only for rows every rule accepted."""
    col = rows.column
    mass = pc.if_else(pc.equal(col("mass"), ""), pa.scalar(None, pa.string()), col("mass"))
    return pd.DataFrame(
        {
            "flow": _categorical(rows.encoded("flow")),
            "year": pc.cast(col("year"), pa.int16()).to_numpy(),
            "quarter": pc.cast(col("quarter"), pa.int8()).to_numpy(),
            "dep": _categorical(rows.encoded("dep")),
            "region": _categorical(rows.encoded("region")),
            "a129": _categorical(rows.encoded("a129")),
            "cpf4": _categorical(rows.encoded("cpf4")),
            "partner": _categorical(rows.encoded("partner")),
            "value_eur": pc.cast(col("value"), pa.int64()).to_numpy(),
            "mass_kg": pc.cast(mass, pa.float64()).to_numpy(zero_copy_only=False),
        }
    )
