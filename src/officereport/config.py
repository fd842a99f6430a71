"""The configuration file ``officereport.toml``: where the data and outputs are, and how to build.

    read_config(path=None, cwd=None) -> Config

``path`` is a file given with ``--config``; without it, ``officereport.toml`` in the current
folder is read when there is one, and the defaults (``data/`` and ``out/`` in the current folder)
apply otherwise. Relative paths in the file are relative to the file's folder. The commands
override these values with their options and hand the library plain values: nothing below the
command line reads this file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from typing import Literal

from officereport.publish.watch import parse_at, parse_every

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "officereport.toml"

_COUNTRY_CODE = re.compile(r"[A-Z]{2}")


class ConfigError(Exception):
    """The configuration file cannot be used; the message names the file and the key."""


def country_code(text: str) -> str:
    """A partner code as DGDDI writes it, two capital letters (``de`` -> ``DE``); ValueError otherwise.
    Whether the code is a partner country of the data's labels is for the indicators to say."""
    code = text.strip().upper()
    if not _COUNTRY_CODE.fullmatch(code):
        raise ValueError(f"code pays de deux lettres attendu (ex. US, DE, CN), pas {text!r}")
    return code


@dataclass(frozen=True)
class WatchConfig:
    every: timedelta | None = None
    at: time | None = None
    weekdays: bool = False


@dataclass(frozen=True)
class Config:
    data: Path = Path("data")
    out: Path = Path("out")  # the root: each year in <out>/<year>/
    # A list: one deck per territory. False: explicitly none, one deck per département. None: not
    # said, so ``refresh`` keeps the list it last published with (``build`` makes département decks).
    territories: Path | Literal[False] | None = None
    template: Path | None = None  # None: the template shipped with the package
    keep: int = 3
    jobs: int | None = None  # None: one render process per core
    source_url: str | None = None
    # A PDF beside every workbook and deck. None: not said, so ``refresh`` keeps what it last
    # published with (``build``: no PDF).
    pdf: bool | None = None
    # The country the dependency figures single out. None: not said, so ``refresh`` keeps the one
    # it last published with (``build``, ``show``: model.DEFAULT_FOCUS).
    focus: str | None = None
    watch: WatchConfig = field(default_factory=WatchConfig)
    file: Path | None = None  # the file these values were read from, if any
    keys: frozenset[str] = frozenset()  # the keys that file set; the others are defaults


def read_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """The configuration of ``path``, else of ``officereport.toml`` in ``cwd``, else the defaults."""
    if path is None:
        found = (cwd or Path.cwd()) / CONFIG_NAME
        if not found.is_file():
            return Config()
        path = found
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path} : fichier de configuration introuvable") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} : le fichier de configuration doit être enregistré en UTF-8") from None
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"line (\d+), column (\d+)", str(err))
        at = f":{where.group(1)} (colonne {where.group(2)})" if where else ""
        raise ConfigError(f"{path}{at} : syntaxe TOML invalide ; voir l'exemple écrit par "
                          "« officereport init »") from None
    return _Reader(Path(path)).config(values)


