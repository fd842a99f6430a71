"""LibreOffice opens a two-département deck and renders every kind of slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckfactory import national, provenance
from officereport.deck import DeckSubject, write_deck
from render import overlapping_words, page_count, pdf_to_pngs, render_pdf

SUBJECT = DeckSubject("ti-84-07", "Issoire – Brioude", "Territoire d'industrie")
pytestmark = [pytest.mark.render, pytest.mark.slow]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path]:
    """The deck and its PDF."""
    work = tmp_path_factory.mktemp("deck-render")
    nat = national()
    path = work / "issoire.pptx"
    write_deck(path, SUBJECT, [nat.departements["63"], nat.departements["43"]], provenance())
    return path, render_pdf(path, work)


def test_libreoffice_renders_every_slide(rendered, tmp_path):
    path, pdf = rendered
    slides = len(Presentation(path).slides)
    assert page_count(pdf) == slides
    pngs = pdf_to_pngs(pdf, tmp_path, dpi=30)
    assert len(pngs) == slides
    for png in pngs:
        # Every page shows more than a blank slide: over 2 % of its pixels are inked.
        gray = Image.open(png).convert("L")
        inked = sum(gray.histogram()[:200]) / (gray.width * gray.height)
        assert inked > 0.02, png.name


def test_no_text_is_printed_over_other_text(rendered):
    _, pdf = rendered
    assert overlapping_words(pdf) == []
