"""The focus country: ``--focus XX`` and ``focus = "XX"`` chosen, checked and shown, the option winning
over the file and the file over the default (US); shares worked out from the rows."""

from __future__ import annotations

import json

import pytest

from officereport import cli
from officereport.cli.frenchargs import french
from officereport.config import CONFIG_NAME

# Haute-Loire (43), 2024: (flow, cpf4 and its A129 group, partner, value in euros), four equal quarters.
ROWS = [
    ("E", "C29A;2910", "DE", 400_000), ("E", "C29A;2932", "DE", 100_000), ("E", "C29A;2910", "US", 300_000),
    ("E", "C10A;1011", "CN", 200_000),
    ("I", "B06Z;0610", "CN", 600_000), ("I", "C29A;2932", "DE", 300_000), ("I", "C29A;2910", "US", 100_000),
]


def shares(partner: str) -> tuple[float, float]:
    """The partner's share of each whole flow, in %."""
    def share(flow: str) -> float:
        flow_rows = [value for f, _, _, value in ROWS if f == flow]
        return 100 * sum(value for f, _, p, value in ROWS if f == flow and p == partner) / sum(flow_rows)
    return share("E"), share("I")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder holding the data (no label file: the default country names) and where commands run."""
    data = tmp_path / "data"
    data.mkdir()
    for flow in ("E", "I"):
        lines = [f"{flow};{q};2024;43;18;{product};{partner};{value // 4};5"
                 for f, product, partner, value in ROWS if f == flow for q in (1, 2, 3, 4)]
        (data / f"REGIONAL_CPF4PAYS{flow}.txt").write_text("\r\n".join(lines) + "\r\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shown_focus(capsys, *options: str) -> dict:
    assert cli.main(["show", "--dep", "43", "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)["dependency"]["focus"]


def test_the_option_wins_over_the_file_which_wins_over_us(site, capsys):
    focus = shown_focus(capsys)
    assert focus["country"] == "US"
    assert (focus["export_share_pct"], focus["import_share_pct"]) == pytest.approx(shares("US"))

    (site / CONFIG_NAME).write_text('focus = "de"\n', encoding="utf-8")
    focus = shown_focus(capsys)
    assert focus["country"] == "DE"
    assert (focus["export_share_pct"], focus["import_share_pct"]) == pytest.approx(shares("DE"))
    exported = [(p["cpf4"], p["value_eur"], p["share_pct"]) for p in focus["top_exports"]]
    assert exported == [("2910", 400_000, pytest.approx(80.0)), ("2932", 100_000, pytest.approx(20.0))]
    assert [(p["cpf4"], p["value_eur"]) for p in focus["top_imports"]] == [("2932", 300_000)]

    focus = shown_focus(capsys, "--focus", "cn")
    assert focus["country"] == "CN"
    assert (focus["export_share_pct"], focus["import_share_pct"]) == pytest.approx(shares("CN"))


def test_the_words_name_the_focus_country(site, capsys):
    assert cli.main(["show", "--dep", "43", "--focus", "DE"]) == 0
    export_pct, import_pct = (f"{v:.1f}".replace(".", ",") for v in shares("DE"))
    assert (f"Pays suivi, Allemagne (DE) : {export_pct}\N{NO-BREAK SPACE}% des exportations, "
            f"{import_pct}\N{NO-BREAK SPACE}% des importations.") in capsys.readouterr().out


def test_an_unknown_code_is_refused_with_where_it_was_set(site, capsys):
    # UK is not a country code (the United Kingdom is GB): a typo must not read as « 0 % ».
    assert cli.main(["show", "--dep", "43", "--focus", "UK"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("officereport : pays suivi « UK » refusé : ce code ne figure pas parmi les pays de la "
                          "liste des pays par défaut")
    assert err.rstrip().endswith("(option --focus)")

    config = site / CONFIG_NAME
    config.write_text('focus = "UK"\n', encoding="utf-8")
    for command in (["show", "--dep", "43"], ["check"], ["build"]):
        assert cli.main(command) == 1, command
        err = capsys.readouterr().err
        assert "pays suivi « UK » refusé" in err and err.rstrip().endswith(f"(clé « focus » de {config})"), command
    assert not (site / "out" / "2024").exists()  # refused before anything was rendered


def test_check_accepts_a_known_focus(site, capsys):
    (site / CONFIG_NAME).write_text('focus = "CN"\n', encoding="utf-8")
    assert cli.main(["check"]) == 0


def test_a_malformed_code_is_a_french_usage_error(site, capsys):
    with pytest.raises(SystemExit) as usage:
        cli.main(["show", "--dep", "43", "--focus", "USA"])
    assert usage.value.code == 2
    assert "--focus : code pays de deux lettres attendu (ex. US, DE, CN), pas 'USA'" in capsys.readouterr().err
    (site / CONFIG_NAME).write_text('focus = "U"\n', encoding="utf-8")
    assert cli.main(["check"]) == 1
    assert f"{site / CONFIG_NAME} : clé « focus » : code pays de deux lettres attendu" in capsys.readouterr().err


def test_build_hands_the_chosen_focus_to_the_build(site, monkeypatch):
    from officereport import build

    seen = []
    monkeypatch.setattr(build, "build", lambda *args, settings, **kwargs: seen.append(settings.focus) or 1 / 0)
    (site / CONFIG_NAME).write_text('focus = "DE"\n', encoding="utf-8")
    for options, expected in (([], "DE"), (["--focus", "cn"], "CN")):
        cli.main(["build", *options])
        assert seen[-1] == expected
    (site / CONFIG_NAME).unlink()
    cli.main(["build"])
    assert seen[-1] == "US"


def test_refresh_is_given_the_focus_or_keeps_the_remembered_one(site, monkeypatch):
    from officereport.publish.refresh import REMEMBERED, RefreshReport

    seen = []
    monkeypatch.setattr("officereport.publish.refresh.refresh", lambda settings: seen.append(settings) or RefreshReport())
    monkeypatch.setattr("officereport.publish.watch.setup_logging", lambda *a, **k: None)
    assert cli.main(["refresh"]) == 0
    assert seen[-1].focus is REMEMBERED
    (site / CONFIG_NAME).write_text('focus = "de"\n', encoding="utf-8")
    assert cli.main(["refresh"]) == 0
    assert seen[-1].focus == "DE"
    assert cli.main(["refresh", "--focus", "CN"]) == 0
    assert seen[-1].focus == "CN"


@pytest.mark.parametrize("command", ["build", "show", "refresh", "watch"])
def test_the_help_says_the_option_in_french(command):
    with french():
        parser = cli.build_parser()
        [choices] = [a.choices for a in parser._subparsers._group_actions]
        text = " ".join(choices[command].format_help().split())
    assert "--focus PAYS pays suivi dans les chiffres de dépendance" in text
    assert "code pays DGDDI à deux lettres, ex. --focus DE (défaut : clé focus de la configuration, sinon US" in text
    assert ("refresh et watch : celui de la dernière publication" in text) == (command != "show")
