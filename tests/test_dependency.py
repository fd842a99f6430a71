"""Dependency figures against values worked out by hand from a few rows."""

import dataclasses
import json

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from officereport import dependency, scopes
from officereport.model import EXPORT as E
from officereport.model import IMPORT as I
from productfactory import trade_data

# Haute-Loire (43), 2024. QU is a non-country code, ZZ has no label: both count in the whole flow
# but not among partner countries. NA is Namibia, a country.
EXPORTS_43 = [
    (E, 2024, 1, "43", "C29A", "2910", "DE", 30_000),
    (E, 2024, 2, "43", "C29A", "2910", "DE", 20_000),
    (E, 2024, 1, "43", "C29A", "2910", "US", 20_000),
    (E, 2024, 1, "43", "C10A", "1011", "BE", 20_000),
    (E, 2024, 1, "43", "C10A", "1011", "QU", 10_000),
    (E, 2024, 1, "43", "C21Z", "2120", "IT", 10_000),
    (E, 2024, 1, "43", "C21Z", "2120", "ZZ", 10_000),
]
IMPORTS_43 = [
    # 0610: concentrated (CN 90 %, DE 10 %), never exported -> dependent, ratio None
    (I, 2024, 1, "43", "B06Z", "0610", "CN", 450_000),
    (I, 2024, 1, "43", "B06Z", "0610", "DE", 50_000),
    # 2120: one source country (US) beside an undetermined partner; imports 3 x exports -> dependent
    (I, 2024, 1, "43", "C21Z", "2120", "US", 30_000),
    (I, 2024, 1, "43", "C21Z", "2120", "QU", 30_000),
    # 2910: concentrated (HHI 5 000) but imports = exports (ratio 1) -> not dependent
    (I, 2024, 1, "43", "C29A", "2910", "DE", 35_000),
    (I, 2024, 1, "43", "C29A", "2910", "BE", 35_000),
    # 1011: bought only from a non-country partner -> not listed
    (I, 2024, 1, "43", "C10A", "1011", "QU", 100_000),
    # 2811: four sources, HHI 2 500 -> not dependent
    *[(I, 2024, 1, "43", "C28A", "2811", p, 50_000) for p in ("DE", "BE", "IT", "US")],
    # 2812 weighs exactly 0,1 % of the imports (listed), 2813 just under it (not listed)
    (I, 2024, 1, "43", "C28A", "2812", "CN", 1_000),
    (I, 2024, 1, "43", "C28A", "2813", "CN", 999),
    # 2814: from Namibia only -> dependent
    (I, 2024, 1, "43", "C28A", "2814", "NA", 68_001),
]
IMPORTS_43_TOTAL = 1_000_000
# Rows that must not count for 43 in 2024: another département, another year.
NOISE = [
    (I, 2024, 1, "63", "B06Z", "0610", "DE", 500_000),
    (E, 2024, 1, "63", "B06Z", "0610", "DE", 7_000),
    (I, 2023, 4, "43", "B06Z", "0610", "DE", 900_000),
    (E, 2023, 4, "43", "C29A", "2910", "CN", 900_000),
]
ROWS = EXPORTS_43 + IMPORTS_43 + NOISE


def hhi(values):
    total = sum(values)
    return sum((100 * v / total) ** 2 for v in values)


@pytest.fixture(scope="module")
def dep43():
    assert sum(r[7] for r in IMPORTS_43) == IMPORTS_43_TOTAL
    return dependency.dependency(trade_data(ROWS), 2024)["43"]


def test_export_concentration_over_partner_countries_only(dep43):
    # Countries: DE 50 000, US 20 000, BE 20 000, IT 10 000 (sum 100 000); QU and ZZ left out.
    assert dep43.exports.top1_share_pct == pytest.approx(50.0)
    assert dep43.exports.top3_share_pct == pytest.approx(90.0)
    assert dep43.exports.hhi_partners == pytest.approx(50**2 + 20**2 + 20**2 + 10**2)  # 3 400
    # Products over the whole flow (120 000, QU and ZZ included): C29A 70 000, C10A 30 000, C21Z 20 000.
    assert dep43.exports.hhi_products == pytest.approx(hhi([70_000, 30_000, 20_000]))
    assert dep43.exports.hhi_products == pytest.approx(4305.5556, abs=1e-4)


def test_import_concentration(dep43):
    countries = {"CN": 451_999, "DE": 135_000, "BE": 85_000, "US": 80_000, "NA": 68_001, "IT": 50_000}
    total = sum(countries.values())
    assert total == 870_000  # the whole flow less 130 000 from QU
    assert dep43.imports.top1_share_pct == pytest.approx(100 * 451_999 / total)
    assert dep43.imports.top3_share_pct == pytest.approx(100 * (451_999 + 135_000 + 85_000) / total)
    assert dep43.imports.hhi_partners == pytest.approx(hhi(countries.values()))
    # A129 groups in % of 1 000 000: B06Z 50, C28A 27, C10A 10, C29A 7, C21Z 6.
    assert dep43.imports.hhi_products == pytest.approx(50**2 + 27**2 + 10**2 + 7**2 + 6**2)


