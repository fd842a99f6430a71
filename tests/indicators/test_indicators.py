import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officereport import indicators
from officereport.model import EXPORT, IMPORT, OTHERS_CODE
from tradefactory import PARTNERS, PRODUCTS, matrix_from_rows, trade_data

DEPS = ["43", "63", "01", "75", "9A", "20"]  # three in Auvergne-Rhône-Alpes, Paris, Guadeloupe, Corsica
ALL_PARTNERS = [*PARTNERS, "ZZ"]  # ZZ has no label: it counts in totals, never ranks as a country

rows_strategy = st.lists(
    st.tuples(
        st.sampled_from([EXPORT, IMPORT]),
        st.just(2024),
        st.integers(1, 4),
        st.sampled_from(DEPS),
        st.sampled_from(list(PRODUCTS)),
        st.sampled_from(ALL_PARTNERS),
        st.integers(1, 10**9),
    ),
    min_size=1,
    max_size=80,
)


def national(rows):
    return indicators.compute_national(trade_data(rows), 2024)


def raw_total(rows, flow, deps=None):
    return sum(r[6] for r in rows if r[0] == flow and (deps is None or r[3] in deps))


@settings(max_examples=30, deadline=None)
@given(rows_strategy)
def test_departements_add_up_to_their_region_and_to_france(rows):
    nat = national(rows)
    for flow, attr in ((EXPORT, "exports_eur"), (IMPORT, "imports_eur")):
        assert sum(getattr(d.totals, attr) for d in nat.departements.values()) == getattr(nat.france, attr)
        assert getattr(nat.france, attr) == raw_total(rows, flow)
        ara = [d for d in nat.departements.values() if d.departement.region_code == "18"]
        assert sum(getattr(d.totals, attr) for d in ara) == getattr(nat.regions["18"], attr)
        assert getattr(nat.regions["18"], attr) == raw_total(rows, flow, {"43", "63", "01"})


@settings(max_examples=30, deadline=None)
@given(rows_strategy)
def test_activity_shares_sum_to_100_per_flow(rows):
    for dep in national(rows).departements.values():
        for flow, part in dep.activities.groupby("flow"):
            assert part["share_pct"].sum() == pytest.approx(100.0)
            assert part["value_eur"].sum() == dep.total(flow) == dep.totals.total(flow)


@settings(max_examples=30, deadline=None)
@given(rows_strategy)
def test_partner_balance_is_exports_minus_imports_and_countries_only(rows):
    for dep in national(rows).departements.values():
        p = dep.partners
        assert (p["balance_eur"] == p["exports_eur"] - p["imports_eur"]).all()
        assert not set(p["partner"]) & {"QU", "FR", "ZZ"}
        assert len(p) <= 2 * indicators.TOP_N


@settings(max_examples=30, deadline=None)
@given(rows_strategy)
def test_flow_views_keep_every_euro_and_flag_at_most_five_named_flows(rows):
    nat = national(rows)
    views = [v for code in DEPS for v in (nat.departements[code].export_flows, nat.departements[code].import_flows)]
    views += [nat.france.export_flows, nat.france.import_flows]
    for view in views:
        expected = raw_total(rows, view.flow, None if view.scope.level == "france" else {view.scope.code})
        assert view.total_eur == expected
        assert view.grid.values.sum() == expected
        red = view.table[view.table["top5"]]
        assert len(red) <= indicators.TOP_FLOWS
        assert OTHERS_CODE not in set(red["source_code"]) | set(red["target_code"])
        named = view.table[(view.table["source_code"] != OTHERS_CODE) & (view.table["target_code"] != OTHERS_CODE)]
        if len(red):
            others = named[~named["top5"]]["value_eur"]
            assert others.empty or red["value_eur"].min() >= others.max()
        country_side = "target_code" if view.flow == EXPORT else "source_code"
        assert not set(view.table[country_side]) & {"QU", "FR", "ZZ"}


@settings(max_examples=25, deadline=None)
@given(rows_strategy, st.randoms(use_true_random=False))
def test_row_order_changes_nothing(rows, rnd):
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    a, b = national(rows), national(shuffled)
    for code in DEPS:
        x, y = a.departements[code], b.departements[code]
        assert x.totals == y.totals
        pd.testing.assert_frame_equal(x.partners, y.partners)
        pd.testing.assert_frame_equal(x.activities, y.activities)
        pd.testing.assert_frame_equal(x.export_flows.table, y.export_flows.table)
        pd.testing.assert_frame_equal(x.import_flows.table, y.import_flows.table)


