"""What a deck's process reuses from one deck to the next (compressed members, charts, the template)
leaves each deck as it would be written alone."""

from __future__ import annotations

import gc
import io
import weakref
import zipfile

from pptx import Presentation

from deckfactory import national, provenance
from officereport import build, wording
from officereport.deck import DeckSubject, write_deck
from officereport.deck.pptx_adapter import COMPRESS_LEVEL, MEMBER_DATE
from officereport.deck.template import DeckTemplate

PUY = DeckSubject("ti-43-01", "Le Puy", "Territoire d'industrie")
BOTH = DeckSubject("ti-84-07", "Issoire – Brioude", "Territoire d'industrie")


def _zipfile_writes(path) -> bytes:
    """The deck's members written again, in their order, through ``ZipFile.writestr``."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as deck, zipfile.ZipFile(out, "w") as again:
        for info in deck.infolist():
            again.writestr(zipfile.ZipInfo(info.filename, MEMBER_DATE), deck.read(info.filename),
                           zipfile.ZIP_DEFLATED, COMPRESS_LEVEL)
    return out.getvalue()


def _partner_values(path, slide_title: str) -> tuple[list[str], list[float]]:
    [slide] = [s for s in Presentation(path).slides if s.shapes.title.text_frame.text == slide_title]
    [frame] = [s for s in slide.shapes if s.has_chart]
    plot = frame.chart.plots[0]
    return list(plot.categories), list(plot.series[1].values)


def test_decks_sharing_a_departement_are_each_as_written_alone(tmp_path):
    nat = national()
    puy, clermont = nat.departements["43"], nat.departements["63"]
    first = tmp_path / "both.pptx"
    write_deck(first, BOTH, [clermont, puy], provenance())
    alone = tmp_path / "puy.pptx"  # the Haute-Loire's charts, texts and slides made for the deck before
    write_deck(alone, PUY, [puy], provenance())
    again = tmp_path / "both-again.pptx"
    write_deck(again, BOTH, [clermont, puy], provenance())

    assert again.read_bytes() == first.read_bytes()
    for path in (first, alone):
        assert path.read_bytes() == _zipfile_writes(path)
    # The partner chart copied into the second deck: its own part, first of the deck, with the département's figures.
    with zipfile.ZipFile(alone) as deck:
        assert "ppt/charts/chart1.xml" in deck.namelist()
        assert "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx" in deck.namelist()
    names, exports = _partner_values(alone, wording.partners_title(puy))
    partners = puy.partners.iloc[::-1]
    assert names == partners["partner_name"].tolist()
    assert exports == [v / 1e6 for v in partners["exports_eur"]]


def test_each_deck_starts_from_its_own_copy_of_the_template():
    template = DeckTemplate.load()
    first, layouts = template.open()
    first.slides.add_slide(layouts["Texte"])
    second, _ = template.open()
    assert len(first.slides) == 1
    assert len(second.slides) == 0


def test_a_render_in_this_process_lets_go_of_the_indicators_it_cached(tmp_path):
    nat = national()
    held = weakref.ref(nat.departements["43"])
    build.render(nat, provenance(), tmp_path, settings=build.BuildSettings(jobs=1),
                 kinds=build.DECK_KINDS)
    assert (tmp_path / "presentations").is_dir()
    del nat
    gc.collect()
    assert held() is None  # no deck cache keeps the year's indicators alive
