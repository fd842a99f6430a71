"""End to end through the real loader: the sample generator's zip becomes workbooks that say
they hold sample data and carry the loader's file fingerprints."""

from __future__ import annotations

from datetime import datetime, timezone

import openpyxl
import pytest

from officereport import __version__, indicators
from officereport.excel import write_departement_workbook, write_national_workbook
from officereport.input import loader, sample
from officereport.model import SAMPLE_WARNING, Provenance


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("sample")
    data = loader.load(sample.write_sample(work / "in", rows_per_flow=5000))
    year = max(data.complete_years())
    nat = indicators.compute_national(data, year)
    prov = Provenance(year, tuple(data.sources), data.is_sample, __version__, datetime(2025, 1, 1, tzinfo=timezone.utc))
    paths = {"43": work / "43.xlsx", "national": work / "national.xlsx"}
    write_departement_workbook(nat.departements["43"], prov, paths["43"])
    write_national_workbook(nat, prov, paths["national"])
    return data, nat, paths


def test_sample_workbooks_carry_figures_warning_and_sources(built):
    data, nat, paths = built
    assert data.is_sample
    wb = openpyxl.load_workbook(paths["43"])
    ws = wb["Synthèse"]
    table = [[c.value for c in row] for row in ws[ws.tables["Synthese"].ref]]
    assert table[1][1] == nat.departements["43"].totals.exports_eur > 0
    for book in (wb, openpyxl.load_workbook(paths["national"])):
        for sheet in book.worksheets:
            assert SAMPLE_WARNING in [sheet.cell(r, 1).value for r in range(1, 5)], sheet.title
        method = book["Méthode"]
        sources = [[c.value for c in row] for row in method[method.tables["Sources"].ref]][1:]
        assert [r[3] for r in sources] == [s.sha256 for s in data.sources]
        assert [r[2] for r in sources] == [s.rows for s in data.sources]
        # Named from the data folder, not by this machine's absolute paths.
        assert all(s.name.startswith(str(paths["43"].parent)) for s in data.sources)
        assert [r[0] for r in sources] == [s.name.removeprefix(f"{paths['43'].parent}/in/") for s in data.sources]
