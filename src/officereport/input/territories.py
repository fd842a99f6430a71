"""Territoires d'industrie: which DGDDI départements each territory touches.

Customs data stop at the département, so a territory is reduced to the départements of its
member communes, the one holding most communes first. Three inputs are accepted, recognised by
their content: the ANCT GeoJSON (``id_territoire``, ``lib_territoire``, ``liste_geo`` =
"Commune (INSEE code); ..."), the ANCT CSV list of communes (``id_ti``, ``lib_ti``, ``insee_com``,
one row per commune) and a simple CSV (``id_ti``, ``lib_ti``, ``departements`` = INSEE codes
separated by ``|`` or ``,``). CSV files may use ``;`` or ``,``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from officereport.input import encoding
from officereport.input.csvrows import readable_rows
from officereport.input.discovery import not_regular
from officereport.input.geography import dgddi_from_commune, dgddi_from_insee_departement
from officereport.input.problems import log
from officereport.model import InputError, Problem
from officereport.text import clean, unwritable

ID, NAME = "id_ti", "lib_ti"
COMMUNE, DEPARTEMENTS = "insee_com", "departements"
GEOJSON_FIELDS = ("id_territoire", "lib_territoire", "liste_geo")
MAX_FILE_BYTES = 256 << 20  # the ANCT GeoJSON of the 183 territories weighs 2.6 Mo
# "Le Puy-en-Velay (43157)": the INSEE code closes each member of liste_geo.
_MEMBER_CODE = re.compile(r"\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class Territory:
    id: str
    name: str
    departements: tuple[str, ...]  # DGDDI codes, most member communes first when known


class _Collector:
    """Gathers territories in file order and every problem met, to report them all at once."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.names: dict[str, str] = {}
        self.communes: dict[str, Counter[str]] = {}  # id -> DGDDI département -> member communes
        self.first_line: dict[str, int | None] = {}
        self.folded: dict[str, str] = {}  # id without case -> id: file names ignore case on Windows and macOS
        self.faulty: set[str] = set()  # territories with a bad member, already reported

    def problem(self, line: int | None, rule: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, rule, message))

    def _text(self, line: int | None, raw: object, what: str) -> str:
        """An id or a name as outputs may hold it, with a warning when characters were removed."""
        raw = "" if raw is None else str(raw)
        if removed := unwritable(raw):
            shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in removed}))
            where = self.file if line is None else f"{self.file}:{line}"
            log.warning("%s : caractères de contrôle retirés %s %r (%s)", where, what, raw, shown)
        return clean(raw)

    def start(self, line: int | None, raw_id: object, raw_name: object) -> str | None:
        """Open a territory and return its id; None (and a problem) when the id is empty or already used."""
        territory_id = self._text(line, raw_id, "de l'identifiant")
        if not territory_id:
            self.problem(line, "missing-id", "territoire sans identifiant")
            return None
        if (seen_id := self.folded.get(territory_id.casefold())) is not None:
            seen = self.first_line[seen_id]
            where = f" (déjà en ligne {seen})" if seen else ""
            same = "en double" if seen_id == territory_id else f"ne diffère de {seen_id!r} que par la casse"
            self.problem(line, "duplicate-id", f"identifiant de territoire {territory_id!r} {same}{where}")
            return None
        name = self._text(line, raw_name, "du nom")
        if not name:
            self.problem(line, "missing-name", f"territoire {territory_id} sans nom")
        self.folded[territory_id.casefold()] = territory_id
        self.names[territory_id] = name
        self.communes[territory_id] = Counter()
        self.first_line[territory_id] = line
        return territory_id

    def add_commune(self, line: int | None, territory_id: str, commune: str) -> None:
        try:
            self.communes[territory_id][dgddi_from_commune(commune)] += 1
        except KeyError:
            self.faulty.add(territory_id)
            self.problem(line, "unknown-commune", f"{commune!r} dans {territory_id} n'est pas un code commune INSEE")

    def add_departement(self, line: int, territory_id: str, code: str) -> None:
        """A département listed by hand: no commune count is known, so all count one (order kept)."""
        try:
            dgddi = dgddi_from_insee_departement(code)
        except KeyError:
            self.faulty.add(territory_id)
            self.problem(line, "unknown-departement",
                         f"{code!r} dans {territory_id} n'est pas un code département INSEE")
            return
        self.communes[territory_id].setdefault(dgddi, 1)

    def territories(self) -> list[Territory]:
        for territory_id, counts in self.communes.items():
            if not counts and territory_id not in self.faulty:
                self.problem(self.first_line[territory_id], "no-departement",
                             f"territoire {territory_id} sans commune ni département")
        if self.problems:
            raise InputError(self.problems)
        # Counter.most_common keeps first-seen order among equal counts.
        return [
            Territory(territory_id, self.names[territory_id], tuple(d for d, _ in counts.most_common()))
            for territory_id, counts in self.communes.items()
        ]


