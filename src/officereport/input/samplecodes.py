"""The sample generator's own small code tables, read from ``samplecodes.toml``.

Codes are real (A129 groups, CPF rev. 2.1 level-4 products, EU geonomenclature partners); the
labels are short wordings of our own, not the official sentences. Nothing here is read from a
DGDDI download.
"""

from __future__ import annotations

from officereport.input import sampletables

_TABLES = sampletables.read("samplecodes.toml")

# A129 group -> short label.
A129_LABELS: dict[str, str] = _TABLES["a129_labels"]
# A129 group -> its CPF4 products used by the generator, with their short labels.
CPF4_BY_A129: dict[str, dict[str, str]] = _TABLES["cpf4_by_a129"]
# Partner codes whose French names come from babel.
PARTNER_COUNTRIES: list[str] = _TABLES["partners"]["countries"].split()
# Labels of our own for partner codes that are not countries or that babel spells otherwise.
PARTNER_LABELS: dict[str, str] = _TABLES["partner_labels"]
# (code, old label, old validity from, old validity to, current meaning from): label rows given twice.
PARTNER_OLD_ROWS: tuple[tuple[str, str, int, int, int], ...] = tuple(
    tuple(row) for row in _TABLES["partners"]["old_rows"]
)
