"""The département workbook read back: tables equal the indicators, charts point at the right
cells, hostile labels stay plain text, the sample warning is everywhere."""

from __future__ import annotations

import re
import time
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from excel_inputs import CONTROL_PRODUCT, FORMULA_LABEL, FORMULA_PARTNER, provenance, trade_data
from officereport import frformat, indicators, style
from officereport.excel import write_departement_workbook
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, SAMPLE_WARNING
from tradefactory import matrix_from_rows

CHECKED = ("43", "13", "9A")
EMPTY = "01"  # no trade in the fixture
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
SHEETS = ["Synthèse", "Partenaires", "Activités", "Flux export", "Flux import", "Région et France",
          "Évolution et dépendance", "Méthode"]


@pytest.fixture(scope="module")
def national() -> indicators.NationalIndicators:
    return indicators.compute_national(trade_data(), 2024)


@pytest.fixture(scope="module")
def workbooks(national, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("departements")
    paths = {}
    for code in (*CHECKED, EMPTY):
        paths[code] = out / f"commerce-exterieur-{code}.xlsx"
        write_departement_workbook(national.departements[code], provenance(), paths[code])
    return paths


def table_rows(path: Path, name: str) -> tuple[list[str], list[list]]:
    """Header and data rows of the Excel table ``name``, wherever it sits in the workbook."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if name in ws.tables:
            cells = [[c.value for c in row] for row in ws[ws.tables[name].ref]]
            return cells[0], cells[1:]
    raise AssertionError(f"{path}: no table named {name}")


def test_sheets_and_table_names(workbooks):
    wb = openpyxl.load_workbook(workbooks["43"])
    assert wb.sheetnames == SHEETS
    tables = {name for ws in wb.worksheets for name in ws.tables}
    assert {"Synthese", "Partenaires", "Activites", "FluxExport", "FluxImport"} <= tables
    assert {"MatriceRegionExport", "MatriceFranceImport", "Comparaison", "Sources"} <= tables


@pytest.mark.parametrize("code", CHECKED)
def test_synthese_equals_totals(workbooks, national, code):
    t = national.departements[code].totals
    header, rows = table_rows(workbooks[code], "Synthese")
    # The fixture's only départements of their regions (13, 9A) have no region columns: they would say 100 %.
    assert t.alone_in_region == (code != "43")
    france = header.index("Part de la France")
    assert header[:2] == ["Flux", "Valeur (€)"] and ("Part de la région" in header) == (code == "43")
    assert [r[0] for r in rows] == ["Exportations", "Importations"]
    assert rows[0][1] == t.exports_eur and rows[1][1] == t.imports_eur
    if code == "43":
        assert rows[0][2] == pytest.approx(t.share_of_region_pct(EXPORT) / 100)
    assert rows[1][france] == pytest.approx(t.share_of_france_pct(IMPORT) / 100)
    assert 0 < rows[0][france] <= 1  # a fraction, shown as a percentage by its format


@pytest.mark.parametrize("code", CHECKED)
def test_partners_and_activities_equal_indicators(workbooks, national, code):
    ind = national.departements[code]
    header, rows = table_rows(workbooks[code], "Partenaires")
    assert header[:5] == ["Code pays", "Pays", "Importations (€)", "Exportations (€)", "Solde (€)"]
    p = ind.partners
    assert [r[0] for r in rows] == list(p["partner"])
    assert [r[2:5] for r in rows] == p[["imports_eur", "exports_eur", "balance_eur"]].values.tolist()
    assert [r[5] for r in rows] == (-p["imports_eur"]).tolist()

    header, rows = table_rows(workbooks[code], "Activites")
    assert header == ["Flux", "Code A129", "Produit", "Valeur (€)", "Part du flux"]
    a = ind.activities
    assert [r[0] for r in rows] == [FLOW_NAMES[f] for f in a["flow"]]
    assert [r[3] for r in rows] == a["value_eur"].tolist()
    assert [r[4] for r in rows] == pytest.approx((a["share_pct"] / 100).tolist())


@pytest.mark.parametrize("code", CHECKED)
def test_flow_tables_equal_flow_views(workbooks, national, code):
    ind = national.departements[code]
    for name, view, first in (
        ("FluxExport", ind.export_flows, ["Code A129", "Produit", "Code pays", "Pays"]),
        ("FluxImport", ind.import_flows, ["Code pays", "Pays", "Code A129", "Produit"]),
    ):
        header, rows = table_rows(workbooks[code], name)
        assert header == [*first, "Valeur (€)", "Top 5"]
        t = view.table
        assert [r[0] for r in rows] == list(t["source_code"])
        assert [r[2] for r in rows] == list(t["target_code"])
        assert [r[4] for r in rows] == t["value_eur"].tolist()
        assert sum(r[5] for r in rows) == 5
        assert "AUTRES" in {r[0] for r in rows} | {r[2] for r in rows}


def test_matrix_holds_the_flow_view_with_red_top_flows(workbooks, national):
    view = national.departements["43"].export_flows
    sources, targets, values = matrix_from_rows(view.table)
    header, rows = table_rows(workbooks["43"], "MatriceExport")
    assert header[-1] == "Total" and len(header) == len(targets) + 2
    assert [r[1:-1] for r in rows] == values
    assert [r[-1] for r in rows] == [sum(line) for line in values]

    ws = openpyxl.load_workbook(workbooks["43"])["Flux export"]
    top = view.table[view.table["top5"]]
    first_row = ws.tables["MatriceExport"].ref.split(":")[0]
    base_row = int(re.sub(r"\D", "", first_row)) + 1
    for source, target in zip(top["source_code"], top["target_code"]):
        cell = ws.cell(base_row + sources.index(source), 2 + targets.index(target))
        assert cell.fill.fgColor.rgb.endswith(style.TOP_FLOW), cell.coordinate
    assert any(cf.rules[0].type == "colorScale" for cf in ws.conditional_formatting)


def chart_parts(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        names = sorted((n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)), key=lambda n: int(re.sub(r"\D", "", n)))
        return [etree.fromstring(z.read(n)) for n in names]


def refs(chart: etree._Element, what: str) -> list[str]:
    return chart.xpath(f"//c:ser/c:{what}//c:f/text()", namespaces=NS)


def first_data_row(path: Path, name: str) -> int:
    """Spreadsheet row number of the first data row of table ``name``."""
    wb = openpyxl.load_workbook(path)
    ref = next(ws.tables[name].ref for ws in wb.worksheets if name in ws.tables)
    return int(re.match(r"[A-Z]+(\d+)", ref).group(1)) + 1


def test_charts_are_native_bars_over_table_cells(workbooks, national):
    path, ind = workbooks["43"], national.departements["43"]
    charts = chart_parts(path)
    # butterfly, 2 activities, 2 flow views, 4 region/France flow views
    assert len(charts) == 9
    assert all(c.xpath("//c:barChart/c:barDir/@val", namespaces=NS) == ["bar"] for c in charts)

    butterfly = charts[0]
    r1 = first_data_row(path, "Partenaires")
    r2 = r1 + len(ind.partners) - 1
    # negative imports, exports, balance
    assert refs(butterfly, "val") == [f"Partenaires!${c}${r1}:${c}${r2}" for c in "FDE"]
    assert refs(butterfly, "cat") == [f"Partenaires!$B${r1}:$B${r2}"] * 3
    colours = butterfly.xpath("//c:ser[3]/c:dPt//a:srgbClr/@val", namespaces={**NS, "a": A_NS})
    assert colours == [style.SURPLUS if b >= 0 else style.DEFICIT for b in ind.partners["balance_eur"]]

    r1 = first_data_row(path, "Activites")
    n_exports = int((ind.activities["flow"] == EXPORT).sum())
    n_imports = len(ind.activities) - n_exports
    assert refs(charts[1], "val") == [f"Activités!$D${r1}:$D${r1 + min(10, n_exports) - 1}"]
    i1 = r1 + n_exports
    assert refs(charts[2], "val") == [f"Activités!$D${i1}:$D${i1 + min(10, n_imports) - 1}"]

    flow_chart = charts[3]
    assert flow_chart.xpath("//c:grouping/@val", namespaces=NS) == ["stacked"]
    assert len(refs(flow_chart, "val")) == ind.export_flows.table["target_code"].nunique()
    assert all(r.startswith("'Flux export'!") for r in refs(flow_chart, "val"))
    assert refs(charts[5], "val")[0].startswith("'Région et France'!")


def test_charts_have_alt_text_with_their_main_figures(workbooks, national):
    with zipfile.ZipFile(workbooks["43"]) as z:
        drawings = [etree.fromstring(z.read(n)) for n in sorted(z.namelist()) if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
    descriptions = [d for x in drawings for d in x.xpath("//@descr")]
    assert len(descriptions) == 9 and all("Diagramme" in d or "Barres" in d for d in descriptions)
    assert all(re.search(r"\d,\d\sM€", d) for d in descriptions)
    ind = national.departements["43"]
    name, value = ind.activities["a129_name"].iloc[0], int(ind.activities["value_eur"].iloc[0])
    assert f"en tête : {name} {frformat.meur(value)}" in descriptions[1]
    partner = ind.partners.iloc[1]  # the first is the hostile label, cleaned
    assert f"{partner.partner_name} : importations {frformat.meur(int(partner.imports_eur))}" in descriptions[0]
    view = ind.export_flows
    assert f"Total : {frformat.meur(int(view.total_eur))}. Principaux flux : " in descriptions[3]


def test_hostile_labels_stay_plain_text(workbooks):
    wb = openpyxl.load_workbook(workbooks["43"])
    ws = wb["Partenaires"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == FORMULA_LABEL]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(workbooks["43"]) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    labels = [r[2] for r in table_rows(workbooks["43"], "Activites")[1] if r[1] == CONTROL_PRODUCT]
    assert labels and all(label == "Tex tiles et fils" for label in labels)
    assert FORMULA_PARTNER in [r[0] for r in table_rows(workbooks["43"], "Partenaires")[1]]


def test_sample_warning_on_every_sheet(workbooks, national, tmp_path):
    wb = openpyxl.load_workbook(workbooks["43"])
    for ws in wb.worksheets:
        assert SAMPLE_WARNING in [ws.cell(r, 1).value for r in range(1, 5)], ws.title
        assert ws.cell(1, 1).font.b
    real = tmp_path / "real.xlsx"
    write_departement_workbook(national.departements["43"], provenance(is_sample=False), real)
    for ws in openpyxl.load_workbook(real).worksheets:
        assert SAMPLE_WARNING not in [ws.cell(r, 1).value for r in range(1, 5)], ws.title


def test_method_sheet_and_properties(workbooks):
    wb = openpyxl.load_workbook(workbooks["43"])
    header, rows = table_rows(workbooks["43"], "Sources")
    assert header == ["Fichier", "Type", "Lignes", "SHA-256"]
    assert rows[0] == ["donnees.zip!REGIONAL_CPF4PAYSE.txt", "données", 4200, "a" * 64]
    texts = [c.value for row in wb["Méthode"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "officereport 0.1.0" in texts and "2024" in texts
    props = wb.properties
    assert props.creator == "officereport"
    assert props.title == "Commerce extérieur 2024 — Haute-Loire (43)"
    assert props.created.isoformat().startswith("2025-03-01T12:30")
    ws = wb["Partenaires"]
    assert ws.freeze_panes is not None and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_same_inputs_same_bytes(workbooks, national, tmp_path):
    again = tmp_path / "again.xlsx"
    write_departement_workbook(national.departements["43"], provenance(), again)
    assert again.read_bytes() == workbooks["43"].read_bytes()


def test_departement_without_trade(workbooks, national):
    _header, rows = table_rows(workbooks[EMPTY], "Synthese")
    assert [r[1] for r in rows] == [0, 0]
    assert table_rows(workbooks[EMPTY], "Partenaires")[1] == [[None] * 6]
    # Only the region and France flow views have data to chart.
    assert len(chart_parts(workbooks[EMPTY])) == 4


def test_long_labels_give_table_headers_excel_accepts(tmp_path):
    # Excel repairs a file whose table column name exceeds 255 characters; a label can be that long.
    data = trade_data()
    long_name = "Pays " + "très long " * 40
    data.labels.partners[:] = [replace(r, label=long_name + r.code) for r in data.labels.partners]
    ind = indicators.compute_national(data, 2024).departements["43"]
    path = tmp_path / "long.xlsx"
    write_departement_workbook(ind, provenance(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Flux export"]
    header = [c.value for c in ws[ws.tables["MatriceExport"].ref][0]]
    assert len(header) == len(ind.flows(EXPORT).grid.target_codes) + 2
    assert max(len(h) for h in header) == 255
    assert len({h.casefold() for h in header}) == len(header)
    with zipfile.ZipFile(path) as z:
        table_xml = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("xl/tables/")]
    names = [c.get("name") for t in table_xml for c in t.iter("{*}tableColumn")]
    assert names and max(len(n) for n in names) == 255


@pytest.fixture
def paris_time(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_build_time_is_written_in_utc_as_labelled(national, tmp_path, paris_time):
    # A build stamped with the local clock (a naive datetime) at 12:30 in Paris, winter time: 11:30 UTC.
    prov = replace(provenance(), built_at=datetime(2025, 3, 1, 12, 30))
    path = tmp_path / "local.xlsx"
    write_departement_workbook(national.departements["43"], prov, path)
    wb = openpyxl.load_workbook(path)
    facts = {row[0].value: row[1].value for row in wb["Méthode"].iter_rows(max_col=2) if row[0].value}
    assert facts["Construit le (UTC)"] == datetime(2025, 3, 1, 11, 30)
    assert wb.properties.created == datetime(2025, 3, 1, 11, 30)