def test_focus_share_is_of_the_whole_flow_and_names_its_products(dep43):
    focus = dep43.focus
    assert focus.country == "US"
    assert focus.export_share_pct == pytest.approx(100 * 20_000 / 120_000)
    assert focus.import_share_pct == pytest.approx(8.0)
    assert [(p.cpf4, p.name, p.value_eur) for p in focus.top_exports] == [("2910", "Véhicules automobiles", 20_000)]
    assert focus.top_exports[0].share_pct == pytest.approx(100.0)
    assert [(p.cpf4, p.value_eur, round(p.share_pct, 6)) for p in focus.top_imports] == [
        ("2811", 50_000, 62.5), ("2120", 30_000, 37.5)]


def test_other_focus_country():
    dep = dependency.dependency(trade_data(ROWS), 2024, focus="CN")["43"]
    assert dep.focus.country == "CN"
    assert dep.focus.export_share_pct == pytest.approx(0.0)
    assert dep.focus.top_exports == ()
    assert dep.focus.import_share_pct == pytest.approx(100 * 451_999 / IMPORTS_43_TOTAL)
    assert [p.cpf4 for p in dep.focus.top_imports] == ["0610", "2812", "2813"]


@pytest.mark.parametrize("code, says", [
    ("ZZ", "pays suivi « ZZ » refusé : ce code ne figure pas parmi les pays de Libelle_PAYS.txt (2024)"),
    ("QU", "pays suivi « QU » refusé : ce code n'est pas un pays partenaire"),
    ("FR", "pays suivi « FR » refusé : ce code n'est pas un pays partenaire"),
])
def test_a_focus_that_is_not_a_partner_country_of_the_labels_is_refused(code, says):
    with pytest.raises(dependency.FocusError) as refused:
        dependency.dependency(trade_data(ROWS), 2024, focus=code)
    assert str(refused.value).startswith(says)
    assert refused.value.problems[0].rule == "unknown-focus"


def test_without_country_labels_the_focus_is_checked_against_the_default_names():
    data = trade_data(ROWS)
    data.labels.partners = []
    assert dependency.dependency(data, 2024, focus="NA")["43"].focus.country == "NA"  # Namibie, in CLDR
    with pytest.raises(dependency.FocusError, match=r"« UK » .* la liste des pays par défaut"):  # GB is right
        dependency.check_focus(data, 2024, "UK")


def test_the_default_focus_is_taken_even_when_the_labels_do_not_name_it():
    data = trade_data(ROWS)
    data.labels.partners = [row for row in data.labels.partners if row.code != "US"]
    dependency.check_focus(data, 2024, "US")
    with pytest.raises(dependency.FocusError):
        dependency.check_focus(data, 2024, "BR")


def test_dependent_products_follow_the_criteria(dep43):
    rows = [(p.cpf4, p.imports_eur, p.main_source, p.import_export_ratio) for p in dep43.dependent_products]
    assert rows == [
        ("0610", 500_000, "CN", None),  # no exports: ratio None, counts as above 1
        ("2814", 68_001, "NA", None),
        ("2120", 60_000, "US", pytest.approx(3.0)),  # value of the whole flow, QU included
        ("2812", 1_000, "CN", None),  # exactly 0,1 %: kept
    ]
    oil, _, drugs, _ = dep43.dependent_products
    assert oil.name == "Pétrole brut"
    assert oil.hhi_sources == pytest.approx(90**2 + 10**2)
    assert oil.main_source_share_pct == pytest.approx(90.0)
    # The only source country of 2120 is the US: 100 % of the countries, although QU brings half the value.
    assert drugs.hhi_sources == pytest.approx(10_000)
    assert drugs.main_source_share_pct == pytest.approx(100.0)


def test_dependent_products_keep_the_twenty_largest():
    rows = [(I, 2024, 1, "01", "C28A", f"{3000 + k}", "CN", 1_000 * (k + 1)) for k in range(25)]
    products = dependency.dependency(trade_data(rows), 2024)["01"].dependent_products
    assert len(products) == dependency.DEPENDENT_ROWS == 20
    assert [p.cpf4 for p in products] == [f"{3000 + k}" for k in range(24, 4, -1)]
    assert products[-1].imports_eur == 6_000
    assert products[0].name == "3024"  # no label: the code stands for the name


def test_scope_over_several_departements():
    # Puy-de-Dôme's 500 000 of 0610 from DE join Haute-Loire's 450 000 from CN and 50 000 from DE.
    result = dependency.dependency(trade_data(ROWS), 2024, {"ti": ("43", "63")})["ti"]
    oil = next(p for p in result.dependent_products if p.cpf4 == "0610")
    assert oil.imports_eur == 1_000_000
    assert (oil.main_source, oil.main_source_share_pct) == ("DE", pytest.approx(55.0))
    assert oil.hhi_sources == pytest.approx(55**2 + 45**2)
    assert oil.import_export_ratio == pytest.approx(1_000_000 / 7_000)
    assert result.exports.hhi_partners == pytest.approx(hhi([57_000, 20_000, 20_000, 10_000]))


