"""The publication check parses every XML part of every output, embedded workbooks included."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from test_publish import EXTRA, Output, fake_render, snapshot_tree

from officereport.publish import checks, staging
from officereport.publish.checks import OfficeCheck, check_office_file
from officereport.publish.errors import PublishError
from officereport.publish.paths import OutputPaths
from officereport.publish.staging import publish

SLIDE = '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><t>{}</t></p:sld>'


def office_zip(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
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


def parsed_parts(monkeypatch) -> list[bytes]:
    """Every XML content expat is given from now on."""
    parsed = []
    well_formed_problem = checks._well_formed_problem

    def recording(content: bytes) -> str | None:
        parsed.append(content)
        return well_formed_problem(content)

    monkeypatch.setattr(checks, "_well_formed_problem", recording)
    return parsed


def xml_parts(output: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith((".xml", ".rels"))}


def test_a_part_identical_to_a_proven_one_is_not_parsed_again(monkeypatch):
    parsed = parsed_parts(monkeypatch)
    check = OfficeCheck()
    assert check.problem(deck("Haute-Loire"), ".pptx") is None
    assert sorted(parsed) == sorted(xml_parts(deck("Haute-Loire")).values())  # the first deck: every part

    parsed.clear()
    assert check.problem(deck("Haute-Loire"), ".pptx") is None
    assert parsed == []  # the same bytes again: nothing parsed

    parsed.clear()
    assert check.problem(deck("Puy-de-Dôme"), ".pptx") is None
    assert parsed == [SLIDE.format("Puy-de-Dôme").encode()]  # only the slide that differs


def test_an_embedded_workbook_identical_to_a_proven_one_is_not_opened_again(monkeypatch):
    parsed = parsed_parts(monkeypatch)
    check = OfficeCheck()
    chart_data = office_zip({"xl/workbook.xml": "<w/>", "xl/sharedStrings.xml": "<sst><si><t>43</t></si></sst>"})
    assert check.problem(deck("Haute-Loire", chart_data), ".pptx") is None
    assert b"<sst><si><t>43</t></si></sst>" in parsed

    parsed.clear()
    assert check.problem(deck("Puy-de-Dôme", chart_data), ".pptx") is None
    assert parsed == [SLIDE.format("Puy-de-Dôme").encode()]


def test_bytes_passed_unparsed_prove_nothing_for_an_xml_part_holding_them():
    broken = "<p:sld><t>pas fermé"
    check = OfficeCheck()
    # The same ill-formed bytes as an image (CRC checked only), then as a slide (parsed).
    assert check.problem(office_zip({"ppt/presentation.xml": "<p/>", "ppt/media/image1.png": broken}), ".pptx") is None
    why = check.problem(office_zip({"ppt/presentation.xml": "<p/>", "ppt/slides/slide1.xml": broken}), ".pptx")
    assert why is not None and "ppt/slides/slide1.xml" in why and "XML mal formé" in why


def with_crc_of(like: bytes, content: bytes, at: int) -> bytes:
    """``content`` (as long as ``like``) with its four bytes from ``at`` replaced so that its CRC-32 is ``like``'s.

    The CRC-32 of same-length messages is affine in their bits, and no change within 32 bits
    leaves it unchanged: the 32 bits of the window are solved for by Gauss elimination."""
    zeroed = content[:at] + bytes(4) + content[at + 4:]
    base = zlib.crc32(zeroed)
    columns = []  # (effect of one bit of the window on the CRC, that bit as a 32-bit mask)
    for bit in range(32):
        flipped = bytearray(zeroed)
        flipped[at + bit // 8] ^= 1 << (bit % 8)
        columns.append((zlib.crc32(bytes(flipped)) ^ base, 1 << bit))
    target, window, basis = zlib.crc32(like) ^ base, 0, []
    for column in columns:  # reduce each column against the basis built so far
        effect, mask = column
        for pivot_effect, pivot_mask in basis:
            if effect ^ pivot_effect < effect:
                effect, mask = effect ^ pivot_effect, mask ^ pivot_mask
        basis.append((effect, mask))
    for effect, mask in sorted(basis, reverse=True):
        if target ^ effect < target:
            target, window = target ^ effect, window ^ mask
    assert target == 0
    return content[:at] + window.to_bytes(4, "little") + content[at + 4:]


def test_a_part_with_the_size_and_crc_of_a_proven_one_but_other_bytes_is_parsed():
    """Size and CRC-32 only find a candidate: the CRC of a proven slide is no proof for another slide."""
    slide = SLIDE.format("Haute-Loire").encode()
    other = SLIDE.format("Haute-Corse").encode()
    forged = with_crc_of(slide, other, other.index(b"Haute"))
    assert forged != slide and len(forged) == len(slide) and zlib.crc32(forged) == zlib.crc32(slide)
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring(forged)

    check = OfficeCheck()
    parts = {"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>", "ppt/slides/slide1.xml": slide}
    assert check.problem(office_zip(parts, zipfile.ZIP_STORED), ".pptx") is None
    parts["ppt/slides/slide1.xml"] = forged  # stored too: same name, size, CRC-32 and stored size
    why = check.problem(office_zip(parts, zipfile.ZIP_STORED), ".pptx")
    assert why.startswith("partie ppt/slides/slide1.xml : XML mal formé")


def damaged(output: bytes, member: str, at: float = 0.5) -> bytes:
    """The output with one byte of that member's stored data changed (``at``: where, as a fraction of
    its length), its directory left as it was."""
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        info = archive.getinfo(member)
    data_at = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    changed = bytearray(output)
    changed[data_at + int(info.compress_size * at)] ^= 0xFF
    return bytes(changed)


@pytest.mark.parametrize("proven_first", [False, True])
@pytest.mark.parametrize(("at", "reason"), [(0.0, "Error -3 while decompressing data"),  # zlib refuses it
                                            (0.9, "somme de contrôle CRC fausse")])  # inflates, to other bytes
def test_a_damaged_member_is_caught_even_after_its_sound_twin_was_proven(proven_first, at, reason):
    check = OfficeCheck()
    sound = deck("Haute-Loire &amp; Puy-de-Dôme")
    if proven_first:
        assert check.problem(sound, ".pptx") is None
    why = check.problem(damaged(sound, "ppt/slides/slide1.xml", at), ".pptx")
    assert why.startswith(f"membre corrompu dans l'archive : ppt/slides/slide1.xml ({reason}")


def test_a_stored_member_whose_crc_is_wrong_is_caught():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
        archive.writestr("ppt/media/image1.png", b"\x89PNG" + bytes(60))
    why = OfficeCheck().problem(damaged(buffer.getvalue(), "ppt/media/image1.png"), ".pptx")
    assert why == "membre corrompu dans l'archive : ppt/media/image1.png (somme de contrôle CRC fausse)"


def test_a_member_zipfile_reads_is_checked_too():
    """A method this tool never writes (bzip2) is read by zipfile, and its XML still parsed."""
    sound = {"ppt/presentation.xml": "<p/>", "ppt/slides/slide1.xml": SLIDE.format("Cantal")}
    assert OfficeCheck().problem(office_zip(sound, zipfile.ZIP_BZIP2), ".pptx") is None
    broken = {**sound, "ppt/slides/slide1.xml": SLIDE.format("Can\x02tal")}
    why = OfficeCheck().problem(office_zip(broken, zipfile.ZIP_BZIP2), ".pptx")
    assert why.startswith("partie ppt/slides/slide1.xml : XML mal formé")


def test_a_year_of_outputs_checked_in_the_pool_names_the_one_broken_deck(tmp_path):
    """Forty decks, checked in a pool on two cores or more: hashes as the files, and the broken deck named."""
    rels = [f"territoires/ti-84-{n:02d}.pptx" for n in range(40)]
    paths = OutputPaths(tmp_path)
    publication = publish(paths, 2024, fake_render("v1", rels), manifest_extra=EXTRA)
    files = {entry["path"]: entry for entry in publication.manifest["outputs"]}
    assert sorted(files) == rels
    for rel, entry in files.items():
        content = (publication.folder / rel).read_bytes()
        assert (entry["sha256"], entry["bytes"]) == (hashlib.sha256(content).hexdigest(), len(content))

    def one_broken_deck(staging: Path) -> list[Output]:
        written = fake_render("v2", rels)(staging)
        (staging / rels[29]).write_bytes(deck("Saint-Pierre\x1fet-Miquelon"))
        return written

    with pytest.raises(PublishError) as refused:
        publish(paths, 2024, one_broken_deck, manifest_extra=EXTRA)
    column = SLIDE.format("Saint-Pierre\x1fet-Miquelon").index("\x1f") + 1
    assert str(refused.value).splitlines()[1:] == [f"  {rels[29]}: partie ppt/slides/slide1.xml : XML mal formé, "
                                                   f"ligne 1, colonne {column} : caractère ou balise invalide"]


def test_one_job_checks_in_this_process(tmp_path, monkeypatch):
    """``--jobs 1`` holds for the check as for rendering: no pool, the same entries."""
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(staging, "render_pool", no_pool)
    rels = [f"territoires/ti-84-{n:02d}.pptx" for n in range(40)]
    publication = publish(OutputPaths(tmp_path), 2024, fake_render("v1", rels), manifest_extra=EXTRA, jobs=1)
    assert sorted(entry["path"] for entry in publication.manifest["outputs"]) == rels
