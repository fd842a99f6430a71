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
