"""officereport.toml: read, checked key by key, overridden by options, written by ``init``."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from officereport import cli
from officereport.config import CONFIG_NAME, EXAMPLE, Config, ConfigError, read_config


def write(folder: Path, text: str) -> Path:
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_data_and_out_in_the_current_folder(tmp_path):
    assert read_config(None, cwd=tmp_path) == Config()
    assert (Config().data, Config().out) == (Path("data"), Path("out"))


def test_values_are_read_and_paths_are_relative_to_the_file(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    write(folder, 'data = "douane"\nout = "/srv/sorties"\nterritories = "ti/liste.csv"\nkeep = 5\njobs = 2\n'
                  'source_url = "https://exemple.fr/r.zip"\npdf = true\n[watch]\nat = "06:30"\nweekdays = true\n')
    config = read_config(None, cwd=folder)
    assert config.pdf is True
    assert config.data == folder.resolve() / "douane"
    assert config.out == Path("/srv/sorties")
    assert config.territories == folder.resolve() / "ti" / "liste.csv"
    assert (config.keep, config.jobs, config.source_url) == (5, 2, "https://exemple.fr/r.zip")
    assert (config.watch.at, config.watch.every, config.watch.weekdays) == (time(6, 30), None, True)
    assert read_config(folder / CONFIG_NAME).data == config.data  # the same file given with --config


def test_the_written_example_is_a_valid_configuration(tmp_path):
    path = write(tmp_path, EXAMPLE)
    config = read_config(path)
    assert (config.data, config.out, config.keep) == (tmp_path.resolve() / "data", tmp_path.resolve() / "out", 3)
    assert config.watch.at == time(6, 0) and config.watch.weekdays is True
    assert config.territories is None
    assert config.pdf is None  # not said: refresh keeps what it last published with
    assert config.focus is None  # not said: US, or for refresh the one it last published with
    uncommented = EXAMPLE.replace('# focus = "DE"', 'focus = "DE"')
    assert uncommented != EXAMPLE and read_config(write(tmp_path, uncommented)).focus == "DE"


def test_focus_is_a_country_code_upper_cased(tmp_path):
    assert read_config(write(tmp_path, 'focus = "de"\n')).focus == "DE"
    assert read_config(write(tmp_path, 'focus = " CN "\n')).focus == "CN"


@pytest.mark.parametrize("text, key, says", [
    ('dat = "data"\n', "dat", "inconnue"),
    ("keep = -1\n", "keep", "supérieur ou égal à 0"),
    ('keep = "3"\n', "keep", "nombre entier"),
    ("jobs = 0\n", "jobs", "supérieur ou égal à 1"),
    ("jobs = true\n", "jobs", "nombre entier"),
    ("data = 3\n", "data", "chemin entre guillemets"),
    ('source_url = "ftp://x"\n', "source_url", "http://"),
    ('pdf = "oui"\n', "pdf", "true ou false est attendu, pas 'oui'"),
    ("focus = 12\n", "focus", "un code pays entre guillemets est attendu (ex. \"DE\"), pas 12"),
    ('focus = "USA"\n', "focus", "code pays de deux lettres attendu (ex. US, DE, CN), pas 'USA'"),
    ('focus = "D1"\n', "focus", "code pays de deux lettres attendu"),
    ('focus = ""\n', "focus", "code pays de deux lettres attendu"),
    ('[watch]\nevery = "30x"\n', "watch.every", "intervalle invalide"),
    ('[watch]\nat = "25:00"\n', "watch.at", "heure invalide"),
    ('[watch]\nat = "06:00"\nevery = "1h"\n', "watch.at", "pas les deux"),
    ('[watch]\nweekdays = "oui"\n', "watch.weekdays", "true ou false"),
    ('[watch]\nhour = 6\n', "watch.hour", "inconnue"),
    ('watch = "06:00"\n', "watch", "table [watch]"),
])
def test_a_bad_key_or_type_names_the_key_and_the_file(tmp_path, text, key, says):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as refused:
        read_config(path)
    message = str(refused.value)
    assert message.startswith(f"{path} : clé « {key} » :")
    assert says in message


def test_a_toml_syntax_error_gives_the_line(tmp_path):
    path = write(tmp_path, 'data = "data"\nout = \n')
    with pytest.raises(ConfigError, match=rf"^{path}:2 \(colonne \d+\) : syntaxe TOML invalide"):
        read_config(path)


def test_a_missing_config_file_given_with_config_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="fichier de configuration introuvable"):
        read_config(tmp_path / "absent.toml")


def test_a_bad_configuration_stops_the_command_before_anything_is_built(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "keep = -2\n")
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"{CONFIG_NAME} : clé « keep » : un nombre entier supérieur ou égal à 0 est attendu, pas -2" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [CONFIG_NAME]  # no data generated, no out/


def test_a_configured_file_that_does_not_exist_is_named_with_its_key(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, 'territories = "liste-ti.csv"\n')
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path.resolve() / 'liste-ti.csv'} : liste des Territoires d'industrie introuvable" in err
    assert f"clé « territories » de {tmp_path / CONFIG_NAME})" in err
    assert cli.main(["build", "--territories", "autre.csv"]) == 1
    assert "autre.csv : liste des Territoires d'industrie introuvable (option --territories)" in capsys.readouterr().err


def test_options_override_the_file(tmp_path, capsys, monkeypatch, sample_zip):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, 'data = "nulle-part"\n')
    assert cli.main(["check"]) == 1
    assert "nulle-part : données introuvables (clé « data » de" in capsys.readouterr().err
    assert cli.main(["check", "--data", str(sample_zip)]) == 0
    assert "Données valides (FICTIVES)" in capsys.readouterr().out


def test_check_and_show_read_the_configured_data_folder(tmp_path, capsys, monkeypatch, sample_zip):
    landing = tmp_path / "douane"
    landing.mkdir()
    (landing / sample_zip.name).write_bytes(sample_zip.read_bytes())
    write(tmp_path, 'data = "douane"\nout = "sorties"\n')
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check"]) == 0
    assert "2024 : trimestres 1, 2, 3, 4 (complète)" in capsys.readouterr().out
    assert cli.main(["show", "--dep", "43"]) == 0
    assert capsys.readouterr().out.startswith("Haute-Loire (43) — 2024\n")
    assert (tmp_path / "sorties" / ".officereport" / "cache").is_dir()  # the one cache, under the output root


def test_init_writes_the_example_once(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init"]) == 0
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == EXAMPLE
    (tmp_path / CONFIG_NAME).write_text('data = "mes-donnees"\n', encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["init"]) == 1
    assert f"{CONFIG_NAME} existe déjà : il n'est pas remplacé" in capsys.readouterr().err
    assert (tmp_path / CONFIG_NAME).read_text(encoding="utf-8") == 'data = "mes-donnees"\n'


def test_watch_takes_its_schedule_from_the_file(tmp_path, capsys, monkeypatch):
    """The schedule of [watch] reaches the scheduler; the CLI's --every replaces it."""
    from officereport.publish import watch as watch_module

    seen = []
    monkeypatch.setattr(watch_module, "watch", lambda plan, stop: seen.append(plan))
    monkeypatch.setattr("officereport.publish.watch.setup_logging", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, '[watch]\nevery = "2h"\n')
    assert cli.main(["watch"]) == 0
    assert seen[-1].scheduler.jobs[0].interval == timedelta(hours=2).total_seconds()
    assert cli.main(["watch", "--every", "45s"]) == 0
    assert seen[-1].scheduler.jobs[0].interval == 45
    write(tmp_path, "keep = 2\n")
    assert cli.main(["watch"]) == 1
    assert "horaire manquant" in capsys.readouterr().err


