"""The deck's yearly series slide: the line chart's values against totals summed from the rows of
tests/manyyears.py, its words and notes; no slide with two years."""

from __future__ import annotations

import pytest
from openxml_audit import OpenXmlValidator
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from excel_inputs import provenance
from manyyears import ABSENT, YEARS, rows, totals
from officereport import indicators
from officereport.deck.builder import DeckSubject, write_deck
from officereport.frformat import NBSP
from productfactory import trade_data

TITLE = "Exportations et importations depuis 2021, {}"


def slides(tmp_path, table, year=2024):
    data = trade_data(table)
    nat = indicators.compute_national(data, year, previous=indicators.previous_year_data(data, year))
    deps = [nat.departements["43"], nat.departements["01"]]
    path = tmp_path / "deck.pptx"
    write_deck(path, DeckSubject("ti-test", "Territoire test", "Territoire d'industrie"), deps, provenance())
    result = OpenXmlValidator().validate(path)
    assert result.is_valid and result.error_count == 0, [str(e) for e in result.errors[:10]]
    return {s.shapes.title.text: s for s in Presentation(path).slides}


@pytest.fixture(scope="module")
def four(tmp_path_factory):
    return slides(tmp_path_factory.mktemp("series"), rows())


def chart(slide):
    (found,) = [shape.chart for shape in slide.shapes if shape.has_chart]
    return found


@pytest.mark.parametrize(("dep", "name"), [("43", "Haute-Loire"), ("01", "Ain")])
def test_each_departement_of_a_territory_has_its_series_chart(four, dep, name):
    c = chart(four[TITLE.format(name)])
    assert c.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert list(c.plots[0].categories) == [str(y) for y in YEARS]
    expected = [totals(rows(), [dep], y) for y in YEARS]
    assert [s.name for s in c.plots[0].series] == ["Exportations", "Importations", "Solde"]
    for i, s in enumerate(c.plots[0].series):
        assert list(s.values) == pytest.approx([e[i] / 1e6 for e in expected])
    assert c.value_axis.minimum_scale <= min(0, *(e[2] / 1e6 for e in expected))
    assert c.value_axis.maximum_scale >= max(max(e) for e in expected) / 1e6


def test_departement_absent_one_year_is_drawn_at_zero(four):
    series = chart(four[TITLE.format("Ain")]).plots[0].series
    assert [list(s.values)[YEARS.index(ABSENT[0])] for s in series] == [0, 0, 0]


def test_slide_words_first_and_last_year_alt_text_and_notes(four):
    slide = four[TITLE.format("Haute-Loire")]
    first, last = totals(rows(), ["43"], YEARS[0]), totals(rows(), ["43"], YEARS[-1])

    def meur(v):
        return f"{v / 1e6:.1f}".replace(".", ",") + f"{NBSP}M€"

    text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    pct = f"{(last[0] - first[0]) / first[0] * 100:+.1f}".replace(".", ",")
    assert f"Exportations : {meur(first[0])} en 2021, {meur(last[0])} en 2024 ({pct}{NBSP}%)." in text
    assert "(déficit)" in text and "(excédent)" in text  # the balance turns
    assert "Clé de lecture" in text
    (frame,) = [shape for shape in slide.shapes if shape.has_chart]
    descr = frame.element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0]
    assert descr.startswith("Graphique en courbes : Exportations et importations depuis 2021, Haute-Loire.")
    assert meur(last[1]) in descr
    notes = slide.notes_slide.notes_text_frame.text
    for y in YEARS:
        e, i, b = totals(rows(), ["43"], y)
        assert f"- {y} : {e / 1e6:.1f} / {i / 1e6:.1f} / {b / 1e6:+.1f}".replace(".", ",") in notes


def test_no_series_slide_with_two_years(tmp_path):
    titles = slides(tmp_path, rows((2023, 2024)))
    assert "Évolution 2023 → 2024, Haute-Loire" in titles
    assert not any("depuis" in t for t in titles)
