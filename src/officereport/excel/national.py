"""The national workbook: every département and region side by side, rankings, and France's flows."""

from __future__ import annotations

from pathlib import Path

from xlsxwriter.workbook import Workbook

from officereport.excel import layout
from officereport.excel.charts import category_axis, insert_chart, value_axis
from officereport.excel.flowmatrix import write_flow_matrix
from officereport.excel.formats import Formats
from officereport.excel.layout import Column, TableRef
from officereport.excel.method import write_method_sheet
from officereport.excel.national_evolution import write_national_evolution_sheet
from officereport.indicators import NationalIndicators
from officereport.input import geography
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, Provenance
from officereport.style import DEFICIT, FLOW_COLOURS, SURPLUS, css
from officereport.wording import FRANCE_WHOLE, PUBLICATION, flows_title
from officereport.wording.descriptions import bars_description
from officereport.wording.keys import DEPARTEMENTS_KEY, REGIONS_KEY, rankings_key

TOP_RANKED = 20
TOP_BALANCE = 10  # largest surpluses and largest deficits
EXPORTS, IMPORTS, BALANCE = "Exportations (€)", "Importations (€)", "Solde (€)"


def write_national_workbook(nat: NationalIndicators, prov: Provenance, path: Path) -> None:
    """Write the national comparison workbook to ``path`` (an .xlsx file)."""
    title = f"Commerce extérieur {nat.year} — départements et régions"
    with layout.new_workbook(path, prov, title, f"{PUBLICATION}, comparaison nationale") as (wb, fmt):
        rows = _departement_rows(nat)
        _departements_sheet(wb, fmt, nat, prov, rows)
        _regions_sheet(wb, fmt, nat, prov)
        _rankings_sheet(wb, fmt, nat, prov, rows)
        _france_sheet(wb, fmt, nat, prov)
        write_national_evolution_sheet(wb, fmt, nat, prov)
        write_method_sheet(wb, fmt, prov)


def _departement_rows(nat: NationalIndicators) -> list[list]:
    rows = []
    for code, ind in nat.departements.items():
        t = ind.totals
        rows.append([
            code, ind.departement.name, ind.departement.region.name, t.exports_eur, t.imports_eur, t.balance_eur,
            *(t.share_of_france_pct(flow) / 100 for flow in (EXPORT, IMPORT)),
            *(t.share_of_region_pct(flow) / 100 for flow in (EXPORT, IMPORT)),
        ])
    return rows


DEPARTEMENT_COLUMNS = [
    Column("Code", "text", 7),
    Column("Département", "text", 24),
    Column("Région", "text", 28),
    Column(EXPORTS, "meur", 16),
    Column(IMPORTS, "meur", 16),
    Column(BALANCE, "meur", 16),
    Column("Part export France", "pct_small", 12),
    Column("Part import France", "pct_small", 12),
    Column("Part export région", "pct", 12),
    Column("Part import région", "pct", 12),
]


def _departements_sheet(wb: Workbook, fmt: Formats, nat: NationalIndicators, prov: Provenance, rows: list[list]) -> None:
    ws, row = layout.add_sheet(wb, fmt, "Départements", f"Commerce extérieur des départements ({nat.year})", prov)
    row = layout.write_key(ws, fmt, row, DEPARTEMENTS_KEY, prov)
    table = layout.write_table(ws, fmt, row, 0, "Departements", DEPARTEMENT_COLUMNS, rows)
    layout.freeze_and_repeat(ws, table.header_row)
    layout.colour_balance(ws, fmt, table, BALANCE)


def _regions_sheet(wb: Workbook, fmt: Formats, nat: NationalIndicators, prov: Provenance) -> None:
    ws, row = layout.add_sheet(wb, fmt, "Régions", f"Commerce extérieur des régions ({nat.year})", prov)
    row = layout.write_key(ws, fmt, row, REGIONS_KEY, prov)
    france = nat.france
    columns = [
        Column("Code DGDDI", "text", 10), Column("Code INSEE", "text", 10), Column("Région", "text", 28),
        Column(EXPORTS, "meur", 16), Column(IMPORTS, "meur", 16), Column(BALANCE, "meur", 16),
        Column("Part export France", "pct", 12), Column("Part import France", "pct", 12),
    ]
    rows = [
        [code, geography.REGIONS[code].insee_code, area.scope.name, area.exports_eur, area.imports_eur,
         area.exports_eur - area.imports_eur, layout.fraction(area.exports_eur, france.exports_eur),
         layout.fraction(area.imports_eur, france.imports_eur)]
        for code, area in nat.regions.items()
    ]
    table = layout.write_table(ws, fmt, row, 0, "Regions", columns, rows)
    layout.freeze_and_repeat(ws, table.header_row)
    layout.colour_balance(ws, fmt, table, BALANCE)
    chart = wb.add_chart({"type": "bar"})
    for header, flow in ((EXPORTS, EXPORT), (IMPORTS, IMPORT)):
        chart.add_series({
            "name": FLOW_NAMES[flow], "categories": table.cells("Région"), "values": table.cells(header),
            "fill": {"color": css(FLOW_COLOURS[flow])}, "gap": 60,
        })
    chart.set_x_axis(value_axis(0, max((max(r[3], r[4]) for r in rows), default=0)))
    chart.set_y_axis(category_axis())
    title = f"Exportations et importations par région ({nat.year})"
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    by_exports = sorted(((r[2], r[3]) for r in rows), key=lambda r: -r[1])
    description = bars_description(
        title, "groupées, exportations et importations de chaque région", by_exports, "premières exportatrices"
    )
    insert_chart(ws, table.first_row, table.last_col + 2, chart, description, height=520)


