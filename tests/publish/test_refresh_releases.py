"""Refresh over several releases: year N is built from the releases of N and N-1 (and its series
years), its manifest and the state name them, and a new release rebuilds the years it touches."""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile

import pytest
from test_refresh import T0, drop_source, refresh_setup, run

from officereport.input.sources import HISTORY_YEARS
from officereport.publish.checks import read_manifest
from officereport.publish.state import load_state


@pytest.fixture
def setup(tmp_path):
    return refresh_setup(tmp_path)  # annuel-2023.zip (2023), then recent-2024.zip (2024)


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published(report) -> list[int]:
    return [year for year, _, _ in report.published]


def test_year_n_is_built_from_its_release_and_n_minus_1s_and_the_manifest_lists_both(setup):
    settings, tools = setup
    assert published(run(settings, tools)) == [2023, 2024]
    assert tools.assembled == [{2023: "annuel-2023.zip"}, {2024: "recent-2024.zip", 2023: "annuel-2023.zip"}]
    annual, recent = settings.data_dir / "annuel-2023.zip", settings.data_dir / "recent-2024.zip"
    assert read_manifest(settings.out_dir / "2024")["releases"] == [
        {"year": 2024, "name": "recent-2024.zip", "sha256": sha256(recent)},
        {"year": 2023, "name": "annuel-2023.zip", "sha256": sha256(annual)},
    ]
    assert read_manifest(settings.out_dir / "2023")["releases"] == [
        {"year": 2023, "name": "annuel-2023.zip", "sha256": sha256(annual)}]
    built = load_state(settings.out_dir / ".officereport/state.json")[0].built[2024]
    assert built.releases == ((2024, sha256(recent)), (2023, sha256(annual)))


def test_a_revised_previous_year_rebuilds_it_and_the_next_year_only(setup, caplog):
    settings, tools = setup
    drop_source(settings.data_dir, "annuel-2022.zip", "2022", mtime=T0 - 10**9)
    assert published(run(settings, tools)) == [2022, 2023, 2024]
    tools.assembled.clear()
    revised = drop_source(settings.data_dir, "annuel-2023-revise.zip", "2023", mtime=T0 + 60 * 10**9, release="v2")
    with caplog.at_level(logging.INFO, logger="officereport.publish.refresh"):
        report = run(settings, tools)
    assert published(report) == [2023, 2024]  # 2022 untouched
    assert tools.assembled == [{2023: "annuel-2023-revise.zip", 2022: "annuel-2022.zip"},
                               {2024: "recent-2024.zip", 2023: "annuel-2023-revise.zip", 2022: "annuel-2022.zip"}]
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert "2024 : reconstruction (données de 2023 modifiées (annuel-2023-revise.zip))" in log
    assert "2023 : reconstruction (données de 2023 modifiées (annuel-2023-revise.zip))" in log
    releases = read_manifest(settings.out_dir / "2024")["releases"]
    assert releases[1] == {"year": 2023, "name": "annuel-2023-revise.zip", "sha256": sha256(revised)}
    assert "v2" in workbook_text(settings.out_dir / "2024") and "v2" not in workbook_text(settings.out_dir / "2022")

    tools.loads.clear()
    tools.assembled.clear()
    again = run(settings, tools)
    assert again.ok and published(again) == [] and tools.loads == [] and tools.assembled == []


def workbook_text(folder) -> str:
    with zipfile.ZipFile(folder / "departements/43-haute-loire.xlsx") as archive:
        return archive.read("xl/workbook.xml").decode()


def test_a_new_early_release_rebuilds_the_years_whose_series_reach_back_to_it(setup):
    settings, tools = setup
    run(settings, tools)
    drop_source(settings.data_dir, "annuel-2014.zip", "2014", mtime=T0 + 60 * 10**9)
    reach = [year for year in (2014, 2023, 2024) if year - HISTORY_YEARS < 2014 <= year]
    assert reach == [2014, 2023]  # 2024's series starts in 2015
    assert published(run(settings, tools)) == reach
    assert [r["year"] for r in read_manifest(settings.out_dir / "2023")["releases"]] == [2023, 2014]


def test_a_latest_publication_with_only_a_quarter_of_a_new_year_rebuilds_nothing(setup):
    settings, tools = setup
    run(settings, tools)
    drop_source(settings.data_dir, "recent-2025T1.zip", "", mtime=T0 + 60 * 10**9)
    report = run(settings, tools)
    assert report.ok and published(report) == [] and tools.loads[-1] == "recent-2025T1.zip"


def test_a_state_of_the_previous_format_rebuilds_every_year_once_without_reading_the_sources_again(setup, caplog):
    settings, tools = setup
    run(settings, tools)
    state = settings.out_dir / ".officereport/state.json"
    content = json.loads(state.read_text(encoding="utf-8"))
    content["version"] = 2  # as the previous version wrote it: one input hash per year built
    for record in content["built"].values():
        record["source_sha256"] = record.pop("releases")[0][1]
        record.pop("release_names")
    state.write_text(json.dumps(content), encoding="utf-8")
    tools.loads.clear()
    with caplog.at_level(logging.INFO, logger="officereport.publish.refresh"):
        report = run(settings, tools)
    assert published(report) == [2023, 2024] and tools.loads == []
    assert "état enregistré par une version précédente" in "\n".join(r.getMessage() for r in caplog.records)
    assert load_state(state)[0].built[2024].releases == ((2024, sha256(settings.data_dir / "recent-2024.zip")),
                                                          (2023, sha256(settings.data_dir / "annuel-2023.zip")))
    assert published(run(settings, tools)) == []
