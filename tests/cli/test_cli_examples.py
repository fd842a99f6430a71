"""Every example shown by a ``--help`` runs as shown, in an empty folder, one after the other."""

from __future__ import annotations

import json
import shlex

import pytest

from officereport import cli
from officereport.cli.frenchargs import french

pytestmark = pytest.mark.slow  # end to end: see pyproject's markers

TERRITORIES = "id_ti;lib_ti;departements\nTI-A;Issoire Brioude;43|63\nTI-B;Territoire de l'Ouest;29\n"


def shown_examples() -> list[str]:
    """The examples of the main help and of each command's help, in order, each once."""
    with french():
        parser = cli.build_parser()
        helps = [parser.format_help()] + [choice.format_help() for choice in
                                          parser._subparsers._group_actions[0].choices.values()]
    examples: list[str] = []
    for text in helps:
        lines = text.rstrip().splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("Exemple"))
        examples += [line.strip() for line in lines[start + 1:] if line.strip() not in examples]
    return examples


def order(example: str) -> int:
    """init, then sample (the data), then reading, then building, refreshing and watching."""
    steps = ("init", "sample", "check", "show", "build", "refresh", "watch")
    return steps.index(shlex.split(example)[1])


def test_every_example_runs_as_shown(tmp_path, monkeypatch, capsys):
    from officereport.publish import watch

    examples = sorted(shown_examples(), key=order)
    assert {shlex.split(e)[1] for e in examples} == set(cli.COMMANDS)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "liste-ti.csv").write_text(TERRITORIES, encoding="utf-8")
    # watch runs until stopped: its first pass is run, then it stops as on Ctrl-C.
    passes = []
    monkeypatch.setattr(watch, "watch", lambda plan, stop: passes.append(plan.run_now()))
    monkeypatch.setattr(watch, "setup_logging", lambda *args, **kwargs: None)
    def published_kinds() -> list[str]:
        manifest = json.loads((tmp_path / "out" / "2024" / "manifest.json").read_text(encoding="utf-8"))
        return sorted(o["kind"] for o in manifest["outputs"])

    # What each example must have done, checked right after it ran.
    expected = {
        "officereport init": lambda out: (tmp_path / "officereport.toml").is_file(),
        "officereport sample --out data/ --rows-per-flow 20000":
            lambda out: len(list(tmp_path.glob("data/*.zip"))) == 1,
        "officereport check --data data/ --json": lambda out: json.loads(out)["years"][0]["complete"],
        "officereport show --dep 43": lambda out: out.startswith("Haute-Loire (43) — 2024\n"),
        "officereport show --year 2024 --dep 974 --json": lambda out: json.loads(out)["departement"]["code"] == "9D",
        "officereport show --dep 43 --focus DE": lambda out: "Pays suivi, Allemagne (DE) : " in out,
        "officereport build": lambda out: published_kinds().count("departement-deck") == 101,
        "officereport build --year 2024 --territories liste-ti.csv --out out/":
            lambda out: published_kinds().count("territory-deck") == 2
            and published_kinds().count("departement-workbook") == 101,
    }
    for example in examples:
        code = cli.main(shlex.split(example)[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"{example}\n{err}"
        assert expected.get(example, lambda out: True)(out), f"{example}\n{out}\n{err}"
    assert set(expected) <= set(examples)
    assert len(passes) == 2  # one first pass per watch example


@pytest.mark.parametrize("example", shown_examples())
def test_examples_only_use_options_that_exist(example):
    """Each example parses (a renamed option would make it fail before running anything)."""
    with french():
        args = cli.build_parser().parse_args(shlex.split(example)[1:])
    assert args.command == shlex.split(example)[1]
