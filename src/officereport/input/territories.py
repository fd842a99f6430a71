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
from dataclasses import dataclass
from pathlib import Path

from officereport.input.geography import dgddi_from_commune, dgddi_from_insee_departement
from officereport.model import InputError, Problem

ID, NAME = "id_ti", "lib_ti"
COMMUNE, DEPARTEMENTS = "insee_com", "departements"
GEOJSON_FIELDS = ("id_territoire", "lib_territoire", "liste_geo")
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
        self.faulty: set[str] = set()  # territories with a bad member, already reported

    def problem(self, line: int | None, rule: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, rule, message))

    def start(self, line: int | None, territory_id: str, name: str) -> bool:
        """Open a territory; False (and a problem) when the id is empty or already used."""
        if not territory_id:
            self.problem(line, "missing-id", "territory without an id")
            return False
        if territory_id in self.names:
            seen = self.first_line[territory_id]
            where = f" (first on line {seen})" if seen else ""
            self.problem(line, "duplicate-id", f"territory id {territory_id!r} appears twice{where}")
            return False
        self.names[territory_id] = name
        self.communes[territory_id] = Counter()
        self.first_line[territory_id] = line
        return True

    def add_commune(self, line: int | None, territory_id: str, commune: str) -> None:
        try:
            self.communes[territory_id][dgddi_from_commune(commune)] += 1
        except KeyError:
            self.faulty.add(territory_id)
            self.problem(line, "unknown-commune", f"{commune!r} in {territory_id} is not an INSEE commune code")

    def add_departement(self, line: int, territory_id: str, code: str) -> None:
        """A département listed by hand: no commune count is known, so all count one (order kept)."""
        try:
            dgddi = dgddi_from_insee_departement(code)
        except KeyError:
            self.faulty.add(territory_id)
            self.problem(line, "unknown-departement", f"{code!r} in {territory_id} is not an INSEE département code")
            return
        self.communes[territory_id].setdefault(dgddi, 1)

    def territories(self) -> list[Territory]:
        for territory_id, counts in self.communes.items():
            if not counts and territory_id not in self.faulty:
                self.problem(self.first_line[territory_id], "no-departement", f"territory {territory_id} has no member")
        if self.problems:
            raise InputError(self.problems)
        # Counter.most_common keeps first-seen order among equal counts.
        return [
            Territory(territory_id, self.names[territory_id], tuple(d for d, _ in counts.most_common()))
            for territory_id, counts in self.communes.items()
        ]


def read_territories(path: Path) -> list[Territory]:
    """Territories of an ANCT GeoJSON, an ANCT commune CSV or a simple département CSV, in file order.

    Raises model.InputError listing every problem (file, line, rule) when the file cannot be used.
    """
    file = str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # spreadsheet exports on French Windows
    if not text.strip():
        raise InputError([Problem(file, None, "empty-file", "the file is empty")])
    if text.lstrip().startswith("{"):
        return _read_geojson(text, _Collector(file))
    return _read_csv(text, _Collector(file))


def _read_geojson(text: str, found: _Collector) -> list[Territory]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        found.problem(error.lineno, "invalid-json", error.msg)
        raise InputError(found.problems) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        found.problem(None, "unknown-format", "JSON without a GeoJSON 'features' list")
        raise InputError(found.problems)
    if not features:
        found.problem(None, "empty-file", "the GeoJSON holds no feature")
    elif _lists_epci(features[0]):
        found.problem(None, "unknown-format", "liste_geo names EPCI (SIREN codes), not communes: use the communes file")
        raise InputError(found.problems)
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        missing = [name for name in GEOJSON_FIELDS if name not in properties]
        if missing:
            found.problem(None, "missing-column", f"feature {number} lacks {', '.join(missing)}")
            continue
        territory_id = str(properties["id_territoire"]).strip()
        if found.start(None, territory_id, str(properties["lib_territoire"]).strip()):
            for member in str(properties["liste_geo"]).split(";"):
                if member.strip():
                    code = _MEMBER_CODE.search(member)
                    found.add_commune(None, territory_id, code.group(1) if code else member.strip())
    return found.territories()


def _lists_epci(feature: dict) -> bool:
    members = str((feature.get("properties") or {}).get("liste_geo", "")).split(";")
    codes = [_MEMBER_CODE.search(member) for member in members if member.strip()]
    return bool(codes) and all(code and re.fullmatch(r"\d{9}", code.group(1)) for code in codes)


def _read_csv(text: str, found: _Collector) -> list[Territory]:
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = {name.strip() for name in reader.fieldnames or ()}
    by_commune = COMMUNE in columns
    wanted = (ID, NAME, COMMUNE if by_commune else DEPARTEMENTS)
    missing = [name for name in wanted if name not in columns]
    if missing:
        kinds = f"{ID}, {NAME} and either {COMMUNE} (one row per commune) or {DEPARTEMENTS}"
        found.problem(1, "missing-column", f"missing {', '.join(missing)}; expected {kinds}")
        raise InputError(found.problems)
    rows = 0
    for raw in reader:
        row = {(key or "").strip(): (value or "").strip() for key, value in raw.items()}
        line, rows = reader.line_num, rows + 1
        territory_id = row[ID]
        if by_commune:
            if territory_id in found.names or found.start(line, territory_id, row[NAME]):
                found.add_commune(line, territory_id, row[COMMUNE])
        elif found.start(line, territory_id, row[NAME]):
            for code in filter(None, (part.strip() for part in re.split(r"[|,]", row[DEPARTEMENTS]))):
                found.add_departement(line, territory_id, code)
    if not rows:
        found.problem(None, "empty-file", "the file has a header but no territory")
    return found.territories()
