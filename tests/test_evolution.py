"""Year-on-year change against values worked out by hand from a few rows."""

import dataclasses
import json

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from officereport import evolution, scopes
from officereport.model import EXPORT as E
from officereport.model import IMPORT as I
from productfactory import trade_data

# 2023 comes from an annual release, 2024 from the latest publication, which also holds a revised
# 2023 Q4 that must not be read: each year is taken from its own release.
RELEASE_2023 = [
    (E, 2023, 1, "43", "C29A", "2910", "DE", 100_000),
    (E, 2023, 2, "43", "C29A", "2910", "US", 50_000),
    (E, 2023, 3, "43", "C10A", "1011", "IT", 20_000),  # Italy disappears in 2024
    (E, 2023, 4, "43", "C10A", "1011", "QU", 30_000),  # non-country: in totals, not among partners
    (I, 2023, 1, "43", "B06Z", "0610", "CN", 80_000),
    (I, 2023, 1, "43", "C28A", "2811", "DE", 20_000),
    (E, 2023, 1, "01", "C10A", "1011", "DE", 30_000),  # Ain trades in 2023 only
]
LATEST = [
    (E, 2023, 4, "43", "C29A", "2910", "DE", 999_999),  # revised quarter of the previous year: ignored
    (E, 2024, 1, "43", "C29A", "2910", "DE", 70_000),
    (E, 2024, 3, "43", "C29A", "2910", "DE", 50_000),
    (E, 2024, 1, "43", "C29A", "2910", "US", 40_000),
    (E, 2024, 2, "43", "C21Z", "2120", "BE", 25_000),  # Belgium and group C21Z appear in 2024
    (E, 2024, 1, "43", "C10A", "1011", "QU", 20_000),
    (I, 2024, 1, "43", "B06Z", "0610", "CN", 100_000),
    (I, 2024, 4, "43", "C28A", "2811", "DE", 20_000),
    (E, 2024, 1, "63", "C29A", "2910", "DE", 10_000),  # Puy-de-Dôme trades in 2024 only
]


@pytest.fixture(scope="module")
def dep43():
    return evolution.evolution(trade_data(LATEST), trade_data(RELEASE_2023), 2024)["43"]


def test_totals_change(dep43):
    assert (dep43.year, dep43.previous_year) == (2024, 2023)
    assert dep43.totals == evolution.TotalsChange(
        exports_eur=205_000, imports_eur=120_000, exports_eur_previous=200_000, imports_eur_previous=100_000,
        exports_change_pct=pytest.approx(2.5), imports_change_pct=pytest.approx(20.0))


def test_partner_countries_appear_and_disappear(dep43):
    rows = [(p.code, p.exports_eur, p.exports_eur_previous, p.imports_eur, p.imports_eur_previous)
            for p in dep43.partners]
    assert rows == [  # by value in 2024, then in 2023; QU is not a country
        ("DE", 120_000, 100_000, 20_000, 20_000),
        ("CN", 0, 0, 100_000, 80_000),
        ("US", 40_000, 50_000, 0, 0),
        ("BE", 25_000, 0, 0, 0),
        ("IT", 0, 20_000, 0, 0),
    ]
    changes = {p.code: (p.exports_change_pct, p.imports_change_pct) for p in dep43.partners}
    assert changes["DE"] == (pytest.approx(20.0), pytest.approx(0.0))
    assert changes["CN"] == (None, pytest.approx(25.0))  # no exports either year: no change to give
    assert changes["US"] == (pytest.approx(-20.0), None)
    assert changes["BE"] == (None, None)  # new partner: previous value 0, « nouveau »
    assert changes["IT"] == (pytest.approx(-100.0), None)  # gone: value 0
    assert dep43.partners[3].name == "Belgique"


def test_product_groups(dep43):
    rows = [(p.flow, p.a129, p.value_eur, p.value_eur_previous) for p in dep43.products]
    assert rows == [
        (E, "C29A", 160_000, 150_000),
        (E, "C21Z", 25_000, 0),
        (E, "C10A", 20_000, 50_000),  # QU counts here: products cover the whole flow
        (I, "B06Z", 100_000, 80_000),
        (I, "C28A", 20_000, 20_000),
    ]
    assert [p.change_pct for p in dep43.products] == [
        pytest.approx(100 * 10_000 / 150_000), None, pytest.approx(-60.0), pytest.approx(25.0), pytest.approx(0.0)]
    assert dep43.products[1].name == "Médicaments"


def test_one_release_holding_both_years_gives_the_same_figures():
    both = trade_data(LATEST[1:] + RELEASE_2023)
    assert evolution.evolution(both, both, 2024)["43"] == evolution.evolution(
        trade_data(LATEST), trade_data(RELEASE_2023), 2024)["43"]


def test_departement_absent_in_the_previous_year_and_one_without_trade():
    result = evolution.evolution(trade_data(LATEST), trade_data(RELEASE_2023), 2024)
    assert result["63"].totals == evolution.TotalsChange(10_000, 0, 0, 0, None, None)
    assert [(p.code, p.exports_eur_previous, p.exports_change_pct) for p in result["63"].partners] == [
        ("DE", 0, None)]
    assert result["75"].totals == evolution.TotalsChange(0, 0, 0, 0, None, None)
    assert (result["75"].partners, result["75"].products) == ((), ())


