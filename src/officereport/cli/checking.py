"""``officereport sample`` (write sample data) and ``officereport check`` (validate and summarise)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from officereport.cli import settings
from officereport.cli.frenchargs import INTEGER, value_type
from officereport.model import SAMPLE_WARNING

UNKNOWN_KINDS = {"a129": "A129 (activité)", "cpf4": "CPF4 (produit)", "partner": "pays"}


def _rows_per_flow(text: str) -> int:
    from officereport.input.geography import DEPARTEMENTS
    from officereport.input.sample import MIN_ROWS_PER_QUARTER

    # Each département needs a few rows in each of five quarters, plus one to spare.
    minimum = (MIN_ROWS_PER_QUARTER * 5 + 1) * len(DEPARTEMENTS)
    rows = int(text)
    if rows < minimum:
        raise ValueError(f"au moins {minimum} lignes, pour que chaque département ait ses cinq trimestres")
    return rows


def add_sample(sub) -> None:
    from officereport.input.sample import DEFAULT_ROWS_PER_FLOW

    parser = settings.command_parser(
        sub, "sample",
        "Écrire un zip de données FICTIVES au format exact de la DGDDI (fichiers de données et de "
        "libellés), calé en 2024 sur les totaux publiés pour la France, Auvergne-Rhône-Alpes et la "
        "Haute-Loire.",
        ["officereport sample --out data/ --rows-per-flow 20000"],
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DOSSIER", help="dossier où écrire le zip")
    parser.add_argument("--year", type=INTEGER, default=2024, metavar="ANNÉE", help="année complète (défaut : 2024)")
    parser.add_argument("--years", type=value_type("période", _year_span), metavar="DÉBUT-FIN",
                        help="plusieurs années, ex. 2022-2024 : un zip annuel par année passée et la "
                             "dernière publication pour la dernière (remplace --year)")
    parser.add_argument("--seed", type=INTEGER, default=0, metavar="N", help="graine du tirage (défaut : 0)")
    parser.add_argument("--rows-per-flow", type=value_type("nombre entier", _rows_per_flow),
                        default=DEFAULT_ROWS_PER_FLOW, metavar="N",
                        help=f"lignes par flux (défaut : {DEFAULT_ROWS_PER_FLOW:_})".replace("_", " "))


def _year_span(text: str) -> range:
    first, _, last = text.partition("-")
    if not (first.strip().isdigit() and last.strip().isdigit()) or int(first) > int(last):
        raise ValueError(f"période invalide : {text!r} (attendu : DÉBUT-FIN, ex. 2022-2024)")
    return range(int(first), int(last) + 1)


def run_sample(args: argparse.Namespace) -> int:
    from officereport.input.sample import write_sample, write_samples
    from officereport.progress import Progress

    options = {"seed": args.seed, "rows_per_flow": args.rows_per_flow, "progress": Progress()}
    if args.years:
        paths = write_samples(args.out, args.years, **options)
    else:
        paths = [write_sample(args.out, year=args.year, **options)]
    for path in paths:
        print(f"{path} : {SAMPLE_WARNING}")
    return 0


def add_check(sub) -> None:
    parser = settings.command_parser(
        sub, "check",
        "Valider les données et les résumer : années et trimestres présents, lignes, départements, "
        "totaux par flux. Code de sortie 0 si les données sont valides, 1 avec la liste de toutes les "
        "anomalies (fichier, ligne, règle) sinon, ou si le pays suivi (clé focus) n'est pas un pays des données.",
        ["officereport check", "officereport check --data data/ --json"],
    )
    settings.input_options(parser)
    parser.add_argument("--json", action="store_true", help="résumé en JSON")


def run_check(args: argparse.Namespace) -> int:
    from officereport import frformat
    from officereport.input.summary import release_lines, summarize_releases
    from officereport.model import FLOW_NAMES

    config = settings.resolve(args)
    loaded = settings.load(args, config)
    _check_focus(args, config, loaded.data)
    summary = summarize_releases(loaded)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"Données valides{' (FICTIVES)' if summary['is_sample'] else ''} : "
          f"{frformat.number(sum(summary['rows_per_flow'].values()))} lignes "
          f"(export {frformat.number(summary['rows_per_flow']['E'])}, "
          f"import {frformat.number(summary['rows_per_flow']['I'])}), "
          f"{summary['departements']} départements")
    for year in summary["years"]:
        missing = [f"{FLOW_NAMES[flow].lower()} sans T{', T'.join(map(str, qs))}"
                   for flow, qs in year["missing_quarters"].items() if qs]
        state = "complète" if year["complete"] else f"INCOMPLÈTE : {' ; '.join(missing)}"
        totals = summary["totals_eur"][year["year"]]
        print(f"  {year['year']} : trimestres {', '.join(map(str, year['quarters']))} ({state}) ; "
              f"exportations {frformat.meur(totals['E'])}, importations {frformat.meur(totals['I'])}")
    print("\n".join(release_lines(summary)))
    for kind, count in summary["unknown_codes"].items():
        if count:
            print(f"  {count} code(s) {UNKNOWN_KINDS.get(kind, kind)} sans libellé (gardés, affichés par leur code)")
    for warning in summary["warnings"]:
        print(f"  avertissement : {warning}")
    return 0


def _check_focus(args: argparse.Namespace, config, data) -> None:
    """The focus country a build would use, checked against the latest complete year's labels."""
    from officereport.dependency import check_focus
    from officereport.model import DEFAULT_FOCUS

    if years := data.complete_years():
        with settings.focus_named(args, config):
            check_focus(data, years[-1], config.focus or DEFAULT_FOCUS)


COMMANDS = {"sample": (add_sample, run_sample), "check": (add_check, run_check)}
