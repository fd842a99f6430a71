"""The deck's evolution and dependency slides: chart series and texts against figures worked out by hand
from the rows of tests/twoyears.py."""

from __future__ import annotations

import pytest
from openxml_audit import OpenXmlValidator
from pptx import Presentation

from excel_inputs import provenance
from officereport import indicators
from officereport.deck.builder import DeckSubject, write_deck
from officereport.frformat import NBSP
from productfactory import CPF4_NAMES, trade_data
from twoyears import CURRENT, PREVIOUS

EVOLUTION = "Évolution 2023 → 2024, Haute-Loire"
DEPENDENCY = "Dépendance et exposition, Haute-Loire (2024)"


def deck(tmp_path, previous: bool):
    nat = indicators.compute_national(trade_data(CURRENT), 2024,
                                      previous=trade_data(PREVIOUS) if previous else None)
    dep = nat.departements["43"]
    path = tmp_path / f"deck-{previous}.pptx"
    write_deck(path, DeckSubject.departement(dep.departement), [dep], provenance())
    return {s.shapes.title.text: s for s in Presentation(path).slides}


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    return deck(tmp_path_factory.mktemp("deck"), previous=True)


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_evolution_slide_charts_partners_previous_year_beside_this_year(slides):
    exports, imports = charts(slides[EVOLUTION])
    # Largest at the top: categories are written bottom-up.
    assert list(exports.plots[0].categories) == ["Italie", "Belgique", "Etats-Unis", "Allemagne"]
    assert [(s.name, list(s.values)) for s in exports.plots[0].series] == [
        ("Exportations 2024", [0.0, 0.1, 0.2, 0.5]), ("Exportations 2023", [0.1, 0.0, 0.1, 0.4])]
    assert list(imports.plots[0].categories) == ["Allemagne", "Etats-Unis", "Chine"]
    assert [list(s.values) for s in imports.plots[0].series] == [[0.03, 0.1, 0.27], [0.0, 0.0, 0.3]]


def test_evolution_slide_words_the_totals_and_has_notes(slides):
    slide = slides[EVOLUTION]
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert f"Exportations : 1,0{NBSP}millions d'euros en 2024, contre 0,6{NBSP}millions d'euros en 2023 (+66,7{NBSP}%)." in text
    assert "Clé de lecture" in text
    notes = slide.notes_slide.notes_text_frame.text
    assert "- Belgique : 0,0 → 0,1 (nouveau) / 0,0 → 0,0 (nouveau)" in notes
    assert f"- Italie : 0,1 → 0,0 (-100,0{NBSP}%) / 0,0 → 0,0 (nouveau)" in notes


def test_dependency_slide(slides):
    slide = slides[DEPENDENCY]
    text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert f"Pays suivi, Etats-Unis (US) : 20,0{NBSP}% des exportations, 25,0{NBSP}% des importations." in text
    assert "2 produits remplissent les critères de dépendance." in text
    assert f"Pétrole brut (0610) : 0,3{NBSP}M€ importés ; première source Chine (90,0{NBSP}%)" in text
    assert "Clé de lecture" in text
    assert f"Moteurs et turbines (2811) : 0,1{NBSP}M€ importés" in slide.notes_slide.notes_text_frame.text


def test_dependency_slide_charts_the_shares_of_the_first_countries_and_of_the_focus_country(slides):
    [chart] = charts(slides[DEPENDENCY])
    # Bottom-up, as bar charts plot their categories.
    assert list(chart.plots[0].categories) == ["Etats-Unis (pays suivi)", "Trois premiers pays", "Premier pays"]
    # 2024 exports to countries: DE 500 000, US 200 000, BE 100 000 (QU is not a country), 1 000 000 in all;
    # imports: CN 270 000, US 100 000, DE 30 000. Focus shares are of the whole flow, the others of the countries.
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert list(series) == ["Importations", "Exportations"]
    assert series["Exportations"] == pytest.approx([200_000 / 1_000_000, 1.0, 500_000 / 800_000])
    assert series["Importations"] == pytest.approx([100_000 / 400_000, 1.0, 270_000 / 400_000])
    assert chart.plots[0].data_labels.number_format == "0.0%"


def alt_texts(slide):
    return [shape._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr") for shape in slide.shapes
            if shape.has_chart]


