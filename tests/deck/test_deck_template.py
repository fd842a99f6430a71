"""The slide template: found by names, broken ones named precisely, restyled ones obeyed."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from deckfactory import national, provenance
from officereport.deck import DeckSubject, DeckTemplate, TemplateError, write_deck
from officereport.deck.template import DEFAULT_TEMPLATE, LAYOUTS

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def edited_template(tmp_path: Path, edit) -> Path:
    """A copy of the shipped template after ``edit(presentation)``."""
    prs = Presentation(DEFAULT_TEMPLATE)
    edit(prs)
    path = tmp_path / "modele.pptx"
    prs.save(path)
    return path


def layout(prs, name):
    return next(lay for lay in prs.slide_layouts if lay.name == name)


def test_shipped_template_has_every_named_layout_and_placeholder():
    template = DeckTemplate.load()
    assert {lay for lay, _ in template.styles} == set(LAYOUTS)
    assert template.style("Sankey", "Graphique").box.w > 0
    assert template.style("Titre", "Titre").size_pt == 40


def test_a_missing_layout_is_named(tmp_path):
    def drop_sankey(prs):
        lay = layout(prs, "Sankey")
        prs.slide_layouts.remove(lay)

    path = edited_template(tmp_path, drop_sankey)
    with pytest.raises(TemplateError, match=r"modele\.pptx : il manque la disposition « Sankey »"):
        DeckTemplate.load(path)


def test_a_missing_placeholder_is_named(tmp_path):
    def drop_key(prs):
        shape = next(s for s in layout(prs, "Graphique").placeholders if s.name == "Clé de lecture")
        shape.element.getparent().remove(shape.element)

    path = edited_template(tmp_path, drop_key)
    with pytest.raises(TemplateError, match="disposition « Graphique » n'a pas d'espace réservé « Clé de lecture »"):
        DeckTemplate.load(path)


def test_a_file_that_is_no_presentation_is_refused(tmp_path):
    path = tmp_path / "faux.pptx"
    path.write_text("pas un pptx")
    with pytest.raises(TemplateError, match=r"faux\.pptx : ce fichier n'est pas un modèle PowerPoint lisible "
                                            r"\(ce n'est pas une archive zip\)$"):
        DeckTemplate.load(path)


def rewritten(tmp_path: Path, name: str, edit) -> Path:
    """The shipped template with each member's bytes passed through ``edit(member, data)`` (None drops it)."""
    import zipfile

    path = tmp_path / name
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.namelist():
            data = edit(member, source.read(member))
            if data is not None:
                target.writestr(member, data)
    return path


@pytest.mark.parametrize(("edit", "reason"), [
    (lambda m, d: None if m == "[Content_Types].xml" else d, "la partie « /[Content_Types].xml » manque"),
    (lambda m, d: d[:200] if m.endswith("slideLayout2.xml") else d, "XML illisible, ligne 2"),
    (lambda m, d: d.replace(b"presentationml.presentation.main", b"wordprocessingml.document.main"),
     "ce n'est pas une présentation PowerPoint"),
])
def test_a_broken_template_is_refused_in_french(tmp_path, edit, reason):
    path = rewritten(tmp_path, "casse.pptx", edit)
    with pytest.raises(TemplateError) as refused:
        DeckTemplate.load(path)
    assert str(refused.value) == f"{path} : ce fichier n'est pas un modèle PowerPoint lisible ({reason})"


def restyle(prs):
    """Other font, colour, size and position for the titles; the key figures box moved down."""
    for lay in prs.slide_layouts:
        for shape in lay.placeholders:
            if shape.name == "Titre":
                rpr = shape.element.find(f".//{A}lstStyle/{A}lvl1pPr/{A}defRPr")
                rpr.set("sz", "3000")
                rpr.find(f"{A}solidFill/{A}srgbClr").set("val", "006400")
                etree.SubElement(rpr, f"{A}latin", typeface="Georgia")
                shape.left = shape.left + 300000
            if lay.name == "Section" and shape.name == "Texte":
                shape.top = shape.top + 500000
                shape.height = shape.height - 500000


