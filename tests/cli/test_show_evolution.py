"""``officereport show`` on a data folder holding two complete years: the change since N-1 and the
dependency figures, in words and in JSON, against figures worked out by hand."""

from __future__ import annotations

import json

import pytest

from officereport import cli
from officereport.frformat import NBSP

EXPORTS = {2023: 400_000, 2024: 600_000}  # to Germany, 2910, in four equal quarters
IMPORTS = {2023: 200_000, 2024: 300_000}  # from China, 0610


@pytest.fixture
def two_years(tmp_path):
    for flow, values, product, partner in (("E", EXPORTS, "C29A;2910", "DE"), ("I", IMPORTS, "B06Z;0610", "CN")):
        lines = [f"{flow};{q};{year};43;18;{product};{partner};{value // 4};5"
                 for year, value in values.items() for q in (1, 2, 3, 4)]
        (tmp_path / f"REGIONAL_CPF4PAYS{flow}.txt").write_text("\r\n".join(lines) + "\r\n")
    return tmp_path


def test_json_gives_the_change_and_the_dependency(capsys, two_years):
    assert cli.main(["show", "--data", str(two_years), "--dep", "43", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["previous_year"] == 2023
    t = shown["totals"]
    assert (t["exports_eur_previous"], t["imports_eur_previous"]) == (400_000, 200_000)
    assert (t["exports_change_pct"], t["imports_change_pct"]) == (pytest.approx(50.0), pytest.approx(50.0))
    assert [(p["code"], p["exports_eur_previous"]) for p in shown["partners"]] == [("DE", 400_000), ("CN", 0)]
    dependency = shown["dependency"]
    assert dependency["imports"]["hhi_partners"] == pytest.approx(10_000)
    assert [p["cpf4"] for p in dependency["dependent_products"]] == ["0610"]


def test_words_give_the_change_and_the_dependency(capsys, two_years):
    assert cli.main(["show", "--data", str(two_years), "--dep", "43"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Évolution 2023 → 2024 :")
    assert lines[start + 1] == (f"  Exportations : 0,6{NBSP}millions d'euros en 2024, contre 0,4{NBSP}millions "
                                f"d'euros en 2023 (+50,0{NBSP}%).")
    assert lines[start + 3] == "Dépendance :"
    assert lines[-1] == f"    0610 : 0,3{NBSP}M€ importés ; première source Chine (100,0{NBSP}%)"


def test_one_year_says_why_there_is_no_change(capsys, sample_zip):
    assert cli.main(["show", "--data", str(sample_zip), "--dep", "43"]) == 0
    assert "L'année 2023 complète ne figure pas dans les données fournies" in capsys.readouterr().out
