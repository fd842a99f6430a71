"""run_year: the one step build and refresh share, and the moment it stamps on every output."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from test_publish import fake_render
from test_refresh import FakeData

from officereport.model import SourceFile
from officereport.publish.checks import read_manifest
from officereport.publish.paths import OutputPaths
from officereport.publish.year import run_year


def test_built_at_is_one_moment_with_its_utc_offset_for_the_manifest_and_the_renderers(tmp_path):
    """Issue 9: times written in outputs say what they are."""
    seen = []

    def render(data, year, staging: Path, kinds, built_at, meanwhile):
        seen.append(built_at)
        return fake_render("v1")(staging)

    data = FakeData([2024], "", [SourceFile("x.zip!REGIONAL_CPF4PAYSE.txt", "0" * 64, 5, "data")])
    utc_six = datetime(2026, 11, 26, 6, 0, 0, 123456, tzinfo=timezone.utc)
    publication = run_year(OutputPaths(tmp_path), 2024, data, render, kinds=frozenset({"k"}),
                           all_kinds=frozenset({"k"}), source="x.zip", clock=lambda: utc_six)
    (built_at,) = seen
    assert built_at.utcoffset() is not None and built_at == utc_six.replace(microsecond=0)
    manifest = read_manifest(tmp_path / "2024")
    assert manifest == publication.manifest
    stamped = datetime.fromisoformat(manifest["built_at"])
    assert stamped == built_at and stamped.utcoffset() == built_at.utcoffset()
    assert re.fullmatch(r"2026-11-2[56]T\d\d:\d\d:00[+-]\d\d:\d\d", manifest["built_at"])
    assert manifest["source"] == "x.zip" and manifest["inputs"][0]["rows"] == 5 and manifest["year"] == 2024


def test_output_paths_put_every_part_of_the_tool_under_the_root(tmp_path):
    paths = OutputPaths(tmp_path / "out")
    assert paths.year(2024) == tmp_path / "out" / "2024"
    assert paths.year_archives(2024) == tmp_path / "out" / "archives" / "2024"
    work = tmp_path / "out" / ".officereport"
    assert (paths.state, paths.lock, paths.cache, paths.watch_log, paths.journal(2024)) == (
        work / "state.json", work / "refresh.lock", work / "cache", work / "watch.log", work / "publication-2024.json")