def test_a_restyled_template_changes_the_look_and_nothing_breaks(tmp_path):
    path = edited_template(tmp_path, restyle)
    nat = national()
    out = tmp_path / "deck.pptx"
    write_deck(out, DeckSubject.departement(nat.departements["43"].departement), [nat.departements["43"]],
               provenance(), template=path)
    prs = Presentation(out)
    section = next(s for s in prs.slides if s.slide_layout.name == "Section")
    title = section.shapes.title
    original = DeckTemplate.load().style("Section", "Titre").box
    assert int(title.left) == original.x + 300000  # position inherited from the restyled layout
    assert title.text_frame.paragraphs[0].runs[0].font.size.pt <= 30  # fitted under the new size
    latin = section.slide_layout.placeholders[0].element.find(f".//{A}latin")
    assert latin.get("typeface") == "Georgia"
    body = next(s for s in section.placeholders if s.name == "Texte")
    assert int(body.top) == DeckTemplate.load().style("Section", "Texte").box.y + 500000


def test_make_template_is_reproducible(tmp_path):
    from make_template import build_template  # tools/ is on pytest's path

    path = tmp_path / "t.pptx"
    build_template(path)
    rebuilt = DeckTemplate(path.read_bytes(), str(path))
    assert rebuilt.styles == DeckTemplate.load().styles


def test_slides_of_the_template_are_not_copied_into_decks(tmp_path):
    """Decks start from the template's layouts only: a slide left in the template adds nothing."""

    def add_slide(prs):
        slide = prs.slides.add_slide(layout(prs, "Texte"))
        slide.shapes.title.text = "Diapositive oubliée dans le modèle"
        slide.notes_slide.notes_text_frame.text = "Notes du modèle"

    path = edited_template(tmp_path, add_slide)
    nat = national()
    dep = nat.departements["43"]
    decks = []
    for name, template in (("avec.pptx", path), ("sans.pptx", None)):
        write_deck(tmp_path / name, DeckSubject.departement(dep.departement), [dep], provenance(), template=template)
        decks.append(Presentation(tmp_path / name))
    with_slide, shipped = decks
    assert len(with_slide.slides) == len(shipped.slides) == 13
    assert [s.shapes.title.text for s in with_slide.slides] == [s.shapes.title.text for s in shipped.slides]
    import zipfile
    with zipfile.ZipFile(tmp_path / "avec.pptx") as z:
        slides = sorted(n for n in z.namelist() if n.startswith("ppt/slides/slide"))
        assert slides == sorted(f"ppt/slides/slide{i}.xml" for i in range(1, 14))
        assert b"Notes du mod" not in b"".join(z.read(n) for n in z.namelist())


def with_member(tmp_path: Path, member: str, data: bytes) -> Path:
    """The shipped template with one more zip member (a medium that no slide uses)."""
    import shutil
    import zipfile

    path = tmp_path / "lourd.pptx"
    shutil.copy(DEFAULT_TEMPLATE, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, data)
    return path


def test_a_template_whose_media_exceed_the_limit_is_refused_before_use(tmp_path):
    from officereport.deck import template

    path = with_member(tmp_path, "ppt/media/image9.png", bytes(template.MAX_TEMPLATE_BYTES + 1))
    assert path.stat().st_size < 1_000_000  # small on disk, large once unpacked
    with pytest.raises(TemplateError, match=r"lourd\.pptx : modèle de présentation trop volumineux .*20 Mo"):
        DeckTemplate.load(path)


def test_a_template_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    from officereport.deck import template

    monkeypatch.setattr(template, "MAX_TEMPLATE_BYTES", 10_000)
    with pytest.raises(TemplateError, match=r"deck-template\.pptx : modèle de présentation trop volumineux"):
        DeckTemplate.load()