def read_territories(path: Path) -> list[Territory]:
    """Territories of an ANCT GeoJSON, an ANCT commune CSV or a simple département CSV, in file order.

    Raises model.InputError listing every problem (file, line, rule) when the file cannot be used;
    logs a warning for each id or name whose control characters were removed.
    """
    found = _Collector(str(path))
    text = _text_of(path, found)
    if not text.strip():
        found.problem(None, "empty-file", "fichier vide")
        raise InputError(found.problems)
    if text.lstrip().startswith("{"):
        return _read_geojson(text, found)
    return _read_csv(text, found)


def _text_of(path: Path, found: _Collector) -> str:
    why = not_regular(path)
    if why is None and path.stat().st_size > MAX_FILE_BYTES:
        why = f"plus de {MAX_FILE_BYTES >> 20} Mio : ce n'est pas une liste de territoires"
    if why is None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            why = f"lecture impossible ({error.strerror or error})"
    if why is not None:
        found.problem(None, "unreadable", f"liste des territoires illisible : {why}")
        raise InputError(found.problems)
    text, notes = encoding.decode(found.file, raw)
    for note in notes:
        log.warning("%s", note)
    return text


def _read_geojson(text: str, found: _Collector) -> list[Territory]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        found.problem(error.lineno, "invalid-json", f"JSON illisible (colonne {error.colno})")
        raise InputError(found.problems) from None
    except RecursionError:
        found.problem(None, "invalid-json", "JSON trop imbriqué")
        raise InputError(found.problems) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        found.problem(None, "unknown-format", "JSON sans liste 'features' de GeoJSON")
        raise InputError(found.problems)
    if not features:
        found.problem(None, "empty-file", "le GeoJSON ne contient aucun territoire")
    elif _lists_epci(features[0]):
        found.problem(None, "unknown-format",
                      "liste_geo donne des EPCI (codes SIREN), pas des communes : prendre le fichier des communes")
        raise InputError(found.problems)
    for number, feature in enumerate(features, start=1):
        properties = _properties(feature)
        missing = [name for name in GEOJSON_FIELDS if name not in properties]
        if missing:
            found.problem(None, "missing-column", f"l'élément {number} n'a pas {', '.join(missing)}")
            continue
        territory_id = found.start(None, properties["id_territoire"], properties["lib_territoire"])
        if territory_id is not None:
            for member in str(properties["liste_geo"]).split(";"):
                if member.strip():
                    code = _MEMBER_CODE.search(member)
                    found.add_commune(None, territory_id, code.group(1) if code else member.strip())
    return found.territories()


def _properties(feature: object) -> dict:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    return properties if isinstance(properties, dict) else {}


def _lists_epci(feature: object) -> bool:
    members = str(_properties(feature).get("liste_geo", "")).split(";")
    codes = [_MEMBER_CODE.search(member) for member in members if member.strip()]
    return bool(codes) and all(code and re.fullmatch(r"\d{9}", code.group(1)) for code in codes)


def _read_csv(text: str, found: _Collector) -> list[Territory]:
    body = text.lstrip()  # not empty: the caller checked
    skipped = text[: len(text) - len(body)].count("\n")  # blank lines above the header
    header = body.splitlines()[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    reader = csv.DictReader(io.StringIO(body, newline=""), delimiter=delimiter)
    try:
        columns = {name.strip() for name in reader.fieldnames or ()}
    except csv.Error:
        columns = set()
    by_commune = COMMUNE in columns
    wanted = (ID, NAME, COMMUNE if by_commune else DEPARTEMENTS)
    missing = [name for name in wanted if name not in columns]
    if missing:
        kinds = f"{ID}, {NAME} et soit {COMMUNE} (une ligne par commune), soit {DEPARTEMENTS}"
        found.problem(1 + skipped, "missing-column", f"colonne(s) absente(s) : {', '.join(missing)} ; attendues : {kinds}")
        raise InputError(found.problems)
    rows = 0
    for line, row in _csv_rows(reader, skipped, found):
        rows += 1
        if by_commune:
            territory_id = clean(row[ID])
            if territory_id not in found.names:
                territory_id = found.start(line, row[ID], row[NAME])
            if territory_id is not None:
                found.add_commune(line, territory_id, row[COMMUNE])
        elif (territory_id := found.start(line, row[ID], row[NAME])) is not None:
            for code in filter(None, (part.strip() for part in re.split(r"[|,]", row[DEPARTEMENTS]))):
                found.add_departement(line, territory_id, code)
    if not rows:
        found.problem(None, "empty-file", "le fichier n'a qu'une ligne d'en-tête, aucun territoire")
    return found.territories()


def _csv_rows(reader: csv.DictReader, skipped: int, found: _Collector) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row with trimmed text values); fields beyond the header are dropped, unreadable lines reported."""

    def too_long() -> None:
        # DictReader.line_num is only updated on success: the line that failed is the reader's.
        found.problem(skipped + reader.reader.line_num, "field-too-long",
                      f"champ de plus de {csv.field_size_limit()} caractères")

    for row in readable_rows(reader, too_long):
        yield skipped + reader.line_num, {
            key.strip(): (value or "").strip() for key, value in row.items() if isinstance(key, str)
        }
