"""PDFs beside the outputs, made in the staging folder and published with them (stand-in soffice)."""

from __future__ import annotations

import logging
import os
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from test_publish import Output, snapshot_tree
from test_refresh import NOW, FakeData, refresh_setup, run

from fakesoffice import FakeSoffice
from officereport import pdf
from officereport.planning import with_pdfs
from officereport.publish.checks import read_manifest, verify_build
from officereport.publish.errors import PublishError
from officereport.publish.paths import OutputPaths
from officereport.publish.pdfs import reusable
from officereport.publish.year import run_year

OFFICE = ["departements/43-haute-loire.xlsx", f"national-{2024}.xlsx", "territoires/ti-84-01.pptx"]


def converted(fake) -> list[str]:
    """The files the stand-in soffice was asked to convert, all runs together."""
    return sorted(name for call in fake.calls() for name in call[3].split(","))


def test_refresh_with_pdf_publishes_a_pdf_beside_every_output_then_converts_only_what_changed(tmp_path, fake):
    settings, tools = refresh_setup(tmp_path)
    settings = replace(settings, pdf=True)
    assert run(settings, tools).ok
    folder = settings.out_dir / "2024"
    manifest = read_manifest(folder)
    pdfs = {e["path"]: e["kind"] for e in manifest["outputs"] if e["path"].endswith(".pdf")}
    assert pdfs == {"departements/43-haute-loire.pdf": "departement-workbook-pdf",
                    "national-2024.pdf": "national-workbook-pdf", "territoires/ti-84-01.pdf": "territory-deck-pdf"}
    for rel in OFFICE:
        assert (folder / rel).with_suffix(".pdf").read_text().startswith("%PDF-1.7 from ")
    assert verify_build(folder) == []
    assert converted(fake) == sorted(["43-haute-loire.xlsx", "national-2023.xlsx", "ti-84-01.pptx",
                                      "43-haute-loire.xlsx", "national-2024.xlsx", "ti-84-01.pptx"])
    first = fake.calls()

    before = snapshot_tree(settings.out_dir)
    assert run(settings, tools).published == []  # nothing changed: no conversion at all
    assert fake.calls() == first
    assert snapshot_tree(settings.out_dir) == before

    tools.template.write_text("modèle vert")  # a new template: the decks rebuilt and converted again
    report = run(settings, tools)
    assert [(year, sorted(kinds)) for year, kinds, _ in report.published] == [
        (year, ["departement-deck", "departement-deck-pdf", "territory-deck", "territory-deck-pdf"])
        for year in (2023, 2024)]
    assert sorted(n for call in fake.calls()[len(first):] for n in call[3].split(",")) == ["ti-84-01.pptx"] * 2
    after = snapshot_tree(settings.out_dir)
    for rel in ("2024/departements/43-haute-loire.pdf", "2024/national-2024.pdf"):
        assert after[rel] == before[rel]  # the workbooks' PDFs carried over untouched
    assert after["2024/territoires/ti-84-01.pdf"] != before["2024/territoires/ti-84-01.pdf"]
    assert verify_build(folder) == []