def test_territories_false_says_one_deck_per_departement(tmp_path):
    config = read_config(write(tmp_path, "territories = false\n"))
    assert config.territories is False and "territories" in config.keys
    assert read_config(write(tmp_path, "keep = 1\n")).territories is None  # not said at all
    with pytest.raises(ConfigError, match="clé « territories » : un chemin entre guillemets est attendu, pas True"):
        read_config(write(tmp_path, "territories = true\n"))


def test_no_territories_overrides_a_configured_list(tmp_path, monkeypatch):
    from officereport.cli import settings
    from officereport.cli.frenchargs import french

    monkeypatch.chdir(tmp_path)
    (tmp_path / "liste-ti.csv").write_text("id_ti;lib_ti;departements\nT1;Un;43\n", encoding="utf-8")
    write(tmp_path, 'territories = "liste-ti.csv"\n')
    with french():
        parser = cli.build_parser()
        configured = settings.resolve(parser.parse_args(["build"]))
        dropped = settings.resolve(parser.parse_args(["build", "--no-territories"]))
    assert configured.territories == tmp_path.resolve() / "liste-ti.csv"
    assert dropped.territories is False


def test_a_config_file_without_data_still_gets_sample_data_in_data(tmp_path, monkeypatch, capsys):
    """Only a data folder the user named is refused when empty; the default one receives sample data."""
    from officereport.cli import building
    from officereport.cli.frenchargs import french

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "keep = 1\n")
    monkeypatch.setattr("officereport.build.default_input", lambda folder, progress: (folder / "fictif.zip", True))
    with french():
        args = cli.build_parser().parse_args(["build"])
    assert building._input(args, read_config(None, cwd=tmp_path)) == Path("data") / "fictif.zip"
    assert "DONNÉES FICTIVES" in capsys.readouterr().err


