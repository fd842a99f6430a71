"""Named sets of départements (one département, a region, France, a territory) and the trade summed over them.

The year-on-year and dependency analyses read a *cube*: the raw rows summed once per département
and analysis keys. Every scope is then one grouped pass over that cube joined to a (scope,
département) membership table, so a hundred départements cost one group-by, not a hundred scans,
and a département belonging to several scopes is counted in each of them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

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


def cube(trade: pd.DataFrame, years: Iterable[int], keys: list[str]) -> pd.DataFrame:
    """The rows of ``years`` summed per (dep, *keys); codes as text, rows without value left out."""
    rows = trade.loc[trade["year"].isin(list(years)), ["dep", *keys, "value_eur"]]
    summed = rows.groupby(["dep", *keys], observed=True, sort=False)["value_eur"].sum()
    summed = summed[summed > 0].reset_index()
    # Plain text codes, so that cubes of years with other categories merge; astype(object) takes the
    # category strings as they are, astype(str) would convert each row again (60 times slower).
    for col in summed.columns.drop("value_eur"):
        if isinstance(summed[col].dtype, pd.CategoricalDtype):
            summed[col] = summed[col].astype(object)
    return summed


def by_scope(cube: pd.DataFrame, scopes: Scopes, keys: list[str]) -> pd.DataFrame:
    """``cube`` summed per (scope, *keys) over each scope's départements: columns scope, *keys, value_eur."""
    members = pd.DataFrame([(key, dep) for key, deps in scopes.items() for dep in deps], columns=["scope", "dep"])
    joined = cube.merge(members, on="dep")
    return joined.groupby(["scope", *keys], sort=False)["value_eur"].sum().reset_index()


def change_pct(current: int, previous: int) -> float | None:
    """Change since the previous year in %; None when there is nothing to compare with (read « nouveau »)."""
    return 100.0 * (current - previous) / previous if previous else None
