"""Decks read back with python-pptx: structure, words and numbers against the indicators."""

from __future__ import annotations

from pathlib import Path

import openxml_audit
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckfactory import national, provenance
from officereport import frformat, style
from officereport.deck import DeckSubject, write_deck
from officereport.deck.sankey import TOP_COLOUR
from officereport.deck.treemap import MAX_TILES, tiles
from officereport.model import EXPORT, IMPORT, SAMPLE_WARNING

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


SUBJECT = DeckSubject("ti-84-07", "Issoire – Brioude", "Territoire d'industrie")

@pytest.fixture(scope="module")
def nat():
    return national()


@pytest.fixture(scope="module")
def deck_path(nat, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "issoire.pptx"
    write_deck(path, SUBJECT, [nat.departements["63"], nat.departements["43"]], provenance(),
               territories_of_dep={"43": ["Issoire – Brioude", "Le Puy – Jeune Loire"]})
    return path


@pytest.fixture(scope="module")
def prs(deck_path):
    return Presentation(deck_path)


def title(slide) -> str:
    return slide.shapes.title.text_frame.text


def slide_titled(prs, text: str):
    [slide] = [s for s in prs.slides if title(s) == text]
    return slide


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def group(slide, name: str):
    return [s for s in slide.shapes if s.shape_type == 6 and s.name == name]


def test_slides_follow_the_publication_and_show_each_departement(prs):
    titles = [title(s) for s in prs.slides]
    assert titles[:3] == ["Issoire – Brioude", "Contexte", "Précisions méthodologiques"]
    assert titles[-1] == "Informations pratiques"
    for dep in ("Puy-de-Dôme", "Haute-Loire"):
        assert f"Chiffres clés, {dep} ({'63' if dep == 'Puy-de-Dôme' else '43'})" in titles
        assert f"Principaux pays à l'import et à l'export, {dep} (2024)" in titles
        assert f"Principales activités à l'import et à l'export, {dep} (2024)" in titles
        assert f"Flux à l'export par produit et par pays, {dep} (en valeur, 2024)" in titles
        assert f"Flux à l'import par pays et par produit, {dep} (en valeur, 2024)" in titles
    # Both départements are in Auvergne-Rhône-Alpes: the region and France slides appear once.
    assert titles.count("Flux à l'export, Auvergne-Rhône-Alpes (en valeur, 2024)") == 1
    assert titles.count("Flux à l'import, France entière (en valeur, 2024)") == 1
    assert len(titles) == 3 + 2 * 6 + 4 + 1  # per département 6 slides (dependency, no evolution without N-1)
    first = prs.slides[0]
    assert "Départements couverts : Puy-de-Dôme (63) · Haute-Loire (43)" in texts(first)


def test_key_figures_state_the_totals_in_french(prs, nat):
    dep = nat.departements["43"]
    body = "\n".join(texts(slide_titled(prs, "Chiffres clés, Haute-Loire (43)")))
    t = dep.totals
    of_region = t.share_of_region_pct(EXPORT)
    expected = (
        f"Total des exportations : {frformat.millions(t.exports_eur)}\u00a0millions d'euros, soit "
        f"{frformat.percent(of_region, frformat.share_decimals(of_region))} "
        "de la valeur exportée par la région Auvergne-Rhône-Alpes"
    )
    assert expected in body
    assert f"Solde commercial : {frformat.millions(t.balance_eur)}\u00a0millions d'euros" in body
    assert "Territoires d'industrie du département : Issoire – Brioude ; Le Puy – Jeune Loire." in body


def test_butterfly_series_are_the_partner_balance(prs, nat):
    dep = nat.departements["43"]
    slide = slide_titled(prs, "Principaux pays à l'import et à l'export, Haute-Loire (2024)")
    [frame] = [s for s in slide.shapes if s.has_chart]
    chart = frame.chart
    plot = chart.plots[0]
    partners = dep.partners.iloc[::-1]  # first category is drawn at the bottom
    assert list(plot.categories) == list(partners["partner_name"])
    values = {s.name: list(s.values) for s in plot.series}
    assert values["Importations"] == pytest.approx([-v / 1e6 for v in partners["imports_eur"]])
    assert values["Exportations"] == pytest.approx([v / 1e6 for v in partners["exports_eur"]])
    assert values["Solde"] == pytest.approx([v / 1e6 for v in partners["balance_eur"]])
    assert all(s.invert_if_negative is False for s in plot.series)
    balance = plot.series[2]
    for i, v in enumerate(partners["balance_eur"]):
        colour = str(balance.points[i].format.fill.fore_color.rgb) if v < 0 else str(balance.format.fill.fore_color.rgb)
        assert colour == (style.DEFICIT if v < 0 else style.SURPLUS)
    assert frame.element.nvGraphicFramePr.cNvPr.get("descr")
    ax_ids = [int(e.get("val")) for e in chart.element.iter() if e.tag.endswith(("}axId", "}crossAx"))]
    assert ax_ids and min(ax_ids) > 0


def test_sankey_has_a_ribbon_per_flow_and_the_top5_in_red(prs, nat):
    dep = nat.departements["63"]
    for view in (dep.export_flows, dep.import_flows, dep.region.export_flows, dep.france.import_flows):
        from officereport.wording import flows_title
        slide = slide_titled(prs, flows_title(view, 2024))
        [diagram] = group(slide, "Diagramme de flux")
        assert diagram.element.nvGrpSpPr.cNvPr.get("descr").startswith("Diagramme de flux")
        ribbons = [s for s in diagram.shapes if s.name.startswith("Flux ")]
        assert len(ribbons) == len(view.table)
        assert all(r.element.find(f".//{A}custGeom//{A}cubicBezTo") is not None for r in ribbons)
        red = {r.name for r in ribbons if r.element.find(f".//{A}srgbClr").get("val") == TOP_COLOUR}
        top = view.table[view.table["top5"]]
        assert red == {f"Flux {r.source_name} → {r.target_name} : {frformat.meur(r.value_eur)}" for r in top.itertuples()}
        nodes = [s.name for s in diagram.shapes if s.name.startswith("Nœud ")]
        assert nodes[10] == "Nœud Autres" and nodes[-1] == "Nœud Autres"


def test_treemap_tiles_have_areas_proportional_to_values(prs, nat):
    dep = nat.departements["43"]
    slide = slide_titled(prs, "Principales activités à l'import et à l'export, Haute-Loire (2024)")
    for name, flow in (("Activités à l'import", IMPORT), ("Activités à l'export", EXPORT)):
        [treemap] = group(slide, name)
        rects = [s for s in treemap.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
        expected = tiles(dep.activities, flow)
        assert len(rects) == len(expected) == MAX_TILES + 1
        assert [r.name for r in rects] == [f"{t.name} ({frformat.percent(t.share_pct)})" for t in expected]
        area = sum(int(r.width) * int(r.height) for r in rects)
        total = sum(t.value_eur for t in expected)
        for rect, tile in zip(rects, expected):
            assert int(rect.width) * int(rect.height) / area == pytest.approx(tile.value_eur / total, abs=2e-3)
        assert rects[-1].name.startswith("Autres")


def test_every_slide_is_marked_as_sample_with_unique_ids_and_notes(prs):
    for slide in prs.slides:
        assert SAMPLE_WARNING in texts(slide)
        ids = [int(e.get("id")) for e in slide.element.iter(f"{P}cNvPr")]
        assert len(ids) == len(set(ids))
        assert SAMPLE_WARNING in slide.notes_slide.notes_text_frame.text


def test_real_data_decks_carry_no_sample_mark(nat, tmp_path):
    path = tmp_path / "43.pptx"
    dep = nat.departements["43"]
    write_deck(path, DeckSubject.departement(dep.departement), [dep], provenance(is_sample=False))
    prs = Presentation(path)
    assert title(prs.slides[0]) == "Haute-Loire (43)"
    assert not any(SAMPLE_WARNING in t for s in prs.slides for t in texts(s))
    # One département: region and France comparisons are all there.
    assert len(prs.slides) == 3 + 6 + 4 + 1


def test_text_never_outgrows_its_placeholder(prs):
    from officereport.deck.textfit import fit_size
    for slide in prs.slides:
        for shape in slide.placeholders:
            paras = [p.text for p in shape.text_frame.paragraphs]
            sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
            assert len(sizes) == 1
            assert fit_size(paras, int(shape.width), int(shape.height), sizes.pop(), min_pt=1) is not None


def test_strict_validator_finds_nothing(deck_path):
    result = openxml_audit.validate_pptx(deck_path)
    assert result.is_valid, [str(e) for e in result.errors[:10]]


def test_nothing_in_the_file_depends_on_when_it_was_written(deck_path):
    """Same input, same bytes: zip members carry a fixed date and the chart workbooks the build's time."""
    import io
    import zipfile

    with zipfile.ZipFile(deck_path) as deck:
        assert {info.date_time for info in deck.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        workbooks = [n for n in deck.namelist() if n.startswith("ppt/embeddings/")]
        assert len(workbooks) == 4  # per département, the butterfly and the dependency chart
        for name in workbooks:
            core = zipfile.ZipFile(io.BytesIO(deck.read(name))).read("docProps/core.xml").decode()
            assert f">{provenance().built_at:%Y-%m-%dT%H:%M:%S}Z</dcterms:created>" in core


def test_a_departement_alone_in_its_region_is_not_compared_with_it(nat, tmp_path):
    dep = nat.departements["75"]  # the only Île-de-France département of the test data
    assert dep.totals.alone_in_region and not nat.departements["43"].totals.alone_in_region
    path = tmp_path / "75.pptx"
    write_deck(path, DeckSubject.departement(dep.departement), [dep], provenance())
    prs = Presentation(path)
    titles = [title(s) for s in prs.slides]
    assert not any("Île-de-France" in t for t in titles)
    assert "Flux à l'export, France entière (en valeur, 2024)" in titles
    assert len(titles) == 3 + 6 + 2 + 1  # no region slides; the dependency slide, no evolution without N-1
    words = "\n".join(t for s in prs.slides for t in texts(s))
    assert words.count("Paris est le seul département de la région Île-de-France dans les données") == 1
    assert "de la valeur exportée par la région" not in words
    assert "soit 100,0" not in words
