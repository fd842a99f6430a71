"""The « Méthode » sheet: where the figures come from and how to read them."""

from __future__ import annotations

import os

from xlsxwriter.workbook import Workbook

from officereport.excel.formats import Formats
from officereport.excel.layout import (
    Column,
    add_sheet,
    freeze_and_repeat,
    text_width,
    utc_naive,
    write_paragraph,
    write_table,
)
from officereport.model import SAMPLE_WARNING, Provenance
from officereport.wording.evolution import METHOD_NOTE as EVOLUTION_METHOD
from officereport.wording.texts import CAVEATS, LICENCE, WORKBOOK_UNITS, data_source

SHEET = "Méthode"
CAVEAT_CHARS = 140  # the caveats' lines: the sources table under them is wider than a paragraph
FILE_NAME_CHARS = 100  # the widest the file column grows; a longer name is shown cut, kept whole in its cell


def write_method_sheet(wb: Workbook, fmt: Formats, prov: Provenance, table_name: str = "Sources") -> None:
    ws, row = add_sheet(wb, fmt, SHEET, "Méthode et sources", prov)
    freeze_and_repeat(ws, row - 1)
    facts = [
        ("Année des données", str(prov.year)),
        ("Source", data_source(prov) if prov.is_sample else f"{data_source(prov)}, {LICENCE}"),
        ("Version de l'outil", f"officereport {prov.tool_version}"),
        ("Construit le (UTC)", None),
        ("Données fictives", "OUI — " + SAMPLE_WARNING if prov.is_sample else "non"),
    ]
    ws.set_column(0, 0, 26)
    for label, value in facts:
        ws.write_string(row, 0, label, fmt.label)
        if value is None:
            ws.write_datetime(row, 1, utc_naive(prov.built_at), fmt.datetime)
        else:
            ws.write_string(row, 1, value, fmt.warning if prov.is_sample and label == "Données fictives" else fmt.text)
        row += 1

    row += 1
    ws.write_string(row, 0, "Précisions méthodologiques", fmt.label)
    for caveat in (*CAVEATS, WORKBOOK_UNITS, EVOLUTION_METHOD):
        row = write_paragraph(ws, row + 1, 0, f"• {caveat}", fmt.text, width=CAVEAT_CHARS) - 1
    row += 3

    ws.write_string(row - 1, 0, "Fichiers lus", fmt.label)
    names = relative_names([s.name for s in prov.sources])
    # A file is named whole (DGDDI's run to some 70 characters with their zip), unlike the labels
    # of other tables. Column B is wide enough for the build date written above the table as well.
    columns = [Column("Fichier", "text", text_width(names, most=FILE_NAME_CHARS)), Column("Type", "text", 18),
               Column("Lignes", "integer", 14), Column("SHA-256", "text", 70)]
    kinds = {"data": "données", "labels": "libellés"}
    rows = [[name, kinds.get(s.kind, s.kind), s.rows, s.sha256] for name, s in zip(names, prov.sources)]
    write_table(ws, fmt, row, 0, table_name, columns, rows)


def relative_names(names: list[str]) -> list[str]:
    """Input names from the folder that holds them all: a workbook sent around says
    ``dgddi-2024.zip!Libelle_A129.txt``, not the local ``/tmp/…/dgddi-2024.zip!Libelle_A129.txt``.

    A name is a path, or ``archive.zip!member`` for a zip member; the SHA-256 beside it identifies
    the file wherever it is.
    """
    files = [name.split("!", 1)[0] for name in names]
    if not files:
        return []
    root = os.path.commonpath([os.path.dirname(f) for f in files]) if all(map(os.path.isabs, files)) else ""
    return [
        os.path.relpath(f, root).replace(os.sep, "/") + name[len(f):] if root else name
        for f, name in zip(files, names)
    ]
