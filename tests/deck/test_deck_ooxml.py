"""The deck's XML writer: one escaping point that cleans, and each part written exactly as before.

The golden files hold the XML of a slide with every kind of shape the decks draw (placeholders,
rectangle with styled runs, text box, ribbon, group, chart frame) and of a notes page, as the
f-string writer wrote them before the writer existed; any change to them is a change of output.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from officereport.deck import drawing
from officereport.deck.drawing import Box, Paragraph
from officereport.deck.ooxml import NAMESPACES, XmlWriter, qn, xmlns
from officereport.deck.page import Page, notes_xml
from officereport.deck.template import DeckTemplate

GOLDEN = Path(__file__).parent / "golden"


def written(write) -> str:
    w = XmlWriter()
    write(w)
    return w.getvalue()


def test_text_and_attributes_are_cleaned_and_escaped_in_one_place():
    assert written(lambda w: w.data("a:t", "Pêche & <aquaculture>\x01\x0b\ufffe fin ")) == (
        "<a:t>Pêche &amp; &lt;aquaculture&gt; fin </a:t>")
    assert written(lambda w: w.empty("p:cNvPr", (("id", 7), ("name", 'Côte d\'Ivoire "CI"\x00')))) == (
        '<p:cNvPr id="7" name="Côte d\'Ivoire &quot;CI&quot;"/>')
    # A run keeps one separating space at each end; a text of control characters only is empty.
    assert written(lambda w: w.data("a:t", " 12,3 M€ ")) == "<a:t> 12,3 M€ </a:t>"
    assert written(lambda w: w.data("a:t", "\x00\x01")) == "<a:t></a:t>"


def test_one_namespace_table():
    assert dict(xmlns("a", "c"))["xmlns:c"] == "http://schemas.openxmlformats.org/drawingml/2006/chart"
    assert qn("p:sld") == f"{{{NAMESPACES['p']}}}sld"


def sample_slide() -> str:
    """A chart slide: title filled, source removed, then one shape of every kind."""
    page = Page(None, "Graphique", [("Titre", (("type", "title"),)), ("Clé de lecture", (("type", "body"), ("idx", "3"))),
                                    ("Source", (("type", "body"), ("idx", "4")))])
    page.fill("Titre", [Paragraph("Échanges & partenaires", 26.0)])
    page.fill("Clé de lecture", [Paragraph("Lecture", 13.0, level=1), Paragraph("Suite", 13.0, align="ctr")])
    page.remove("Source")
    w = page.shapes
    with drawing.group(w, page.next_id(), "Activités à l'export", "Carte des « exportations »", Box(0, 0, 900, 600)):
        drawing.text_box(w, page.next_id(), "Titre du groupe", Box(0, 0, 900, 100),
                         [Paragraph("Total", 16.0, "7B3F9E", bold=True)])
        drawing.rect(w, page.next_id(), "Viandes (12,5 %)", Box(0, 100, 450, 500), "7B3F9E", outline="FFFFFF",
                     text=[Paragraph("Viandes", 11.5, "FFFFFF", bold=True, align="r",
                                     runs=[(" 12 M€", "5A5A5A", False), (" (3 %)", None, None)])])
        drawing.rect(w, page.next_id(), "Nœud", Box(450, 100, 0, 0), "3E4A5C")
        drawing.ribbon(w, page.next_id(), "Flux Allemagne → Viandes", 100, 800, (10, 60), (200, 250), "D62828", 80)
    drawing.chart_frame(w, page.next_id(), "Pays partenaires", "Graphique en barres", Box(10, 20, 300, 400), "rId2")
    return page.xml()


def test_a_slide_with_every_kind_of_shape_is_written_as_before():
    xml = sample_slide()
    etree.fromstring(xml.encode())
    assert xml == (GOLDEN / "slide.xml").read_text(encoding="utf-8")


def test_notes_are_written_as_before():
    xml = notes_xml(DeckTemplate.load().notes_skeleton, ["Première ligne", "", "A & B\x01 < C"])
    notes = etree.fromstring(xml.encode())
    assert [t.text for t in notes.iter(qn("a:t"))] == ["Première ligne", "A & B < C"]
    assert xml == (GOLDEN / "notes.xml").read_text(encoding="utf-8")
