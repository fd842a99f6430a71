"""The ``officereport`` command: a thin layer of argument parsing over the library functions.

Each command is a pair: ``_add_<name>(subparsers)`` declares its arguments (its help ends with an
example) and ``_run_<name>(args) -> int`` calls the library and returns the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from officereport import __version__
from officereport.model import SAMPLE_WARNING, InputError

DEFAULT_DATA = Path("data")


def _parser_for(sub, name: str, help_text: str, example: str) -> argparse.ArgumentParser:
    """A subcommand parser whose help ends with an example, as every command's must."""
    return sub.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"Exemple :\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="officereport",
        description="Données douanières DGDDI -> classeurs Excel et présentations PowerPoint "
        "(Territoires d'industrie).",
        epilog="Exemple :\n  officereport build\n  officereport show --dep 43",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"officereport {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS.values():
        add[0](sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except InputError as err:
        print(f"officereport: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("officereport: interrompu", file=sys.stderr)
        return 130


# name -> (add_parser, run); filled below, one block per command.
COMMANDS: dict[str, tuple] = {}


def _data_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--data", type=Path, required=required, default=None if required else DEFAULT_DATA,
                        help="zip DGDDI, dossier ou fichier texte" + ("" if required else " (défaut : data/)"))
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="cache des données lues (défaut : <dossier des données>/.cache)")


def _cache_dir(args: argparse.Namespace) -> Path:
    if args.cache_dir is not None:
        return args.cache_dir
    base = args.data if args.data.is_dir() else args.data.parent
    return base / ".cache"


def _load(args: argparse.Namespace, load=None):
    """The data of ``--data`` through ``load`` (default: the single-release loader), warning on sample data."""
    from officereport.input.loader import load as load_one
    from officereport.progress import Progress

    loaded = (load or load_one)(args.data, cache_dir=_cache_dir(args), progress=Progress())
    data = loaded if load is None else loaded.data
    if data.is_sample:
        print(f"ATTENTION : {SAMPLE_WARNING}", file=sys.stderr)
    return loaded


# --- sample --------------------------------------------------------------------------------------


def _add_sample(sub) -> None:
    from officereport.input.sample import DEFAULT_ROWS_PER_FLOW

    parser = _parser_for(
        sub, "sample",
        "Écrire un zip de données fictives au format exact de la DGDDI (fichiers de données et de "
        "libellés), calé en 2024 sur les totaux publiés pour la France, Auvergne-Rhône-Alpes et la "
        "Haute-Loire.",
        "officereport sample --out data/ --year 2024 --rows-per-flow 200000",
    )
    parser.add_argument("--out", type=Path, required=True, help="dossier où écrire le zip")
    parser.add_argument("--year", type=int, default=2024, help="année complète (défaut : 2024)")
    parser.add_argument("--years", type=_year_span, metavar="DÉBUT-FIN",
                        help="plusieurs années, ex. 2022-2024 : un zip annuel par année passée et la "
                             "dernière publication pour la dernière (remplace --year)")
    parser.add_argument("--seed", type=int, default=0, help="graine du tirage (défaut : 0)")
    parser.add_argument("--rows-per-flow", type=int, default=DEFAULT_ROWS_PER_FLOW,
                        help=f"lignes par flux (défaut : {DEFAULT_ROWS_PER_FLOW:_})".replace("_", " "))


def _year_span(text: str) -> range:
    first, _, last = text.partition("-")
    if not (first.strip().isdigit() and last.strip().isdigit()) or int(first) > int(last):
        raise argparse.ArgumentTypeError(f"période invalide : {text!r} (attendu : DÉBUT-FIN, ex. 2022-2024)")
    return range(int(first), int(last) + 1)


def _run_sample(args: argparse.Namespace) -> int:
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


COMMANDS["sample"] = (_add_sample, _run_sample)


# --- check ---------------------------------------------------------------------------------------


def _add_check(sub) -> None:
    parser = _parser_for(
        sub, "check",
        "Valider les données et les résumer : années et trimestres présents, lignes, départements, "
        "totaux par flux. Code de sortie 0 si les données sont valides, 1 avec la liste de tous les "
        "problèmes (fichier, ligne, règle) sinon.",
        "officereport check --data data/REGIONAL_CPF4PAYS.zip",
    )
    _data_argument(parser)
    parser.add_argument("--json", action="store_true", help="résumé en JSON")


def _run_check(args: argparse.Namespace) -> int:
    from officereport import frformat
    from officereport.input.releases import load_releases
    from officereport.input.summary import release_lines, summarize_releases
    from officereport.model import FLOW_NAMES

    summary = summarize_releases(_load(args, load_releases))
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
            print(f"  {count} code(s) {kind} sans libellé (gardés, affichés par leur code)")
    for warning in summary["warnings"]:
        print(f"  avertissement : {warning}")
    return 0


