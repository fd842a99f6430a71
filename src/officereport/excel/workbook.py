"""The workbook of one département: its indicators as Excel tables, with native charts over them.

Sheets, in reading order: Synthèse, Partenaires, Activités, Flux export, Flux import,
Région et France, Évolution et dépendance, Évolution par pays (with year N-1 only), Méthode. Every
figure comes from the indicators; nothing is recomputed here except sums and signs needed for
display (row totals, imports drawn negative).
"""

from __future__ import annotations

from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport import wording
from officereport.excel import butterfly, cells, layout
from officereport.excel import evolution as change
from officereport.excel.activities import add_activity_chart
from officereport.excel.flowmatrix import write_flow_matrix
from officereport.excel.formats import Formats
from officereport.excel.layout import Column, TableRef
from officereport.excel.method import SHEET as METHOD_SHEET
from officereport.excel.method import write_method_sheet
from officereport.indicators import AreaIndicators, DepartementIndicators, FlowView, Totals
from officereport.indicators import rows as table_rows
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, Provenance
from officereport.wording.keys import PARTNERS_KEY, activities_table_key, comparison_key, summary_key

TOP_ACTIVITIES = 10
FLOW_TABLE_NAMES = {EXPORT: "FluxExport", IMPORT: "FluxImport"}
MATRIX_NAMES = {EXPORT: "MatriceExport", IMPORT: "MatriceImport"}
FLOW_SHEETS = {EXPORT: "Flux export", IMPORT: "Flux import"}
# Long-format columns: the flow view's source first, then its target.
PRODUCT_COLUMNS = [Column("Code A129", "text", 11), Column("Produit", "text")]
COUNTRY_COLUMNS = [Column("Code pays", "text", 10), Column("Pays", "text")]
MATRIX_PRINT_COLUMNS = 13  # label, 11 flow columns, total


def write_departement_workbook(ind: DepartementIndicators, prov: Provenance, path: Path) -> None:
    """Write the département's workbook to ``path`` (an .xlsx file)."""
    dep = ind.departement
    name = wording.departement_label(dep)
    subject = f"{wording.PUBLICATION}, {name}, région {dep.region.name}"
    with layout.new_workbook(path, prov, f"Commerce extérieur {ind.year} — {name}", subject) as (wb, fmt):
        _summary_sheet(wb, fmt, ind, prov)
        _partners_sheet(wb, fmt, ind, prov)
        _activities_sheet(wb, fmt, ind, prov)
        for flow in (EXPORT, IMPORT):
            _flow_sheet(wb, fmt, ind, prov, flow)
        _comparison_sheet(wb, fmt, ind, prov)
        change.write_evolution_sheet(wb, fmt, ind, prov)
        change.write_partner_changes_sheet(wb, fmt, ind, prov)
        write_method_sheet(wb, fmt, prov)


def _summary_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance) -> None:
    dep, t = ind.departement, ind.totals
    ws, row = layout.add_sheet(
        wb, fmt, "Synthèse", f"Commerce extérieur {ind.year} — {wording.departement_label(dep)}", prov,
        subtitle=f"{wording.PUBLICATION} · région {dep.region.name}",
    )
    row = layout.write_key(ws, fmt, row, summary_key(not t.alone_in_region), prov)
    contents = _contents(ind)
    # Column A also holds the names of the sheets listed under the table, each shown whole.
    first_width = max(16, layout.text_width(sheet for sheet, _ in contents))
    columns = [
        Column("Flux", "text", first_width), Column("Valeur (€)", "meur", 16), Column("Part de la région", "pct", 12),
        Column("Part de la France", "pct_small", 12), Column("Valeur de la région (€)", "meur", 16),
        Column("Valeur de la France (€)", "meur", 16),
    ]
    rows = [
        [FLOW_NAMES[flow], t.total(flow), t.share_of_region_pct(flow) / 100, t.share_of_france_pct(flow) / 100,
         t.region_total(flow), t.france_total(flow)]
        for flow in (EXPORT, IMPORT)
    ]
    if t.alone_in_region:  # the region columns would only say 100 % and the same values
        row = layout.write_paragraph(ws, row - 1, 0, wording.alone_in_region_sentence(dep), fmt.key) + 1
        columns, rows = [columns[0], columns[1], columns[3], columns[5]], [[r[0], r[1], r[3], r[5]] for r in rows]
    extra, values = change.summary_columns(ind)
    rows = [[*r, *v] for r, v in zip(rows, values)]
    table = layout.write_table(ws, fmt, row, 0, "Synthese", [*columns, *extra], rows)
    layout.freeze_and_repeat(ws, table.header_row)
    row = table.last_row + 1
    ws.write_string(row, 0, "Solde commercial", fmt.label)
    ws.write_number(row, 1, t.balance_eur, fmt.meur)
    row += 2
    for flow in (EXPORT, IMPORT):
        row = layout.write_paragraph(ws, row, 0, wording.total_with_shares(flow, t, dep.region), fmt.text)
    row += 1
    ws.write_string(row, 0, "Contenu du classeur", fmt.label)
    for sheet, what in contents:
        row += 1
        ws.write_string(row, 0, sheet, fmt.text)
        ws.write_string(row, 1, what, fmt.text)


