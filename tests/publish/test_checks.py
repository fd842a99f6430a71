"""The publication check parses every XML part of every output, embedded workbooks included."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from test_publish import EXTRA, Output, fake_render, snapshot_tree

from officereport.publish.checks import check_office_file
from officereport.publish.errors import PublishError
from officereport.publish.paths import OutputPaths
from officereport.publish.staging import publish

SLIDE = '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><t>{}</t></p:sld>'


def office_zip(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def deck(slide_text: str, embedded: bytes | None = None) -> bytes:
    parts = {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>",
             "ppt/slides/_rels/slide1.xml.rels": "<Relationships/>", "ppt/slides/slide1.xml": SLIDE.format(slide_text)}
    if embedded is not None:
        parts["ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx"] = embedded
    return office_zip(parts)


def test_a_sound_deck_passes(tmp_path):
    path = tmp_path / "ok.pptx"
    path.write_bytes(deck("Haute-Loire &amp; Puy-de-Dôme", office_zip({"xl/workbook.xml": "<w/>"})))
    assert check_office_file(path) is None


def test_a_control_character_in_a_slide_is_named_with_its_part(tmp_path):
    """Issue 11: a label holding \\x01 gave a deck python-pptx cannot reopen, and the check passed it."""
    path = tmp_path / "broken.pptx"
    path.write_bytes(deck("Pays\x01bas"))
    why = check_office_file(path)
    assert why == "partie ppt/slides/slide1.xml : XML mal formé, ligne 1, colonne 84 : caractère ou balise invalide"


def test_a_broken_part_inside_an_embedded_workbook_is_named(tmp_path):
    chart_data = office_zip({"xl/workbook.xml": "<w/>", "xl/sharedStrings.xml": "<sst><si><t>=cmd|\x0b</t></si></sst>"})
    path = tmp_path / "chart.pptx"
    path.write_bytes(deck("ok", chart_data))
    assert check_office_file(path).startswith(
        "ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx : partie xl/sharedStrings.xml : XML mal formé")


@pytest.mark.parametrize(("part", "content"), [("ppt/slides/slide1.xml", "<p:sld>"),
                                                ("ppt/slides/_rels/slide1.xml.rels", "<Relationships><R>")])
def test_truncated_parts_are_found(tmp_path, part, content):
    path = tmp_path / "cut.pptx"
    parts = {"ppt/presentation.xml": "<p/>", part: content}
    path.write_bytes(office_zip(parts))
    assert check_office_file(path).startswith(f"partie {part} : XML mal formé")


def test_a_broken_output_stops_the_publication_naming_file_and_part(tmp_path):
    paths = OutputPaths(tmp_path)
    publish(paths, 2024, fake_render("v1"), manifest_extra=EXTRA)
    before = snapshot_tree(tmp_path)

    def one_broken_deck(staging: Path) -> list[Output]:
        written = fake_render("v2")(staging)
        (staging / "territoires/ti-84-01.pptx").write_bytes(deck("Saint-Pierre\x1fet-Miquelon"))
        return written

    with pytest.raises(PublishError) as refused:
        publish(paths, 2024, one_broken_deck, manifest_extra=EXTRA)
    assert "sorties invalides, rien n'a été publié" in str(refused.value)
    assert "territoires/ti-84-01.pptx: partie ppt/slides/slide1.xml : XML mal formé" in str(refused.value)
    assert snapshot_tree(tmp_path) == before