COMMANDS["check"] = (_add_check, _run_check)


# --- show ----------------------------------------------------------------------------------------


def _add_show(sub) -> None:
    parser = _parser_for(
        sub, "show",
        "Afficher les indicateurs d'un département : totaux et parts, pays partenaires, activités "
        "(A129), flux à l'export et à l'import avec les comparaisons région et France.",
        "officereport show --data data/ --year 2024 --dep 43 --json",
    )
    _data_argument(parser)
    parser.add_argument("--dep", required=True, help="code département DGDDI ou INSEE (43, 2A, 974, 9D)")
    parser.add_argument("--year", type=int, help="année (défaut : la dernière année complète)")
    parser.add_argument("--json", action="store_true", help="tous les indicateurs en JSON (euros, parts en %%)")


def _run_show(args: argparse.Namespace) -> int:
    from officereport import frformat, wording
    from officereport.build import latest_complete_year
    from officereport.indicators import compute_departement
    from officereport.input import geography
    from officereport.input.releases import load_releases
    from officereport.model import EXPORT, IMPORT
    from officereport.showjson import departement_json

    code = args.dep.strip().upper()
    if code not in geography.DEPARTEMENTS:
        try:
            code = geography.dgddi_from_insee_departement(code)
        except KeyError:
            print(f"officereport: département inconnu : {args.dep}", file=sys.stderr)
            return 2
    data = _load(args, load_releases).data
    year = args.year or latest_complete_year(data)
    ind = compute_departement(data, year, code)
    if args.json:
        print(json.dumps({"is_sample": data.is_sample, **departement_json(ind)}, ensure_ascii=False, indent=2))
        return 0
    region = ind.departement.region
    print(f"{wording.departement_label(ind.departement)} — {year}")
    t = ind.totals
    euros = {name: f"{frformat.number(v)}{frformat.NBSP}€" for name, v in
             (("exportations", t.exports_eur), ("importations", t.imports_eur), ("solde", t.balance_eur))}
    print(" ; ".join(f"{name} : {value}" for name, value in euros.items()).capitalize())
    print(wording.total_with_shares(EXPORT, t, region))
    print(wording.total_with_shares(IMPORT, t, region))
    print(wording.balance_sentence(t))
    print("Principaux pays partenaires :")
    for row in ind.partners.head(5).itertuples(index=False):
        print(f"  {row.partner_name} : importations {frformat.meur(row.imports_eur)}, "
              f"exportations {frformat.meur(row.exports_eur)}, solde {frformat.meur(row.balance_eur)}")
    return 0


COMMANDS["show"] = (_add_show, _run_show)


# --- build ---------------------------------------------------------------------------------------


def _add_build(sub) -> None:
    parser = _parser_for(
        sub, "build",
        "Construire une année : un classeur Excel par département, le classeur national et une "
        "présentation par Territoire d'industrie (ou par département sans --territories), publiés "
        "ensemble dans le dossier de sortie avec manifest.json. Sans fichier de données dans data/, "
        "des données FICTIVES y sont d'abord générées.",
        "officereport build --data data/ --territories ti_2023_2027.csv --out out/2024",
    )
    _data_argument(parser, required=False)
    parser.add_argument("--out", type=Path, help="dossier de la construction (défaut : out/<année>)")
    parser.add_argument("--year", type=int, help="année (défaut : la dernière année complète)")
    parser.add_argument("--territories", type=Path,
                        help="Territoires d'industrie : GeoJSON ANCT, CSV ANCT par commune ou CSV id_ti;lib_ti;departements")
    parser.add_argument("--template", type=Path, help="modèle de présentation .pptx (défaut : templates/deck-template.pptx)")
    parser.add_argument("--jobs", type=int, help="processus de rendu (défaut : un par cœur)")
    parser.add_argument("--wait", action="store_true", help="attendre un rafraîchissement en cours")


def _run_build(args: argparse.Namespace) -> int:
    from officereport.build import BuildError, BuildSettings, build, default_input
    from officereport.deck.template import TemplateError
    from officereport.progress import Progress
    from officereport.publish.lock import LockBusy
    from officereport.publish.staging import PublishError

    progress = Progress()
    if args.data == DEFAULT_DATA:
        args.data, generated = default_input(DEFAULT_DATA, progress=progress)
        if generated:
            print(f"Aucun fichier de données dans {DEFAULT_DATA}/ : {args.data.name} y a été écrit avec des "
                  "DONNÉES FICTIVES (exemple), à remplacer par le zip DGDDI réel.", file=sys.stderr)
    settings = BuildSettings(territories=args.territories, template=args.template, jobs=args.jobs)
    try:
        report = build(args.data, args.out, year=args.year, settings=settings, cache_dir=_cache_dir(args),
                       wait=args.wait, progress=progress)
    except (BuildError, PublishError, TemplateError) as err:
        print(f"officereport: {err}", file=sys.stderr)
        return 1
    except LockBusy as busy:
        print(f"officereport: {busy} (--wait pour attendre)", file=sys.stderr)
        return 75
    outputs = report.publication.manifest["outputs"]
    kinds = Counter(o["kind"] for o in outputs)
    print(f"{report.year} : {len(outputs)} fichiers publiés dans {report.publication.folder} "
          f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})")
    for note in report.publication.manifest["notes"]:
        print(f"  {note}")
    if report.data.is_sample:
        print(f"ATTENTION : {SAMPLE_WARNING}")
    return 0


