"""Named sets of départements (one département, a region, France, a territory) and the trade summed over them.

The year-on-year and dependency analyses read a *cube*: the raw rows summed once per département
and analysis keys. Every scope is then one grouped pass over that cube joined to a (scope,
département) membership table, so a hundred départements cost one group-by, not a hundred scans,
and a département belonging to several scopes is counted in each of them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import numpy as np
import pandas as pd

from officereport.input import geography

Scopes = Mapping[str, Collection[str]]  # scope key -> DGDDI département codes


def departements() -> dict[str, tuple[str, ...]]:
    """Each département on its own, keyed by its DGDDI code."""
    return {code: (code,) for code in geography.DEPARTEMENTS}


def regions() -> dict[str, tuple[str, ...]]:
    """Each region's départements, keyed by the DGDDI region code."""
    members: dict[str, list[str]] = {code: [] for code in geography.REGIONS}
    for dep in geography.DEPARTEMENTS.values():
        members[dep.region_code].append(dep.code)
    return {code: tuple(deps) for code, deps in members.items()}


def france() -> dict[str, tuple[str, ...]]:
    return {geography.FRANCE_CODE: tuple(geography.DEPARTEMENTS)}


# The keys of the year's cube per scope that every indicator and the change since N-1 read.
CUBE_KEYS = ["flow", "a129", "partner"]


def cube(trade: pd.DataFrame, years: Iterable[int], keys: list[str]) -> pd.DataFrame:
    """The rows of ``years`` summed per (dep, *keys); codes as text, rows without value left out."""
    summed = _coded_cube(trade, years, keys)
    # Plain text codes, so that cubes of years with other categories merge; astype(object) takes the
    # category strings as they are, astype(str) would convert each row again (60 times slower).
    for col in summed.columns.drop("value_eur"):
        if isinstance(summed[col].dtype, pd.CategoricalDtype):
            summed[col] = summed[col].astype(object)
    return summed


def scoped_cube(trade: pd.DataFrame, years: Iterable[int], scopes: Scopes, keys: list[str]) -> pd.DataFrame:
    """``by_scope(cube(trade, years, keys), scopes, keys)``, the codes kept as integers in between."""
    return by_scope(_coded_cube(trade, years, keys), scopes, keys)


def _coded_cube(trade: pd.DataFrame, years: Iterable[int], keys: list[str]) -> pd.DataFrame:
    rows = trade.loc[trade["year"].isin(list(years)), ["dep", *keys, "value_eur"]]
    summed = rows.groupby(["dep", *keys], observed=True, sort=False)["value_eur"].sum()
    return summed[summed > 0].reset_index()


def by_scope(cube: pd.DataFrame, scopes: Scopes, keys: list[str]) -> pd.DataFrame:
    """``cube`` summed per (scope, *keys) over each scope's départements: columns scope, *keys, value_eur."""
    dep_codes, deps = _codes(cube["dep"])
    position = {code: i for i, code in enumerate(deps)}
    member_of: list[list[int]] = [[] for _ in deps]  # per département of the cube, its scopes
    for s, members in enumerate(scopes.values()):
        for dep in members:
            if dep in position:
                member_of[position[dep]].append(s)
    counts = np.array([len(m) for m in member_of], dtype=np.int64)
    flat = np.array([s for m in member_of for s in m], dtype=np.int64)
    # Each cube row repeated once per scope of its département (a plain numpy join).
    repeats = counts[dep_codes]
    rows = np.repeat(np.arange(len(cube)), repeats)
    nth = np.arange(len(rows)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    scope_codes = flat[np.repeat((np.cumsum(counts) - counts)[dep_codes], repeats) + nth]
    columns = {"scope": (scope_codes, pd.Index(list(scopes), dtype=object))}
    for col in keys:
        codes, uniques = _codes(cube[col])
        columns[col] = (codes[rows], uniques)
    return _summed(columns, cube["value_eur"].to_numpy()[rows])


def rolled_up(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``table`` (a cube, per scope or not) summed over fewer keys: columns *keys, value_eur."""
    return _summed({col: _codes(table[col]) for col in keys}, table["value_eur"].to_numpy())


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column and the values they stand for."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(np.int64), values.cat.categories
    codes, uniques = pd.factorize(values)
    return codes, pd.Index(uniques)


def _summed(columns: dict[str, tuple[np.ndarray, pd.Index]], values: np.ndarray) -> pd.DataFrame:
    """``values`` summed per combination of the coded columns, in order of first appearance; codes
    back as plain text. One integer key instead of pandas' group-by over several text columns,
    which costs several times more on a year's million-row cubes."""
    key, span = np.zeros(len(values), dtype=np.int64), 1
    for codes, uniques in columns.values():
        if span * max(len(uniques), 1) >= 2**62:  # renumbered first: the key never overflows
            key, found = pd.factorize(key)
            span = len(found)
        key, span = key * len(uniques) + codes, span * max(len(uniques), 1)
    groups, found = pd.factorize(key)
    sums = np.zeros(len(found), dtype=np.int64)
    np.add.at(sums, groups, values)
    first = np.flatnonzero(np.diff(np.maximum.accumulate(groups), prepend=-1) > 0)  # a group's first row
    # Plain object columns: pandas would otherwise convert each row's text again (its str dtype).
    table = {col: pd.Series(uniques.to_numpy(dtype=object)[codes[first]], dtype=object, copy=False)
             for col, (codes, uniques) in columns.items()}
    return pd.DataFrame({**table, "value_eur": sums})


def change_pct(current: int, previous: int) -> float | None:
    """Change since the previous year in %; None when there is nothing to compare with (read « nouveau »)."""
    return 100.0 * (current - previous) / previous if previous else None
