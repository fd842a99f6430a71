"""The workbook's previous-year columns and its « Évolution et dépendance » sheet, read back with openpyxl
against figures worked out by hand from the rows of tests/twoyears.py."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator
from test_excel_workbook import table_rows

from excel_inputs import provenance
from officereport import indicators
from officereport.excel import write_departement_workbook, write_national_workbook
from productfactory import trade_data
from twoyears import CURRENT, PREVIOUS

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
SHEET = "Évolution et dépendance"
PARTNERS_SHEET = "Évolution par pays"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    out = tmp_path_factory.mktemp("evolution")
    nat = indicators.compute_national(trade_data(CURRENT), 2024, previous=trade_data(PREVIOUS))
    alone = indicators.compute_national(trade_data(CURRENT), 2024)
    paths = {name: out / f"{name}.xlsx" for name in ("43", "01", "alone", "national", "national-alone")}
    write_departement_workbook(nat.departements["43"], provenance(), paths["43"])
    write_departement_workbook(nat.departements["01"], provenance(), paths["01"])
    write_departement_workbook(alone.departements["43"], provenance(), paths["alone"])
    write_national_workbook(nat, provenance(), paths["national"])
    write_national_workbook(alone, provenance(), paths["national-alone"])
    return paths


def test_summary_previous_year_and_change(workbooks):
    header, rows = table_rows(workbooks["43"], "Synthese")
    assert header[-2:] == ["Valeur 2023 (€)", "Évolution (%)"]
    assert [r[-2] for r in rows] == [600_000, 300_000]
    assert rows[0][-1] == pytest.approx(400_000 / 600_000)
    assert rows[1][-1] == pytest.approx(100_000 / 300_000)


def test_departement_absent_in_previous_year_has_zero_and_no_change(workbooks):
    _, rows = table_rows(workbooks["01"], "Synthese")
    assert (rows[0][-2], rows[0][-1]) == (0, None)  # « nouveau »: an empty cell, not a division by zero


def test_partners_previous_year_columns(workbooks):
    header, rows = table_rows(workbooks["43"], "Partenaires")
    assert header[-4:] == ["Valeur 2023 import (€)", "Évolution import (%)", "Valeur 2023 export (€)",
                           "Évolution export (%)"]
    by_code = {r[0]: r[-4:] for r in rows}
    assert by_code["DE"] == [0, None, 400_000, pytest.approx(0.25)]
    assert by_code["CN"] == [300_000, pytest.approx(-0.1), 0, None]
    assert by_code["BE"] == [0, None, 0, None]


def test_activities_previous_year_columns(workbooks):
    _, rows = table_rows(workbooks["43"], "Activites")
    assert [(r[1], r[-2]) for r in rows] == [("C29A", 500_000), ("C10A", 100_000), ("C21Z", 0), ("B06Z", 300_000),
                                             ("C28A", 0)]
    assert [r[-1] for r in rows] == [pytest.approx(0.4), pytest.approx(1.0), None, pytest.approx(0.0), None]


def test_without_previous_year_the_columns_are_absent_and_the_sheet_says_why(workbooks):
    header, _ = table_rows(workbooks["alone"], "Synthese")
    assert header[-1] == "Valeur de la France (€)"
    header, _ = table_rows(workbooks["alone"], "Partenaires")
    assert not any("2023" in h for h in header)
    ws = openpyxl.load_workbook(workbooks["alone"])[SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("L'année 2023 complète ne figure pas") for t in texts)
    assert "ProduitsDependants" in ws.tables  # dependency needs no N-1
    assert PARTNERS_SHEET not in openpyxl.load_workbook(workbooks["alone"]).sheetnames


def test_partner_evolution_table_and_its_charts(workbooks):
    header, rows = table_rows(workbooks["43"], "EvolutionPartenaires")
    assert header == ["Code pays", "Pays", "Exportations 2023 (€)", "Exportations 2024 (€)", "Évolution export (%)",
                      "Importations 2023 (€)", "Importations 2024 (€)", "Évolution import (%)"]
    assert [r[:4] for r in rows] == [["DE", "Allemagne", 400_000, 500_000], ["US", "Etats-Unis", 100_000, 200_000],
                                     ["CN", "Chine", 0, 0], ["BE", "Belgique", 0, 100_000],
                                     ["IT", "Italie", 100_000, 0]]
    assert rows[4][4] == pytest.approx(-1.0)  # Italy gone: -100 %
    with zipfile.ZipFile(workbooks["43"]) as z:
        charts = [etree.fromstring(z.read(n)) for n in sorted(z.namelist()) if n.startswith("xl/charts/chart")]
    clustered = [c for c in charts if c.find(".//c:barChart/c:grouping", NS).get("val") == "clustered"
                 and any("2023" in (t.text or "") for t in c.iterfind(".//c:tx//c:v", NS))]
    assert len(clustered) == 2  # exports and imports, N-1 beside N
    first, last = first_and_last_data_rows(workbooks["43"], PARTNERS_SHEET, "EvolutionPartenaires")
    refs = [f.text for f in clustered[0].iterfind(".//c:ser/c:val/c:numRef/c:f", NS)]
    assert refs == [f"'{PARTNERS_SHEET}'!$C${first}:$C${last}", f"'{PARTNERS_SHEET}'!$D${first}:$D${last}"]
    cached = [[float(v.text) for v in s.iterfind("c:val//c:pt/c:v", NS)] for s in clustered[0].iterfind(".//c:ser", NS)]
    assert cached == [[400_000, 100_000, 0, 0, 100_000], [500_000, 200_000, 0, 100_000, 0]]


def first_and_last_data_rows(path, sheet: str, table: str) -> tuple[int, int]:
    ref = openpyxl.load_workbook(path)[sheet].tables[table].ref  # "A12:H17": header on row 12
    top, bottom = (openpyxl.utils.cell.coordinate_from_string(c)[1] for c in ref.split(":"))
    return top + 1, bottom


def test_dependency_tables(workbooks):
    _, rows = table_rows(workbooks["43"], "Concentration")
    # Export countries DE 500, US 200, BE 100 of 800; A129 groups 700, 200, 100 of the whole 1 000.
    assert rows[0][0] == "Exportations"
    assert rows[0][1:] == [pytest.approx(0.625), pytest.approx(1.0), pytest.approx(62.5**2 + 25**2 + 12.5**2),
                           pytest.approx(70**2 + 20**2 + 10**2)]
    _, rows = table_rows(workbooks["43"], "ExpositionPays")
    assert rows == [["Exportations", "2910", "Véhicules automobiles", 200_000, pytest.approx(1.0)],
                    ["Importations", "2811", "Moteurs et turbines", 100_000, pytest.approx(1.0)]]
    _, rows = table_rows(workbooks["43"], "ProduitsDependants")
    assert rows == [
        ["0610", "Pétrole brut", 300_000, pytest.approx(8_200), "CN", "Chine", pytest.approx(0.9), None],
        ["2811", "Moteurs et turbines", 100_000, pytest.approx(10_000), "US", "Etats-Unis", pytest.approx(1.0), None],
    ]


def test_national_table_of_every_departement(workbooks):
    header, rows = table_rows(workbooks["national"], "EvolutionDepartements")
    assert header[:8] == ["Code", "Département", "Exportations 2023 (€)", "Exportations 2024 (€)", "Évolution export (%)",
                          "Importations 2023 (€)", "Importations 2024 (€)", "Évolution import (%)"]
    assert len(rows) == 101
    by_code = {r[0]: r for r in rows}
    assert by_code["43"][2:8] == [600_000, 1_000_000, pytest.approx(400_000 / 600_000), 300_000, 400_000,
                                  pytest.approx(100_000 / 300_000)]
    assert by_code["01"][2:5] == [0, 10_000, None]  # absent in 2023: « nouveau »
    assert header[8:] == ["Part du 1er pays export", "IHH des pays export", "IHH des produits export", "Part US export",
                          "Part du 1er pays import", "IHH des pays import", "IHH des produits import", "Part US import",
                          "Produits dépendants"]
    assert by_code["43"][8:] == [pytest.approx(0.625), pytest.approx(4687.5), pytest.approx(5400), pytest.approx(0.2),
                                 pytest.approx(0.675), pytest.approx(67.5**2 + 7.5**2 + 25**2), pytest.approx(6250),
                                 pytest.approx(0.25), 2]
    assert by_code["75"][8:] == [None] * 8 + [0]  # no trade: nothing to compute over


def test_national_largest_rises_and_falls(workbooks):
    _, rows = table_rows(workbooks["national"], "HaussesBaisses")
    assert [r[:5] for r in rows] == [["Exportations", "Hausse", "43", "Haute-Loire", 400_000],
                                     ["Exportations", "Hausse", "01", "Ain", 10_000],
                                     ["Importations", "Hausse", "43", "Haute-Loire", 100_000]]


def test_national_without_previous_year(workbooks):
    header, rows = table_rows(workbooks["national-alone"], "EvolutionDepartements")
    assert header[2] == "Part du 1er pays export"
    assert {r[0]: r[2] for r in rows}["43"] == pytest.approx(0.625)
    assert "HaussesBaisses" not in openpyxl.load_workbook(workbooks["national-alone"])[SHEET].tables


def test_strict_validator_finds_nothing(workbooks):
    validator = OpenXmlValidator()
    for path in workbooks.values():
        result = validator.validate(path)
        assert result.is_valid and result.error_count == 0, [str(e) for e in result.errors[:10]]


def test_method_sheet_says_how_dependency_is_adapted_to_a_departement(workbooks):
    ws = openpyxl.load_workbook(workbooks["43"])["Méthode"]
    text = " ".join(c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str))
    assert "adaptés à un département : produits CPF4 pesant au moins 0,1 % de ses importations" in text
