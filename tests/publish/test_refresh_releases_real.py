"""Refresh with the real loader and renderer over an annual 2023 zip beside the latest publication
(2024 complete and 2023 Q4): 2024 is published with its change since 2023, as ``build`` makes it,
and a revised 2023 rebuilds 2023 and 2024. National workbook only, to stay quick."""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from officereport import build
from officereport.input import loader
from officereport.input.releases import load_releases
from officereport.model import DEFAULT_FOCUS
from officereport.planning import DEPARTEMENT_WORKBOOK, NATIONAL_WORKBOOK
from officereport.publish.checks import read_manifest, verify_build
from officereport.publish.refresh import RefreshSettings, real_toolchain, refresh
from releasefactory import annual, latest

ROWS_PER_QUARTER = 2  # Haute-Loire, partners DE and IT, each flow (releasefactory.year_lines)


def tables(path: Path) -> dict[str, list[list]]:
    """Every table of a workbook, header first, by name."""
    found = {}
    for sheet in openpyxl.load_workbook(path).worksheets:
        for name, ref in sheet.tables.items():
            found[name] = [[cell.value for cell in row] for row in sheet[ref]]
    return found


def haute_loire_change(path: Path) -> dict:
    header, *rows = tables(path)["EvolutionDepartements"]
    return dict(zip(header, next(row for row in rows if row[0] == "43")))


@pytest.fixture
def landed(tmp_path):
    """The data folder: annual 2023 (1 M€ a row), then the latest publication (2024 at 2 M€ a row)."""
    data = tmp_path / "data"
    data.mkdir()
    an_hour_ago = int(time.time()) - 3600
    annual(data, 2023, landed=an_hour_ago - 60)
    latest(data, landed=an_hour_ago)
    # Every setting given: the toolchain is made here from these, not from what refresh resolves.
    settings = RefreshSettings(data_dir=data, out_dir=tmp_path / "out", template=None, territories=None,
                               pdf=False, jobs=1, focus=DEFAULT_FOCUS)
    tools = replace(real_toolchain(settings), all_kinds=frozenset({NATIONAL_WORKBOOK}), deck_kinds=frozenset())
    return settings, tools


def published(report) -> list[int]:
    return [year for year, _, _ in report.published]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_refresh_publishes_2024_with_its_change_since_2023_as_build_does(landed, tmp_path, monkeypatch):
    settings, tools = landed
    parsed, parse = [], loader._parse
    monkeypatch.setattr(loader, "_parse", lambda path, *args: parsed.append(path.name) or parse(path, *args))
    report = refresh(settings, tools)
    assert report.ok and published(report) == [2023, 2024]
    assert sorted(parsed) == ["REGIONAL_CPF4PAYS.zip", "annuel-2023.zip"]  # once each, the cache afterwards
    out = settings.out_dir / "2024"
    assert verify_build(out) == []
    manifest = read_manifest(out)
    assert manifest["releases"] == [
        {"year": 2024, "name": "REGIONAL_CPF4PAYS.zip", "sha256": sha256(settings.data_dir / "REGIONAL_CPF4PAYS.zip")},
        {"year": 2023, "name": "annuel-2023.zip", "sha256": sha256(settings.data_dir / "annuel-2023.zip")},
    ]
    assert {i["name"].split("!")[0] for i in manifest["inputs"]} == {"REGIONAL_CPF4PAYS.zip", "annuel-2023.zip"}
    # 2023 from the annual zip (1 M€ a row, Q4 included), not the latest's revised Q4 (1,1 M€).
    previous, current = 4 * ROWS_PER_QUARTER * 1_000_000, 4 * ROWS_PER_QUARTER * 2_000_000
    change = haute_loire_change(out / "national-2024.xlsx")
    assert (change["Exportations 2023 (€)"], change["Exportations 2024 (€)"]) == (previous, current)
    assert change["Évolution export (%)"] == pytest.approx(current / previous - 1)
    method = tables(out / "national-2024.xlsx")["Sources"]
    assert {row[0].split("!")[0] for row in method[1:]} == {"REGIONAL_CPF4PAYS.zip", "annuel-2023.zip"}

    # build over the same folder writes the same workbook, cell for cell (same moment stamped).
    built_at = datetime.fromisoformat(manifest["built_at"])
    build.render_year(load_releases(settings.data_dir).data, 2024, tmp_path / "build", kinds=frozenset(
        {NATIONAL_WORKBOOK}), settings=build.BuildSettings(jobs=1), built_at=built_at)
    from_build, from_refresh = tables(tmp_path / "build/national-2024.xlsx"), tables(out / "national-2024.xlsx")
    assert {"Departements", "EvolutionDepartements", "Sources"} <= from_refresh.keys() and from_build == from_refresh


@pytest.mark.slow  # three refreshes with the real renderer, every workbook
def test_a_revised_annual_2023_rebuilds_2023_and_2024_then_nothing(landed):
    settings, tools = landed
    tools = replace(tools, all_kinds=frozenset({NATIONAL_WORKBOOK, DEPARTEMENT_WORKBOOK}))
    annual(settings.data_dir, 2022, landed=int(time.time()) - 7200)
    assert published(refresh(settings, tools)) == [2022, 2023, 2024]
    annual(settings.data_dir, 2023, landed=int(time.time()) - 1800, value=1_500_000, name="annuel-2023-revise.zip")
    report = refresh(settings, tools)
    assert report.ok and published(report) == [2023, 2024]
    change = haute_loire_change(settings.out_dir / "2024/national-2024.xlsx")
    assert change["Exportations 2023 (€)"] == 4 * ROWS_PER_QUARTER * 1_500_000
    assert read_manifest(settings.out_dir / "2024")["releases"][1]["name"] == "annuel-2023-revise.zip"
    header, *rows = tables(settings.out_dir / "2024/departements/43-haute-loire-2024.xlsx")["Synthese"]
    assert header[-2:] == ["Valeur 2023 (€)", "Évolution (%)"]
    assert [row[-2] for row in rows[:2]] == [4 * ROWS_PER_QUARTER * 1_500_000] * 2  # exports, imports
    assert published(refresh(settings, tools)) == []
