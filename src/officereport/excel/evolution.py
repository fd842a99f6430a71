"""The change since N-1 and the dependency figures of one département's workbook.

The sheet « Évolution et dépendance » holds the totals, the yearly series and the dependency tables,
each part printed on a page of its own under its reading key; the sheet « Évolution par pays »
holds every partner country's change (with a clustered bar chart per flow, N-1 beside N), its
header and key repeated on every printed page. ``*_columns`` give the previous-year and
change columns that the Synthèse, Partenaires and Activités tables append: none without N-1, so
that a missing year is an absent column, never a column of zeros. A change with no previous value
(« nouveau ») is an empty cell, and so is the imports-to-exports ratio of a product not exported.
"""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from officereport.excel.charts import category_axis, insert_chart, value_axis
from officereport.excel.formats import Formats
from officereport.excel.layout import (
    Column,
    TableRef,
    add_sheet,
    freeze_and_repeat,
    write_key,
    write_paragraph,
    write_table,
)
from officereport.excel.series import write_series
from officereport.indicators import DepartementIndicators
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, Provenance
from officereport.style import FLOW_COLOURS, MUTED, as_fraction, css
from officereport.wording import departement_label
from officereport.wording import evolution as words

SHEET = "Évolution et dépendance"
PARTNERS_SHEET = "Évolution par pays"
CHARTED_PARTNERS = 10
FLOW_HEADERS = {EXPORT: "export", IMPORT: "import"}


def _change_columns(previous_year: int, what: str = "") -> list[Column]:
    suffix = f" {what}" if what else ""
    return [Column(f"Valeur {previous_year}{suffix} (€)", "meur", 16), Column(f"Évolution{suffix} (%)", "pct", 12)]


def summary_columns(ind: DepartementIndicators) -> tuple[list[Column], list[tuple]]:
    """Columns for the Synthèse table (exports row, imports row): value in N-1 and change."""
    if not ind.evolution:
        return [], [(), ()]
    t = ind.evolution.totals
    return _change_columns(ind.evolution.previous_year), [
        (t.exports_eur_previous, as_fraction(t.exports_change_pct)),
        (t.imports_eur_previous, as_fraction(t.imports_change_pct))]


def partner_columns(ind: DepartementIndicators, codes: Sequence[str]) -> tuple[list[Column], list[tuple]]:
    """Columns for the Partenaires table rows ``codes``: imports and exports in N-1, and their change."""
    if not ind.evolution:
        return [], [() for _ in codes]
    year = ind.evolution.previous_year
    columns = [*_change_columns(year, "import"), *_change_columns(year, "export")]
    by_code = {p.code: p for p in ind.evolution.partners}
    return columns, [(p.imports_eur_previous, as_fraction(p.imports_change_pct), p.exports_eur_previous,
                      as_fraction(p.exports_change_pct)) for p in (by_code[c] for c in codes)]


def activity_columns(ind: DepartementIndicators, keys: Sequence[tuple[str, str]]) -> tuple[list[Column], list[tuple]]:
    """Columns for the Activités table rows ``keys`` (flow, A129 code): value in N-1 and change."""
    if not ind.evolution:
        return [], [() for _ in keys]
    by_key = {(p.flow, p.a129): p for p in ind.evolution.products}
    return _change_columns(ind.evolution.previous_year), [
        (by_key[k].value_eur_previous, as_fraction(by_key[k].change_pct)) for k in keys]


def write_evolution_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance) -> None:
    """Totals and the yearly series, then the concentration and exposure tables, then the dependent
    products: each part starts a printed page under its reading key (the second goes on with the
    first when there is no series to show).

    Nothing is frozen or repeated in print: the sheet holds several tables one under the other.
    """
    title = f"{SHEET} — {departement_label(ind.departement)}"
    ws, row = add_sheet(wb, fmt, SHEET, title, prov)
    evo = ind.evolution
    if evo:
        ws.write_string(row, 0, words.evolution_title(evo.year, evo.previous_year), fmt.title)
        for flow in (EXPORT, IMPORT):
            row += 1
            ws.write_string(row, 0, words.change_sentence(flow, evo.totals, evo.year), fmt.text)
        row += 2
    else:
        row = write_paragraph(ws, row, 0, words.no_previous_year(ind.year), fmt.warning) + 1
    row = write_series(wb, ws, fmt, ind.series, prov, row)
    if ind.dependency:
        starts = _dependency_tables(ws, fmt, ind, prov, row)
        # Without the series' table and its key, the first page reads on into the concentration's key.
        ws.set_h_pagebreaks(starts if ind.series and ind.series.points else starts[1:])


