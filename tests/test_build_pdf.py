"""``build --pdf`` end to end: a PDF beside every output, or a warning when LibreOffice is missing."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from pptx import Presentation

from officereport import cli, pdf
from officereport.build import BuildSettings, render_year
from officereport.planning import TERRITORY_DECK, with_pdfs
from officereport.publish.paths import OutputPaths
from officereport.publish.pdfs import PdfSettings
from officereport.publish.year import run_year

pytestmark = pytest.mark.slow  # whole builds

TERRITORIES = "id_ti;lib_ti;departements\nti-8406;Issoire – Brioude;63|43\nti-8401;Le Puy – Jeune Loire;43\n"


@pytest.fixture
def territories(tmp_path) -> Path:
    path = tmp_path / "territoires.csv"
    path.write_text(TERRITORIES, encoding="utf-8")
    return path


def office_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".xlsx", ".pptx"))


def test_build_pdf_writes_a_pdf_beside_every_workbook_and_deck(sample_zip, territories, tmp_path, fake, capsys):
    out = tmp_path / "out"
    assert cli.main(["build", "--data", str(sample_zip), "--out", str(out), "--territories", str(territories),
                     "--jobs", "2", "--pdf"]) == 0
    year = out / "2024"
    sources = office_files(year)
    assert len(sources) == 102 + 2  # 101 départements and the national workbook, 2 territory decks
    for source in sources:  # the stand-in writes the path it converted: the staged copy of this very file
        made = source.with_suffix(".pdf").read_text()
        assert made.startswith("%PDF-1.7 from ") and made.endswith("/" + source.relative_to(year).as_posix())
    manifest = json.loads((year / "manifest.json").read_text())
    listed = {e["path"]: e["kind"] for e in manifest["outputs"]}
    for source in sources:
        rel = source.relative_to(year).with_suffix(".pdf").as_posix()
        assert listed[rel] == listed[source.relative_to(year).as_posix()] + "-pdf"
    assert len(listed) == 2 * 104
    assert "104 PDF" in capsys.readouterr().out


def test_build_pdf_without_libreoffice_publishes_the_office_files_and_says_how_to_install_it(
        sample_zip, territories, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(pdf, "KNOWN_LOCATIONS", ())
    out = tmp_path / "out"
    assert cli.main(["build", "--data", str(sample_zip), "--out", str(out), "--territories", str(territories),
                     "--jobs", "2", "--pdf"]) == 0
    captured = capsys.readouterr()
    assert f"avertissement : {pdf.INSTALL_HINT}" in captured.err
    assert "104 fichiers publiés" in captured.out
    assert len(office_files(out / "2024")) == 104 and not list((out / "2024").rglob("*.pdf"))


@pytest.mark.render
def test_a_deck_pdf_made_by_libreoffice_has_one_page_per_slide(sample_data, territories, tmp_path):
    from render import page_count

    if pdf.libreoffice_available() is None:
        pytest.skip("LibreOffice absent")
    settings = BuildSettings(territories=territories, jobs=1)
    kinds = with_pdfs(frozenset({TERRITORY_DECK}))

    def render(data, year, staging, kinds, built_at, meanwhile):
        return render_year(data, year, staging, settings=settings, kinds=kinds, built_at=built_at, meanwhile=meanwhile)

    publication = run_year(OutputPaths(tmp_path / "out"), 2024, sample_data, render, kinds=kinds, all_kinds=kinds,
                           clock=lambda: datetime(2026, 11, 26, 6, 0), pdf=PdfSettings(jobs=2))
    decks = sorted(publication.folder.rglob("*.pptx"))
    assert len(decks) == 2
    for deck in decks:
        assert page_count(deck.with_suffix(".pdf")) == len(Presentation(deck).slides) > 5
