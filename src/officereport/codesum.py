"""Values summed per combination of integer codes: one dense integer key per row, counted into an
array, where pandas' group-by and factorize hash millions of keys (several times slower on a
year's rows). The trade cubes per scope and the totals per period of a trade table are summed so.

    summed_by({"dep": codes_of(trade["dep"]), ...}, values) -> DataFrame of category columns + value_eur
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def codes_of(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column and the values they stand for."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(np.int64), values.cat.categories
    codes, uniques = pd.factorize(values)
    return codes, pd.Index(uniques)


# The integer key of a combination of codes is counted into an array of this many cells at most:
# beyond, the key is first renumbered over the combinations present (still far cheaper than
# hashing millions of keys, which pandas' group-by and factorize do).
_DENSE_KEYS = 1 << 23


def summed_by(columns: dict[str, tuple[np.ndarray, pd.Index]], values: np.ndarray) -> pd.DataFrame:
    """``values`` summed per combination of the coded columns, ordered by codes; the codes as
    categories. One integer key instead of pandas' group-by over several columns, which costs
    several times more on a year's million-row cubes."""
    combinations, group = grouped(columns)
    sums = np.zeros(len(combinations), dtype=np.int64)
    np.add.at(sums, group, values)
    combinations["value_eur"] = sums
    return combinations


def grouped(columns: dict[str, tuple[np.ndarray, pd.Index]]) -> tuple[pd.DataFrame, np.ndarray]:
    """The combinations of the coded columns present, ordered by codes (the codes as categories),
    and the combination of each row, as a position in that table."""
    key, span = np.zeros(len(next(iter(columns.values()))[0]), dtype=np.int64), 1
    stages: list[list[tuple[str, int, pd.Index]]] = [[]]  # the columns in the key since each renumbering
    renumberings: list[np.ndarray] = []  # per renumbering, the key each new number stands for
    for col, (codes, uniques) in columns.items():
        size = max(len(uniques), 1)
        if span * size > _DENSE_KEYS:
            present, key = _present(key, span)
            span = len(present)
            renumberings.append(present)
            stages.append([])
        key, span = key * size + codes, span * size
        stages[-1].append((col, size, uniques))
    combos, group = _present(key, span)
    table = {}
    for stage in reversed(stages):  # the codes back from the key, last column first
        for col, size, uniques in reversed(stage):
            combos, codes = np.divmod(combos, size)
            table[col] = pd.Categorical.from_codes(codes, categories=uniques)
        if renumberings:
            combos = renumberings.pop()[combos]
    return pd.DataFrame({col: table[col] for col in columns}), group


def _present(key: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """The values of ``key`` (from 0 to ``span`` - 1) present, ascending, and each row's rank among them."""
    present = np.bincount(key, minlength=span) > 0
    rank = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present), rank[key]