def write_partner_changes_sheet(wb: Workbook, fmt: Formats, ind: DepartementIndicators, prov: Provenance) -> None:
    """« Évolution par pays »: every partner country in N or N-1, both flows; no sheet without N-1."""
    evo = ind.evolution
    if not evo:
        return
    title = f"Évolution par pays partenaire, {evo.previous_year} → {evo.year} — {departement_label(ind.departement)}"
    ws, row = add_sheet(wb, fmt, PARTNERS_SHEET, title, prov)
    row = write_key(ws, fmt, row, words.EVOLUTION_KEY, prov)
    now, before = str(evo.year), str(evo.previous_year)
    columns = [Column("Code pays", "text", 10), Column("Pays", "text")]
    for flow in (EXPORT, IMPORT):
        what = FLOW_HEADERS[flow]
        columns += [Column(f"{FLOW_NAMES[flow]} {before} (€)", "meur", 16),
                    Column(f"{FLOW_NAMES[flow]} {now} (€)", "meur", 16), Column(f"Évolution {what} (%)", "pct", 12)]
    rows = [(p.code, p.name, p.exports_eur_previous, p.exports_eur, as_fraction(p.exports_change_pct),
             p.imports_eur_previous, p.imports_eur, as_fraction(p.imports_change_pct)) for p in evo.partners]
    table = write_table(ws, fmt, row, 0, "EvolutionPartenaires", columns, rows)
    freeze_and_repeat(ws, table.header_row)
    chart_row = table.first_row  # below the rows repeated in print
    for flow in (EXPORT, IMPORT):
        charted = evo.partners[:CHARTED_PARTNERS]
        largest = max((max(p.exports_eur, p.exports_eur_previous) if flow == EXPORT else
                       max(p.imports_eur, p.imports_eur_previous) for p in charted), default=0)
        chart_row = _partner_chart(wb, ws, table, flow, before, now, largest, chart_row)


def _partner_chart(wb: Workbook, ws: Worksheet, table: TableRef, flow: str, before: str, now: str, largest: int,
                   row: int) -> int:
    """N-1 beside N for the first partners of the table (the largest in N, both flows together)."""
    if not table.n_rows:
        return row
    chart = wb.add_chart({"type": "bar"})
    for year, colour in ((before, MUTED), (now, FLOW_COLOURS[flow])):
        header = f"{FLOW_NAMES[flow]} {year} (€)"
        chart.add_series({
            "name": table.header_cell(header), "categories": table.cells("Pays", 0, CHARTED_PARTNERS),
            "values": table.cells(header, 0, CHARTED_PARTNERS), "fill": {"color": css(colour)}, "gap": 60,
        })
    chart.set_x_axis(value_axis(0, largest))
    chart.set_y_axis(category_axis())
    title = f"{FLOW_NAMES[flow]} par pays, {before} et {now}"
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    n = min(table.n_rows, CHARTED_PARTNERS)
    description = f"{title}. Barres groupées : {before} puis {now} pour chaque pays, en millions d'euros."
    return insert_chart(ws, row, table.last_col + 2, chart, description, height=max(300, 80 + 40 * n))


def _dependency_tables(ws: Worksheet, fmt: Formats, ind: DepartementIndicators, prov: Provenance,
                       row: int) -> list[int]:
    """The concentration and exposure tables from ``row``, then the dependent products; the rows where
    these two parts start, each to begin a printed page."""
    dep = ind.dependency
    assert dep is not None
    starts = [row]
    ws.write_string(row, 0, f"Dépendance et exposition ({ind.year})", fmt.title)
    row = write_key(ws, fmt, row + 1, words.CONCENTRATION_KEY, prov)
    columns = [Column("Flux", "text", 16), Column("Part du 1er pays", "pct", 12),
               Column("Part des 3 premiers pays", "pct", 12), Column("IHH des pays", "integer", 12),
               Column("IHH des groupes de produits", "integer", 14)]
    rows = []
    for flow in (EXPORT, IMPORT):
        c = dep.concentration(flow)
        rows.append((FLOW_NAMES[flow], as_fraction(c.top1_share_pct), as_fraction(c.top3_share_pct),
                     c.hhi_partners, c.hhi_products))
    row = write_table(ws, fmt, row, 0, "Concentration", columns, rows).last_row + 2

    focus = dep.focus
    ws.write_string(row, 0, words.focus_sentence(focus, words.country_name(ind, focus.country)), fmt.label)
    columns = [Column("Flux", "text", 16), Column("Code CPF4", "text", 10), Column("Produit", "text"),
               Column("Valeur (€)", "meur", 16), Column("Part des échanges avec le pays", "pct", 14)]
    rows = [(FLOW_NAMES[flow], p.cpf4, p.name, p.value_eur, p.share_pct / 100)
            for flow, products in ((EXPORT, focus.top_exports), (IMPORT, focus.top_imports)) for p in products]
    row = write_table(ws, fmt, row + 1, 0, "ExpositionPays", columns, rows).last_row + 2

    starts.append(row)
    ws.write_string(row, 0, words.dependent_count_sentence(len(dep.dependent_products)), fmt.label)
    row = write_key(ws, fmt, row + 1, words.DEPENDENT_KEY, prov)
    columns = [Column("Code CPF4", "text", 10), Column("Produit", "text"), Column("Importations (€)", "meur", 16),
               Column("IHH des pays d'origine", "integer", 12), Column("Première origine", "text", 12),
               Column("Pays", "text"), Column("Part de la première origine", "pct", 12),
               Column("Importations en % des exportations", "pct", 16)]
    rows = [(p.cpf4, p.name, p.imports_eur, p.hhi_sources, p.main_source, words.country_name(ind, p.main_source),
             p.main_source_share_pct / 100, p.import_export_ratio) for p in dep.dependent_products]
    write_table(ws, fmt, row, 0, "ProduitsDependants", columns, rows)
    return starts
