"""What the commands share: their parser shape, the options the configuration file also sets, and
the merge of both (an option given on the command line wins over the file)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from officereport.cli.frenchargs import NOT_NEGATIVE, POSITIVE, value_type
from officereport.config import CONFIG_NAME, Config, ConfigError, country_code, read_config
from officereport.model import SAMPLE_WARNING

# The options that override a key of the configuration file of the same name.
OVERRIDES = ("data", "out", "territories", "template", "keep", "jobs", "source_url", "pdf", "focus")


class CommandError(Exception):
    """A command cannot run as asked; the message says why in French. Exit code 1."""


def command_parser(sub, name: str, help_text: str, examples: list[str]) -> argparse.ArgumentParser:
    """A subcommand parser whose help ends with examples that run as shown."""
    lines = "\n".join(f"  {example}" for example in examples)
    heading = "Exemples :" if len(examples) > 1 else "Exemple :"
    return sub.add_parser(name, help=help_text, description=help_text, epilog=f"{heading}\n{lines}")


def config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FICHIER",
                        help=f"fichier de configuration (défaut : {CONFIG_NAME} du dossier courant s'il existe)")


def data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, metavar="CHEMIN",
                        help="données DGDDI : dossier de dépôt (le zip le plus récent y est pris), zip, dossier "
                             "ou fichier texte (défaut : clé data de la configuration, sinon data/)")


def out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="DOSSIER",
                        help="racine des sorties, chaque année dans <DOSSIER>/<année>/ (défaut : clé out, sinon out/)")


def input_options(parser: argparse.ArgumentParser) -> None:
    """--config, --data and --out: what a command that reads the data is given (build, check, show)."""
    config_option(parser)
    data_option(parser)
    out_option(parser)


def focus_option(parser: argparse.ArgumentParser, *, publishes: bool = True) -> None:
    remembered = " ; refresh et watch : celui de la dernière publication" if publishes else ""
    parser.add_argument("--focus", type=value_type("code pays", country_code), metavar="PAYS",
                        help="pays suivi dans les chiffres de dépendance (sa part des échanges, ses principaux "
                             "produits), code pays DGDDI à deux lettres, ex. --focus DE (défaut : clé focus de "
                             f"la configuration, sinon US{remembered})")


@contextmanager
def focus_named(args: argparse.Namespace, config: Config) -> Iterator[None]:
    """A focus country the data's labels do not know, refused with where it was set."""
    from officereport.dependency import FocusError

    try:
        yield
    except FocusError as err:
        raise CommandError(f"{err} ({origin(args, config, 'focus')})") from None


def build_options(parser: argparse.ArgumentParser) -> None:
    """The options of what a build makes: shared by build, refresh and watch."""
    territories = parser.add_mutually_exclusive_group()
    territories.add_argument("--territories", type=Path, metavar="FICHIER",
                             help="Territoires d'industrie : GeoJSON ANCT, CSV ANCT par commune ou CSV "
                                  "id_ti;lib_ti;departements : une présentation par territoire")
    territories.add_argument("--no-territories", dest="territories", action="store_const", const=False,
                             help="sans liste de territoires : une présentation par département")
    parser.add_argument("--template", type=Path, metavar="FICHIER",
                        help="modèle de présentation .pptx (défaut : celui fourni avec l'outil)")
    pdf = parser.add_mutually_exclusive_group()
    pdf.add_argument("--pdf", action="store_const", const=True,
                     help="écrire aussi un PDF à côté de chaque classeur et présentation, même nom (LibreOffice)")
    pdf.add_argument("--no-pdf", dest="pdf", action="store_const", const=False,
                     help="sans PDF (pour refresh et watch : même si la dernière publication en avait)")
    focus_option(parser)
    parser.add_argument("--jobs", type=POSITIVE, metavar="N", help="processus de rendu (défaut : un par cœur)")
    parser.add_argument("--wait", action="store_true",
                        help="attendre la fin d'un rafraîchissement en cours au lieu de s'arrêter (code 75)")


def keep_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep", type=NOT_NEGATIVE, metavar="N",
                        help="versions précédentes gardées par année dans <out>/archives (défaut : 3)")


def resolve(args: argparse.Namespace) -> Config:
    """The configuration file's values, overridden by the options given; the given paths checked."""
    config = read_config(args.config)
    given = {key: getattr(args, key) for key in OVERRIDES if getattr(args, key, None) is not None}
    config = replace(config, **given)
    for key, what in (("territories", "liste des Territoires d'industrie"), ("template", "modèle de présentation")):
        path = getattr(config, key)
        if isinstance(path, Path) and not path.is_file():
            raise ConfigError(f"{path} : {what} introuvable ({origin(args, config, key)})")
    return config


def check_build_inputs(config: Config) -> None:
    """Read the territory list and the template before anything is built: a bad one is an input
    problem reported as such (file, line, rule), not a failure half-way through writing outputs."""
    from officereport.deck.template import DeckTemplate
    from officereport.input.territories import read_territories

    if config.territories:
        read_territories(config.territories)
    DeckTemplate.load(config.template)


def origin(args: argparse.Namespace, config: Config, key: str) -> str:
    """Where a setting came from, for messages: the option, the file's key, or the default."""
    if getattr(args, key, None) is not None:
        return f"option --{key.replace('_', '-')}"
    if key in config.keys:
        return f"clé « {key} » de {config.file}"
    return "valeur par défaut"


def cache_dir(config: Config) -> Path:
    """The one cache of parsed input, kept with the tool's own files under the output root."""
    from officereport.publish.paths import OutputPaths

    return OutputPaths(config.out).cache


def existing_data(args: argparse.Namespace, config: Config) -> Path:
    """The data path of the configuration, refused when there is nothing there."""
    data = config.data
    if not data.exists():
        raise CommandError(f"{data} : données introuvables ({origin(args, config, 'data')}) ; y déposer le zip "
                           "DGDDI, ou écrire des données fictives avec « officereport sample --out data/ »")
    return data


def load(args: argparse.Namespace, config: Config):
    """Every release the configuration's data path holds, each year from its release (a ReleaseSet),
    through the cache; a sample is announced loudly."""
    from officereport.input.releases import load_releases
    from officereport.progress import Progress

    loaded = load_releases(existing_data(args, config), cache_dir=cache_dir(config), progress=Progress())
    if loaded.data.is_sample:
        print(f"ATTENTION : {SAMPLE_WARNING}", file=sys.stderr)
    return loaded
