"""Pieces of the Excel writers checked on their own: cell values and headers, and the
garbage-collector pause around a workbook."""

from __future__ import annotations

import gc

import pytest

from excel_inputs import trade_data
from officereport import indicators
from officereport.excel import cells
from officereport.excel.layout import _lines, collector_paused
from officereport.excel.method import relative_names


@pytest.fixture(scope="module")
def national() -> indicators.NationalIndicators:
    return indicators.compute_national(trade_data(), 2024)


def test_cell_numbers_and_texts():
    assert cells.number(12) == 12 and type(cells.number(12)) is int
    assert cells.number(True) == 1 and type(cells.number(True)) is int
    assert cells.number(float("nan")) is None and cells.number(float("inf")) is None
    assert cells.number(2.5) == 2.5
    assert cells.text("  Tex\x07tiles\x00  et fils ") == "Tex tiles et fils"
    assert cells.text(None) == "" and cells.text(43) == "43"


def test_headers_are_capped_to_excel_length_and_stay_unique():
    long = "Machines " * 40
    headers = cells.unique([long + "A", long + "B", "Total", "TOTAL", "\U0001F600" * 200])
    assert headers[0] == (long + "A")[:255] and headers[1] == (long + "B")[:251] + " (2)"
    assert headers[2:4] == ["Total", "TOTAL (2)"]
    assert headers[4] == "\U0001F600" * 127  # 254 UTF-16 units: one more would be 256
    assert len({h.casefold() for h in headers}) == 5


def test_collector_paused_restores_the_collector_state():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("workbook failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller that paused the collector keeps it paused
    finally:
        gc.enable()


def test_method_sheet_names_inputs_from_their_folder():
    names = ["/tmp/x/data/dgddi.zip!Regional-2024/REGIONAL_CPF4PAYSE.txt", "/tmp/x/data/labels/Libelle_A129.txt"]
    assert relative_names(names) == ["dgddi.zip!Regional-2024/REGIONAL_CPF4PAYSE.txt", "labels/Libelle_A129.txt"]
    assert relative_names(["/tmp/x/dgddi.zip!Libelle_PAYS.txt"]) == ["dgddi.zip!Libelle_PAYS.txt"]
    assert relative_names(["donnees.zip!a.txt"]) == ["donnees.zip!a.txt"]  # already relative
    assert relative_names([]) == []


def test_paragraph_lines_never_start_with_french_high_punctuation():
    text = "Clé de lecture : " + " ; ".join(["vingt mots"] * 30) + " ; « Autres » regroupe le reste."
    for width in range(20, 60):
        lines = _lines(text, width)
        assert " ".join(lines) == text
        assert not [line for line in lines if line[0] in ";:»" or line.endswith("«")], width
