"""``officereport refresh`` (one pass of detect, validate, build, publish) and ``officereport watch``
(the same on a schedule)."""

from __future__ import annotations

import argparse
from pathlib import Path

from officereport.cli import settings
from officereport.cli.frenchargs import value_type
from officereport.config import Config


def _refresh_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``refresh`` and ``watch``."""
    settings.config_option(parser)
    parser.add_argument("--data", type=Path, metavar="DOSSIER",
                        help="dossier de dépôt des zips DGDDI (défaut : clé data de la configuration, sinon data/)")
    settings.out_option(parser)
    settings.build_options(parser)
    settings.keep_option(parser)
    parser.add_argument("--source-url", metavar="URL", help="adresse d'un zip DGDDI à relever (requête conditionnelle)")


def _refresh_settings(args: argparse.Namespace, config: Config):
    from officereport.publish.refresh import REMEMBERED, RefreshSettings

    # Not configured: the template, territory list, PDFs and focus the published builds were made with
    # (territories = false says "one deck per département" explicitly).
    return RefreshSettings(data_dir=config.data, out_dir=config.out,
                           template=REMEMBERED if config.template is None else config.template,
                           territories=REMEMBERED if config.territories is None else (config.territories or None),
                           pdf=REMEMBERED if config.pdf is None else config.pdf,
                           focus=REMEMBERED if config.focus is None else config.focus,
                           jobs=config.jobs, keep=config.keep,
                           source_url=config.source_url, wait=args.wait)


def add_refresh(sub) -> None:
    parser = settings.command_parser(
        sub, "refresh",
        "Un passage : détecter les nouvelles données, les valider, reconstruire ce qui a changé et "
        "publier sans jamais laisser de sortie incomplète (pour cron, un timer systemd ou le "
        "Planificateur de tâches Windows ; voir docs/scheduling.md). Code de sortie : 0 à jour, "
        "1 données refusées ou échec, 75 un autre rafraîchissement est en cours.",
        ["officereport refresh", "officereport refresh --data data/ --out out/ --keep 5"],
    )
    _refresh_options(parser)


def run_refresh(args: argparse.Namespace) -> int:
    from officereport.publish.refresh import refresh
    from officereport.publish.watch import setup_logging

    config = settings.resolve(args)
    settings.check_build_inputs(config)
    setup_logging(None)
    return refresh(_refresh_settings(args, config)).exit_code


def add_watch(sub) -> None:
    from officereport.publish.watch import parse_at, parse_every

    parser = settings.command_parser(
        sub, "watch",
        "Rafraîchir en continu : un passage au démarrage puis selon l'horaire (--every, --at, ou la "
        "table [watch] de la configuration), jusqu'à Ctrl-C ou SIGTERM (le passage en cours se "
        "termine ; un second signal l'abandonne sans toucher aux sorties publiées).",
        ["officereport watch --at 06:00 --weekdays", "officereport watch --data data/ --out out/ --every 30m"],
    )
    _refresh_options(parser)
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--every", type=value_type("intervalle", parse_every), metavar="DURÉE",
                      help="intervalle : 30m, 2h, 45s")
    when.add_argument("--at", type=value_type("heure", parse_at), metavar="HH:MM", help="heure quotidienne : 06:00")
    parser.add_argument("--weekdays", action="store_true", help="du lundi au vendredi seulement")
    parser.add_argument("--log-file", type=Path, metavar="FICHIER",
                        help="journal tournant (défaut : <out>/.officereport/watch.log)")
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé")


def run_watch(args: argparse.Namespace) -> int:
    import logging
    import threading

    from officereport.publish.lock import LockBusy
    from officereport.publish.paths import OutputPaths
    from officereport.publish.refresh import refresh
    from officereport.publish.watch import RefreshSchedule, setup_logging, stop_on_signals, watch

    config = settings.resolve(args)
    settings.check_build_inputs(config)
    if args.every is not None or args.at is not None:
        every, at, weekdays = args.every, args.at, args.weekdays
    else:
        every, at = config.watch.every, config.watch.at
        weekdays = args.weekdays or config.watch.weekdays
    if every is None and at is None:
        raise settings.CommandError("horaire manquant : donner --every (30m, 2h) ou --at (06:00), ou la table "
                                    "[watch] de officereport.toml (« officereport init » en écrit un exemple)")
    refresh_settings = _refresh_settings(args, config)
    setup_logging(args.log_file or OutputPaths(config.out).watch_log, verbose=args.verbose)

    def job() -> None:
        try:
            refresh(refresh_settings)
        except LockBusy as busy:
            logging.getLogger("officereport.publish.watch").warning("passage sauté : %s", busy)

    stop = threading.Event()
    restore = stop_on_signals(stop)
    try:
        watch(RefreshSchedule(job, every=every, at=at, weekdays=weekdays), stop)
    finally:
        restore()
    return 0


COMMANDS = {"refresh": (add_refresh, run_refresh), "watch": (add_watch, run_watch)}
