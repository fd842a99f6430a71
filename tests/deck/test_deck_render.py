"""LibreOffice opens a two-département deck and renders every kind of slide."""

from __future__ import annotations

import pytest
from PIL import Image
from pptx import Presentation

from deckfactory import national, provenance
from officereport.deck import DeckSubject, write_deck
from render import page_count, pdf_to_pngs, render_pdf

SUBJECT = DeckSubject("ti-84-07", "Issoire – Brioude", "Territoire d'industrie")

@pytest.mark.render
@pytest.mark.slow
def test_libreoffice_renders_every_slide(tmp_path):
    nat = national()
    path = tmp_path / "issoire.pptx"
    write_deck(path, SUBJECT, [nat.departements["63"], nat.departements["43"]], provenance())
    slides = len(Presentation(path).slides)
    pdf = render_pdf(path, tmp_path)
    assert page_count(pdf) == slides
    pngs = pdf_to_pngs(pdf, tmp_path, dpi=30)
    assert len(pngs) == slides
    for png in pngs:
        # Every page shows more than a blank slide: over 2 % of its pixels are inked.
        gray = Image.open(png).convert("L")
        inked = sum(gray.histogram()[:200]) / (gray.width * gray.height)
        assert inked > 0.02, png.name
