"""Several releases in one data folder: annual zips of past years beside the latest publication."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from loader_fixtures import line
from officereport.input import loader
from officereport.input.releases import load_releases
from officereport.input.summary import release_lines, summarize_releases
from officereport.model import InputError
from releasefactory import annual, latest, release, year_lines


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "donnees"
    data.mkdir()
    annual(data, 2022, landed=1_000)
    annual(data, 2023, landed=2_000)
    latest(data, landed=3_000)
    return data


def test_a_folder_of_releases_is_refused_by_the_single_release_loader(folder: Path) -> None:
    # The refusal: read as one release, the 2023 Q4 rows of both zips are duplicates.
    with pytest.raises(InputError, match=r"annuel-2023.zip!Region_2023_Export.txt:7: \[duplicate-key\]"):
        loader.load(folder)


def test_each_year_from_its_release_overlapping_quarter_not_a_duplicate(folder: Path) -> None:
    loaded = load_releases(folder)
    assert {year: r.name for year, r in loaded.year_release.items()} == {
        2022: "annuel-2022.zip", 2023: "annuel-2023.zip", 2024: "REGIONAL_CPF4PAYS.zip",
    }
    trade = loaded.data.trade
    assert loaded.data.complete_years() == [2022, 2023, 2024]
    # 2023 Q4 once, from the annual file (1 M€ a row), not from the latest zip (1,1 M€).
    q4 = trade[(trade["year"] == 2023) & (trade["quarter"] == 4)]
    assert len(q4) == 4 and q4["value_eur"].tolist() == [1_000_000] * 4
    assert trade.groupby("year")["value_eur"].sum().to_dict() == {2022: 16e6, 2023: 16e6, 2024: 32e6}
    assert all(isinstance(trade[c].dtype, pd.CategoricalDtype) for c in ("flow", "dep", "cpf4", "partner"))


def test_provenance_names_the_release_relative_to_the_folder_with_its_sha256(folder: Path) -> None:
    loaded = load_releases(folder)
    used = loaded.year_release[2023]
    assert used.sha256 == hashlib.sha256((folder / "annuel-2023.zip").read_bytes()).hexdigest()
    assert used.complete_years == (2023,)
    names = [s.name for s in loaded.sources_of(2023)]
    assert "annuel-2023.zip!Region_2023_Export.txt" in names and "annuel-2023.zip!Libelle_PAYS.txt" in names
    assert all(name.startswith("annuel-2023.zip!") for name in names)
    export = next(s for s in loaded.sources_of(2024) if s.name.endswith("PAYSE.txt"))
    assert (export.name, export.rows) == ("REGIONAL_CPF4PAYS.zip!REGIONAL_CPF4PAYSE.txt", 10)


def test_revisions_of_the_overlapping_quarter_per_flow(folder: Path) -> None:
    revisions = load_releases(folder).revisions
    assert [(r.year, r.quarter, r.flow, r.used, r.used_eur, r.other, r.other_eur) for r in revisions] == [
        (2023, 4, "E", "annuel-2023.zip", 2_000_000, "REGIONAL_CPF4PAYS.zip", 2_200_000),
        (2023, 4, "I", "annuel-2023.zip", 2_000_000, "REGIONAL_CPF4PAYS.zip", 2_200_000),
    ]
    assert revisions[0].difference_eur == -200_000
    assert revisions[0].difference_pct == pytest.approx(-200_000 / 2_200_000 * 100)


def test_the_newest_complete_release_wins_a_year_held_twice(tmp_path: Path) -> None:
    annual(tmp_path, 2023, landed=5_000, value=1_500_000, name="a-revise.zip")  # first by name, newest landed
    annual(tmp_path, 2023, landed=1_000)
    loaded = load_releases(tmp_path)
    assert loaded.year_release[2023].name == "a-revise.zip"
    assert set(loaded.data.trade["value_eur"]) == {1_500_000}
    # Each quarter of each flow: two rows revised by 0,5 M€.
    assert {(r.flow, r.used, r.other, r.difference_eur) for r in loaded.revisions} == {
        (flow, "a-revise.zip", "annuel-2023.zip", 1_000_000) for flow in "EI"
    }
    assert sorted((r.quarter, r.flow) for r in loaded.revisions) == [(q, f) for q in (1, 2, 3, 4) for f in "EI"]


def test_a_year_complete_nowhere_comes_from_the_newest_release_holding_it(folder: Path) -> None:
    release(folder / "tardif.zip", {"donnees.txt": year_lines(2025, (1, 2))}, landed=4_000)
    loaded = load_releases(folder)
    assert loaded.year_release[2025].name == "tardif.zip"
    assert loaded.data.quarters_by_year()[2025] == [1, 2]
    assert loaded.data.complete_years() == [2022, 2023, 2024]
    lines = release_lines(summarize_releases(loaded))
    assert "  2025 : tardif.zip (incomplète partout : la plus récente qui en contient une partie)" in lines
    assert "  2024 : REGIONAL_CPF4PAYS.zip" in lines


def test_years_keeps_only_the_rows_asked_for(folder: Path) -> None:
    loaded = load_releases(folder, years=[2023, 2024])
    assert sorted(loaded.data.trade["year"].unique()) == [2023, 2024]
    assert loaded.year_release[2023].name == "annuel-2023.zip"


def test_a_given_choice_reads_only_the_releases_named_and_takes_each_year_as_named(folder: Path) -> None:
    (folder / "annuel-2022.zip").write_bytes(b"pas un zip")  # refused if it were read
    choice = {2024: "REGIONAL_CPF4PAYS.zip", 2023: "annuel-2023.zip"}  # as refresh chooses for 2024
    loaded = load_releases(folder, choice=choice)
    assert {year: r.name for year, r in loaded.year_release.items()} == choice
    assert loaded.data.trade.groupby("year")["value_eur"].sum().to_dict() == {2023: 16e6, 2024: 32e6}
    assert {s.name.split("!")[0] for s in loaded.data.sources} == set(choice.values())
    # The choice is followed, not ranked again: 2023 Q4 alone from the latest zip (1,1 M€ a row).
    odd = load_releases(folder, choice={2023: "REGIONAL_CPF4PAYS.zip"})
    assert odd.data.trade.groupby("year")["value_eur"].sum().to_dict() == {2023: 4 * 1_100_000}


def test_duplicates_inside_one_release_are_still_refused(folder: Path) -> None:
    twice = [*year_lines(2021), line("E", 2, 2021, partner="DE", value=5)]  # line 3 holds that key
    release(folder / "annuel-2021.zip", {"Region_2021.txt": twice}, landed=500)
    with pytest.raises(InputError) as caught:
        load_releases(folder)
    assert [p.rule for p in caught.value.problems] == ["duplicate-key"]
    assert caught.value.problems[0].message.endswith("déjà en " f"{folder / 'annuel-2021.zip'}!Region_2021.txt:3")


def test_problems_of_every_release_are_raised_together(folder: Path) -> None:
    release(folder / "a.zip", {"d.txt": [line(dep="XX"), line("I")]}, landed=10)
    release(folder / "b.zip", {"d.txt": [line(quarter=7), line("I")]}, landed=20)
    with pytest.raises(InputError) as caught:
        load_releases(folder)
    assert sorted((p.file.rsplit("/", 1)[-1], p.line, p.rule) for p in caught.value.problems) == [
        ("a.zip!d.txt", 1, "unknown-departement"), ("b.zip!d.txt", 1, "quarter-range"),
    ]


def test_a_single_release_folder_or_zip_is_one_release(folder: Path) -> None:
    loaded = load_releases(folder / "REGIONAL_CPF4PAYS.zip")
    assert [r.name for r in loaded.releases] == ["REGIONAL_CPF4PAYS.zip"]
    assert loaded.revisions == []
    alone = loader.load(folder / "REGIONAL_CPF4PAYS.zip").trade
    pd.testing.assert_frame_equal(loaded.data.trade, alone.sort_values("year", kind="stable", ignore_index=True))


def test_each_release_is_parsed_once_then_read_from_the_cache(folder: Path, tmp_path: Path) -> None:
    parsed: list[str] = []

    def progress(done: int, total: int, what: str) -> None:
        if what == "Lecture des fichiers douaniers" and done == 0:
            parsed.append(what)

    cold = load_releases(folder, cache_dir=tmp_path / "cache", progress=progress)
    warm = load_releases(folder, cache_dir=tmp_path / "cache", progress=progress)
    assert len(parsed) == 3
    pd.testing.assert_frame_equal(cold.data.trade, warm.data.trade)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 3


def _sorted(trade: pd.DataFrame) -> pd.DataFrame:
    keys = ["year", "flow", "quarter", "dep", "cpf4", "partner"]
    return trade.astype({c: object for c in keys[1:]}).sort_values(keys, ignore_index=True)


def _latest_two(complete: list[int]) -> set[int]:
    return {complete[-1], complete[-1] - 1}


@pytest.mark.parametrize("detail", [None, {2023, 2024}, _latest_two])
def test_with_a_cache_releases_are_read_summed_first_and_rows_only_where_needed(
        folder: Path, tmp_path: Path, monkeypatch, detail) -> None:
    lines = year_lines(2021, value=3_000_000)
    for flow, name in (("E", "export"), ("I", "import")):  # a release in two downloads, read again as a pair
        release(folder / f"Regional-2021-{name}.zip", {f"Region_2021_{name}.txt": [x for x in lines if x[0] == flow]},
                landed=900)
    plain = load_releases(folder, detail_years=detail)
    if callable(detail):  # told the complete years: 2021 to 2024, so 2023 and 2024 row by row
        assert plain.data.trade.groupby("year").size().to_dict() == load_releases(
            folder, detail_years={2023, 2024}).data.trade.groupby("year").size().to_dict()
    reads: list[tuple[str, bool]] = []
    real_load = loader.load

    def spied(path, **kwargs):
        reads.append((Path(path).name, kwargs.get("summary", False)))
        return real_load(path, **kwargs)

    monkeypatch.setattr(loader, "load", spied)
    load_releases(folder, cache_dir=tmp_path / "cache", detail_years=detail)  # cold: parses and caches
    reads.clear()
    cached = load_releases(folder, cache_dir=tmp_path / "cache", detail_years=detail)
    pd.testing.assert_frame_equal(_sorted(cached.data.trade), _sorted(plain.data.trade))
    assert cached.revisions == plain.revisions and cached.data.warnings == plain.data.warnings
    for loaded in (plain, cached):  # the totals per period carried from the releases are those of the rows kept
        assert loaded.data.period_totals == replace(loaded.data).period_totals != {}
    summed = {name for name, summary in reads if summary}
    rows = sorted(name for name, summary in reads if not summary)
    assert summed == {"annuel-2022.zip", "annuel-2023.zip", "REGIONAL_CPF4PAYS.zip",
                      "Regional-2021-export.zip", "Regional-2021-import.zip"}
    if detail is None:  # every year's rows: every release read again, one at a time
        assert rows == sorted(summed)
    else:  # 2023 and 2024 only: their two releases
        assert rows == ["REGIONAL_CPF4PAYS.zip", "annuel-2023.zip"]


def test_check_lists_each_years_release_and_the_revisions(folder: Path) -> None:
    summary = summarize_releases(load_releases(folder))
    assert [(y["year"], y["release"]) for y in summary["years"]] == [
        (2022, "annuel-2022.zip"), (2023, "annuel-2023.zip"), (2024, "REGIONAL_CPF4PAYS.zip"),
    ]
    assert summary["revisions"][0] == {
        "year": 2023, "quarter": 4, "flow": "E", "used": "annuel-2023.zip", "used_eur": 2_000_000,
        "other": "REGIONAL_CPF4PAYS.zip", "other_eur": 2_200_000, "difference_eur": -200_000, "difference_pct": -9.09,
    }
    assert [r["name"] for r in summary["releases"]] == ["annuel-2022.zip", "annuel-2023.zip", "REGIONAL_CPF4PAYS.zip"]
    assert summary["releases"][2]["years_used"] == [2024]
    sha256 = hashlib.sha256((folder / "annuel-2022.zip").read_bytes()).hexdigest()
    assert summary["releases"][0]["files"] == [{"name": "annuel-2022.zip", "sha256": sha256}]
    lines = release_lines(summary)
    assert "  2023 : annuel-2023.zip" in lines
    assert ("  2023 T4 exportations : 2,0\u00a0M€ dans annuel-2023.zip (retenue), 2,2\u00a0M€ dans "
            "REGIONAL_CPF4PAYS.zip : écart -0,2\u00a0M€ (-9,09\u00a0%)") in lines


def test_check_command_on_a_folder_of_releases(folder: Path, tmp_path: Path, capsys) -> None:
    from officereport.cli import main

    code = main(["check", "--data", str(folder), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert "  2024 : REGIONAL_CPF4PAYS.zip" in out
    assert "  2023 T4 importations : 2,0\u00a0M€ dans annuel-2023.zip (retenue)" in out


def test_show_reads_each_year_from_its_release(folder: Path, tmp_path: Path, capsys) -> None:
    import json

    from officereport.cli import main

    for year, exports in ((2023, 8_000_000), (2024, 16_000_000)):
        assert main(["show", "--data", str(folder), "--dep", "43", "--year", str(year), "--json",
                     "--out", str(tmp_path / "out")]) == 0
        assert json.loads(capsys.readouterr().out)["totals"]["exports_eur"] == exports


def test_label_files_of_one_release_serve_the_others_loose_files_are_named(folder: Path) -> None:
    lines = year_lines(2021)
    release(folder / "annuel-2021.zip", {"Region_2021.txt": lines}, landed=500, labels=False)
    (folder / "notes.txt").write_text("à lire", encoding="utf-8")
    (folder / "README.md").write_text("le dossier data/ du dépôt en a un", encoding="utf-8")  # not customs data
    loaded = load_releases(folder)
    assert loaded.data.warnings == [
        f"{folder / 'notes.txt'} : ignoré : fichier posé à côté des publications (zip ou dossier) ; "
        "placez-le dans l'une d'elles"
    ]
    assert loaded.data.labels.partner_names(2021)["DE"] == "Allemagne"
    unlabelled = [line(flow, 1, 2020, partner="ZZ") for flow in "EI"]
    release(folder / "vieux.zip", {"d.txt": unlabelled}, landed=400, labels=False)
    assert load_releases(folder).data.warnings[1:] == ["1 code pays sans libellé (affichage du code) : ZZ"]


def test_the_two_annual_downloads_of_a_year_one_flow_each_are_one_release(folder: Path) -> None:
    lines = year_lines(2021, value=3_000_000)
    for flow, name in (("E", "export"), ("I", "import")):
        member = f"Regional-2021-{name}/Region_2021_{name.capitalize()}.txt"
        release(folder / f"Regional-2021-{name}.zip", {member: [x for x in lines if x.startswith(flow)]},
                landed=900 if flow == "E" else 950)
    loaded = load_releases(folder)
    pair = loaded.year_release[2021]
    assert pair.name == "Regional-2021-export.zip + Regional-2021-import.zip"
    assert pair.mtime_ns == 950 * 10**9 and pair.complete_years == (2021,)
    trade = loaded.data.trade
    assert trade[trade["year"] == 2021].groupby("flow", observed=True)["value_eur"].sum().to_dict() == {
        "E": 24_000_000, "I": 24_000_000,
    }
    names = {s.name for s in loaded.sources_of(2021) if s.kind == "data"}
    assert names == {"Regional-2021-export.zip!Regional-2021-export/Region_2021_Export.txt",
                     "Regional-2021-import.zip!Regional-2021-import/Region_2021_Import.txt"}
    assert loaded.data.warnings == []


def test_one_flow_alone_is_refused_naming_its_file(folder: Path) -> None:
    exports = [x for x in year_lines(2021) if x.startswith("E")]
    lone = release(folder / "Regional-2021-export.zip", {"Region_2021_Export.txt": exports}, landed=900)
    with pytest.raises(InputError) as caught:
        load_releases(folder)
    assert [(p.file, p.rule, p.message) for p in caught.value.problems] == [
        (str(lone), "missing-flow",
         "aucune ligne de flux I (importations) : les fichiers d'import et d'export sont attendus ensemble"),
    ]
