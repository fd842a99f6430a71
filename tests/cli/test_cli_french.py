"""Everything the command line prints is French, and its exit codes are the documented ones."""

from __future__ import annotations

import argparse
import errno
import re

import pytest

from officereport import cli
from officereport.cli.failures import report

# Words of argparse's and Python's English texts that have no place in a French message.
ENGLISH = re.compile(
    r"\b(usage|options|optional|positional|show|help|message|required|invalid|choice|choose|arguments?|"
    r"error|expected|unrecognized|problems?|input|not|such|file|directory|permission|denied|the|is|of)\b"
    r"|Errno|Traceback",
    re.IGNORECASE,
)


def english_words(text: str) -> list[str]:
    """English words of ``text``, names (options like ``--help``, commands like ``show``) and quoted
    user input left aside."""
    prose = re.sub(r"(?<![\w-])-{1,2}[\w-]+|'[^']*'", " ", text)
    prose = re.sub(rf"\b({'|'.join(cli.COMMANDS)})\b", " ", prose)
    return [m.group(0) for m in ENGLISH.finditer(prose)]


def run(capsys, argv: list[str]) -> tuple[int, str]:
    """Exit code and everything printed, whether the command returned or argparse exited."""
    try:
        code = cli.main(argv)
    except SystemExit as done:
        code = done.code
    out, err = capsys.readouterr()
    return code, out + err


def test_the_english_detector_detects():
    assert english_words("usage: x [-h]\noptions:\n  -h, --help  show this help message and exit") == [
        "usage", "options", "help", "message"]
    assert english_words("argument --dep: expected one argument") == ["argument", "expected", "argument"]
    assert english_words("officereport show : erreur : --dep : une valeur attendue ; voir --help") == []


@pytest.mark.parametrize("argv", [["--help"]] + [[name, "--help"] for name in sorted(cli.COMMANDS)])
def test_every_help_is_french(capsys, argv):
    code, text = run(capsys, argv)
    assert code == 0
    assert text.startswith("utilisation : officereport")
    assert "paramètres :" in text
    assert english_words(text) == []


def test_version(capsys):
    code, text = run(capsys, ["--version"])
    assert code == 0 and re.fullmatch(r"officereport \d+\.\d+\.\d+\n", text)


@pytest.mark.parametrize("argv, says", [
    ([], "paramètres obligatoires manquants : COMMANDE"),
    (["publier"], "COMMANDE : choix invalide : 'publier'"),
    (["show"], "paramètres obligatoires manquants : --dep"),
    (["show", "--dep"], "--dep : une valeur attendue"),
    (["show", "--dep", "96"], "--dep : département inconnu : 96"),
    (["show", "--dep", "43", "--year", "deux-mille"], "--year : nombre entier attendu, reçu 'deux-mille'"),
    (["build", "--jobs", "0"], "--jobs : nombre entier positif attendu, reçu '0'"),
    (["build", "--bavard"], "paramètres non reconnus : --bavard"),
    (["refresh", "--keep", "-1"], "--keep : nombre entier positif ou nul attendu, reçu '-1'"),
    (["watch", "--every", "30x"], "--every : intervalle invalide : '30x'"),
    (["watch", "--at", "25:00"], "--at : heure invalide : '25:00'"),
    (["watch", "--at", "06:00", "--every", "1h"], "--every : incompatible avec --at"),
    (["sample"], "paramètres obligatoires manquants : --out"),
    (["sample", "--out", "x", "--rows-per-flow", "10"], "--rows-per-flow : au moins"),
])
def test_usage_errors_are_french_and_exit_2(capsys, argv, says):
    code, text = run(capsys, argv)
    assert code == 2
    assert says in text
    assert text.startswith("utilisation : officereport")
    assert english_words(text) == []


def test_input_problems_are_french_with_file_line_and_exit_1(capsys, tmp_path):
    bad = tmp_path / "REGIONAL_CPF4PAYSE.txt"
    bad.write_bytes(b"E;1;2024;43;18;C29A;2910;DE;100;5\r\nE;1;2024;43;18;C29A;2910;IT;-3;5\r\n")
    code, text = run(capsys, ["check", "--data", str(bad)])
    assert code == 1
    assert "officereport : entrée refusée, 2 anomalie(s) (fichier:ligne: [règle] détail) :" in text
    assert re.search(r"REGIONAL_CPF4PAYSE\.txt: \[missing-flow\]", text)
    assert re.search(r"REGIONAL_CPF4PAYSE\.txt:2: \[negative\]", text)


