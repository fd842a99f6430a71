"""The national workbook's « Évolution et dépendance » sheet: every département's change since N-1
(absent without N-1, the sheet says why), its concentration and exposure figures, the largest
rises and falls in euros, and France's yearly series."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.evolution import NationalEvolution
from officereport.excel.evolution import SHEET
from officereport.excel.formats import Formats
from officereport.excel.layout import (
    Column,
    add_sheet,
    colour_balance,
    freeze_and_repeat,
    write_key,
    write_paragraph,
    write_table,
)
from officereport.excel.series import write_series
from officereport.indicators import DepartementIndicators, NationalIndicators
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, Provenance
from officereport.style import as_fraction
from officereport.wording import FRANCE_WHOLE
from officereport.wording import evolution as words
from officereport.wording import series as series_words

CHANGE_EUR = "Évolution (€)"


def _dependency_columns(focus: str) -> list[Column]:
    columns = []
    for what in ("export", "import"):
        columns += [Column(f"Part du 1er pays {what}", "pct", 12), Column(f"IHH des pays {what}", "integer", 12),
                    Column(f"IHH des produits {what}", "integer", 12), Column(f"Part {focus} {what}", "pct_small", 12)]
    return [*columns, Column("Produits dépendants", "integer", 12)]


def _dependency_values(ind: DepartementIndicators) -> list:
    dep = ind.dependency
    assert dep is not None
    values: list = []
    for flow in (EXPORT, IMPORT):
        c = dep.concentration(flow)
        values += [as_fraction(c.top1_share_pct), c.hhi_partners, c.hhi_products,
                   as_fraction(dep.focus.share_pct(flow))]
    return [*values, len(dep.dependent_products)]


def write_national_evolution_sheet(wb: Workbook, fmt: Formats, nat: NationalIndicators, prov: Provenance) -> None:
    evo = nat.evolution
    title = f"{SHEET} des départements ({nat.year})"
    ws, row = add_sheet(wb, fmt, SHEET, title, prov)
    key = words.DEPENDENCY_KEY if evo is None else f"{words.EVOLUTION_KEY} {words.DEPENDENCY_KEY}"
    row = write_key(ws, fmt, row, key, prov)
    if evo is None:
        row = write_paragraph(ws, row, 0, words.no_previous_year(nat.year), fmt.warning) + 1
    columns = [Column("Code", "text", 7), Column("Département", "text", 24)]
    changes = {}
    if evo is not None:
        before, now = evo.previous_year, evo.year
        for flow in (EXPORT, IMPORT):
            columns += [Column(f"{FLOW_NAMES[flow]} {before} (€)", "meur", 16),
                        Column(f"{FLOW_NAMES[flow]} {now} (€)", "meur", 16),
                        Column(f"Évolution {'export' if flow == EXPORT else 'import'} (%)", "pct", 12)]
        changes = {
            d.code: [d.exports_eur_previous, d.exports_eur, as_fraction(d.exports_change_pct),
                     d.imports_eur_previous, d.imports_eur, as_fraction(d.imports_change_pct)]
            for d in evo.departements
        }
    columns += _dependency_columns(nat.focus)
    rows = [[code, ind.departement.name, *changes.get(code, []), *_dependency_values(ind)]
            for code, ind in nat.departements.items()]
    table = write_table(ws, fmt, row, 0, "EvolutionDepartements", columns, rows)
    freeze_and_repeat(ws, table.header_row)
    row = table.last_row + 2
    if evo is not None:
        row = _moves(ws, fmt, evo, row)
    write_series(wb, ws, fmt, nat.france.series, prov, row, f"{series_words.TABLE_TITLE}, {FRANCE_WHOLE}")


def _moves(ws: Worksheet, fmt: Formats, evo: NationalEvolution, row: int) -> int:
    """The largest rises and falls in euros, per flow; returns the next free row."""
    ws.write_string(row, 0, f"Plus fortes hausses et baisses, {evo.previous_year} → {evo.year}", fmt.title)
    moves = [(FLOW_NAMES[flow], sense, d.code, d.name, d.change_eur(flow),
              as_fraction(d.exports_change_pct if flow == EXPORT else d.imports_change_pct))
             for flow in (EXPORT, IMPORT)
             for sense, picked in (("Hausse", evo.largest_rises(flow)), ("Baisse", evo.largest_falls(flow)))
             for d in picked]
    columns = [Column("Flux", "text", 14), Column("Sens", "text", 9), Column("Code", "text", 7),
               Column("Département", "text", 24), Column(CHANGE_EUR, "meur", 16), Column("Évolution (%)", "pct", 12)]
    table = write_table(ws, fmt, row + 1, 0, "HaussesBaisses", columns, moves)
    colour_balance(ws, fmt, table, CHANGE_EUR)
    return table.last_row + 2
