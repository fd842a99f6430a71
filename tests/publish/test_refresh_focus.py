"""The focus country in a refresh: remembered like the other settings, part of what built a year (a
change rebuilds it, the log says so), recorded in the manifest."""

from __future__ import annotations

import dataclasses
import json
import logging

import pytest
from test_refresh import refresh_setup, run

from officereport.publish.checks import read_manifest
from officereport.publish.refresh import REMEMBERED
from officereport.publish.state import load_state


@pytest.fixture
def setup(tmp_path):
    return refresh_setup(tmp_path)


def published(report) -> list[int]:
    return [year for year, _, _ in report.published]


def messages(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_changed_focus_rebuilds_every_year_and_the_same_one_nothing(setup, caplog):
    settings, tools = setup
    assert published(run(dataclasses.replace(settings, focus="DE"), tools)) == [2023, 2024]
    assert read_manifest(settings.out_dir / "2024")["focus"] == "DE"
    assert published(run(dataclasses.replace(settings, focus="DE"), tools)) == []

    caplog.set_level(logging.INFO, logger="officereport")
    assert published(run(dataclasses.replace(settings, focus=REMEMBERED), tools)) == []
    assert "pays suivi non donné : celui de la dernière publication est gardé (DE)" in messages(caplog)

    again = run(dataclasses.replace(settings, focus="CN"), tools)
    assert published(again) == [2023, 2024]
    assert [kinds for _, kinds, _ in again.published] == [tools.chain().all_kinds] * 2  # workbooks and decks
    assert "2024 : reconstruction (pays suivi modifié (DE -> CN)) à partir de recent-2024.zip" in messages(caplog)
    assert read_manifest(settings.out_dir / "2024")["focus"] == "CN"
    state, _ = load_state(settings.out_dir / ".officereport" / "state.json")
    assert state.settings["focus"] == "CN"
    assert {record.focus for record in state.built.values()} == {"CN"}


def test_never_given_it_is_us_and_a_state_from_before_the_focus_rebuilds_nothing(setup, caplog):
    settings, tools = setup
    assert published(run(settings, tools)) == [2023, 2024]  # settings.focus is REMEMBERED: nothing to remember
    assert read_manifest(settings.out_dir / "2023")["focus"] == "US"
    path = settings.out_dir / ".officereport" / "state.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    for record in content["built"].values():  # as a state written before the focus could be chosen
        del record["focus"]
    path.write_text(json.dumps(content), encoding="utf-8")

    caplog.set_level(logging.INFO, logger="officereport")
    assert published(run(settings, tools)) == []
    assert published(run(dataclasses.replace(settings, focus="US"), tools)) == []
    assert "pays suivi modifié" not in messages(caplog)
    assert published(run(dataclasses.replace(settings, focus="DE"), tools)) == [2023, 2024]
    assert "2023 : reconstruction (pays suivi modifié (US -> DE))" in messages(caplog)


def test_the_real_toolchain_computes_the_indicators_with_the_focus(setup, monkeypatch):
    from officereport import build
    from officereport.input import buildinput
    from officereport.publish.refresh import real_toolchain

    settings, _ = setup
    seen = []
    monkeypatch.setattr(buildinput, "load_for_year", lambda folder, choice, *, cache_dir: f"lu {sorted(choice)}")
    monkeypatch.setattr(build, "year_input", lambda data, year, *, focus: seen.append((data, year, focus)))
    real_toolchain(dataclasses.replace(settings, focus="DE")).assemble(settings.data_dir,
                                                                        {2024: "b.zip", 2023: "a.zip"})
    assert seen == [("lu [2023, 2024]", 2024, "DE")]