def test_refresh_takes_its_settings_from_the_file(tmp_path, monkeypatch):
    """What the cron line runs (``officereport refresh``, no option) gets every configured setting."""
    from officereport.publish.refresh import RefreshReport

    seen = []
    monkeypatch.setattr("officereport.publish.refresh.refresh",
                        lambda settings: seen.append(settings) or RefreshReport())
    monkeypatch.setattr("officereport.publish.watch.setup_logging", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "liste-ti.csv").write_text("id_ti;lib_ti;departements\nT1;Un;43\n", encoding="utf-8")
    write(tmp_path, 'data = "douane"\nout = "sorties"\nterritories = "liste-ti.csv"\nkeep = 7\njobs = 3\n'
                    'source_url = "https://exemple.fr/r.zip"\npdf = true\n')
    assert cli.main(["refresh"]) == 0
    site = tmp_path.resolve()
    given = seen[-1]
    assert (given.data_dir, given.out_dir) == (site / "douane", site / "sorties")
    assert given.territories == site / "liste-ti.csv"
    assert (given.keep, given.jobs, given.source_url, given.wait) == (7, 3, "https://exemple.fr/r.zip", False)
    assert given.pdf is True
    assert cli.main(["refresh", "--keep", "1", "--out", "ailleurs", "--wait", "--no-pdf"]) == 0
    assert (seen[-1].keep, seen[-1].out_dir, seen[-1].wait, seen[-1].pdf) == (1, Path("ailleurs"), True, False)


def test_pdf_true_in_the_file_is_overridden_by_no_pdf(tmp_path, monkeypatch):
    from officereport.cli import settings
    from officereport.cli.frenchargs import french

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "pdf = true\n")
    with french():
        parser = cli.build_parser()
        assert settings.resolve(parser.parse_args(["build"])).pdf is True
        assert settings.resolve(parser.parse_args(["watch", "--no-pdf"])).pdf is False
        (tmp_path / CONFIG_NAME).unlink()
        assert settings.resolve(parser.parse_args(["refresh"])).pdf is None
        assert settings.resolve(parser.parse_args(["refresh", "--pdf"])).pdf is True
