"""A département that is its region's only one (Corse): its workbook leaves the region comparison
out, and says so once, rather than repeat the département as « région Corse (100,0 %) »."""

from __future__ import annotations

from datetime import datetime, timezone

import openpyxl
import pytest

from officereport import indicators
from officereport.excel import write_departement_workbook
from officereport.model import EXPORT, Provenance
from officereport.wording import alone_in_region_sentence, total_with_shares
from tradefactory import trade_data

ROWS = [
    (flow, 2024, quarter, dep, product, partner, value)
    for dep, scale in (("20", 1), ("43", 3), ("63", 5))
    for flow in ("E", "I")
    for quarter in (1, 2, 3, 4)
    for product, partner, value in (("C29A", "DE", 7_000_000), ("C10A", "IT", 2_500_000), ("C21Z", "US", 900_000))
    for value in [value * scale + quarter]
]


@pytest.fixture(scope="module")
def national() -> indicators.NationalIndicators:
    return indicators.compute_national(trade_data(ROWS), 2024)


def cell_texts(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def write(national, code, tmp_path):
    prov = Provenance(2024, (), False, "0.1.0", datetime(2025, 1, 1, tzinfo=timezone.utc))
    path = tmp_path / f"{code}.xlsx"
    write_departement_workbook(national.departements[code], prov, path)
    return path


def test_totals_know_when_the_alone_in_region_the_departement(national):
    corse, haute_loire = national.departements["20"], national.departements["43"]
    assert corse.totals.alone_in_region and corse.totals.share_of_region_pct(EXPORT) == 100
    assert not haute_loire.totals.alone_in_region
    sentence = total_with_shares(EXPORT, corse.totals, corse.departement.region)
    assert "région" not in sentence and "au niveau national" in sentence
    assert "région Auvergne-Rhône-Alpes" in total_with_shares(EXPORT, haute_loire.totals, haute_loire.departement.region)


def test_corse_workbook_compares_with_france_only_and_says_why_once(national, tmp_path):
    path = write(national, "20", tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-3:] == ["France", "Évolution et dépendance", "Méthode"]
    comparison = wb["France"]
    rows = [[c.value for c in row] for row in comparison[comparison.tables["Comparaison"].ref]]
    assert [r[0] for r in rows[1:]] == ["Corse", "France"]
    assert {"MatriceFranceExport", "MatriceFranceImport"} == {n for n in comparison.tables if n.startswith("Matrice")}
    summary = wb["Synthèse"]
    header = [c.value for c in summary[summary.tables["Synthese"].ref][0]]
    assert header == ["Flux", "Valeur (€)", "Part de la France", "Valeur de la France (€)"]
    text = " ".join(cell_texts(path))  # a paragraph is written a line per row
    said = alone_in_region_sentence(national.departements["20"].departement)
    assert said.startswith("Corse est le seul département de la région Corse dans les données")
    assert text.count(said) == 1 and text.count("la région Corse") == 1
    assert "sa région" not in text


def test_other_workbooks_keep_the_region(national, tmp_path):
    wb = openpyxl.load_workbook(write(national, "43", tmp_path))
    comparison = wb["Région et France"]
    rows = [[c.value for c in row] for row in comparison[comparison.tables["Comparaison"].ref]]
    assert [r[0] for r in rows[1:]] == ["Haute-Loire", "Auvergne-Rhône-Alpes", "France"]
    assert "MatriceRegionExport" in comparison.tables
