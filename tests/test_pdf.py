"""PDFs beside the workbooks and decks: LibreOffice for real, and a stand-in soffice for the failures."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pptx import Presentation

from deckfactory import national, provenance
from excel_inputs import provenance as workbook_provenance
from excel_inputs import trade_data
from officereport import indicators, pdf
from officereport.deck import DeckSubject, write_deck
from officereport.digest import sha256_file
from officereport.excel import write_departement_workbook
from render import page_count, page_texts


def sources(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(name.encode() * 100)
    return [folder / name for name in names]


# --- LibreOffice itself -------------------------------------------------------------------------


@pytest.mark.render
def test_a_deck_and_a_workbook_converted_side_by_side(tmp_path):
    if pdf.libreoffice_available() is None:
        pytest.skip("soffice is not installed")
    nat = national()
    deck = tmp_path / "issoire.pptx"
    write_deck(deck, DeckSubject("ti-84-07", "Issoire – Brioude", "Territoire d'industrie"),
               [nat.departements["63"], nat.departements["43"]], provenance())
    workbook = tmp_path / "haute-loire.xlsx"
    write_departement_workbook(indicators.compute_national(trade_data(), 2024).departements["43"],
                               workbook_provenance(), workbook)
    seen = []
    pdfs = pdf.convert([workbook, deck], jobs=2, progress=lambda done, total, what: seen.append((done, total)))
    assert pdfs == [tmp_path / "haute-loire.pdf", tmp_path / "issoire.pdf"]
    assert page_count(pdfs[1]) == len(Presentation(deck).slides)
    assert page_count(pdfs[0]) >= 7  # at least a page per sheet
    # French locale whatever the machine's: "#,##0.0" prints as 1 234,5
    text = "\n".join(page_texts(pdfs[0]))
    assert re.search(r"\d,\d M€", text)
    assert not re.search(r"\d\.\d M€", text)
    assert seen[-1] == (2, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "haute-loire.pdf", "haute-loire.xlsx", "issoire.pdf", "issoire.pptx"]


# --- batches, profiles, names -------------------------------------------------------------------


def test_each_worker_runs_one_soffice_with_its_own_french_profile(tmp_path, fake):
    files = sources(tmp_path / "out", "a.xlsx", "b.pptx", "c.xlsx", "d.pptx")
    pdfs = pdf.convert(files, jobs=2, soffice=str(fake))
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]
    assert [p.read_text() for p in pdfs] == [f"%PDF-1.7 from {f.resolve()}" for f in files]
    calls = fake.calls()
    assert len(calls) == 2
    assert len({profile for _, profile, _, _ in calls}) == 2
    assert all(french == "True" for _, _, french, _ in calls)
    assert sorted(name for *_, names in calls for name in names.split(",")) == ["a.xlsx", "b.pptx", "c.xlsx",
                                                                                 "d.pptx"]


def test_files_of_one_stem_go_to_separate_runs(tmp_path, fake):
    files = [*sources(tmp_path / "2023", "x.xlsx"), *sources(tmp_path / "2024", "x.xlsx")]
    pdfs = pdf.convert(files, jobs=1, soffice=str(fake))
    assert pdfs == [tmp_path / "2023" / "x.pdf", tmp_path / "2024" / "x.pdf"]
    assert [p.read_text() for p in pdfs] == [f"%PDF-1.7 from {f.resolve()}" for f in files]
    assert len(fake.calls()) == 2


def test_a_worker_restarts_libreoffice_every_few_files(tmp_path, fake):
    names = [f"{n:02}.pptx" for n in range(pdf.FILES_PER_START + 3)]
    pdfs = pdf.convert(sources(tmp_path, *names), jobs=1, soffice=str(fake))
    assert [p.name for p in pdfs] == [name.replace(".pptx", ".pdf") for name in names]
    assert [len(call[3].split(",")) for call in fake.calls()] == [pdf.FILES_PER_START, 3]
    assert len({call[1] for call in fake.calls()}) == 1  # one profile per worker, kept across starts


def test_two_sources_for_one_pdf_are_refused(tmp_path):
    files = sources(tmp_path, "13-bouches-du-rhone.xlsx", "13-bouches-du-rhone.pptx")
    with pytest.raises(ValueError, match=r"13-bouches-du-rhone\.pdf"):
        pdf.convert(files, soffice="unused")
    assert pdf.pdf_targets(files[:1], tmp_path / "pdf") == {files[0]: tmp_path / "pdf" / "13-bouches-du-rhone.pdf"}


# --- failures -----------------------------------------------------------------------------------


def test_a_timeout_names_the_file_kills_soffice_and_leaves_no_pdf(tmp_path, fake):
    files = sources(tmp_path, "lent.pptx")
    with pytest.raises(pdf.PdfError) as caught:
        pdf.convert(files, jobs=1, timeout_s=1, soffice=str(fake))
    assert caught.value.path == files[0]
    assert str(caught.value) == (f"{files[0]} : la conversion en PDF a dépassé 1 s ; LibreOffice a été arrêté "
                                 "et aucun PDF n'est écrit pour ce fichier.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "calls.log", "lent.pptx"]
    assert not alive(int(fake.calls()[0][0]))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_file_libreoffice_cannot_read_is_named_and_the_others_are_written(tmp_path, fake):
    files = sources(tmp_path / "out", "a.xlsx", "abime.xlsx", "c.pptx")
    with pytest.raises(pdf.PdfError) as caught:
        pdf.convert(files, jobs=1, soffice=str(fake))
    assert caught.value.path == files[1]
    assert str(caught.value) == (f"{files[1]} : LibreOffice n'a pas pu le convertir en PDF (code de sortie 1) : "
                                 "Error: source file could not be loaded.")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "a.xlsx", "abime.xlsx", "c.pdf",
                                                                    "c.pptx"]


def test_a_failing_worker_stops_the_others(tmp_path, fake):
    files = sources(tmp_path / "out", "abime.xlsx", "lent.pptx")
    with pytest.raises(pdf.PdfError) as caught:
        pdf.convert(files, jobs=2, timeout_s=600, soffice=str(fake))
    assert caught.value.path == files[0]
    assert len(fake.calls()) == 2
    assert not any(alive(int(pid)) for pid, *_ in fake.calls())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["abime.xlsx", "lent.pptx"]


def test_without_libreoffice_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(pdf, "KNOWN_LOCATIONS", (str(tmp_path / "soffice.exe"),))
    assert pdf.libreoffice_available() is None
    files = sources(tmp_path / "out", "a.xlsx")
    with pytest.raises(pdf.LibreOfficeMissing) as caught:
        pdf.convert(files)
    message = str(caught.value)
    assert "apt-get install libreoffice-calc-nogui libreoffice-impress-nogui" in message
    assert "https://www.libreoffice.org" in message
    assert message.startswith("LibreOffice est introuvable : les PDF ne sont pas écrits")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.xlsx"]


def test_soffice_is_found_where_the_installers_put_it(tmp_path):
    installed = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(b"")
    assert pdf.libreoffice_available(which=lambda name: None, known=(str(installed),)) == str(installed)
    assert pdf.libreoffice_available(which={"libreoffice": "/usr/bin/libreoffice"}.get) == "/usr/bin/libreoffice"


# --- reuse on refresh ---------------------------------------------------------------------------


def test_an_unchanged_source_reuses_its_earlier_pdf(tmp_path, fake):
    first = sources(tmp_path / "published", "a.xlsx", "b.pptx")
    earlier_pdfs = pdf.convert(first, jobs=1, soffice=str(fake))
    earlier = {sha256_file(source): made for source, made in zip(first, earlier_pdfs)}
    staged = sources(tmp_path / "staging", "a.xlsx", "b.pptx")
    staged[1].write_bytes(b"a new deck")
    pdfs = pdf.convert(staged, earlier=earlier, soffice=str(fake))
    assert pdfs[0].read_text() == f"%PDF-1.7 from {first[0].resolve()}"  # copied from the published build
    assert pdfs[1].read_text() == f"%PDF-1.7 from {staged[1].resolve()}"  # converted again
    assert earlier_pdfs[0].exists()
    assert [call[3] for call in fake.calls()] == ["a.xlsx,b.pptx", "b.pptx"]
    # in place: nothing to do at all
    assert pdf.convert(staged, earlier={sha256_file(s): p for s, p in zip(staged, pdfs)}, soffice="unused") == pdfs
    assert len(fake.calls()) == 2