def messages(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_turning_pdf_on_rebuilds_says_so_and_is_remembered(tmp_path, fake, caplog):
    settings, tools = refresh_setup(tmp_path)
    assert run(replace(settings, pdf=False), tools).ok
    assert fake.calls() == []
    caplog.set_level(logging.INFO, logger="officereport")
    assert [year for year, _, _ in run(replace(settings, pdf=True), tools).published] == [2023, 2024]
    assert "2024 : reconstruction (PDF demandés (réglage pdf)) à partir de recent-2024.zip" in messages(caplog)
    caplog.clear()
    assert run(settings, tools).published == []  # pdf not given: the last publication's choice, kept and said
    assert "PDF non demandés ni refusés : la dernière publication en avait, ils sont gardés" in messages(caplog)
    caplog.clear()
    assert [year for year, _, _ in run(replace(settings, pdf=False), tools).published] == [2023, 2024]
    assert "2024 : reconstruction (PDF plus demandés (réglage pdf))" in messages(caplog)
    assert not list((settings.out_dir / "2024").rglob("*.pdf"))


def test_without_libreoffice_the_office_files_are_published_with_a_warning(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(pdf, "KNOWN_LOCATIONS", ())
    settings, tools = refresh_setup(tmp_path)
    caplog.set_level(logging.INFO, logger="officereport")
    report = run(replace(settings, pdf=True), tools)
    assert report.ok and report.exit_code == 0
    (publication,) = [p for year, _, p in report.published if year == 2024]
    assert publication.warnings == [pdf.INSTALL_HINT]
    assert f"2024 : {pdf.INSTALL_HINT}" in messages(caplog)
    assert sorted(e["path"] for e in publication.manifest["outputs"]) == sorted(OFFICE)
    assert verify_build(settings.out_dir / "2024") == []


def write_fixed_zip(path: Path, text: str) -> None:
    """An Office-like zip whose bytes depend on ``text`` only (fixed member dates)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    main = "xl/workbook.xml" if path.suffix == ".xlsx" else "ppt/presentation.xml"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in (("[Content_Types].xml", "<Types/>"), (main, f"<root>{text}</root>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), content)


def renderer(workbook: str, deck: str, workbook_name: str = "departements/43-haute-loire.xlsx"):
    def render(data, year: int, staging: Path, kinds: frozenset[str], built_at: datetime, meanwhile) -> list[Output]:
        write_fixed_zip(staging / workbook_name, workbook)
        write_fixed_zip(staging / "territoires/ti-84-01.pptx", deck)
        return [Output("departement-workbook", "43", workbook_name),
                Output("territory-deck", "ti-84-01", "territoires/ti-84-01.pptx")]
    return render


KINDS = with_pdfs(frozenset({"departement-workbook", "territory-deck"}))
DATA = FakeData([2024], "x", [])


def publish_year(out: Path, render):
    return run_year(OutputPaths(out), 2024, DATA, render, kinds=KINDS, all_kinds=KINDS, clock=lambda: NOW)


def test_a_source_unchanged_since_the_published_build_gets_its_pdf_copied(tmp_path, fake):
    publish_year(tmp_path / "out", renderer("classeur v1", "présentation v1"))
    folder = tmp_path / "out" / "2024"
    assert set(reusable(folder)) == {e["sha256"] for e in read_manifest(folder)["outputs"]
                                     if not e["path"].endswith(".pdf")}
    first_pdf = (folder / "departements/43-haute-loire.pdf").read_text()
    calls = len(fake.calls())
    publish_year(tmp_path / "out", renderer("classeur v1", "présentation v2"))
    assert [call[3] for call in fake.calls()[calls:]] == ["ti-84-01.pptx"]  # the workbook's PDF was copied
    assert (folder / "departements/43-haute-loire.pdf").read_text() == first_pdf
    assert verify_build(folder) == []


def test_a_file_that_cannot_be_converted_fails_the_year_and_publishes_nothing(tmp_path, fake):
    publish_year(tmp_path / "out", renderer("classeur v1", "présentation v1"))
    before = snapshot_tree(tmp_path / "out")
    with pytest.raises(PublishError) as failed:
        publish_year(tmp_path / "out", renderer("classeur v2", "présentation v2", "departements/abime.xlsx"))
    message = str(failed.value)
    assert "departements/abime.xlsx : LibreOffice n'a pas pu le convertir en PDF (code de sortie 1)" in message
    assert "staging" not in message  # named as it would be published, not by the private folder
    assert snapshot_tree(tmp_path / "out") == before


def test_pdfs_asked_without_libreoffice_are_made_by_the_first_run_that_finds_it(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(pdf, "KNOWN_LOCATIONS", ())
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    settings, tools = refresh_setup(tmp_path)
    settings = replace(settings, pdf=True)
    assert [year for year, _, _ in run(settings, tools).published] == [2023, 2024]
    caplog.set_level(logging.INFO, logger="officereport")
    assert run(settings, tools).published == []  # still no LibreOffice: no rebuild that would add nothing
    assert f"2024 : {pdf.INSTALL_HINT}" in messages(caplog)

    (tmp_path / "libreoffice").mkdir()  # installed at last
    fake = FakeSoffice(tmp_path / "libreoffice")
    monkeypatch.setenv("FAKE_LOG", str(fake.log))
    monkeypatch.setenv("PATH", f"{fake.program.parent}{os.pathsep}{path}")
    caplog.clear()
    assert [year for year, _, _ in run(settings, tools).published] == [2023, 2024]
    assert "2024 : reconstruction (PDF demandés (réglage pdf))" in messages(caplog)
    assert sorted(p.name for p in (settings.out_dir / "2024").rglob("*.pdf")) == [
        "43-haute-loire.pdf", "national-2024.pdf", "ti-84-01.pdf"]
    assert run(settings, tools).published == []