def test_region_and_france_scopes_sum_their_departements():
    result = dependency.dependency(trade_data(ROWS), 2024, {**scopes.regions(), **scopes.france()})
    assert set(result) == set(scopes.regions()) | {"FR"}
    # 43 and 63 are both in Auvergne-Rhône-Alpes (18): its figures equal France's.
    assert result["18"] == result["FR"]
    assert result["18"].imports.top1_share_pct == pytest.approx(100 * 635_000 / 1_370_000)  # DE


def test_scope_without_trade_has_no_figures():
    empty = dependency.dependency(trade_data(ROWS), 2024)["01"]
    assert empty.exports == dependency.Concentration(None, None, None, None)
    assert (empty.focus.export_share_pct, empty.focus.top_imports, empty.dependent_products) == (None, (), ())


def test_flow_without_partner_countries_has_product_concentration_only():
    rows = [(E, 2024, 1, "15", "C10A", "1011", "QU", 40), (E, 2024, 1, "15", "C29A", "2910", "FR", 60)]
    exports = dependency.dependency(trade_data(rows), 2024)["15"].exports
    assert (exports.top1_share_pct, exports.top3_share_pct, exports.hhi_partners) == (None, None, None)
    assert exports.hhi_products == pytest.approx(40**2 + 60**2)


def test_json_keys_are_the_issues(dep43):
    data = json.loads(json.dumps(dataclasses.asdict(dep43)))
    assert list(data) == ["exports", "imports", "focus", "dependent_products"]
    assert list(data["imports"]) == ["top1_share_pct", "top3_share_pct", "hhi_partners", "hhi_products"]
    assert list(data["focus"]) == ["country", "export_share_pct", "import_share_pct", "top_exports", "top_imports"]
    assert list(data["dependent_products"][0]) == [
        "cpf4", "name", "imports_eur", "hhi_sources", "main_source", "main_source_share_pct", "import_export_ratio"]
    assert data["dependent_products"][0]["import_export_ratio"] is None
    assert data["dependent_products"][2]["import_export_ratio"] == pytest.approx(3.0)


def test_single_country_and_tied_sources():
    rows = [(E, 2024, 1, "15", "C29A", "2910", "IT", 250), (E, 2024, 1, "15", "C29A", "2910", "QU", 250),
            (I, 2024, 1, "15", "C29A", "2910", "DE", 300), (I, 2024, 1, "15", "C29A", "2910", "BE", 300)]
    result = dependency.dependency(trade_data(rows), 2024)["15"]
    assert result.exports == dependency.Concentration(100.0, 100.0, 10_000.0, 10_000.0)
    (cars,) = result.dependent_products  # 600 imported against 500 exported
    assert (cars.main_source, cars.main_source_share_pct, cars.hhi_sources) == ("BE", 50.0, 5_000.0)  # tie: by code
    assert cars.import_export_ratio == pytest.approx(1.2)


ROW = st.tuples(  # imports of 2024 drawn most often, so that products have several sources
    st.sampled_from([E, I, I]),
    st.sampled_from([2023, 2024, 2024, 2024]),
    st.just(1),
    st.sampled_from(["43", "63"]),
    st.just("C28A"),
    st.sampled_from(["2811", "2812"]),
    st.sampled_from(["DE", "BE", "CN", "US", "QU", "ZZ"]),
    st.integers(1, 4).map(lambda k: 1_000 * k),  # few distinct values: balanced sources and ties come up
)


def plain_dependent_products(rows, dep):
    """The criteria read straight off the rows, one product at a time."""
    rows = [r for r in rows if r[1] == 2024 and r[3] == dep]
    imports = [r for r in rows if r[0] == I]
    total = sum(r[7] for r in imports)
    found = []
    for cpf4 in sorted({r[5] for r in imports}):
        value = sum(r[7] for r in imports if r[5] == cpf4)
        exported = sum(r[7] for r in rows if r[0] == E and r[5] == cpf4)
        sources = {}
        for r in imports:
            if r[5] == cpf4 and r[6] in {"DE", "BE", "CN", "US"}:
                sources[r[6]] = sources.get(r[6], 0) + r[7]
        if not sources or 1000 * value < total or value <= exported or hhi(sources.values()) <= 4000:
            continue
        main = min(sources, key=lambda c: (-sources[c], c))
        found.append((cpf4, value, main, exported))
    return sorted(found, key=lambda f: -f[1])


# No shrinking: each example runs the whole pandas pass, and shrinking a failure took minutes; a
# failing list of at most 60 rows is readable as it is.
@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.lists(ROW, min_size=20, max_size=60))
def test_dependent_products_match_a_plain_reading_of_the_rows(rows):
    result = dependency.dependency(trade_data(rows), 2024, {"43": ("43",), "63": ("63",)})
    for dep in ("43", "63"):
        expected = [(c, v, m, v / x if x else None) for c, v, m, x in plain_dependent_products(rows, dep)]
        got = [(p.cpf4, p.imports_eur, p.main_source, p.import_export_ratio) for p in result[dep].dependent_products]
        assert got == [(c, v, m, None if r is None else pytest.approx(r)) for c, v, m, r in expected]
