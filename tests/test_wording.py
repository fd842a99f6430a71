"""One sentence per thing, whichever output says it: a workbook and a deck word the partner key,
the flow titles and the source line the same way."""

from __future__ import annotations

import openpyxl
from pptx import Presentation

import deckfactory
import excel_inputs
from officereport import indicators, wording
from officereport.deck import DeckSubject, write_deck
from officereport.excel import write_departement_workbook
from officereport.model import EXPORT, IMPORT


def test_workbook_and_deck_say_the_same_sentences(tmp_path):
    xlsx_prov, deck_prov = excel_inputs.provenance(is_sample=False), deckfactory.provenance(is_sample=False)
    dep = indicators.compute_national(excel_inputs.trade_data(is_sample=False), 2024).departements["43"]
    workbook = tmp_path / "43.xlsx"
    write_departement_workbook(dep, xlsx_prov, workbook)
    wb = openpyxl.load_workbook(workbook)
    partners = [c.value for c in wb["Partenaires"]["A"] if isinstance(c.value, str)]
    source = next(i for i, text in enumerate(partners) if text.startswith("Source : "))  # under the key
    # The key and the source line are cut into lines of one row each: joined again, they are the deck's sentences.
    assert " ".join(partners[1:source]) == wording.PARTNERS_KEY
    assert " ".join(partners[source:]).startswith(wording.source_line(xlsx_prov))
    assert wb["Flux export"]["A1"].value == wording.flows_title(dep.flows(EXPORT), 2024)
    assert wb["Flux export"]["A1"].value.startswith("Flux à l'export par produit et par pays, Haute-Loire")

    deck_dep = deckfactory.national().departements["43"]
    deck = tmp_path / "43.pptx"
    write_deck(deck, DeckSubject.departement(deck_dep.departement), [deck_dep], deck_prov)
    texts = {shape.text_frame.text for slide in Presentation(deck).slides for shape in slide.shapes
             if shape.has_text_frame}
    assert wording.PARTNERS_KEY in texts
    assert wording.source_line(deck_prov) in texts
    assert wording.flows_title(deck_dep.flows(IMPORT), 2024) in texts


def test_france_is_named_the_same_in_every_title():
    dep = deckfactory.national().departements["43"]
    assert wording.scope_label(dep.france.scope) == wording.FRANCE_WHOLE == "France entière"
    assert wording.flows_title(dep.france.flows(EXPORT), 2024) == "Flux à l'export, France entière (en valeur, 2024)"
    assert wording.flows_title(dep.region.flows(IMPORT), 2024) == (
        "Flux à l'import, Auvergne-Rhône-Alpes (en valeur, 2024)")


def test_footer_source_line_leaves_the_files_to_the_method_sheet():
    prov = excel_inputs.provenance(is_sample=False)
    assert wording.source_line(prov, files=False) == (
        "Source : DGDDI, données départementales et régionales du commerce extérieur 2024 ; "
        "traitement officereport 0.1.0, 01/03/2025.")
    assert "(REGIONAL_CPF4PAYSE.txt, REGIONAL_CPF4PAYSI.txt)" in wording.source_line(prov)


def test_sample_data_are_never_credited_to_the_dgddi():
    line = wording.source_line(excel_inputs.provenance(is_sample=True), files=False)
    assert line == (
        "Source : Données fictives générées par officereport au format DGDDI du commerce extérieur 2024 ; "
        "traitement officereport 0.1.0, 01/03/2025.")


def test_a_source_line_counts_the_files_of_many_releases():
    """Two releases name their four files; with eight more years (20 files) they are counted, and the
    line says where they are listed."""
    prov = excel_inputs.provenance(is_sample=False)
    files = ["REGIONAL_CPF4PAYSE.txt", "REGIONAL_CPF4PAYSI.txt", "Region_2023_Export.txt", "Region_2023_Import.txt"]
    assert "(REGIONAL_CPF4PAYSE.txt, REGIONAL_CPF4PAYSI.txt, Region_2023_Export.txt, Region_2023_Import.txt)" in (
        wording.source_line(excel_inputs.with_data_files(prov, files)))
    files += [f"Region_{year}_{flow}.txt" for year in range(2015, 2023) for flow in ("Export", "Import")]
    assert wording.source_line(excel_inputs.with_data_files(prov, files)) == (
        "Source : DGDDI, données départementales et régionales du commerce extérieur 2024 (20 fichiers de "
        "données, listés dans la feuille « Méthode » des classeurs) ; traitement officereport 0.1.0, 01/03/2025.")
