"""``show --json``: the change since N-1 and the dependency figures, against values worked out by hand."""

import json

import pytest

from officereport import indicators
from officereport.model import EXPORT as E
from officereport.model import IMPORT as I
from officereport.showjson import departement_json
from productfactory import trade_data
from twoyears import CURRENT, PREVIOUS


@pytest.fixture(scope="module")
def shown():
    nat = indicators.compute_national(trade_data(CURRENT), 2024, previous=trade_data(PREVIOUS))
    # Through JSON and back: what the command prints.
    return {code: json.loads(json.dumps(departement_json(nat.departements[code]))) for code in ("43", "01")}


def test_totals_and_their_change(shown):
    doc = shown["43"]
    assert doc["previous_year"] == 2023
    t = doc["totals"]
    assert (t["exports_eur"], t["exports_eur_previous"]) == (1_000_000, 600_000)
    assert (t["imports_eur"], t["imports_eur_previous"]) == (400_000, 300_000)
    assert t["exports_change_pct"] == pytest.approx(100 * 400_000 / 600_000)
    assert t["imports_change_pct"] == pytest.approx(100 * 100_000 / 300_000)


def test_departement_absent_in_previous_year(shown):
    t = shown["01"]["totals"]
    assert (t["exports_eur"], t["exports_eur_previous"], t["exports_change_pct"]) == (10_000, 0, None)
    assert (t["imports_eur_previous"], t["imports_change_pct"]) == (0, None)


def test_partner_rows_carry_previous_values(shown):
    rows = {p["code"]: (p["exports_eur"], p["exports_eur_previous"], p["imports_eur"], p["imports_eur_previous"])
            for p in shown["43"]["partners"]}
    assert rows == {
        "DE": (500_000, 400_000, 30_000, 0),
        "US": (200_000, 100_000, 100_000, 0),
        "CN": (0, 0, 270_000, 300_000),
        "BE": (100_000, 0, 0, 0),  # new partner: previous value 0
    }


def test_activity_rows_carry_previous_values(shown):
    rows = [(a["flow"], a["a129"], a["value_eur"], a["value_eur_previous"]) for a in shown["43"]["activities"]]
    assert rows == [
        (E, "C29A", 700_000, 500_000),
        (E, "C10A", 200_000, 100_000),
        (E, "C21Z", 100_000, 0),
        (I, "B06Z", 300_000, 300_000),
        (I, "C28A", 100_000, 0),
    ]


def test_dependency_figures(shown):
    dep = shown["43"]["dependency"]
    assert set(dep) == {"exports", "imports", "focus", "dependent_products"}
    # Export countries DE 500, US 200, BE 100 (QU left out): shares of 800.
    exports = dep["exports"]
    assert exports["top1_share_pct"] == pytest.approx(62.5)
    assert exports["top3_share_pct"] == pytest.approx(100.0)
    assert exports["hhi_partners"] == pytest.approx(62.5**2 + 25**2 + 12.5**2)
    assert exports["hhi_products"] == pytest.approx(70**2 + 20**2 + 10**2)  # of the whole flow, QU included
    imports = dep["imports"]
    assert imports["hhi_partners"] == pytest.approx(67.5**2 + 7.5**2 + 25**2)
    assert imports["hhi_products"] == pytest.approx(75**2 + 25**2)
    focus = dep["focus"]
    assert focus["country"] == "US"
    assert focus["export_share_pct"] == pytest.approx(20.0)
    assert focus["import_share_pct"] == pytest.approx(25.0)
    assert [(p["cpf4"], p["value_eur"]) for p in focus["top_imports"]] == [("2811", 100_000)]
    # 0610: sources CN 90 %, DE 10 % (HHI 8 200), no exports; 2811: one source, no exports.
    assert dep["dependent_products"] == [
        {"cpf4": "0610", "name": "Pétrole brut", "imports_eur": 300_000, "hhi_sources": pytest.approx(8_200),
         "main_source": "CN", "main_source_share_pct": pytest.approx(90.0), "import_export_ratio": None},
        {"cpf4": "2811", "name": "Moteurs et turbines", "imports_eur": 100_000, "hhi_sources": pytest.approx(10_000),
         "main_source": "US", "main_source_share_pct": pytest.approx(100.0), "import_export_ratio": None},
    ]


def test_without_previous_year_the_change_is_null():
    doc = departement_json(indicators.compute_departement(trade_data(CURRENT), 2024, "43"))
    assert doc["previous_year"] is None
    assert doc["totals"]["exports_eur"] == 1_000_000
    changes = ("exports_eur_previous", "imports_eur_previous", "exports_change_pct", "imports_change_pct")
    assert [doc["totals"][k] for k in changes] == [None] * 4
    assert {p["exports_eur_previous"] for p in doc["partners"]} == {None}
    assert {a["value_eur_previous"] for a in doc["activities"]} == {None}
    assert doc["dependency"]["focus"]["export_share_pct"] == pytest.approx(20.0)  # dependency needs no N-1
