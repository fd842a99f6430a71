"""Which releases the build of a year uses, as build and refresh list them, and what the log says
when they change."""

from __future__ import annotations

import hashlib
from pathlib import Path

from officereport.input.releases import load_releases
from officereport.input.sources import HISTORY_YEARS, years_used
from officereport.publish.choice import UsedRelease, loaded_releases, release_changes
from officereport.publish.settings import changes, wanted_record
from releasefactory import annual, latest


def test_a_year_uses_itself_the_year_before_and_its_series_years_at_most_ten():
    assert HISTORY_YEARS == 10
    assert years_used([2024, 2023, 2021], 2023) == [2023, 2021]  # a gap stays a gap; 2024 is later
    assert years_used(range(2000, 2025), 2024) == list(range(2024, 2014, -1))
    assert years_used([2013, 2014, 2015], 2024) == [2015]  # 2015-2024: ten years


def test_build_lists_the_releases_each_year_comes_from(tmp_path: Path):
    annual(tmp_path, 2022, landed=1_000)
    annual(tmp_path, 2023, landed=2_000)
    latest(tmp_path, landed=3_000)  # 2024, and 2023 Q4 again

    def used(name: str, year: int) -> UsedRelease:
        return UsedRelease(year, name, hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())

    loaded = load_releases(tmp_path)
    assert loaded_releases(loaded, 2024) == [used("REGIONAL_CPF4PAYS.zip", 2024), used("annuel-2023.zip", 2023),
                                             used("annuel-2022.zip", 2022)]
    assert loaded_releases(loaded, 2022) == [used("annuel-2022.zip", 2022)]
    assert used("annuel-2022.zip", 2022).manifest() == {
        "year": 2022, "name": "annuel-2022.zip", "sha256": loaded.year_release[2022].sha256}


def record(*releases: tuple[int, str, str]):
    return wanted_record([UsedRelease(*r) for r in releases], "1.0", None, frozenset({"k"}), None)


def test_the_log_says_which_years_data_changed_appeared_or_went():
    built = record((2024, "recent.zip", "a"), (2023, "annuel-2023.zip", "b"), (2022, "annuel-2022.zip", "c"))
    wanted = record((2024, "recent.zip", "a"), (2023, "annuel-2023-revise.zip", "B"), (2021, "annuel-2021.zip", "d"))
    assert release_changes(built, wanted) == ["données de 2023 modifiées (annuel-2023-revise.zip)",
                                              "données de 2022 retirées", "données de 2021 ajoutées (annuel-2021.zip)"]


def test_the_same_content_under_another_name_is_no_change():
    assert record((2024, "recent.zip", "a")) == record((2024, "copie.zip", "a"))
    assert changes(record((2024, "recent.zip", "a")), record((2024, "copie.zip", "a"))) == []