def _contents(ind: DepartementIndicators) -> tuple[tuple[str, str], ...]:
    """The sheets after the summary, each with what it shows."""
    t = ind.totals
    return (
        ("Partenaires", "principaux pays partenaires à l'import et à l'export, et solde par pays"),
        ("Activités", "groupes de produits (A129) exportés et importés, avec leur part du flux"),
        (FLOW_SHEETS[EXPORT], "quel produit est exporté vers quel pays"),
        (FLOW_SHEETS[IMPORT], "quel pays fournit quel produit"),
        (_comparison_name(t), "les mêmes flux pour la France" if t.alone_in_region else
         "les mêmes flux pour la région et pour la France"),
        (change.SHEET, "évolution depuis l'année précédente, concentration des échanges et produits dépendants"),
        *([(change.PARTNERS_SHEET, "évolution de chaque pays partenaire depuis l'année précédente")]
          if ind.evolution else []),
        (METHOD_SHEET, "sources, empreintes des fichiers et précisions méthodologiques"),
    )


def _partners_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance) -> None:
    title = wording.partners_title(ind)
    ws, row = layout.add_sheet(wb, fmt, "Partenaires", title, prov)
    row = layout.write_key(ws, fmt, row, PARTNERS_KEY, prov)
    p = ind.partners
    columns = [
        Column("Code pays", "text", 10), Column(butterfly.COUNTRY, "text"), Column(butterfly.IMPORTS, "meur", 16),
        Column(butterfly.EXPORTS, "meur", 16), Column(butterfly.BALANCE, "meur", 16),
        Column(butterfly.IMPORTS_NEGATIVE, "meur", 16, hidden=True),
    ]
    partners = table_rows(p, "partner", "partner_name", "imports_eur", "exports_eur", "balance_eur")
    extra, values = change.partner_columns(ind, [r[0] for r in partners])
    rows = [(*r, -r[2], *v) for r, v in zip(partners, values)]  # imports again, negative: the butterfly's left side
    table = layout.write_table(ws, fmt, row, 0, "Partenaires", [*columns, *extra], rows)
    layout.freeze_and_repeat(ws, table.header_row)
    layout.colour_balance(ws, fmt, table, butterfly.BALANCE)
    if table.n_rows:
        butterfly.add_butterfly(wb, ws, table, [r[1:] for r in partners], title, table.first_row, table.last_col + 2)


def _activities_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance) -> None:
    ws, row = layout.add_sheet(wb, fmt, "Activités", wording.activities_title(ind), prov)
    key = f"{activities_table_key(TOP_ACTIVITIES)} {wording.balance_sentence(ind.totals)}"
    row = layout.write_key(ws, fmt, row, key, prov)
    a = ind.activities
    columns = [
        Column("Flux", "text", 14), Column("Code A129", "text", 11), Column("Produit", "text"),
        Column("Valeur (€)", "meur", 16), Column("Part du flux", "pct", 12),
    ]
    activities = table_rows(a, "flow", "a129", "a129_name", "value_eur", "share_pct")
    extra, values = change.activity_columns(ind, [(flow, code) for flow, code, *_ in activities])
    rows = [(FLOW_NAMES[flow], code, name, value, share / 100, *v)
            for (flow, code, name, value, share), v in zip(activities, values)]
    table = layout.write_table(ws, fmt, row, 0, "Activites", [*columns, *extra], rows)
    layout.freeze_and_repeat(ws, table.header_row)
    n_exports = sum(r[0] == EXPORT for r in activities)
    blocks = {EXPORT: (0, n_exports), IMPORT: (n_exports, len(a))}
    chart_row = table.first_row
    for flow in (EXPORT, IMPORT):
        start, end = blocks[flow]
        if end > start:
            title = wording.activities_flow_title(ind, flow)
            top = [(r[2], r[3]) for r in activities[start:min(end, start + TOP_ACTIVITIES)]]
            chart_row = add_activity_chart(wb, ws, table, flow, top, start, title, chart_row, table.last_col + 2)


