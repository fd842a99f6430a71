"""``officereport build --focus DE`` end to end: the workbook's « Évolution et dépendance » sheet, the
deck's dependency slide, the national table and the manifest name Germany, with its shares worked
out from the rows."""

from __future__ import annotations

import json

import openpyxl
import pytest
from pptx import Presentation

from officereport import cli

pytestmark = pytest.mark.slow  # a whole build: see pyproject's markers

# Haute-Loire (43), 2023 and 2024 alike: (flow, A129;CPF4, partner, value in euros a year).
ROWS = [
    ("E", "C29A;2910", "DE", 500_000), ("E", "C29A;2910", "US", 200_000), ("E", "C10A;1011", "CN", 100_000),
    ("I", "B06Z;0610", "CN", 700_000), ("I", "C29A;2932", "DE", 300_000),
]
NBSP = "\N{NO-BREAK SPACE}"


def share_pct(flow: str, partner: str) -> float:
    values = [(p, v) for f, _, p, v in ROWS if f == flow]
    return 100 * sum(v for p, v in values if p == partner) / sum(v for _, v in values)


def french_pct(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + f"{NBSP}%"


def test_build_with_focus_de_names_germany_everywhere(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for flow in ("E", "I"):
        lines = [f"{flow};{q};{year};43;18;{product};{partner};{value // 4};5" for year in (2023, 2024)
                 for f, product, partner, value in ROWS if f == flow for q in (1, 2, 3, 4)]
        (data / f"REGIONAL_CPF4PAYS{flow}.txt").write_text("\r\n".join(lines) + "\r\n")
    out, territories = tmp_path / "out", tmp_path / "liste-ti.csv"
    # One territory deck: départements without any trade have no deck of their own to check.
    territories.write_text("id_ti;lib_ti;departements\nTI-A;Brioude;43\n", encoding="utf-8")
    assert cli.main(["build", "--data", str(data), "--out", str(out), "--focus", "DE", "--jobs", "2",
                     "--territories", str(territories)]) == 0

    year = out / "2024"
    manifest = json.loads((year / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["focus"] == "DE"
    sentence = (f"Pays suivi, Allemagne (DE) : {french_pct(share_pct('E', 'DE'))} des exportations, "
                f"{french_pct(share_pct('I', 'DE'))} des importations.")

    sheet = openpyxl.load_workbook(year / "departements" / "43-haute-loire-2024.xlsx")["Évolution et dépendance"]
    assert sentence in [cell.value for row in sheet.iter_rows() for cell in row]
    table = sheet.tables["ExpositionPays"]
    cells = [[c.value for c in row] for row in sheet[table.ref]]
    assert [(r[0], r[1], r[3]) for r in cells[1:]] == [("Exportations", "2910", 500_000),
                                                        ("Importations", "2932", 300_000)]

    [deck_path] = [o["path"] for o in manifest["outputs"] if o["kind"] == "territory-deck"]
    deck = Presentation(year / deck_path)
    [slide] = [s for s in deck.slides if s.shapes.title.text_frame.text == "Dépendance et exposition, Haute-Loire (2024)"]
    said = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert sentence in said
    # No label file: products by their code. 2910 is all that goes to Germany, 2932 all that comes from it.
    assert f"À l'export vers ce pays : 2910 ({french_pct(100)})." in said
    assert f"À l'import depuis ce pays : 2932 ({french_pct(100)})." in said

    [ws] = [ws for ws in openpyxl.load_workbook(year / "national-2024.xlsx").worksheets
            if "EvolutionDepartements" in ws.tables]
    cells = [[c.value for c in row] for row in ws[ws.tables["EvolutionDepartements"].ref]]
    [haute_loire] = [row for row in cells[1:] if row[0] == "43"]
    shares = {header: value for header, value in zip(cells[0], haute_loire) if header.startswith("Part DE ")}
    assert shares == {"Part DE export": pytest.approx(share_pct("E", "DE") / 100),
                      "Part DE import": pytest.approx(share_pct("I", "DE") / 100)}
