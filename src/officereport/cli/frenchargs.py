"""argparse speaking French: its own texts (usage, option titles, errors) translated.

argparse looks every text it prints up through the module-level ``gettext`` function ``_`` (and
``ngettext``). ``french()`` swaps French look-ups in for the time of building and parsing one
command line, then puts the originals back, so that other users of argparse in the same process
(pytest, for one) keep theirs.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

# argparse's message ids -> French, the %(name)s fields kept. An id missing here shows in English:
# tests/cli/test_cli_french.py walks every help and usage error to catch it.
_FRENCH = {
    "usage: ": "utilisation : ",
    "options": "paramètres",
    "optional arguments": "paramètres",
    "positional arguments": "valeurs",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s : %(message)s",
    "unrecognized arguments: %s": "paramètres non reconnus : %s",
    "the following arguments are required: %s": "paramètres obligatoires manquants : %s",
    "one of the arguments %s is required": "il faut l'un de ces paramètres : %s",
    "not allowed with argument %s": "incompatible avec %s",
    "ignored explicit argument %r": "valeur inattendue : %r",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "une valeur au plus attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "unexpected option string: %s": "option inattendue : %s",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s attendu) : %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "commande inconnue %(parser_name)r (possibles : %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}


def translate(message: str) -> str:
    return _FRENCH.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextmanager
def french() -> Iterator[None]:
    """While inside, argparse writes its own texts in French."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, translate_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class FrenchFormatter(argparse.HelpFormatter):
    """Paragraphs wrapped to the terminal, indented lines (the examples) kept as written, and the
    French space before the colon of section titles."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            line if not line or line.startswith(" ") else
            textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
            for line in text.splitlines()
        )

    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading} " if heading else heading)


class FrenchParser(argparse.ArgumentParser):
    """A parser whose help ends with its examples as written, and whose usage errors are French."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", FrenchFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n"
                     f"« {self.prog} --help » décrit chaque option et donne un exemple.\n")


def value_type(name: str, convert: Callable[[str], object]) -> Callable[[str], object]:
    """An argparse ``type`` that names what it expects in French when a value does not convert."""

    def parse(text: str):
        try:
            return convert(text)
        except ValueError as err:
            detail = str(err) if str(err) and not str(err).startswith("invalid literal") else ""
            raise argparse.ArgumentTypeError(detail or f"{name} attendu, reçu {text!r}") from None

    parse.__name__ = name
    return parse


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(f"nombre entier positif attendu, reçu {text!r}")
    return number


def _not_negative(text: str) -> int:
    number = int(text)
    if number < 0:
        raise ValueError(f"nombre entier positif ou nul attendu, reçu {text!r}")
    return number


INTEGER = value_type("nombre entier", int)
POSITIVE = value_type("nombre entier positif", _positive)
NOT_NEGATIVE = value_type("nombre entier positif ou nul", _not_negative)