def test_region_scope_sums_its_departements():
    result = evolution.evolution(trade_data(LATEST), trade_data(RELEASE_2023), 2024, scopes.regions())
    # Auvergne-Rhône-Alpes (18): Haute-Loire, Puy-de-Dôme and Ain.
    assert result["18"].totals == evolution.TotalsChange(
        215_000, 120_000, 230_000, 100_000, pytest.approx(100 * -15_000 / 230_000), pytest.approx(20.0))
    de = next(p for p in result["18"].partners if p.code == "DE")
    assert (de.exports_eur, de.exports_eur_previous) == (130_000, 130_000)


def test_national_table_and_largest_moves():
    national = evolution.national(evolution.evolution(trade_data(LATEST), trade_data(RELEASE_2023), 2024), 2024)
    by_code = {d.code: d for d in national.departements}
    assert len(by_code) == 101 and national.departements[0].code == "01"
    assert by_code["01"] == evolution.DepartementChange(
        exports_eur=0, imports_eur=0, exports_eur_previous=30_000, imports_eur_previous=0,
        exports_change_pct=pytest.approx(-100.0), imports_change_pct=None, code="01", name="Ain")
    assert by_code["63"].exports_change_pct is None
    dep43 = evolution.evolution(trade_data(LATEST), trade_data(RELEASE_2023), 2024)["43"]
    assert by_code["43"] == evolution.DepartementChange.of_totals(dep43.totals, "43", "Haute-Loire")
    # Export moves in euros: 63 +10 000, 43 +5 000, 01 -30 000.
    assert [d.code for d in national.largest_rises(E)] == ["63", "43"]
    assert [d.code for d in national.largest_rises(E, n=1)] == ["63"]
    assert [d.code for d in national.largest_falls(E)] == ["01"]
    assert [d.code for d in national.largest_rises(I)] == ["43"]
    assert national.largest_falls(I) == []


def test_yearly_series_covers_complete_years_only():
    rows = [(f, y, q, "43", "C29A", "2910", "DE", v * (y - 2020)) for y in (2021, 2022) for q in (1, 2, 3, 4)
            for f, v in ((E, 1_000), (I, 400))]
    rows += [(E, 2023, 1, "43", "C29A", "2910", "DE", 5_000), (I, 2023, 1, "43", "C29A", "2910", "DE", 5_000)]
    rows += [(E, 2022, 1, "63", "C10A", "1011", "US", 7)]
    rows += [(f, 2020, q, "43", "C29A", "2910", "DE", 1) for q in (1, 2, 3, 4) for f in (E, I)]
    series = evolution.yearly_series(trade_data(rows), 2023)
    assert series["43"].years == (2020, 2021, 2022)
    assert series["43"].points == (evolution.YearTotals(2020, 4, 4, 0), evolution.YearTotals(2021, 4_000, 1_600, 2_400),
                                   evolution.YearTotals(2022, 8_000, 3_200, 4_800))
    assert series["63"].points == (evolution.YearTotals(2020, 0, 0, 0), evolution.YearTotals(2021, 0, 0, 0),
                                   evolution.YearTotals(2022, 7, 0, 7))
    assert evolution.yearly_series(trade_data(rows), 2023, scopes.france())["FR"].points[2] == evolution.YearTotals(
        2022, 8_007, 3_200, 4_807)
    assert evolution.yearly_series(trade_data(rows), 2021)["43"] == evolution.YearlySeries((2020, 2021), ())


def test_json_fields_are_the_issues(dep43):
    totals = json.loads(json.dumps(dataclasses.asdict(dep43.totals)))
    assert {"exports_eur_previous", "imports_eur_previous", "exports_change_pct", "imports_change_pct"} <= set(totals)
    partner = json.loads(json.dumps(dataclasses.asdict(dep43.partners[3])))
    assert (partner["exports_eur_previous"], partner["imports_eur_previous"], partner["exports_change_pct"]) == (
        0, 0, None)
    assert dataclasses.asdict(dep43.products[1])["value_eur_previous"] == 0


ROW = st.tuples(st.sampled_from([E, I]), st.sampled_from([2023, 2024]), st.integers(1, 4),
                st.sampled_from(["43", "63"]), st.sampled_from(["C29A", "C10A"]), st.just("0000"),
                st.sampled_from(["DE", "US", "QU", "ZZ"]), st.integers(1, 10**6))


# No shrinking: each example runs the whole pandas pass, and shrinking a failure took minutes.
@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(ROW, max_size=40))
def test_every_figure_is_a_sum_of_rows(rows):
    result = evolution.evolution(trade_data(rows), trade_data(rows), 2024, {"43": ("43",), "63": ("63",)})

    def raw(year, dep, flow, **match):
        return sum(r[7] for r in rows if (r[1], r[3], r[0]) == (year, dep, flow)
                   and all(r[{"a129": 4, "partner": 6}[k]] == v for k, v in match.items()))

    for dep, change in result.items():
        assert (change.totals.exports_eur, change.totals.exports_eur_previous) == (raw(2024, dep, E), raw(2023, dep, E))
        assert (change.totals.imports_eur, change.totals.imports_eur_previous) == (raw(2024, dep, I), raw(2023, dep, I))
        for p in change.products:
            assert (p.value_eur, p.value_eur_previous) == (raw(2024, dep, p.flow, a129=p.a129),
                                                           raw(2023, dep, p.flow, a129=p.a129))
        expected = {c for c in ("DE", "US") if any(r[3] == dep and r[6] == c for r in rows)}
        assert {p.code for p in change.partners} == expected
        for p in change.partners:
            assert (p.exports_eur, p.imports_eur_previous) == (raw(2024, dep, E, partner=p.code),
                                                               raw(2023, dep, I, partner=p.code))
            now, before = p.exports_eur, p.exports_eur_previous
            assert p.exports_change_pct == (pytest.approx(100 * (now - before) / before) if before else None)