class _Reader:
    """Checks each key's type and turns it into the Config field; errors name the file and the key."""

    def __init__(self, path: Path):
        self.path = path
        self.base = path.resolve().parent

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.path} : clé « {key} » : {message}")

    def config(self, values: dict) -> Config:
        known = {"data", "out", "territories", "template", "keep", "jobs", "source_url", "pdf", "focus", "watch"}
        for key in values:
            if key not in known:
                raise self.fail(key, f"inconnue ; clés possibles : {', '.join(sorted(known))}")
        defaults = Config()
        return Config(
            data=self.path_of(values, "data") or defaults.data,
            out=self.path_of(values, "out") or defaults.out,
            territories=False if values.get("territories") is False else self.path_of(values, "territories"),
            template=self.path_of(values, "template"),
            keep=self.integer(values, "keep", minimum=0, default=defaults.keep),
            jobs=self.integer(values, "jobs", minimum=1, default=None),
            source_url=self.url(values),
            pdf=self.boolean(values, "pdf"),
            focus=self.country(values),
            watch=self.watch(values.get("watch", {})),
            file=self.path,
            keys=frozenset(values),
        )

    def path_of(self, values: dict, key: str) -> Path | None:
        if key not in values:
            return None
        value = values[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"un chemin entre guillemets est attendu, pas {value!r}")
        return self.base / Path(value).expanduser()

    def integer(self, values: dict, key: str, *, minimum: int, default: int | None) -> int | None:
        value = values.get(key, default)
        if value is not None and (type(value) is not int or value < minimum):
            raise self.fail(key, f"un nombre entier supérieur ou égal à {minimum} est attendu, pas {value!r}")
        return value

    def boolean(self, values: dict, key: str) -> bool | None:
        value = values.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, f"true ou false est attendu, pas {value!r}")
        return value

    def url(self, values: dict) -> str | None:
        value = values.get("source_url")
        if value is not None and not (isinstance(value, str) and re.match(r"https?://\S+$", value)):
            raise self.fail("source_url", f"une adresse http:// ou https:// est attendue, pas {value!r}")
        return value

    def country(self, values: dict) -> str | None:
        value = values.get("focus")
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail("focus", f"un code pays entre guillemets est attendu (ex. \"DE\"), pas {value!r}")
        try:
            return country_code(value)
        except ValueError as err:
            raise self.fail("focus", str(err)) from None

    def watch(self, table: object) -> WatchConfig:
        if not isinstance(table, dict):
            raise self.fail("watch", "une table [watch] est attendue")
        for key in table:
            if key not in ("every", "at", "weekdays"):
                raise self.fail(f"watch.{key}", "inconnue ; clés possibles : at, every, weekdays")
        if "every" in table and "at" in table:
            raise self.fail("watch.at", "donner soit « every » (un intervalle), soit « at » (une heure), pas les deux")
        weekdays = table.get("weekdays", False)
        if not isinstance(weekdays, bool):
            raise self.fail("watch.weekdays", f"true ou false est attendu, pas {weekdays!r}")
        every, at = table.get("every"), table.get("at")
        try:
            return WatchConfig(
                every=parse_every(every) if isinstance(every, str) else self._absent("watch.every", every),
                at=parse_at(at) if isinstance(at, str) else self._absent("watch.at", at),
                weekdays=weekdays,
            )
        except ValueError as err:
            raise self.fail("watch.every" if "every" in table else "watch.at", str(err)) from None

    def _absent(self, key: str, value: object) -> None:
        if value is not None:
            raise self.fail(key, f"un texte entre guillemets est attendu, pas {value!r}")


EXAMPLE = """\
# Configuration d'officereport, lue dans le dossier courant (ou donnée par --config FICHIER).
# Les chemins relatifs partent du dossier de ce fichier. Une option de la ligne de commande
# l'emporte sur la valeur écrite ici.

# Données DGDDI : dossier de dépôt des zips, un zip ou un fichier de données.
data = "data"

# Racine des sorties : chaque année dans <out>/<année>/, l'outil range ses propres fichiers
# (cache, état, journaux) dans <out>/.officereport/.
out = "out"

# Liste des Territoires d'industrie (GeoJSON ANCT, CSV ANCT par commune ou CSV
# id_ti;lib_ti;departements) : une présentation par territoire. « false » : une par département.
# Sans cette clé, refresh garde la liste de sa dernière publication (build : une par département).
# territories = "liste-ti.csv"

# Modèle de présentation ; sans cette clé, celui fourni avec l'outil.
# template = "mon-modele.pptx"

# Versions précédentes gardées par année dans <out>/archives/.
keep = 3

# Processus de rendu ; sans cette clé, un par cœur.
# jobs = 2

# Adresse d'un zip DGDDI relevée à chaque rafraîchissement (requête conditionnelle).
# source_url = "https://exemple.fr/REGIONAL_CPF4PAYS.zip"

# Un PDF à côté de chaque classeur et présentation (même nom), par LibreOffice. Sans cette clé,
# refresh garde le choix de sa dernière publication (build : pas de PDF).
# pdf = true

# Pays suivi dans les chiffres de dépendance (sa part des exportations et des importations, les
# produits qui y pèsent le plus) : un code pays DGDDI à deux lettres. Sans cette clé : US pour
# build et show ; refresh garde celui de sa dernière publication.
# focus = "DE"

# Horaire de « officereport watch » : un intervalle (every = "30m", "2h") ou une heure
# quotidienne (at = "06:00"), éventuellement du lundi au vendredi seulement.
[watch]
at = "06:00"
weekdays = true
"""


def write_example(path: Path) -> None:
    """Write the commented example; an existing file is never overwritten."""
    try:
        with open(path, "x", encoding="utf-8") as out:
            out.write(EXAMPLE)
    except FileExistsError:
        raise ConfigError(f"{path} existe déjà : il n'est pas remplacé") from None