def _rankings_sheet(wb: Workbook, fmt: Formats, nat: NationalIndicators, prov: Provenance, rows: list[list]) -> None:
    ws, row = layout.add_sheet(wb, fmt, "Classements", f"Classements des départements ({nat.year})", prov)
    row = layout.write_key(ws, fmt, row, rankings_key(TOP_RANKED, TOP_BALANCE), prov)
    layout.freeze_and_repeat(ws, row - 1)  # the key too: each ranking prints on its own page
    by = {name: i for i, name in enumerate(c.header for c in DEPARTEMENT_COLUMNS)}
    rankings = (
        ("ClassementExport", "Premiers départements exportateurs", EXPORTS, "Part export France", EXPORT),
        ("ClassementImport", "Premiers départements importateurs", IMPORTS, "Part import France", IMPORT),
    )
    block_starts = []  # each ranking (table and chart) prints on a page of its own
    for name, title, value, share, flow in rankings:
        block_starts.append(row)
        ranked = sorted(rows, key=lambda r: (-r[by[value]], r[0]))[:TOP_RANKED]
        table = _ranking_table(ws, fmt, row, name, ranked, [value, share], by)
        chart = wb.add_chart({"type": "bar"})
        chart.add_series({
            "name": FLOW_NAMES[flow], "categories": table.cells("Département"), "values": table.cells(value),
            "fill": {"color": css(FLOW_COLOURS[flow])}, "gap": 50,
        })
        chart.set_x_axis(value_axis(0, ranked[0][by[value]] if ranked else 0))
        top = [(r[1], r[by[value]]) for r in ranked]
        row = _place_ranking_chart(ws, chart, table, f"{title} ({nat.year})", "des départements", top)

    by_balance = sorted(rows, key=lambda r: (-r[by[BALANCE]], r[0]))
    extremes = by_balance[:TOP_BALANCE] + [r for r in by_balance[-TOP_BALANCE:] if r not in by_balance[:TOP_BALANCE]]
    block_starts.append(row)
    ws.set_h_pagebreaks(block_starts[1:])
    table = _ranking_table(ws, fmt, row, "ClassementSolde", extremes, [BALANCE, EXPORTS, IMPORTS], by)
    layout.colour_balance(ws, fmt, table, BALANCE)
    chart = wb.add_chart({"type": "bar"})
    balances = [r[by[BALANCE]] for r in extremes]
    chart.set_x_axis(value_axis(min(balances, default=0), max(balances, default=0)))
    chart.add_series({
        "name": "Solde", "categories": table.cells("Département"), "values": table.cells(BALANCE),
        "fill": {"color": css(SURPLUS)}, "invert_if_negative": False, "gap": 50,
        "points": [{"fill": {"color": css(SURPLUS if r[by[BALANCE]] >= 0 else DEFICIT)}} for r in extremes],
    })
    ends = [(r[1], r[by[BALANCE]]) for r in (by_balance[0], by_balance[-1])] if by_balance else []
    title = f"Plus forts excédents et déficits commerciaux ({nat.year})"
    _place_ranking_chart(ws, chart, table, title, "du solde des départements", ends, "aux extrêmes", low_labels=True)


def _ranking_table(ws, fmt: Formats, row: int, name: str, ranked: list[list], values: list[str], by: dict[str, int]) -> TableRef:
    columns = [Column("Rang", "integer", 7), *DEPARTEMENT_COLUMNS[:3]]
    columns += [c for c in DEPARTEMENT_COLUMNS if c.header in values]
    picked = [by[c.header] for c in columns[1:]]
    data = [[rank, *(r[i] for i in picked)] for rank, r in enumerate(ranked, start=1)]
    return layout.write_table(ws, fmt, row, 0, name, columns, data)


def _place_ranking_chart(
    ws, chart, table: TableRef, title: str, what: str, named: list[tuple[str, float]], lead: str = "en tête",
    low_labels: bool = False,
) -> int:
    chart.set_y_axis({**category_axis(), "label_position": "low"} if low_labels else category_axis())
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    height = 60 + 24 * table.n_rows
    description = bars_description(title, what, named, lead)
    below = insert_chart(ws, table.first_row, table.last_col + 2, chart, description, height=height)
    return max(below, table.last_row + 3)


def _france_sheet(wb: Workbook, fmt: Formats, nat: NationalIndicators, prov: Provenance) -> None:
    ws, row = layout.add_sheet(wb, fmt, "France", f"Flux de la {FRANCE_WHOLE} ({nat.year})", prov)
    ws.freeze_panes(row, 0)  # not repeated in print: each flow view fills its own page
    for flow, name in ((EXPORT, "MatriceFranceExport"), (IMPORT, "MatriceFranceImport")):
        view = nat.france.flows(flow)
        title = flows_title(view, nat.year)
        ws.write_string(row, 0, title, fmt.title)
        row = write_flow_matrix(wb, ws, fmt, view, name, title, row + 2) + 1
        if flow == EXPORT:
            ws.set_h_pagebreaks([row - 1])
