"""The ``officereport`` command: a thin layer of argument parsing over the library functions.

Each command is a pair in ``COMMANDS``: ``add(subparsers)`` declares its arguments (its help ends
with examples that run as shown) and ``run(args) -> int`` calls the library and returns the exit
code. The commands live in one module per group; ``failures`` turns any exception into a French
message and an exit code, ``frenchargs`` makes argparse itself speak French.
"""

from __future__ import annotations

import argparse
import os
import sys

from officereport import __version__, hugepages
from officereport.cli import building, checking, refreshing, showing
from officereport.cli.failures import report
from officereport.cli.frenchargs import FrenchParser, french

COMMANDS: dict[str, tuple] = {**checking.COMMANDS, **showing.COMMANDS, **building.COMMANDS, **refreshing.COMMANDS}


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; build it inside ``french()`` so that argparse's own texts are French."""
    parser = FrenchParser(
        prog="officereport",
        description="Données douanières DGDDI -> classeurs Excel et présentations PowerPoint "
        "(Territoires d'industrie). Réglages : officereport.toml dans le dossier courant "
        "(« officereport init » en écrit un exemple commenté), que les paramètres de la ligne de commande remplacent.",
        epilog="Exemples :\n  officereport build\n  officereport show --dep 43\n  officereport init",
    )
    parser.add_argument("--version", action="version", version=f"officereport {__version__}",
                        help="afficher la version et quitter")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE", title="commandes")
    for add, _run in COMMANDS.values():
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    hugepages.decline()  # before any array is allocated or worker forked (see hugepages)
    with french():
        args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except BrokenPipeError:
        # The reader stopped reading (``| head``): nothing left to tell it, and nothing went wrong.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (Exception, KeyboardInterrupt) as err:  # every failure becomes a French message and an exit code
        return report(err)
