"""Pure parts of the deck: squarified layout, Sankey geometry, text fitting and French wording."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.util import Pt

from deckfactory import national
from officereport import wording
from officereport.deck import sankey, textfit, treemap
from officereport.deck.squarify import squarify
from officereport.deck.template import Box
from officereport.indicators import Scope, Totals
from officereport.input import geography
from officereport.model import EXPORT, IMPORT


def test_squarify_reproduces_the_paper_example():
    tiles = squarify([6, 6, 4, 3, 2, 2, 1], 0, 0, 6, 4)
    assert [(t.x, t.y, t.w, t.h) for t in tiles[:2]] == [(0, 0, 3, 2), (0, 2, 3, 2)]
    assert [round(t.area, 9) for t in tiles] == [6, 6, 4, 3, 2, 2, 1]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0.01, 1e6), min_size=1, max_size=30))
def test_squarify_tiles_fill_the_box_without_overlap(values):
    values = sorted(values, reverse=True)
    tiles = squarify(values, 10, 20, 300, 200)
    total = sum(values)
    for t, v in zip(tiles, values):
        assert t.area == pytest.approx(v / total * 300 * 200, rel=1e-6)
        eps = 1e-4  # float error on extreme ratios; far below one EMU
        assert 10 - eps <= t.x and t.x + t.w <= 310 + eps and 20 - eps <= t.y and t.y + t.h <= 220 + eps
    for i, a in enumerate(tiles):
        for b in tiles[i + 1:]:
            overlap_w = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
            overlap_h = min(a.y + a.h, b.y + b.h) - max(a.y, b.y)
            assert overlap_w <= 1e-4 or overlap_h <= 1e-4


def test_sankey_ribbons_are_as_wide_as_their_value_on_both_sides():
    view = national().departements["43"].export_flows
    box = Box(0, 0, 10_000_000, 4_000_000)
    geo = sankey.layout(view, box)
    scale = box.h * (1 - sankey.GAPS) / view.total_eur
    assert len(geo.links) == len(view.table)
    for link in geo.links:
        for top, bottom in (link.source_span, link.target_span):
            assert bottom - top == pytest.approx(link.value_eur * scale, abs=1.5)
    assert geo.sources[-1].name == "Autres" and geo.targets[-1].name == "Autres"
    assert geo.sources[0].top == 0 and geo.sources[-1].bottom == pytest.approx(box.h, abs=1)
    ranks = list(view.table.drop_duplicates("source_code").sort_values("source_rank")["source_code"])
    assert [n.code for n in geo.sources] == ranks


def test_fit_size_shrinks_long_text_and_never_breaks_words():
    short = textfit.fit_size(["Court"], 3_000_000, 600_000, 20)
    long = textfit.fit_size(["mot " * 80], 3_000_000, 600_000, 20)
    assert short == 20 and long is not None and long < 20
    assert textfit.fit_size(["Électroménager"], 300_000, 3_000_000, 14, min_pt=7) is None
    assert textfit.shorten("Produits de la construction automobile", 20) == "Produits de la…"


def publication_totals() -> Totals:
    scope = Scope("departement", "43", "Haute-Loire")
    return Totals(scope, 1_070_900_000, 1_268_700_000, 71_307_500_000, 76_304_600_000,
                  580_354_500_000, 684_776_300_000)


def test_totals_read_like_the_publication():
    region = geography.REGIONS["18"]
    nb = "\u00a0"
    assert wording.total_with_shares(EXPORT, publication_totals(), region) == (
        f"Total des exportations : 1\u202f070,9{nb}millions d'euros, soit 1,5{nb}% de la valeur exportée par la "
        f"région Auvergne-Rhône-Alpes, soit 0,18{nb}% de la valeur exportée au niveau national."
    )
    assert wording.total_with_shares(IMPORT, publication_totals(), region).startswith(
        f"Total des importations : 1\u202f268,7{nb}millions d'euros, soit 1,7{nb}% de la valeur importée"
    )
    assert wording.balance_sentence(publication_totals()) == f"Solde commercial : -197,8{nb}millions d'euros (déficit)."
    assert wording.region_phrase(geography.REGIONS["24"]) == "les départements d'outre-mer"


def test_source_line_names_the_data_files_and_the_build():
    from deckfactory import provenance

    line = wording.source_line(provenance(is_sample=False))
    assert line == ("Source : DGDDI, données départementales et régionales du commerce extérieur 2024 "
                    "(REGIONAL_CPF4PAYSE.txt) ; traitement officereport 0.1.0, 02/06/2025.")
    assert datetime(2025, 6, 2).strftime("%d/%m/%Y") in line


def activities(shares: list[float], names: list[str] | None = None) -> pd.DataFrame:
    names = names or [f"Groupe {i}" for i in range(len(shares))]
    total = sum(shares)
    return pd.DataFrame({"flow": IMPORT, "a129_name": names, "value_eur": [int(s * 1e7) for s in shares],
                         "share_pct": [100 * s / total for s in shares]})


def test_a_treemap_tile_too_narrow_for_its_name_is_numbered_in_the_key():
    names = ["Chimie de base", "Machines d'usage général", "Matériel de télécommunication", "Médicaments"]
    geo = treemap.layout(activities([64.6, 25, 5.2, 5.2], names), IMPORT, Box(0, 0, int(Pt(200)), int(Pt(300))))
    texts = [" ".join(p.text for p in label) for label in geo.labels]
    assert all(texts)
    assert [number for number, _ in geo.keyed()] == list(range(1, len(geo.key) + 1))
    assert [geo.tiles[i].name for i in geo.key] == ["Matériel de télécommunication"]
    assert texts[geo.key[0]] == "1" and texts[3] == "Médicaments 5,2\u00a0%"
    assert geo.key_box.y == max(b.y + b.h for b in geo.boxes) and geo.key_box.y + geo.key_box.h == int(Pt(300))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.01, 100), min_size=1, max_size=20), st.integers(100, 500), st.integers(80, 300))
def test_every_treemap_tile_is_named_or_numbered(shares, width_pt, height_pt):
    shares = sorted(shares, reverse=True)
    box = Box(0, 0, int(Pt(width_pt)), int(Pt(height_pt)))
    geo = treemap.layout(activities(shares), IMPORT, box)
    assert geo.tiles and all(geo.labels)
    for i, (tile, label) in enumerate(zip(geo.tiles, geo.labels)):
        assert label[0].size_pt >= treemap.MIN_LABEL_PT
        assert label[0].text == (str(geo.key.index(i) + 1) if i in geo.key else tile.name)
    assert sum(t.value_eur for t in geo.tiles) == sum(int(s * 1e7) for s in shares)  # « Autres » keeps the rest
    bottom = geo.key_box.y + geo.key_box.h if geo.key_box else max(b.y + b.h for b in geo.boxes)
    assert bottom <= box.h + 1


def test_sankey_labels_wrap_before_cutting_and_never_cut_forty_characters():
    nodes = [sankey.Node(str(i), name, 10**8, 0, 1) for i, name in enumerate([
        "Saint-Vincent-et-les-Grenadines", "Produits de la construction automobile",  # 31 and 38 characters
        "Équipements pour automobiles, matériel de transport ferroviaire et autres"])]
    size, labels = sankey.label_lines(nodes, 3 * 10**8, int(Pt(150)), int(Pt(200)))
    assert [name for name, _, _ in labels][:2] == [n.name for n in nodes[:2]]
    shown = labels[2][0]
    assert shown.endswith("…") and nodes[2].name.startswith(shown[:-1]) and len(shown) > 30
    assert {lines for *_, lines in labels} <= {1, 2} and 2 in {lines for *_, lines in labels}
    assert sankey.MIN_LABEL_PT <= size <= sankey.MAX_LABEL_PT