def test_haute_loire_example_by_hand():
    rows = [
        (EXPORT, 2024, 1, "43", "C29A", "DE", 600),
        (EXPORT, 2024, 2, "43", "C29A", "DE", 400),
        (EXPORT, 2024, 1, "43", "C10A", "QU", 250),  # not a country: in totals and « Autres »
        (IMPORT, 2024, 3, "43", "C21Z", "CN", 2000),
        (IMPORT, 2024, 4, "43", "C21Z", "US", 500),
        (EXPORT, 2024, 1, "63", "C28A", "US", 3750),
        (IMPORT, 2024, 1, "63", "C28A", "US", 7500),
        (EXPORT, 2024, 1, "75", "C28A", "BE", 5000),
        (EXPORT, 2023, 1, "43", "C29A", "DE", 99999),  # another year: ignored
    ]
    dep = indicators.compute_departement(trade_data(rows), 2024, "43")
    t = dep.totals
    assert (t.exports_eur, t.imports_eur, t.balance_eur) == (1250, 2500, -1250)
    assert (t.region_exports_eur, t.region_imports_eur, t.france_exports_eur) == (5000, 10000, 10000)
    assert t.share_of_region_pct(EXPORT) == pytest.approx(25.0)
    assert t.share_of_region_pct(IMPORT) == pytest.approx(25.0)
    assert t.share_of_france_pct(EXPORT) == pytest.approx(12.5)
    assert dep.partners.to_dict("records") == [
        {"partner": "CN", "partner_name": "Chine", "imports_eur": 2000, "exports_eur": 0, "balance_eur": -2000},
        {"partner": "DE", "partner_name": "Allemagne", "imports_eur": 0, "exports_eur": 1000, "balance_eur": 1000},
        {"partner": "US", "partner_name": "Etats-Unis", "imports_eur": 500, "exports_eur": 0, "balance_eur": -500},
    ]
    exports = dep.activities[dep.activities["flow"] == EXPORT]
    assert list(exports["a129"]) == ["C29A", "C10A"]
    assert list(exports["share_pct"]) == pytest.approx([80.0, 20.0])
    view = dep.export_flows.table
    assert view[["source_code", "target_code", "value_eur", "top5"]].to_dict("records") == [
        {"source_code": "C29A", "target_code": "DE", "value_eur": 1000, "top5": True},
        {"source_code": "C10A", "target_code": OTHERS_CODE, "value_eur": 250, "top5": False},
    ]
    imports = dep.import_flows.table
    assert list(zip(imports["source_code"], imports["target_code"])) == [("CN", "C21Z"), ("US", "C21Z")]
    assert dep.region.scope.name == "Auvergne-Rhône-Alpes"


def test_beyond_ten_products_fold_into_autres():
    codes = [f"C{i:02d}Z" for i in range(10, 23)]  # 13 product groups, values 13..1
    rows = [(EXPORT, 2024, 1, "43", code, "DE", 1000 * (13 - i)) for i, code in enumerate(codes)]
    view = indicators.compute_departement(trade_data(rows), 2024, "43").export_flows
    assert list(view.table["source_code"]) == [*codes[:10], OTHERS_CODE]
    assert view.table["value_eur"].iloc[-1] == 3000 + 2000 + 1000
    assert view.table.iloc[-1]["source_name"] == "Autres"
    assert list(view.table["source_rank"]) == list(range(1, 12))


def test_departement_without_trade_has_zero_totals_and_empty_tables():
    dep = indicators.compute_departement(trade_data([(EXPORT, 2024, 1, "43", "C29A", "DE", 5)]), 2024, "48")
    assert (dep.totals.exports_eur, dep.totals.imports_eur) == (0, 0)
    assert dep.totals.share_of_region_pct(EXPORT) == 0.0
    assert dep.partners.empty and dep.activities.empty and dep.export_flows.table.empty


def test_a_year_is_complete_only_with_four_quarters_in_both_flows():
    rows = [(EXPORT, 2024, q, "43", "C29A", "DE", 10) for q in (1, 2, 3, 4)]
    rows += [(IMPORT, 2024, q, "43", "C29A", "DE", 10) for q in (1, 2, 3)]  # imports stop after Q3
    rows += [(flow, 2023, q, "43", "C29A", "DE", 10) for flow in (EXPORT, IMPORT) for q in (1, 2, 3, 4)]
    data = trade_data(rows)
    assert data.quarters_by_year() == {2023: [1, 2, 3, 4], 2024: [1, 2, 3, 4]}
    assert data.quarters_by_year(IMPORT)[2024] == [1, 2, 3]
    assert data.complete_years() == [2023]


@settings(max_examples=30, deadline=None)
@given(rows_strategy)
def test_flow_grid_equals_the_matrix_summed_from_the_rows(rows):
    nat = national(rows)
    # The départements drawn from (the others have empty views), a region holding three of them, France.
    for area in [*(nat.departements[code] for code in DEPS), nat.regions["18"], nat.france]:
        for flow in (EXPORT, IMPORT):
            view = area.flows(flow)
            assert view is (area.export_flows if flow == EXPORT else area.import_flows)
            grid = view.grid
            sources, targets, values = matrix_from_rows(view.table)
            assert (grid.source_codes, grid.target_codes, grid.values.tolist()) == (sources, targets, values)
            names = dict(zip(view.table["source_code"], view.table["source_name"]))
            assert grid.source_names == [names[c] for c in sources]
            top = view.table[view.table["top5"]]
            red = {(sources.index(s), targets.index(t)) for s, t in zip(top["source_code"], top["target_code"])}
            assert grid.red == red


def test_flows_and_totals_answer_for_either_flow():
    nat = national([(EXPORT, 2024, 1, "43", "C29A", "DE", 700), (IMPORT, 2024, 2, "43", "C10A", "BE", 300)])
    dep = nat.departements["43"]
    assert (dep.total(EXPORT), dep.total(IMPORT)) == (700, 300)
    assert (nat.france.total(EXPORT), nat.regions["18"].total(IMPORT)) == (700, 300)
    assert dep.flows(IMPORT).table["source_code"].tolist() == ["BE"]
    assert dep.totals.share_of_france_pct(EXPORT) == 100.0
    assert dep.flows(EXPORT).grid.values.tolist() == [[700]]
