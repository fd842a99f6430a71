"""A build of year N reads N and N-1 row by row and its older series years summed per département:
the same figures, a few rows instead of millions."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

import manyyears
from officereport import indicators
from officereport.input.buildinput import narrowed
from officereport.model import EXPORT as E
from productfactory import trade_data

# A second partner and product in 2021 and 2022, so that summing per département merges rows.
EXTRA = [(E, year, quarter, "43", "C10A", "1011", "IT", 7_000) for year in (2021, 2022) for quarter in (1, 2, 3, 4)]
ROWS = manyyears.rows() + EXTRA


def test_older_years_are_one_row_per_flow_quarter_and_departement_with_their_sums():
    data = trade_data(ROWS)
    trade = narrowed(data, 2024).trade
    recent = trade[trade["year"] >= 2023]
    pd.testing.assert_frame_equal(recent.reset_index(drop=True),
                                  data.trade[data.trade["year"] >= 2023].reset_index(drop=True))
    older = trade[trade["year"] < 2023]
    assert not older.duplicated(["flow", "year", "quarter", "dep"]).any()
    for (flow, year, quarter, dep), value in older.groupby(["flow", "year", "quarter", "dep"], observed=True)[
            "value_eur"].sum().items():
        assert value == sum(r[7] for r in ROWS if (r[0], r[1], r[2], r[3]) == (flow, year, quarter, dep))
    assert len(older) < len([r for r in ROWS if r[1] < 2023])
    assert narrowed(data, 2024).complete_years() == data.complete_years() == [2021, 2022, 2023, 2024]


def test_the_indicators_of_n_are_the_same_from_the_narrowed_data():
    data = trade_data(ROWS)
    small = narrowed(data, 2024)
    full = indicators.compute_national(data, 2024, previous=data)
    same = indicators.compute_national(small, 2024, previous=small)
    for code in ("43", "63", "01"):
        a, b = full.departements[code], same.departements[code]
        assert a.series == b.series and a.series.points  # four years: a series is drawn
        assert a.series.points[0].exports_eur == manyyears.totals(ROWS, [code], 2021)[0]
        assert a.evolution == b.evolution and a.totals == b.totals
        pd.testing.assert_frame_equal(a.partners, b.partners)
    assert full.france.series == same.france.series


def test_the_years_after_n_are_left_out():
    later = [(E, 2025, 1, "43", "C10A", "1011", "IT", 5_000)]
    data = trade_data(ROWS + later)
    small = narrowed(data, 2024)
    trade = small.trade
    assert small.period_totals == replace(small).period_totals  # carried over, as a fresh sum gives them
    assert small.complete_years() == [2021, 2022, 2023, 2024]
    assert sorted(set(trade["year"])) == [2021, 2022, 2023, 2024]
    assert narrowed(data, 2023).trade["year"].max() == 2023


def test_nothing_to_narrow_gives_the_data_itself():
    data = trade_data(manyyears.rows((2023, 2024)))
    assert narrowed(data, 2024) is data
