"""Issue 10: on the same hostile inputs, check, build and refresh agree: what check accepts (with its
warnings), build builds, and every part of every output is well-formed XML with no formula from data."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from officereport import cli

pytestmark = pytest.mark.slow  # end to end: see pyproject's markers

HOSTILE_COUNTRIES = {
    b"US": "=cmd|' /C calc'!A0\x01",
    b"DE": "Alle\x0bmagne\x1f",
    b"CN": '=HYPERLINK("http://evil.example","clic")',
    b"IT": "Ita\x00lie\ufffe",
}
TERRITORY_NAME = "Terr\x01itoire ../../évasion"


def hostile_release(sample_zip: Path, folder: Path) -> Path:
    """The session's sample zip with hostile country labels (control characters, formulas, links)."""
    folder.mkdir(parents=True)
    target = folder / sample_zip.name
    with zipfile.ZipFile(sample_zip) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "Libelle_PAYS.txt":
                lines = content.split(b"\r\n")
                for i, line in enumerate(lines):
                    code = line.split(b";", 1)[0]
                    if code in HOSTILE_COUNTRIES:
                        lines[i] = b";".join([code, HOSTILE_COUNTRIES[code].encode(), *line.split(b";")[2:]])
                content = b"\r\n".join(lines)
            copy.writestr(info, content)
    landed = time.time() - 120  # landed two minutes ago: refresh leaves a file being copied alone
    os.utime(target, (landed, landed))
    return target


def xml_parts(path: Path):
    """(name, bytes) of every XML part of an Office file, the embedded chart workbooks' parts included."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith((".xml", ".rels")):
                yield name, data
            elif name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(data)) as embedded:
                    for inner in embedded.namelist():
                        if inner.endswith((".xml", ".rels")):
                            yield f"{name}!{inner}", embedded.read(inner)


@pytest.fixture(scope="module")
def hostile(sample_zip, tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = hostile_release(sample_zip, root / "data")
    territories = root / "ti.csv"
    territories.write_text(f"id_ti;lib_ti;departements\nti-1;{TERRITORY_NAME};43|63\n", encoding="utf-8")
    return root, data, territories


def test_check_accepts_the_hostile_labels_and_names_each_cleaned_line(hostile, capsys):
    _, data, _ = hostile
    assert cli.main(["check", "--data", str(data)]) == 0
    said = capsys.readouterr().out
    cleaned = re.findall(r"avertissement : .*Libelle_PAYS\.txt:(\d+)", said)
    assert len(cleaned) == 3  # US, DE and IT carry characters no Office file may hold; CN is only a formula


def test_build_publishes_what_check_accepted_with_clean_xml_and_no_formula(hostile, capsys):
    root, data, territories = hostile
    out = root / "out"
    code = cli.main(["build", "--data", str(data), "--out", str(out), "--territories", str(territories),
                     "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert len(re.findall(r"avertissement : .*Libelle_PAYS\.txt:\d+", err)) == 3
    outputs = sorted(p for p in (out / "2024").rglob("*") if p.suffix in {".xlsx", ".pptx"})
    decks = [p for p in outputs if p.suffix == ".pptx"]
    assert [p.parent.name for p in decks] == ["territoires"]  # the id and name stay inside the build folder
    assert decks[0].name.startswith("ti-1-terr-itoire-evasion")
    for path in outputs:
        for name, xml in xml_parts(path):
            etree.fromstring(xml)  # raises on any character XML forbids
            if "!xl/worksheets/" in name or name.startswith("xl/worksheets/"):
                assert b"<f>" not in xml and b"HYPERLINK" not in xml.upper().replace(b"&QUOT;", b""), (path, name)
    deck = Presentation(decks[0])
    said = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Terr itoire ../../évasion" in said  # the control character became a space, as everywhere
    assert "\x01" not in said and "\x0b" not in said


def test_refresh_on_the_same_folder_publishes_too(hostile, capsys):
    root, data, territories = hostile
    out = root / "out-refresh"
    code = cli.main(["refresh", "--data", str(data.parent), "--out", str(out), "--territories", str(territories),
                     "--jobs", "1"])
    assert code == 0, capsys.readouterr().err
    assert (out / "2024" / "manifest.json").is_file()
