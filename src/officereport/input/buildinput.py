"""What a build of year N reads of the data: N and N-1 row by row (its figures and their change),
its older series years summed per flow, quarter and département (``combine.summarised``: the
yearly series needs their totals only), and nothing after N. The raw rows a build does not read
are never carried into its render workers.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from officereport.input import combine
from officereport.input.releases import load_releases
from officereport.model import TradeData


def detail_years(year: int) -> set[int]:
    """The years a build of ``year`` reads row by row: ``year`` and the year before, for its change;
    its other series years are summed per département (``combine.summarised``)."""
    return {year, year - 1}


def load_for_year(path: str | Path, choice: dict[int, str], *, cache_dir: Path | None = None) -> TradeData:
    """What a build of the latest year of ``choice`` reads: each year from the release chosen for it,
    the two latest row by row and the series years summed."""
    return load_releases(path, cache_dir=cache_dir, choice=choice, detail_years=detail_years(max(choice))).data


def narrowed(data: TradeData, year: int) -> TradeData:
    """``data`` as a build of ``year`` reads it: the rows of ``year`` and the year before as they are,
    the older years summed per département, the later ones left out (nothing after N is shown).
    The raw rows a build does not read are not carried into the render workers."""
    trade = data.trade
    years = trade["year"].to_numpy()
    detail = np.isin(years, list(detail_years(year)))
    if detail.all():
        return data
    older = years < year - 1
    kept = trade[detail]
    if older.any():
        kept = combine.concat([kept, combine.summarised(trade[older])])
    narrow = replace(data, trade=kept.reset_index(drop=True))
    narrow.period_totals = {key: total for key, total in data.period_totals.items() if key[0] <= year}  # summing keeps them
    return narrow