COMMANDS["build"] = (_add_build, _run_build)


# --- refresh -------------------------------------------------------------------------------------


def _refresh_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments shared by ``refresh`` and ``watch``."""
    parser.add_argument("--data", type=Path, default=Path("data"),
                        help="dossier de dépôt des zips DGDDI (défaut : data/)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="dossier des sorties (défaut : out/)")
    parser.add_argument("--template", type=Path, help="modèle de présentation .pptx")
    parser.add_argument("--territories", type=Path, help="liste des Territoires d'industrie")
    parser.add_argument("--jobs", type=int, help="nombre de processus de rendu")
    parser.add_argument("--keep", type=int, default=3,
                        help="versions précédentes gardées par année dans <out>/archives (défaut : 3)")
    parser.add_argument("--source-url", help="URL d'un zip DGDDI à relever (requête conditionnelle)")
    parser.add_argument("--wait", action="store_true",
                        help="attendre la fin d'un rafraîchissement en cours au lieu d'abandonner")


def _refresh_settings(args: argparse.Namespace):
    from officereport.publish.refresh import RefreshSettings

    return RefreshSettings(data_dir=args.data, out_dir=args.out, template=args.template,
                           territories=args.territories, jobs=args.jobs, keep=args.keep,
                           source_url=args.source_url, wait=args.wait)


def _add_refresh(sub) -> None:
    parser = _parser_for(
        sub, "refresh",
        "Un passage : détecter les nouvelles données, les valider, reconstruire ce qui a changé et "
        "publier sans jamais laisser de sortie incomplète (pour cron, un timer systemd ou le "
        "Planificateur de tâches Windows ; voir docs/scheduling.md). Code de sortie : 0 à jour, "
        "1 données refusées ou échec, 75 un autre rafraîchissement est en cours.",
        "officereport refresh --data data/ --out out/",
    )
    _refresh_arguments(parser)


def _run_refresh(args: argparse.Namespace) -> int:
    from officereport.publish.lock import LockBusy
    from officereport.publish.refresh import refresh
    from officereport.publish.watch import setup_logging

    setup_logging(None)
    try:
        return refresh(_refresh_settings(args)).exit_code
    except LockBusy as busy:
        print(f"officereport: {busy} (--wait pour attendre)", file=sys.stderr)
        return 75


COMMANDS["refresh"] = (_add_refresh, _run_refresh)


# --- watch ---------------------------------------------------------------------------------------


def _add_watch(sub) -> None:
    parser = _parser_for(
        sub, "watch",
        "Rafraîchir en continu : un passage au démarrage puis selon l'horaire donné, jusqu'à "
        "Ctrl-C ou SIGTERM (le passage en cours se termine ; un second signal l'abandonne sans "
        "toucher aux sorties publiées).",
        "officereport watch --data data/ --out out/ --at 06:00 --weekdays",
    )
    _refresh_arguments(parser)
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", help="intervalle : 30m, 2h, 45s")
    when.add_argument("--at", help="heure quotidienne : 06:00")
    parser.add_argument("--weekdays", action="store_true", help="du lundi au vendredi seulement")
    parser.add_argument("--log-file", type=Path,
                        help="journal tournant (défaut : <out>/.officereport/watch.log)")
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé")


def _run_watch(args: argparse.Namespace) -> int:
    import logging
    import threading

    from officereport.publish.lock import LockBusy
    from officereport.publish.refresh import refresh
    from officereport.publish.watch import RefreshSchedule, parse_at, parse_every, setup_logging, stop_on_signals, watch

    settings = _refresh_settings(args)
    try:
        every = parse_every(args.every) if args.every else None
        at = parse_at(args.at) if args.at else None
    except ValueError as err:
        print(f"officereport: {err}", file=sys.stderr)
        return 2
    setup_logging(args.log_file or args.out / ".officereport" / "watch.log", verbose=args.verbose)

    def job() -> None:
        try:
            refresh(settings)
        except LockBusy as busy:
            logging.getLogger("officereport.publish.watch").warning("passage sauté : %s", busy)

    stop = threading.Event()
    restore = stop_on_signals(stop)
    try:
        watch(RefreshSchedule(job, every=every, at=at, weekdays=args.weekdays), stop)
    finally:
        restore()
    return 0


COMMANDS["watch"] = (_add_watch, _run_watch)
