"""Indicator tables read as plain Python rows.

A deck reads a few dozen rows per chart; pandas row access (``itertuples``, boolean masks,
``sort_values``) costs far more than the drawing itself, so columns are taken whole with
``tolist`` and zipped.
"""

from __future__ import annotations

import pandas as pd


def rows(table: pd.DataFrame, *columns: str) -> list[tuple]:
    """The values of ``columns``, one tuple per row, in the table's order, as Python scalars."""
    return list(zip(*(table[c].tolist() for c in columns)))
