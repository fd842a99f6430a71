"""``officereport init`` (write an example configuration) and ``officereport build`` (one year)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from officereport.cli import settings
from officereport.cli.frenchargs import INTEGER
from officereport.config import CONFIG_NAME, write_example
from officereport.model import DEFAULT_FOCUS, SAMPLE_WARNING


def add_init(sub) -> None:
    parser = settings.command_parser(
        sub, "init",
        f"Écrire un fichier {CONFIG_NAME} commenté dans le dossier courant (ou à l'endroit donné), "
        "à adapter : dossier des données, racine des sorties, liste des territoires, horaire de watch. "
        "Un fichier existant n'est jamais remplacé.",
        ["officereport init"],
    )
    parser.add_argument("--config", type=Path, default=Path(CONFIG_NAME), metavar="FICHIER",
                        help=f"fichier à écrire (défaut : {CONFIG_NAME})")


def run_init(args: argparse.Namespace) -> int:
    write_example(args.config)
    print(f"{args.config} écrit : le relire et l'adapter ; les commandes le lisent depuis ce dossier.")
    return 0


def add_build(sub) -> None:
    parser = settings.command_parser(
        sub, "build",
        "Construire une année : un classeur Excel par département, le classeur national et une "
        "présentation par Territoire d'industrie (ou par département sans liste de territoires), "
        "publiés ensemble dans <out>/<année>/ avec manifest.json. Sans réglage ni option, les données "
        "sont lues dans data/ ; sans fichier de données dans data/, des données FICTIVES y sont "
        "d'abord écrites.",
        ["officereport build", "officereport build --year 2024 --territories liste-ti.csv --out out/"],
    )
    settings.input_options(parser)
    parser.add_argument("--year", type=INTEGER, metavar="ANNÉE", help="année (défaut : la dernière année complète)")
    settings.build_options(parser)


def _input(args: argparse.Namespace, config) -> Path:
    """What to build from; with no data configured anywhere and none in data/, sample data written there."""
    from officereport.build import default_input
    from officereport.progress import Progress

    if args.data is not None or "data" in config.keys:
        return settings.existing_data(args, config)  # every release it holds: year N-1 gives the evolution
    path, generated = default_input(config.data, progress=Progress())
    if generated:
        written = ", ".join(sorted(p.name for p in path.glob("*.zip")))
        print(f"Aucun fichier de données dans {config.data}/ : {written} y ont été écrits avec des "
              "DONNÉES FICTIVES (exemple), à remplacer par les zips DGDDI réels.", file=sys.stderr)
    return path


def run_build(args: argparse.Namespace) -> int:
    from officereport import planning
    from officereport.build import BuildSettings, build
    from officereport.progress import Progress

    config = settings.resolve(args)
    settings.check_build_inputs(config)
    source = _input(args, config)
    wanted = BuildSettings(territories=config.territories or None, template=config.template, jobs=config.jobs,
                           pdf=bool(config.pdf), focus=config.focus or DEFAULT_FOCUS)
    with settings.focus_named(args, config):
        report = build(source, config.out, year=args.year, settings=wanted, cache_dir=settings.cache_dir(config),
                       wait=args.wait, progress=Progress())
    outputs = report.publication.manifest["outputs"]
    kinds = Counter(o["kind"] for o in outputs)
    names = {planning.NATIONAL_WORKBOOK: "classeur national", planning.DEPARTEMENT_WORKBOOK: "classeurs départementaux",
             planning.TERRITORY_DECK: "présentations de territoire",
             planning.DEPARTEMENT_DECK: "présentations départementales"}
    pdfs = sum(n for k, n in kinds.items() if planning.is_pdf_kind(k))
    print(f"{report.year} : {len(outputs)} fichiers publiés dans {report.publication.folder} "
          f"({', '.join(f'{n} {names[k]}' for k, n in sorted(kinds.items()) if k in names)}"
          + (f", {pdfs} PDF" if pdfs else "") + ")")
    for warning in report.publication.warnings:  # LibreOffice missing, archives left alone
        print(f"  avertissement : {warning}", file=sys.stderr)
    for note in report.publication.manifest["notes"]:
        print(f"  {note}")
    for warning in report.data.warnings:  # what the loader cleaned or skipped, as check says it
        print(f"  avertissement : {warning}", file=sys.stderr)
    if report.data.is_sample:
        print(f"ATTENTION : {SAMPLE_WARNING}")
    return 0


COMMANDS = {"init": (add_init, run_init), "build": (add_build, run_build)}
