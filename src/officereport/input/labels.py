"""The DGDDI label files: code -> label tables shipped in the same zip as the data.

Each file is ``code;label;valid_from;valid_to`` (``Departement_region.txt`` is
``dep;dep_label;region;region_label``), no header, CRLF. Their encodings differ in practice from what
the DGDDI read-me says (A129 is UTF-8 with a BOM, CPF4 is Windows-1252 with quoted labels holding
``;``), so every file is decoded defensively (:mod:`officereport.input.encoding`) and split with
a real CSV parser.

A label line that cannot be read is skipped with a warning: labels only decorate codes, so a bad
one must not stop a run, and the code then simply shows as a code. Control characters are removed
from labels here, once, with a warning naming the line, so that every output can hold them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from officereport.frformat import number
from officereport.input import encoding, geography
from officereport.input.csvrows import readable_rows
from officereport.model import LabelRow
from officereport.text import clean, unwritable

A129 = "a129"
CPF4 = "cpf4"
PARTNERS = "partners"
DEPARTEMENTS = "departements"

# File names as DGDDI has spelt them over the releases (compared without case).
_KIND_BY_FILE_NAME = {
    "libelle_a129.txt": A129,
    "libelle_cpf4_rev2.1.txt": CPF4,
    "libelle_cpf4_rev21.txt": CPF4,
    "libelle_cpf4.txt": CPF4,
    "libelle_pays.txt": PARTNERS,
    "departement_region.txt": DEPARTEMENTS,
}

# How each code table is named in warnings, and the file a user should add to get its labels.
KIND_NAMES = {A129: "codes A129", CPF4: "codes CPF4", PARTNERS: "codes pays"}
EXPECTED_FILE = {A129: "Libelle_A129.txt", CPF4: "Libelle_CPF4_rev2.1.txt", PARTNERS: "Libelle_PAYS.txt"}

# Real label files weigh tens of kilobytes; more is not a label file, and is not read whole.
MAX_FILE_BYTES = 16 << 20
# The longest real label has under 200 characters; a much longer one is a damaged file.
MAX_LABEL_CHARS = 1000
_SHOWN_CODES = 10  # codes listed in a warning before « … »


def label_kind(file_name: str) -> str | None:
    """The table a file feeds (``A129``, ``CPF4``, ``PARTNERS``, ``DEPARTEMENTS``), or None."""
    return _KIND_BY_FILE_NAME.get(file_name.rsplit("/", 1)[-1].lower())


def _records(name: str, data: bytes, warnings: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, four fields) for each usable line; a warning for each unusable one."""
    text, notes = encoding.decode(name, data)
    warnings.extend(notes)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"')

    def too_long() -> None:
        limit = number(csv.field_size_limit())
        warnings.append(f"{name}:{reader.line_num} : ligne ignorée, champ de plus de {limit} caractères")

    for fields in readable_rows(reader, too_long):
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) != 4:
            warnings.append(f"{name}:{reader.line_num} : ligne ignorée, 4 champs attendus, {len(fields)} trouvés")
            continue
        yield reader.line_num, [f.strip() for f in fields]


def _label(name: str, line: int, code: str, raw: str, warnings: list[str]) -> str | None:
    """The label as outputs may show it, or None (and a warning) when it cannot be one."""
    if len(raw) > MAX_LABEL_CHARS:
        warnings.append(f"{name}:{line} : ligne ignorée, libellé de {number(len(raw))} caractères "
                        f"(au plus {number(MAX_LABEL_CHARS)}) : le code {code} s'affichera sans libellé")
        return None
    if removed := unwritable(raw):
        shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in removed}))
        warnings.append(f"{name}:{line} : caractères de contrôle retirés du libellé de {code} ({shown})")
    return clean(raw)


def read_code_labels(name: str, data: bytes) -> tuple[list[LabelRow], list[str]]:
    """Rows of an A129, CPF4 or country label file, and warnings about lines skipped."""
    warnings: list[str] = []
    rows: list[LabelRow] = []
    for line, (code, label, valid_from, valid_to) in _records(name, data, warnings):
        if not (valid_from.isdigit() and valid_to.isdigit()):
            dates = f"{valid_from!r}, {valid_to!r}"
            warnings.append(f"{name}:{line} : ligne ignorée, dates de validité illisibles ({dates})")
            continue
        if (shown := _label(name, line, code, label, warnings)) is not None:
            rows.append(LabelRow(code, shown, int(valid_from), int(valid_to)))
    return rows, warnings


def read_departement_regions(name: str, data: bytes) -> tuple[int, list[str]]:
    """Check ``Departement_region.txt`` against the built-in geography.

    Validation relies on :mod:`officereport.input.geography`, so the file is only compared with it: a
    département unknown there, or booked in another region, is worth a warning. Returns the number
    of lines read and the warnings.
    """
    warnings: list[str] = []
    rows = 0
    for line, (dep, _dep_label, region, _region_label) in _records(name, data, warnings):
        rows += 1
        known = geography.DEPARTEMENTS.get(dep)
        if known is None:
            warnings.append(f"{name}:{line} : département {dep} inconnu d'officereport")
        elif known.region_code != region:
            warnings.append(
                f"{name}:{line} : département {dep} en région {region}, "
                f"officereport le place en région {known.region_code}"
            )
    return rows, warnings


def codes_without_label(codes: Iterable[str], rows: list[LabelRow]) -> list[str]:
    """Codes (sorted) that no label row names, whatever its validity."""
    labelled = {row.code for row in rows}
    return sorted(set(codes) - labelled)


def unlabelled_warning(kind: str, codes: list[str]) -> str:
    """« 12 codes pays sans libellé (affichage du code) : AA, BB, … »: such codes are kept as they are."""
    shown = ", ".join(codes[:_SHOWN_CODES]) + (", …" if len(codes) > _SHOWN_CODES else "")
    what = KIND_NAMES[kind] if len(codes) > 1 else KIND_NAMES[kind].replace("codes", "code", 1)
    return f"{number(len(codes))} {what} sans libellé (affichage du code) : {shown}"


def missing_file_warning(kind: str) -> str:
    return f"{EXPECTED_FILE[kind]} absent : les {KIND_NAMES[kind]} s'afficheront sans libellé"


def coverage_warnings(trade, rows_by_kind: dict[str, list[LabelRow]]) -> list[str]:
    """What the label files leave out of a trade table: a label file missing, codes without label.

    ``rows_by_kind`` holds the kinds whose label file was read (A129, CPF4, PARTNERS).
    """
    found = []
    for kind, column in ((A129, "a129"), (CPF4, "cpf4"), (PARTNERS, "partner")):
        if kind not in rows_by_kind:
            found.append(missing_file_warning(kind))
        elif unlabelled := codes_without_label(trade[column].cat.categories, rows_by_kind[kind]):
            found.append(unlabelled_warning(kind, unlabelled))
    return found