def _flow_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance, flow: str) -> None:
    view = ind.flows(flow)
    title = wording.flows_title(view, ind.year)
    subtitle = wording.total_with_shares(flow, ind.totals, ind.departement.region)
    ws, row = layout.add_sheet(wb, fmt, FLOW_SHEETS[flow], title, prov, subtitle=subtitle)
    row = layout.write_source(ws, fmt, row, prov) + 1
    below_chart = write_flow_matrix(wb, ws, fmt, view, MATRIX_NAMES[flow], title, row)
    table = _write_flow_table(ws, fmt, view, FLOW_TABLE_NAMES[flow], row, MATRIX_PRINT_COLUMNS + 1)
    layout.freeze_and_repeat(ws, table.header_row)
    # The long table beside the matrix is data for filters and other tools; the page shows the
    # matrix, its key and its chart, on one page. Fitted to the width only, a narrow matrix is
    # printed so large that the foot of the chart went over to a second page.
    ws.print_area(0, 0, below_chart - 1, MATRIX_PRINT_COLUMNS - 1)
    ws.fit_to_pages(1, 1)


def _write_flow_table(ws: Worksheet, fmt: Formats, view: FlowView, name: str, row: int, col: int) -> TableRef:
    """The flow view in long format, one row per pair, the five red flows in red."""
    source, target = (PRODUCT_COLUMNS, COUNTRY_COLUMNS) if view.flow == EXPORT else (COUNTRY_COLUMNS, PRODUCT_COLUMNS)
    columns = [*source, *target, Column("Valeur (€)", "meur", 16), Column("Top 5", "bool", 8)]
    rows = table_rows(view.table, "source_code", "source_name", "target_code", "target_name", "value_eur", "top5")
    table = layout.write_table(ws, fmt, row, col, name, columns, rows)
    if table.n_rows:
        top = xl_rowcol_to_cell(table.first_row, table.col("Top 5"), col_abs=True)
        ws.conditional_format(
            table.first_row, table.first_col, table.last_row, table.last_col,
            {"type": "formula", "criteria": f"={top}=TRUE", "format": fmt.deficit},
        )
    return table


def _comparison_name(totals: Totals) -> str:
    return "France" if totals.alone_in_region else "Région et France"


def _comparison_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance) -> None:
    """The département beside its region and France; without the region when it would repeat the
    département (said on the summary sheet)."""
    dep, t = ind.departement, ind.totals
    areas: list[tuple[AreaIndicators, str]] = [(ind.region, "Region"), (ind.france, "France")]
    with_whom = f"{wording.region_phrase(dep.region)} et la France"
    if t.alone_in_region:
        areas, with_whom = areas[1:], "la France"
    ws, row = layout.add_sheet(wb, fmt, _comparison_name(t), f"Comparaison avec {with_whom} ({ind.year})", prov)
    # Frozen on screen but not repeated in print: each flow view fills its own page.
    ws.freeze_panes(row, 0)
    row = layout.write_key(ws, fmt, row, comparison_key(not t.alone_in_region), prov)
    columns = [
        Column("Territoire", "text", 30), Column("Exportations (€)", "meur", 16),
        Column("Importations (€)", "meur", 16), Column("Solde (€)", "meur", 16),
        Column("Part du département à l'export", "pct_small", 16),
        Column("Part du département à l'import", "pct_small", 16),
    ]
    rows = [[dep.name, t.exports_eur, t.imports_eur, t.balance_eur, 1.0, 1.0]] + [
        [a.scope.name, a.exports_eur, a.imports_eur, a.exports_eur - a.imports_eur,
         layout.fraction(t.exports_eur, a.exports_eur), layout.fraction(t.imports_eur, a.imports_eur)]
        for a, _ in areas
    ]
    table = layout.write_table(ws, fmt, row, 0, "Comparaison", columns, rows)
    layout.colour_balance(ws, fmt, table, "Solde (€)")
    row = table.last_row + 3
    breaks = [row - 1]  # the comparison table on the first page, then one flow view per page
    for area, prefix in areas:
        for flow in (EXPORT, IMPORT):
            view = area.flows(flow)
            title = wording.flows_title(view, ind.year)
            ws.write_string(row, 0, cells.text(title), fmt.title)
            ws.write_string(row + 1, 0, wording.total_sentence(flow, area.total(flow)), fmt.subtitle)
            name = f"Matrice{prefix}{'Export' if flow == EXPORT else 'Import'}"
            row = write_flow_matrix(wb, ws, fmt, view, name, title, row + 3) + 1
            breaks.append(row - 1)
    ws.set_h_pagebreaks(breaks[:-1])  # one flow view per printed page
