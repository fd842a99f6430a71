"""The ``officereport`` command: a thin layer of argument parsing over the library functions.

Each command is a pair: ``_add_<name>(subparsers)`` declares its arguments (its help ends with an
example) and ``_run_<name>(args) -> int`` calls the library and returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from officereport import __version__
from officereport.model import InputError


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
        epilog="Exemple :\n  officereport build --data data/ --out out/",
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
    from officereport.refresh import RefreshSettings

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
    from officereport.lock import LockBusy
    from officereport.refresh import refresh
    from officereport.watch import setup_logging

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

    from officereport.lock import LockBusy
    from officereport.refresh import refresh
    from officereport.watch import RefreshSchedule, parse_at, parse_every, setup_logging, stop_on_signals, watch

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
            logging.getLogger("officereport.watch").warning("passage sauté : %s", busy)

    stop = threading.Event()
    restore = stop_on_signals(stop)
    try:
        watch(RefreshSchedule(job, every=every, at=at, weekdays=args.weekdays), stop)
    finally:
        restore()
    return 0


COMMANDS["watch"] = (_add_watch, _run_watch)