def test_change_and_shares_charts_say_their_main_figures_in_their_alternative_text(slides):
    exports, imports = alt_texts(slides[EVOLUTION])
    # The three first export partners by their larger year: DE, US, then BE before IT (more in 2024).
    assert exports == (
        "Barres groupées : exportations de Haute-Loire par pays, 2023 puis 2024, en millions d'euros. Premiers pays : "
        f"Allemagne 0,4{NBSP}M€ puis 0,5{NBSP}M€ (+25,0{NBSP}%) ; Etats-Unis 0,1{NBSP}M€ puis 0,2{NBSP}M€ "
        f"(+100,0{NBSP}%) ; Belgique 0,0{NBSP}M€ puis 0,1{NBSP}M€ (nouveau).")
    assert imports.startswith("Barres groupées : importations de Haute-Loire par pays") and "Chine 0,3" in imports
    [shares] = alt_texts(slides[DEPENDENCY])
    assert shares.endswith(
        f"Exportations : premier pays 62,5{NBSP}%, trois premiers 100,0{NBSP}%, Etats-Unis 20,0{NBSP}%. "
        f"Importations : premier pays 67,5{NBSP}%, trois premiers 100,0{NBSP}%, Etats-Unis 25,0{NBSP}%.")


def test_dependency_slide_without_any_country_says_so_in_place_of_its_chart(tmp_path):
    # Only a partner that is not a country (QU): no share of a first country to draw.
    rows = [(flow, 2024, 1, "43", "C29A", "2910", "QU", 100_000) for flow in ("E", "I")]
    dep = indicators.compute_national(trade_data(rows), 2024).departements["43"]
    path = tmp_path / "qu.pptx"
    write_deck(path, DeckSubject.departement(dep.departement), [dep], provenance())
    [slide] = [s for s in Presentation(path).slides if s.shapes.title.text == DEPENDENCY]
    assert charts(slide) == []
    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert "Aucun échange" in text
    assert "À l'export, aucun échange avec un pays" in text


def test_no_evolution_slide_without_previous_year(tmp_path):
    titles = deck(tmp_path, previous=False)
    assert EVOLUTION not in titles
    assert DEPENDENCY in titles


def test_strict_validator_finds_nothing(tmp_path):
    deck(tmp_path, previous=True)
    result = OpenXmlValidator().validate(tmp_path / "deck-True.pptx")
    assert result.is_valid and result.error_count == 0, [str(e) for e in result.errors[:10]]


def test_a_departement_without_trade_in_either_year_gets_its_deck_without_evolution_charts(tmp_path):
    # Cantal (15) has no row in 2023 nor in 2024: its deck says so instead of failing on empty charts.
    nat = indicators.compute_national(trade_data(CURRENT), 2024, previous=trade_data(PREVIOUS))
    dep = nat.departements["15"]
    path = tmp_path / "cantal.pptx"
    write_deck(path, DeckSubject.departement(dep.departement), [dep], provenance())
    slides = {s.shapes.title.text: s for s in Presentation(path).slides}
    evolution = slides["Évolution 2023 → 2024, Cantal"]
    assert charts(evolution) == []
    text = " ".join(shape.text_frame.text for shape in evolution.shapes if shape.has_text_frame)
    assert text.count("Aucun échange") == 2  # in place of each flow's chart
    assert "Exportations : aucun échange ni en 2023 ni en 2024." in text
    assert "Importations : aucun échange ni en 2023 ni en 2024." in text
    assert "nouveau" not in evolution.notes_slide.notes_text_frame.text.split("Clé de lecture")[0]


def test_dependency_slide_names_the_first_five_dependent_products_and_counts_the_others(tmp_path):
    # Six products bought from China alone, none exported: all six are dependent.
    rows = [("I", 2024, 1, "43", "C29A", cpf4, "CN", 100_000 * (i + 1)) for i, cpf4 in enumerate(CPF4_NAMES)]
    dep = indicators.compute_national(trade_data([*rows, ("E", 2024, 1, "43", "C29A", "2910", "DE", 1)]),
                                      2024).departements["43"]
    path = tmp_path / "six.pptx"
    write_deck(path, DeckSubject.departement(dep.departement), [dep], provenance())
    [slide] = [s for s in Presentation(path).slides if s.shapes.title.text == DEPENDENCY]
    [said] = [shape.text_frame.text for shape in slide.shapes if shape.name == "Exposition et produits dépendants"]
    lines = said.split("\n")
    start = lines.index("Produits dépendants")
    assert lines[start + 1] == "6 produits remplissent les critères de dépendance."
    # The five largest by import value, then the one left out.
    assert [line.split(" : ")[0] for line in lines[start + 2:start + 7]] == [
        "Équipements hydrauliques (2812)", "Moteurs et turbines (2811)", "Viande de boucherie (1011)",
        "Véhicules automobiles (2910)", "Préparations pharmaceutiques (2120)"]
    assert lines[start + 7:] == ["… et 1 autre (liste complète dans les notes et le classeur)."]
    assert "Pétrole brut (0610)" in slide.notes_slide.notes_text_frame.text
