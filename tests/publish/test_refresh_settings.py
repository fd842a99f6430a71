"""What a refresh remembers: the settings it published with, the builds that failed, and a place it
cannot use said plainly."""

from __future__ import annotations

import dataclasses
import errno
import logging
import os
from pathlib import Path

import pytest
from test_refresh import T0, drop_source, refresh_setup, run

from officereport import cli
from officereport.publish.checks import read_manifest
from officereport.publish.errors import PublishError
from officereport.publish.paths import OutputPaths
from officereport.publish.refresh import REMEMBERED, refresh
from officereport.publish.state import load_state


@pytest.fixture
def setup(tmp_path):
    return refresh_setup(tmp_path)


def with_(settings, **changes):
    return dataclasses.replace(settings, **changes)


@pytest.fixture
def territories(tmp_path) -> Path:
    path = tmp_path / "liste-ti.csv"
    path.write_text("id_ti;lib_ti;departements\nti-84-01;Issoire;43\n", encoding="utf-8")
    return path


def messages(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_dropped_territories_option_keeps_the_published_list_and_says_so(setup, territories, caplog):
    """Issue 9: ``refresh --territories X`` then the cron line without it replaced the territory decks."""
    settings, tools = setup
    assert [y for y, _, _ in run(with_(settings, territories=territories), tools).published] == [2023, 2024]
    caplog.set_level(logging.INFO, logger="officereport")
    again = run(with_(settings, territories=REMEMBERED), tools)
    assert again.ok and again.published == []
    assert (f"liste des territoires non donnée : celle de la dernière publication est gardée "
            f"({territories.resolve()})") in messages(caplog)


def test_a_changed_territory_list_rebuilds_and_the_log_says_which_setting(setup, territories, caplog):
    settings, tools = setup
    run(with_(settings, territories=territories), tools)
    caplog.set_level(logging.INFO, logger="officereport")
    territories.write_text("id_ti;lib_ti;departements\nti-84-01;Issoire – Brioude;43|63\n", encoding="utf-8")
    assert [y for y, _, _ in run(with_(settings, territories=REMEMBERED), tools).published] == [2023, 2024]
    assert "2024 : reconstruction (liste des territoires modifiée) à partir de recent-2024.zip" in messages(caplog)

    caplog.clear()  # explicitly none: back to one deck per département
    assert len(run(with_(settings, territories=None), tools).published) == 2
    assert "2024 : reconstruction (liste des territoires retirée)" in messages(caplog)
    caplog.clear()
    assert run(with_(settings, territories=REMEMBERED), tools).published == []
    assert "liste des territoires non donnée" not in messages(caplog)


def test_a_remembered_list_that_vanished_stops_the_run_with_a_clear_message(setup, territories):
    settings, tools = setup
    run(with_(settings, territories=territories), tools)
    before = read_manifest(settings.out_dir / "2024")
    territories.unlink()
    report = run(with_(settings, territories=REMEMBERED), tools)
    assert report.exit_code == 1
    assert report.failures == [f"liste des territoires introuvable : {territories.resolve()}"]
    assert read_manifest(settings.out_dir / "2024") == before


def test_a_failed_build_is_not_retried_until_inputs_or_settings_change(setup, caplog):
    """Issue 10: under watch, a doomed build was retried on every pass."""
    settings, tools = setup
    render = tools.render

    def doomed(data, year, staging, kinds, built_at, meanwhile):
        render(data, year, staging, kinds, built_at, meanwhile)
        raise ValueError("libellé illisible")

    tools.render = doomed
    first = run(settings, tools)
    assert first.exit_code == 1 and len(first.failures) == 2 and "libellé illisible" in first.failures[0]
    calls = len(tools.renders)
    caplog.set_level(logging.WARNING, logger="officereport")
    second = run(settings, tools)
    assert len(tools.renders) == calls and second.still_failed == [2023, 2024] and second.ok
    assert ("2024 : la construction a échoué avec ces mêmes données et réglages ; pas de nouvel essai tant que "
            "ni les données ni les réglages ne changent") in messages(caplog)

    tools.render = render
    drop_source(settings.data_dir, "revision-2024.zip", "2024", mtime=T0 + 60 * 10**9, release="v2")
    assert [y for y, _, _ in run(settings, tools).published] == [2024]  # new data: tried again
    settings.template.write_text("modèle vert")
    assert [y for y, _, _ in run(settings, tools).published] == [2023, 2024]  # new template: 2023 too


def test_a_hand_edited_state_is_set_aside_reported_and_everything_rebuilt(setup):
    settings, tools = setup
    run(settings, tools)
    state = settings.out_dir / ".officereport" / "state.json"
    state.write_text('{"version": 2, "sources": {"x": {"fingerprint": 3}}}', encoding="utf-8")
    report = run(settings, tools)
    assert report.exit_code == 1 and report.failures[0].startswith(f"état {state} illisible (")
    assert "mis de côté sous state.json.illisible, tout est reconstruit" in report.failures[0]
    assert [y for y, _, _ in report.published] == [2023, 2024]
    assert (state.parent / "state.json.illisible").is_file()
    assert run(settings, tools).ok


def test_an_output_root_that_is_a_file_is_a_french_error_not_a_traceback(setup, capsys):
    settings, tools = setup
    settings.out_dir.write_text("pas un dossier")
    with pytest.raises(PublishError, match=r"dossier de sortie inutilisable : .* n'est pas un dossier"):
        run(settings, tools)
    code = cli.main(["refresh", "--data", str(settings.data_dir), "--out", str(settings.out_dir)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"officereport : dossier de sortie inutilisable : {settings.out_dir / '.officereport'}" in err


def test_a_read_only_output_root_is_a_french_error(setup, monkeypatch):
    settings, tools = setup

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(PublishError) as refused:
        refresh(settings, tools.chain())
    assert str(refused.value) == (f"dossier de sortie inutilisable : {settings.out_dir / '.officereport'} : "
                                  "système de fichiers en lecture seule ; rien n'a été publié")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO")
def test_dangling_links_and_fifos_in_the_data_folder_are_skipped_with_a_warning(setup, caplog):
    """Issue 10: a dangling ``broken.zip`` gave a traceback on every run, a FIFO ``.zip`` hung it with the lock."""
    settings, tools = setup
    (settings.data_dir / "broken.zip").symlink_to(settings.data_dir / "absent.zip")
    os.mkfifo(settings.data_dir / "tube.zip")
    caplog.set_level(logging.WARNING, logger="officereport")
    report = run(settings, tools)
    assert report.ok and [y for y, _, _ in report.published] == [2023, 2024]
    assert sorted(tools.loads) == ["annuel-2023.zip", "recent-2024.zip"]
    said = messages(caplog)
    assert f"{settings.data_dir / 'broken.zip'} : ignoré : lien symbolique cassé" in said
    assert f"{settings.data_dir / 'tube.zip'} : ignoré : ni fichier ordinaire ni dossier (tube, périphérique…)" in said


def test_a_run_killed_while_building_keeps_what_its_scan_learnt(setup):
    """Each kill in the soak made the next run parse every landed zip again: the scan was saved last."""
    settings, tools = setup
    drop_source(settings.data_dir, "casse.zip", "2024", mtime=T0 + 5 * 10**9, bad_line=2)

    def killed(*args):
        raise KeyboardInterrupt  # as a kill would stop the run: nothing after this line runs

    tools.render = killed
    with pytest.raises(KeyboardInterrupt):
        run(settings, tools)
    state, problem = load_state(OutputPaths(settings.out_dir).state)
    assert problem is None
    assert {name: record.years for name, record in state.sources.items()} == {
        "annuel-2023.zip": [2023], "recent-2024.zip": [2024], "casse.zip": []}
    assert state.sources["casse.zip"].rejected
