"""The workbook's yearly series: the table « Série annuelle » and its line chart, read back against totals
summed from the rows of tests/manyyears.py; with two years, no table and a sentence saying why."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator
from test_excel_workbook import table_rows

from excel_inputs import provenance
from manyyears import ABSENT, YEARS, rows, totals
from officereport import indicators
from officereport.excel import write_departement_workbook, write_national_workbook
from officereport.input import geography
from productfactory import trade_data

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
SHEET = "Évolution et dépendance"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    out = tmp_path_factory.mktemp("series")
    four = indicators.compute_national(trade_data(rows()), 2024)
    two = indicators.compute_national(trade_data(rows((2023, 2024))), 2024)
    paths = {name: out / f"{name}.xlsx" for name in ("43", "01", "two", "national", "national-two")}
    write_departement_workbook(four.departements["43"], provenance(), paths["43"])
    write_departement_workbook(four.departements["01"], provenance(), paths["01"])
    write_departement_workbook(two.departements["43"], provenance(), paths["two"])
    write_national_workbook(four, provenance(), paths["national"])
    write_national_workbook(two, provenance(), paths["national-two"])
    return paths


def line_chart(path):
    """The one line chart of a workbook: per series its name, category and value references and cached values."""
    with zipfile.ZipFile(path) as z:
        charts = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("xl/charts/chart")]
    lines = [c for c in charts if c.find(".//c:lineChart", NS) is not None]
    assert len(lines) == 1
    found = []
    for ser in lines[0].iterfind(".//c:ser", NS):
        found.append({
            "name": ser.findtext("c:tx/c:v", namespaces=NS),
            "cat": ser.findtext("c:cat//c:f", namespaces=NS),
            "val": ser.findtext("c:val//c:f", namespaces=NS),
            "values": [float(v) for v in ser.xpath("c:val//c:pt/c:v/text()", namespaces=NS)],
            "colour": ser.find("c:spPr/a:ln//a:srgbClr", NS).get("val"),
        })
    return lines[0], found


@pytest.mark.parametrize("dep", ["43", "01"])
def test_series_table_holds_every_complete_year_in_euros(workbooks, dep):
    header, table = table_rows(workbooks[dep], "SerieAnnuelle")
    assert header == ["Année", "Exportations (€)", "Importations (€)", "Solde (€)"]
    assert table == [[str(y), *totals(rows(), [dep], y)] for y in YEARS]


def test_departement_absent_one_year_has_a_row_of_zeros(workbooks):
    _, table = table_rows(workbooks["01"], "SerieAnnuelle")
    assert table[YEARS.index(ABSENT[0])] == [str(ABSENT[0]), 0, 0, 0]


def test_line_chart_draws_the_table(workbooks):
    chart, series = line_chart(workbooks["43"])
    ws = openpyxl.load_workbook(workbooks["43"])[SHEET]
    ref = ws.tables["SerieAnnuelle"].ref  # e.g. A9:D13
    first, last = int(ref.split(":")[0][1:]) + 1, int(ref.split(":")[1][1:])
    assert [s["name"] for s in series] == ["Exportations", "Importations", "Solde"]
    assert [s["val"] for s in series] == [f"'{SHEET}'!${c}${first}:${c}${last}" for c in "BCD"]
    assert {s["cat"] for s in series} == {f"'{SHEET}'!$A${first}:$A${last}"}
    expected = [totals(rows(), ["43"], y) for y in YEARS]
    for i, s in enumerate(series):
        assert s["values"] == [e[i] for e in expected]
    assert [s["colour"] for s in series] == ["7B3F9E", "2A5CAA", "404040"]
    axis = chart.find(".//c:valAx/c:scaling", NS)
    low = min(e[2] for e in expected)
    assert float(axis.find("c:min", NS).get("val")) <= low < 0
    assert float(axis.find("c:max", NS).get("val")) >= max(max(e) for e in expected)


def test_chart_alt_text_gives_the_figures(workbooks):
    with zipfile.ZipFile(workbooks["43"]) as z:
        drawings = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/drawings/drawing"))
    text = drawings.decode()
    first, last = totals(rows(), ["43"], YEARS[0]), totals(rows(), ["43"], YEARS[-1])
    assert "Exportations et importations depuis 2021" in text
    assert f"Exportations : {first[0] / 1e6:.1f}".replace(".", ",") in text
    assert f"{last[0] / 1e6:.1f}".replace(".", ",") in text


def test_national_workbook_has_frances_series(workbooks):
    _, table = table_rows(workbooks["national"], "SerieAnnuelle")
    assert table == [[str(y), *totals(rows(), list(geography.DEPARTEMENTS), y)] for y in YEARS]
    _, series = line_chart(workbooks["national"])
    assert series[0]["values"] == [float(r[1]) for r in table]


@pytest.mark.parametrize("name", ["two", "national-two"])
def test_two_years_give_no_table_and_say_why(workbooks, name):
    wb = openpyxl.load_workbook(workbooks[name])
    assert all("SerieAnnuelle" not in ws.tables for ws in wb.worksheets)
    texts = [c.value for row in wb[SHEET].iter_rows() for c in row if isinstance(c.value, str)]
    assert ("Série annuelle : 3 années complètes au moins sont nécessaires ; données présentes : 2023, 2024."
            in texts)
    with zipfile.ZipFile(workbooks[name]) as z:
        assert not any(b"lineChart" in z.read(n) for n in z.namelist() if n.startswith("xl/charts/"))


def test_workbooks_are_valid_office_files(workbooks):
    validator = OpenXmlValidator()
    for path in workbooks.values():
        result = validator.validate(path)
        assert result.is_valid and result.error_count == 0, [str(e) for e in result.errors[:10]]
