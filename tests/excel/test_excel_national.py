"""The national workbook read back, and every kind of workbook through a strict OOXML validator."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from excel_inputs import provenance, trade_data
from officereport import indicators
from officereport.excel import write_departement_workbook, write_national_workbook
from officereport.input import geography
from officereport.model import EXPORT, IMPORT

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


@pytest.fixture(scope="module")
def national() -> indicators.NationalIndicators:
    return indicators.compute_national(trade_data(), 2024)


@pytest.fixture(scope="module")
def workbook(national, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("national") / "commerce-exterieur-national.xlsx"
    write_national_workbook(national, provenance(), path)
    return path


def table(path: Path, name: str) -> list[list]:
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if name in ws.tables)
    return [[c.value for c in row] for row in ws[ws.tables[name].ref]]


def test_departements_table_equals_totals(workbook, national):
    rows = table(workbook, "Departements")
    assert rows[0][:8] == [
        "Code", "Département", "Région", "Exportations (€)", "Importations (€)", "Solde (€)",
        "Part export France", "Part import France",
    ]
    assert [r[0] for r in rows[1:]] == list(geography.DEPARTEMENTS)
    by_code = {r[0]: r for r in rows[1:]}
    for code in ("43", "13", "9A", "01"):
        t = national.departements[code].totals
        assert by_code[code][1:6] == [t.scope.name, geography.DEPARTEMENTS[code].region.name, t.exports_eur, t.imports_eur, t.balance_eur]
        assert by_code[code][6] == pytest.approx(t.share_of_france_pct(EXPORT) / 100)
        assert by_code[code][7] == pytest.approx(t.share_of_france_pct(IMPORT) / 100)
    assert sum(r[3] for r in rows[1:]) == national.france.exports_eur


def test_regions_and_rankings(workbook, national):
    regions = table(workbook, "Regions")
    assert [r[0] for r in regions[1:]] == list(geography.REGIONS)
    ara = next(r for r in regions if r[0] == "18")
    assert ara[3:6] == [national.regions["18"].exports_eur, national.regions["18"].imports_eur,
                        national.regions["18"].exports_eur - national.regions["18"].imports_eur]

    exports = table(workbook, "ClassementExport")
    assert exports[0][:5] == ["Rang", "Code", "Département", "Région", "Exportations (€)"]
    largest = sorted(national.departements.values(), key=lambda d: -d.totals.exports_eur)[:6]
    assert [r[1] for r in exports[1:7]] == [d.departement.code for d in largest]
    assert [r[0] for r in exports[1:]] == list(range(1, 21))
    extremes = table(workbook, "ClassementSolde")
    assert extremes[0][4:7] == ["Exportations (€)", "Importations (€)", "Solde (€)"]
    balance = [r[6] for r in extremes[1:]]
    assert balance == sorted(balance, reverse=True) and len(balance) == 20
    assert balance[0] == max(d.totals.balance_eur for d in national.departements.values())


def test_national_charts(workbook):
    with zipfile.ZipFile(workbook) as z:
        charts = [etree.fromstring(z.read(n)) for n in sorted(z.namelist()) if n.startswith("xl/charts/chart")]
    # regions, 3 rankings, 2 France flow views
    assert len(charts) == 6
    values = [f for c in charts for f in c.xpath("//c:ser/c:val//c:f/text()", namespaces=NS)]
    assert any(v.startswith("Régions!$D$") for v in values)
    assert any(v.startswith("Classements!") for v in values)
    assert any(v.startswith("France!") for v in values)


def test_strict_validator_finds_nothing(workbook, national, tmp_path):
    departement = tmp_path / "commerce-exterieur-43.xlsx"
    write_departement_workbook(national.departements["43"], provenance(), departement)
    empty = tmp_path / "commerce-exterieur-01.xlsx"
    write_departement_workbook(national.departements["01"], provenance(is_sample=False), empty)
    validator = OpenXmlValidator()
    for path in (workbook, departement, empty):
        result = validator.validate(path)
        assert result.is_valid and result.error_count == 0, [str(e) for e in result.errors[:10]]
