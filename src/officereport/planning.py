"""What a year's build writes: every output, its kind, scope and path inside the build folder.

    plan(year, kinds, territories, territories_file) -> [Task]

Paths are made of slugs of codes, ids and names only (:func:`slug`), so that a territory id such
as ``../../x`` or a 400-character name still gives a short file name inside the folder; each path
is checked by ``paths.safe_relative`` here, before any output is written. Two territories whose
ids or files differ only by case are refused: Windows and macOS would see one file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from officereport.input import geography
from officereport.input.territories import Territory
from officereport.model import InputError, Problem
from officereport.publish.paths import safe_relative

DEPARTEMENT_WORKBOOK = "departement-workbook"
NATIONAL_WORKBOOK = "national-workbook"
TERRITORY_DECK = "territory-deck"
DEPARTEMENT_DECK = "departement-deck"
WORKBOOK_KINDS = frozenset({DEPARTEMENT_WORKBOOK, NATIONAL_WORKBOOK})
DECK_KINDS = frozenset({TERRITORY_DECK, DEPARTEMENT_DECK})
ALL_KINDS = WORKBOOK_KINDS | DECK_KINDS
_PDF = "-pdf"

SLUG_MAX = 60  # characters; a file name stays far below every system's 255-byte limit
_HASH_CHARS = 8
# Letters NFKD does not split into a base letter and accents.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o",
                            "đ": "d", "ł": "l", "Ł": "l"})


def slug(text: str, max_length: int = SLUG_MAX) -> str:
    """``Industries d’avenir`` -> ``industries-d-avenir``: ASCII, lower case, any apostrophe a hyphen.

    Longer than ``max_length``, or empty once cleaned, it ends with a hash of the whole text, so
    two long names sharing their start still differ.
    """
    letters = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = "".join(c for c in letters if not unicodedata.combining(c)).lower()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if cleaned and len(cleaned) <= max_length:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    head = cleaned[: max_length - _HASH_CHARS - 1].rstrip("-")
    return f"{head}-{digest}" if head else digest


@dataclass(frozen=True)
class OutputFile:
    kind: str
    scope: str  # DGDDI département code, territory id, or "FR"
    path: str  # relative to the build folder, POSIX separators


@dataclass(frozen=True)
class Task:
    """One output to write, and what it presents."""

    output: OutputFile
    departements: tuple[str, ...] = ()
    title: str = ""


def pdf_kind(kind: str) -> str:
    """The kind of the PDF made from an output of ``kind``: ``departement-deck`` -> ``departement-deck-pdf``.

    One PDF kind per source kind, so that carrying the workbooks over (a template change) carries
    their PDFs over too."""
    return kind + _PDF


def is_pdf_kind(kind: str) -> bool:
    return kind.endswith(_PDF)


def with_pdfs(kinds: frozenset[str]) -> frozenset[str]:
    """``kinds`` and the PDF kind of each."""
    return kinds | {pdf_kind(kind) for kind in kinds if not is_pdf_kind(kind)}


def pdf_output(source: OutputFile) -> OutputFile:
    """The PDF beside ``source``: same folder, same stem."""
    stem = source.path.rsplit(".", 1)[0]
    return OutputFile(pdf_kind(source.kind), source.scope, f"{stem}.pdf")


def plan(year: int, kinds: frozenset[str], territories: list[Territory] | None,
         territories_file: Path | None = None) -> list[Task]:
    """Every output of the year, national workbook first (it is the longest to write)."""
    tasks: list[Task] = []
    if NATIONAL_WORKBOOK in kinds:
        tasks.append(Task(OutputFile(NATIONAL_WORKBOOK, geography.FRANCE_CODE, f"national-{year}.xlsx")))
    for code, dep in geography.DEPARTEMENTS.items():
        name = f"{code}-{slug(dep.name)}-{year}"  # codes: fixed DGDDI constants
        if DEPARTEMENT_WORKBOOK in kinds:
            tasks.append(Task(OutputFile(DEPARTEMENT_WORKBOOK, code, f"departements/{name}.xlsx"), (code,)))
        # Decks in their own folder: a workbook's PDF and a deck's PDF never share a name.
        if DEPARTEMENT_DECK in kinds and territories is None:
            tasks.append(Task(OutputFile(DEPARTEMENT_DECK, code, f"presentations/{name}.pptx"), (code,)))
    if TERRITORY_DECK in kinds and territories is not None:
        _refuse_case_twins(territories, year, territories_file)
        for t in territories:
            path = f"territoires/{slug(t.id, 24)}-{slug(t.name)}-{year}.pptx"
            tasks.append(Task(OutputFile(TERRITORY_DECK, t.id, path), t.departements, t.name))
    for task in tasks:
        safe_relative(task.output.path)
    return tasks


def _refuse_case_twins(territories: list[Territory], year: int, file: Path | None) -> None:
    """Ids equal but for case, or names giving the same file, are one file on Windows and macOS."""
    seen: dict[str, Territory] = {}
    problems = []
    for t in territories:
        for key in (f"id:{t.id.casefold()}", f"file:{slug(t.id, 24)}-{slug(t.name)}"):
            other = seen.setdefault(key, t)
            if other is not t:
                what = "des identifiants qui ne diffèrent que par la casse" if key.startswith("id:") else \
                    "le même nom de fichier"
                problems.append(Problem(
                    str(file or "territoires"), None, "duplicate-territory",
                    f"les territoires « {other.id} » ({other.name}) et « {t.id} » ({t.name}) ont {what} "
                    f"(territoires/{slug(t.id, 24)}-{slug(t.name)}-{year}.pptx) : Windows et macOS n'y "
                    "verraient qu'un fichier ; corriger l'un des deux"))
                break
    if problems:
        raise InputError(problems)
