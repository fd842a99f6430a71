"""Decks built from labels we do not control: no formula or link from data, no unreadable part."""

from __future__ import annotations

import errno
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from pptx import Presentation

from deckfactory import PARTNERS, PRODUCTS, national, provenance
from officereport.deck import DeckSubject, write_deck
from officereport.text import clean

FORMULAS = ("=cmd|' /C calc'!A{}", '=HYPERLINK("http://x/{}","y")', "http://evil/{}", "=1+{}")
CONTROLS = ("Pa\x01ys {}", "Te\x0brre {}", "Nu\x00l {}", "Fin\ufffe {}", "Sé\x1fpar\x7fé {}")
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def renamed(codes, forms) -> dict[str, str]:
    """Every code gets a hostile label, the forms taken in turn (numbered so that labels stay distinct)."""
    return {code: forms[i % len(forms)].format(i) for i, code in enumerate(codes)}


def build(path: Path, name: str, **labels) -> Path:
    dep = national(**labels).departements["43"]
    write_deck(path, DeckSubject("ti-84-07", name, "Territoire d'industrie"), [dep], provenance())
    return path


def embedded_workbooks(deck: Path) -> list[bytes]:
    with zipfile.ZipFile(deck) as z:
        return [z.read(n) for n in z.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]


def test_labels_that_look_like_formulas_or_links_stay_plain_text_in_chart_workbooks(tmp_path):
    partners = renamed(PARTNERS, FORMULAS)
    blobs = embedded_workbooks(build(tmp_path / "deck.pptx", "Issoire – Brioude", partners=partners))
    assert len(blobs) == 2  # the partner chart's, then the dependency chart's (it names the focus country)
    labels = []
    for blob in blobs:
        with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
            sheet = workbook.read("xl/worksheets/sheet1.xml")
            assert b"<f>" not in sheet and b"<hyperlink" not in sheet
            assert not [n for n in workbook.namelist() if n.startswith("xl/worksheets/_rels/")]
        cells = openpyxl.load_workbook(io.BytesIO(blob)).active
        names = [cells.cell(row, 1) for row in range(2, cells.max_row + 1)]
        assert {c.data_type for c in names} == {"s"}
        labels.append([c.value for c in names])
    shown = set(labels[0])
    assert len(shown) >= 10 and shown <= set(partners.values()) | {"Autres"}
    assert any(v.startswith("=cmd|") for v in shown) and any(v.startswith("http://evil/") for v in shown)
    assert labels[1][0] == f"{partners['US']} (pays suivi)"


def test_control_characters_in_labels_and_territory_name_are_cleaned_and_the_deck_reopens(tmp_path):
    partners, products = renamed(PARTNERS, CONTROLS), renamed(PRODUCTS, CONTROLS)
    path = build(tmp_path / "deck.pptx", "Issoire\x01 – Brioude\ufffe", partners=partners, products=products)
    with zipfile.ZipFile(path) as deck:
        parts = [n for n in deck.namelist() if n.endswith((".xml", ".rels"))]
        for name in parts:
            etree.fromstring(deck.read(name))  # raises on any unreadable part
        slides = b"".join(deck.read(n) for n in parts if n.startswith(("ppt/slides/", "ppt/notesSlides/", "ppt/charts/")))
    assert not UNWRITABLE.search(slides.decode())
    prs = Presentation(path)
    assert prs.slides[0].shapes.title.text_frame.text == "Issoire – Brioude"
    partner_chart, dependency_chart = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert list(dependency_chart.plots[0].categories) == [f"{clean(partners['US'])} (pays suivi)",
                                                          "Trois premiers pays", "Premier pays"]
    categories = list(partner_chart.plots[0].categories)
    assert len(categories) >= 10 and set(categories) <= {clean(v) for v in partners.values()} | {"Autres"}
    assert "Pa ys 0" in categories or "Pa ys 5" in categories
    text = slides.decode()
    for label in products.values():
        assert label not in text  # every product label is written cleaned, never raw
    assert clean(products["C29A"]) in text  # the largest group, shown on the treemap and in the Sankey
    cells = openpyxl.load_workbook(io.BytesIO(embedded_workbooks(path)[0])).active
    assert not [c.value for c in cells["A"] if isinstance(c.value, str) and "_x00" in c.value]


@pytest.mark.parametrize("name", ["\x00", "\x0b\x01"])
def test_a_territory_name_made_only_of_control_characters_still_gives_a_readable_deck(tmp_path, name):
    path = build(tmp_path / "deck.pptx", name)
    with zipfile.ZipFile(path) as deck:
        for member in deck.namelist():
            if member.endswith((".xml", ".rels")):
                etree.fromstring(deck.read(member))
    assert Presentation(path).slides[0].shapes.title.text_frame.text == ""


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_a_full_disk_while_saving_a_deck_raises_with_the_file_closed(tmp_path, monkeypatch):
    """No « Exception ignored in ZipFile.__del__ » later: the deck's zip is closed on the error."""
    opened: list[io.FileIO] = []

    class FullDisk(io.FileIO):
        def write(self, data) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    real_open = io.open

    def open_on_full_disk(file, mode="r", *args, **kwargs):
        if str(file).endswith("plein.pptx"):
            opened.append(FullDisk(file, "w"))
            return opened[-1]
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.io, "open", open_on_full_disk)
    with pytest.raises(OSError, match="No space left"):
        build(tmp_path / "plein.pptx", "Issoire – Brioude")
    assert len(opened) == 1 and opened[0].closed
