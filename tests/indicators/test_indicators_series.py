"""The yearly series every scope carries: totals per complete year up to N, against sums of the rows."""

from __future__ import annotations

from manyyears import ABSENT, YEARS, rows, totals
from officereport import indicators
from officereport.evolution import YearTotals, yearly_series
from officereport.input import geography
from officereport.model import EXPORT as E
from productfactory import trade_data

REGION = ("01", "43", "63")  # the départements of Auvergne-Rhône-Alpes that trade here


def expected(deps, years=YEARS, table=None):
    table = rows() if table is None else table
    return tuple(YearTotals(y, *totals(table, deps, y)) for y in years)


def test_every_scope_carries_its_series_oldest_first():
    nat = indicators.compute_national(trade_data(rows()), 2024)
    dep = nat.departements["43"]
    assert dep.series.years == YEARS
    assert dep.series.points == expected(["43"])
    assert dep.series.points[0].balance_eur < 0 < dep.series.points[-1].balance_eur
    assert dep.region.series.points == expected(REGION)
    assert nat.regions["18"].series is dep.region.series
    assert nat.france.series.points == expected(list(geography.DEPARTEMENTS))


def test_with_year_n_minus_1_the_points_of_n_and_n_minus_1_are_the_change_sums():
    data = trade_data(rows())
    nat = indicators.compute_national(data, 2024, previous=data)
    dep = nat.departements["43"]
    assert dep.series.points == expected(["43"])
    last, before = dep.series.points[-1], dep.series.points[-2]
    change = dep.evolution.totals
    assert (last.exports_eur, last.imports_eur, before.exports_eur, before.imports_eur) == (
        change.exports_eur, change.imports_eur, change.exports_eur_previous, change.imports_eur_previous)
    assert nat.france.series.points == expected(list(geography.DEPARTEMENTS))
    assert nat.departements["01"].series.points == expected(["01"])


def test_years_already_summed_are_taken_as_given_not_read_again():
    given = {2024: {"43": (7, 5)}, 2019: {"43": (1, 1)}}  # 2019 is no year of the series: left aside
    series = yearly_series(trade_data(rows()), 2024, {"43": ("43",), "63": ("63",)}, summed=given)
    assert series["43"].points == (*expected(["43"], YEARS[:-1]), YearTotals(2024, 7, 5, 2))
    assert series["63"].points[-1] == YearTotals(2024, 0, 0, 0)  # a scope the given year does not name: nothing


def test_departement_absent_one_year_has_zeros_there():
    points = indicators.compute_national(trade_data(rows()), 2024).departements["01"].series.points
    assert [p.year for p in points] == list(YEARS)
    assert points[YEARS.index(ABSENT[0])] == YearTotals(ABSENT[0], 0, 0, 0)
    assert points == expected(["01"])
    never = indicators.compute_national(trade_data(rows()), 2024).departements["75"].series
    assert never.points == tuple(YearTotals(y, 0, 0, 0) for y in YEARS)


def test_series_stops_at_the_year_built():
    series = indicators.compute_national(trade_data(rows()), 2023).departements["43"].series
    assert series.points == expected(["43"], YEARS[:-1])


def test_two_complete_years_give_no_points_but_name_the_years():
    series = indicators.compute_national(trade_data(rows((2023, 2024))), 2024).departements["43"].series
    assert (series.years, series.points) == ((2023, 2024), ())


def test_incomplete_year_is_left_out():
    table = [r for r in rows() if not (r[1] == 2021 and r[0] == E and r[2] == 4)]  # 2021 without Q4 exports
    series = indicators.compute_national(trade_data(table), 2024).departements["43"].series
    assert series.years == YEARS[1:]
    assert series.points == expected(["43"], YEARS[1:], table)


def test_at_most_ten_years():
    years = tuple(range(2013, 2025))
    table = rows(years)
    series = indicators.compute_national(trade_data(table), 2024).departements["43"].series
    assert series.years == years[-10:]
    assert series.points == expected(["43"], years[-10:], table)