@pytest.mark.parametrize("argv", [
    ["check", "--data", "absent.zip"],
    ["show", "--dep", "43", "--data", "absent/"],
    ["build", "--territories", "absent.csv"],
    ["build", "--template", "absent.pptx"],
    ["refresh", "--config", "absent.toml"],
])
def test_missing_inputs_are_named_in_french_and_exit_1(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, text = run(capsys, argv)
    assert code == 1
    assert "absent" in text and "introuvable" in text
    assert english_words(text) == [], text
    assert list(tmp_path.iterdir()) == []  # nothing written, not even sample data


@pytest.mark.parametrize("number, says", [
    (errno.ENOENT, "accès impossible : /srv/out/2024 : fichier ou dossier introuvable"),
    (errno.EACCES, "accès impossible : /srv/out/2024 : permission refusée"),
    (errno.ENOSPC, "écriture des sorties impossible : /srv/out/2024 : disque plein"),
    (errno.EROFS, "écriture des sorties impossible : /srv/out/2024 : système de fichiers en lecture seule"),
    (errno.ECHILD, "accès impossible : /srv/out/2024 : erreur système n° "),
])
def test_system_errors_are_told_in_french_with_the_path(capsys, number, says):
    err = OSError(number, "English text from the system", "/srv/out/2024")
    assert report(err) == 1
    text = capsys.readouterr().err
    assert says in text and "English" not in text


def test_a_command_failing_on_a_system_error_exits_1_without_traceback(capsys, monkeypatch, sample_zip):
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "/srv/out/2024/national-2024.xlsx")

    monkeypatch.setattr("officereport.input.summary.summarize_releases", full_disk)
    code, text = run(capsys, ["check", "--data", str(sample_zip)])
    assert code == 1
    assert "écriture des sorties impossible : /srv/out/2024/national-2024.xlsx : disque plein" in text
    assert english_words(text) == []


@pytest.mark.parametrize("argv", [["refresh"], ["build", "--year", "2024"]])
def test_a_busy_lock_exits_75(capsys, tmp_path, monkeypatch, sample_zip, argv):
    """Another run holds <out>/.officereport/refresh.lock: both commands stop at once with 75."""
    from officereport.publish.lock import run_lock

    monkeypatch.setattr("officereport.publish.watch.setup_logging", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / sample_zip.name).write_bytes(sample_zip.read_bytes())
    lock = tmp_path / "out" / ".officereport" / "refresh.lock"
    with run_lock(lock):
        code, text = run(capsys, argv)
    assert code == 75
    assert "un rafraîchissement est déjà en cours (pid " in text and "(--wait pour attendre)" in text
    assert not (tmp_path / "out" / "2024").exists()


def test_an_unexpected_exception_is_a_message_not_a_traceback(capsys, monkeypatch, sample_zip):
    monkeypatch.setattr("officereport.input.summary.summarize_releases", lambda data: 1 / 0)
    code, text = run(capsys, ["check", "--data", str(sample_zip)])
    assert code == 1
    assert "erreur interne inattendue (ZeroDivisionError" in text and "Traceback" not in text


def test_argparse_is_english_again_outside_the_command(capsys):
    """The French texts are swapped in only while officereport parses: other argparse users keep theirs."""
    run(capsys, ["--help"])
    parser = argparse.ArgumentParser(prog="autre")
    assert parser.format_usage().startswith("usage: autre")


@pytest.mark.parametrize("argv", [["build"], ["refresh"], ["watch", "--every", "1h"]])
def test_a_bad_territory_list_is_an_input_problem_before_anything_is_built(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "liste-ti.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    code, text = run(capsys, [*argv, "--territories", "liste-ti.csv"])
    assert code == 1
    assert "officereport : entrée refusée, 1 anomalie(s)" in text
    assert re.search(r"liste-ti\.csv:1: \[missing-column\]", text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["liste-ti.csv"]  # no sample data, no out/


def test_a_file_that_is_no_template_is_refused_before_anything_is_built(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "modele.pptx").write_text("pas un zip", encoding="utf-8")
    code, text = run(capsys, ["build", "--template", "modele.pptx"])
    assert code == 1
    assert f"officereport : {tmp_path / 'modele.pptx'} : ce fichier n'est pas un modèle PowerPoint lisible" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["modele.pptx"]


def test_a_reader_closing_the_pipe_is_not_an_error(sample_zip, tmp_path):
    """``officereport show --json | head -1``: the output stops quietly, exit 0, no message."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "officereport", "show", "--data", str(sample_zip), "--dep", "43", "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path) as shown:
        assert shown.stdout.readline() == b"{\n"
        shown.stdout.close()  # as head does after its line
        err = shown.stderr.read().decode()
        assert shown.wait() == 0, err
    assert "officereport :" not in err and "Exception" not in err
