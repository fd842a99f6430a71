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

from officereport.codesum import codes_of, summed_by
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


def cube(trade: pd.DataFrame, years: Iterable[int], keys: list[str], *, coded: bool = False) -> pd.DataFrame:
    """The rows of ``years`` summed per (dep, *keys), rows without value left out; codes as text, or
    as categories when ``coded`` (to be summed further: ``by_scope``, ``rolled_up``)."""
    summed = _coded_cube(trade, years, keys)
    return summed if coded else as_text(summed)


def scoped_cube(trade: pd.DataFrame, years: Iterable[int], scopes: Scopes, keys: list[str], *,
                coded: bool = False) -> pd.DataFrame:
    """``by_scope(cube(trade, years, keys), scopes, keys)``, the codes kept as integers in between."""
    return by_scope(_coded_cube(trade, years, keys), scopes, keys, coded=coded)


def _coded_cube(trade: pd.DataFrame, years: Iterable[int], keys: list[str]) -> pd.DataFrame:
    """The rows of ``years`` summed per (dep, *keys), codes as categories; rows without value left out."""
    in_years = trade["year"].isin(list(years)).to_numpy()
    if not in_years.all():  # the other years' rows left out before their codes are widened to 64 bits
        trade = trade.loc[in_years, ["dep", *keys, "value_eur"]]
    columns = {col: codes_of(trade[col]) for col in ["dep", *keys]}
    kept = np.ones(len(trade), dtype=bool)
    for codes, _ in columns.values():
        kept &= codes >= 0  # a missing code is in no group, as in pandas' group-by
    values = trade["value_eur"].to_numpy()
    if not kept.all():
        columns = {col: (codes[kept], uniques) for col, (codes, uniques) in columns.items()}
        values = values[kept]
    summed = summed_by(columns, values)
    return summed[summed["value_eur"].to_numpy() > 0].reset_index(drop=True)


def by_scope(cube: pd.DataFrame, scopes: Scopes, keys: list[str], *, coded: bool = False) -> pd.DataFrame:
    """``cube`` summed per (scope, *keys) over each scope's départements: columns scope, *keys, value_eur;
    codes as text, or as categories when ``coded``."""
    dep_codes, deps = codes_of(cube["dep"])
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
        codes, uniques = codes_of(cube[col])
        columns[col] = (codes[rows], uniques)
    summed = summed_by(columns, cube["value_eur"].to_numpy()[rows])
    return summed if coded else as_text(summed)


def rolled_up(table: pd.DataFrame, keys: list[str], *, coded: bool = False) -> pd.DataFrame:
    """``table`` (a cube, per scope or not) summed over fewer keys: columns *keys, value_eur;
    codes as text, or as categories when ``coded``."""
    summed = summed_by({col: codes_of(table[col]) for col in keys}, table["value_eur"].to_numpy())
    return summed if coded else as_text(summed)


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its category columns as plain text, so that tables of years with other
    categories merge. astype(object) takes the category strings as they are (astype(str) would
    convert each row again, 60 times slower), and plain object columns spare pandas' str dtype its
    conversions."""
    return table.astype({col: object for col, dtype in table.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)})


def change_pct(current: int, previous: int) -> float | None:
    """Change since the previous year in %; None when there is nothing to compare with (read « nouveau »)."""
    return 100.0 * (current - previous) / previous if previous else None
