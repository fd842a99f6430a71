"""A build over data holding two complete years shows the change since N-1 (one year: tests/excel)."""

from __future__ import annotations

import openpyxl

from officereport import build
from officereport.build import BuildSettings, render_year
from officereport.input.loader import load


def synthese_header_and_rows(path):
    ws = next(ws for ws in openpyxl.load_workbook(path).worksheets if "Synthese" in ws.tables)
    cells = [[c.value for c in row] for row in ws[ws.tables["Synthese"].ref]]
    return cells[0], cells[1:]


def test_two_complete_years_give_the_change(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for flow, values in (("E", {2023: 400_000, 2024: 600_000}), ("I", {2023: 200_000, 2024: 300_000})):
        lines = [f"{flow};{q};{year};43;18;C29A;2910;DE;{value // 4};5" for year, value in values.items()
                 for q in (1, 2, 3, 4)]
        (data_dir / f"REGIONAL_CPF4PAYS{flow}.txt").write_text("\r\n".join(lines) + "\r\n")
    outputs = render_year(load(data_dir), 2024, tmp_path / "out", settings=BuildSettings(jobs=1),
                          kinds=build.WORKBOOK_KINDS)
    workbook = next(o.path for o in outputs if o.path.startswith("departements/43-"))
    header, rows = synthese_header_and_rows(tmp_path / "out" / workbook)
    assert header[-2:] == ["Valeur 2023 (€)", "Évolution (%)"]
    assert [r[-2] for r in rows] == [400_000, 200_000]

