"""Three sample years in one data folder (two annual releases beside the latest publication), as
``officereport sample --years 2022-2024`` writes them: the build's indicators, workbook and deck
show the yearly series, each year's totals summed from the loaded rows."""

from __future__ import annotations

import openpyxl
import pytest
from pptx import Presentation

from excel_inputs import provenance
from officereport.deck.builder import DeckSubject, write_deck
from officereport.excel import write_departement_workbook
from officereport.indicators import compute_national, previous_year_data
from officereport.input.releases import load_releases
from officereport.input.sample import write_samples
from officereport.model import EXPORT, IMPORT

YEARS = (2022, 2023, 2024)


def series_table(path) -> list[list]:
    ws = next(ws for ws in openpyxl.load_workbook(path).worksheets if "SerieAnnuelle" in ws.tables)
    return [[c.value for c in row] for row in ws[ws.tables["SerieAnnuelle"].ref]][1:]


@pytest.mark.slow
def test_three_sample_years_give_the_series(tmp_path):
    write_samples(tmp_path / "data", range(YEARS[0], YEARS[-1] + 1), rows_per_flow=6_000)
    data = load_releases(tmp_path / "data").data
    assert data.complete_years() == list(YEARS)
    dep = compute_national(data, 2024, previous=previous_year_data(data, 2024)).departements["43"]
    trade = data.trade[data.trade["dep"] == "43"]
    expected = []
    for year in YEARS:
        e, i = (int(trade.loc[(trade["year"] == year) & (trade["flow"] == flow), "value_eur"].sum())
                for flow in (EXPORT, IMPORT))
        expected.append([str(year), e, i, e - i])
    assert [[str(p.year), p.exports_eur, p.imports_eur, p.balance_eur] for p in dep.series.points] == expected

    workbook, deck = tmp_path / "43.xlsx", tmp_path / "43.pptx"
    write_departement_workbook(dep, provenance(), workbook)
    assert series_table(workbook) == expected
    write_deck(deck, DeckSubject.departement(dep.departement), [dep], provenance())
    (chart,) = [shape.chart for slide in Presentation(deck).slides for shape in slide.shapes
                if shape.has_chart and "depuis 2022" in slide.shapes.title.text]
    assert [list(s.values) for s in chart.plots[0].series] == [
        pytest.approx([row[k] / 1e6 for row in expected]) for k in (1, 2, 3)]
