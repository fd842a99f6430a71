"""A real client opens the workbooks: LibreOffice renders them to PDF, charts included."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from lxml import etree
from PIL import Image

from excel_inputs import provenance, trade_data
from officereport import indicators
from officereport.build import year_input
from officereport.excel import write_departement_workbook, write_national_workbook
from officereport.input.buildinput import detail_years
from officereport.input.releases import load_releases
from officereport.input.sample import write_samples
from officereport.model import Provenance
from render import overlapping_words, page_count, page_texts, pdf_to_pngs, render_pdf

pytestmark = [pytest.mark.render, pytest.mark.slow]
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def coloured_pixels(png: Path, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    """Pixels close to a colour: a chart in the flow colours leaves many of them on its page."""
    pixels = np.asarray(Image.open(png).convert("RGB"), dtype=np.int16)
    return int((np.abs(pixels - np.array(rgb)) < tolerance).all(axis=-1).sum())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, list[Path]]:
    work = tmp_path_factory.mktemp("render")
    national = indicators.compute_national(trade_data(), 2024)
    paths = {"43": work / "commerce-exterieur-43.xlsx", "national": work / "commerce-exterieur-national.xlsx"}
    write_departement_workbook(national.departements["43"], provenance(), paths["43"])
    write_national_workbook(national, provenance(), paths["national"])
    pages: dict = {"paths": paths}
    for kind, path in paths.items():
        pdf = render_pdf(path, work)
        assert page_count(pdf) >= 7  # at least a page per sheet
        pages[kind] = pdf_to_pngs(pdf, work, dpi=50)
        pages[f"{kind}-text"] = page_texts(pdf)
        pages[f"{kind}-pdf"] = pdf
    return pages


def test_every_printed_page_stands_on_its_own(rendered):
    """No page holds only the tail of a chart: each carries its reading key (the method sheet aside)."""
    for kind in rendered["paths"]:
        texts = rendered[f"{kind}-text"]
        for number, text in enumerate(texts, 1):
            if "Méthode et sources" in text:
                continue
            assert "Clé de lecture" in text, f"{kind}, page {number}:\n{text[:300]}"


@pytest.mark.parametrize("kind", ["43", "national"])
def test_no_text_is_printed_over_other_text(rendered, kind):
    """The page footer's source line on the left and page number on the right included: on a
    sheet printed near full size, a long source line ran under « Page 1 / 9 »."""
    assert overlapping_words(rendered[f"{kind}-pdf"]) == []


def sheet_titles(path: Path) -> list[str]:
    return [ws["A1"].value for ws in openpyxl.load_workbook(path).worksheets]


def chart_titles(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        charts = [etree.fromstring(z.read(n)) for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    return ["".join(c.xpath("/c:chartSpace/c:chart/c:title//a:t/text()", namespaces=NS)) for c in charts]


@pytest.mark.parametrize("kind", ["43", "national"])
def test_every_sheet_prints_and_no_chart_spills_onto_another_page(rendered, kind):
    """Every sheet is on paper, and each chart on one page only: a chart overlapping a row repeated in
    print, or a page break, leaves its cut title at the top of another page."""
    path, texts = rendered["paths"][kind], rendered[f"{kind}-text"]
    for title in sheet_titles(path):
        assert any(title in text for text in texts), f"{kind}: sheet « {title} » not printed"
    titles = chart_titles(path)
    assert len(titles) == {"43": 9, "national": 6}[kind]
    for title in titles:
        pages = [n for n, text in enumerate(texts, 1) if title in text]
        assert len(pages) == 1, f"{kind}: chart « {title} » printed on pages {pages}"


def test_departement_pages_show_the_charts(rendered):
    pages = rendered["43"]
    violet, blue, red = (0x7A, 0x3E, 0x9D), (0x2F, 0x6D, 0xB5), (0xD7, 0x19, 0x1C)
    # Page 2 is the partners sheet (butterfly), page 3 the activities (two bar charts).
    assert coloured_pixels(pages[1], violet) > 300 and coloured_pixels(pages[1], blue) > 300
    assert coloured_pixels(pages[2], violet) > 300 and coloured_pixels(pages[2], blue) > 300
    # The export flow page carries the red top flows.
    assert any(coloured_pixels(p, red) > 100 for p in pages[3:6])


def test_national_pages_show_the_charts(rendered):
    violet = (0x7A, 0x3E, 0x9D)
    assert sum(coloured_pixels(p, violet) > 300 for p in rendered["national"]) >= 2


@pytest.fixture(scope="module")
def several_years(tmp_path_factory) -> tuple:
    """Three years of sample releases, as a plain build reads them, and their provenance."""
    work = tmp_path_factory.mktemp("several-years")
    write_samples(work / "data", range(2022, 2025), rows_per_flow=200_000)
    prepared = year_input(load_releases(work / "data", detail_years=detail_years(2024)).data, 2024)
    prov = Provenance(2024, prepared.sources, True, "0.1.0", datetime(2025, 3, 1, tzinfo=timezone.utc))
    return prepared.indicators, prov


# Haute-Loire, and Ille-et-Vilaine, whose import matrix is narrow: printed at a larger scale, its
# flow sheet once left the foot of its chart alone on a second page.
@pytest.mark.parametrize("code", ["43", "35"])
def test_a_workbook_of_several_years_prints_each_page_under_its_key(several_years, code, tmp_path):
    """Previous-year columns, the series, the dependency tables and every partner's change (more
    rows than a page). Its long source line once shrank every page; each printed page now carries
    its reading key (the method sheet aside), the partner changes their header too. The method
    sheet lists the files of three releases, whose names once ran into the next column."""
    national, prov = several_years
    path = tmp_path / f"{code}.xlsx"
    write_departement_workbook(national.departements[code], prov, path)
    partners = openpyxl.load_workbook(path)["Évolution par pays"].tables["EvolutionPartenaires"]
    first_row, last_row = (int(re.sub(r"\D", "", cell)) for cell in partners.ref.split(":"))
    assert last_row - first_row > 60  # more partners than a printed page holds

    pdf = render_pdf(path, tmp_path)
    texts = page_texts(pdf)
    on_paper = [text for text in texts if "Méthode et sources" not in text]
    assert len(on_paper) >= 11  # the sheets but the method, the partner changes over several pages
    for number, text in enumerate(on_paper, 1):
        assert "Clé de lecture" in text, f"page {number}:\n{text[:300]}"
    partner_pages = [text for text in on_paper if "Évolution par pays partenaire" in text]
    assert len(partner_pages) >= 2
    assert all("Exportations 2023" in text for text in partner_pages)
    assert overlapping_words(pdf) == []
