"""A refresh with the real loader and renderers: sample data in, a full year out, then nothing to do."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime

import pytest
from pptx import Presentation

from officereport.deck.template import DEFAULT_TEMPLATE
from officereport.publish.checks import read_manifest, verify_build
from officereport.publish.refresh import RefreshSettings, refresh

pytestmark = pytest.mark.slow  # end to end: see pyproject's markers


def mtimes(folder):
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_real_refresh_builds_the_year_then_rebuilds_nothing_then_only_decks(sample_zip, tmp_path):
    data_dir, out = tmp_path / "data", tmp_path / "out"
    data_dir.mkdir()
    landed = data_dir / sample_zip.name
    shutil.copy2(sample_zip, landed)
    an_hour_ago = time.time() - 3600
    os.utime(landed, (an_hour_ago, an_hour_ago))
    template = tmp_path / "modele.pptx"
    shutil.copy2(DEFAULT_TEMPLATE, template)
    settings = RefreshSettings(data_dir=data_dir, out_dir=out, template=template, jobs=2)

    first = refresh(settings, clock=datetime.now)
    assert first.ok and [year for year, _, _ in first.published] == [2024]
    manifest = read_manifest(out / "2024")
    assert manifest["year"] == 2024 and manifest["is_sample"] is True
    assert manifest["source"] == sample_zip.name
    kinds = sorted({o["kind"] for o in manifest["outputs"]})
    assert kinds == ["departement-deck", "departement-workbook", "national-workbook"]
    assert len(manifest["outputs"]) == 203
    assert verify_build(out / "2024") == []
    before = mtimes(out / "2024")

    second = refresh(settings, clock=datetime.now)
    assert second.ok and second.published == []
    assert mtimes(out / "2024") == before

    template.write_bytes(template.read_bytes())  # same bytes: not a change
    assert refresh(settings, clock=datetime.now).published == []
    restyled = Presentation(template)  # a template saved again in PowerPoint: new bytes, decks only
    restyled.core_properties.title = "Modèle régional"
    restyled.save(template)
    third = refresh(settings, clock=datetime.now)
    assert [(year, sorted(kinds)) for year, kinds, _ in third.published] == [(2024, ["departement-deck", "territory-deck"])]
    after = mtimes(out / "2024")
    workbooks = [p for p in before if p.endswith(".xlsx")]
    assert all(after[p] == before[p] for p in workbooks)
    assert all(after[p] != before[p] for p in before if p.endswith(".pptx"))
