"""Data files saved the wrong way are named with their first faulty line, not skipped in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader_fixtures import EXPORTS, IMPORTS, label_bytes, line, write_lines, write_publication
from officereport.input import loader
from officereport.model import InputError, Problem


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        loader.load(path)
    return caught.value.problems


def test_comma_separated_export_file_is_named(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    export = write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [x.replace(";", ",") for x in EXPORTS])
    assert problems_of(folder) == [
        Problem(str(export), 1, "separator",
                "séparateur virgule au lieu de ';' : les 10 champs d'une ligne de données sont séparés par ';'"),
    ]


def test_utf16_data_file_is_named(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    export = folder / "REGIONAL_CPF4PAYSE.txt"
    export.write_bytes("".join(f"{x}\r\n" for x in EXPORTS).encode("utf-16"))
    assert problems_of(folder) == [
        Problem(str(export), 1, "encoding",
                "fichier en UTF-16 : les fichiers de données DGDDI sont en UTF-8 (l'enregistrer en UTF-8)"),
    ]


def test_trailing_semicolon_on_every_line_is_named(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    imports = write_lines(folder / "REGIONAL_CPF4PAYSI.txt", [f"{x};" for x in IMPORTS])
    assert problems_of(folder) == [
        Problem(str(imports), 1, "trailing-field",
                "';' en fin de ligne : 11 champs dont un dernier vide, 10 attendus (retirer le ';' final)"),
    ]


def test_bad_utf8_far_into_a_large_file_is_located(tmp_path: Path) -> None:
    rows = [line(partner=f"{a}{b}", cpf4=f"{n:04d}") for n in range(300) for a in "ABCDEFGHIJ" for b in "KLMNOPQRST"]
    rows += IMPORTS
    path = write_lines(tmp_path / "donnees.txt", rows, trailer="E;1;2024;43;18;C29A;2932;\xe9S;1;1\r\n")
    data = path.read_bytes().replace("\xe9".encode(), b"\xe9")  # a lone Windows-1252 byte
    path.write_bytes(data)
    assert len(data) > 1 << 20  # past the sniffed head and the reader's first block
    assert problems_of(path) == [
        Problem(str(path), len(rows) + 1, "encoding", "caractère invalide en UTF-8 (les fichiers de données sont en UTF-8)")
    ]


def test_a_line_longer_than_a_mebibyte_is_refused(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "donnees.txt", [*EXPORTS, *IMPORTS, line(partner="X" * (2 << 20))])
    assert problems_of(path) == [
        Problem(str(path), None, "line-too-long", "ligne de plus de 1 Mio : ce n'est pas un fichier de données DGDDI")
    ]


def test_control_character_in_a_data_code_is_a_problem(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "donnees.txt", [*EXPORTS, *IMPORTS, line(partner="D\x01E")])
    assert problems_of(path) == [
        Problem(str(path), 8, "control-character", "code pays 'D\\x01E' avec un caractère de contrôle")
    ]


def test_control_characters_in_labels_are_cleaned_at_load_and_named(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    countries = label_bytes("Libelle_PAYS.txt").replace(b"Allemagne", b"Alle\x01mag\x0bne")
    (folder / "Libelle_PAYS.txt").write_bytes(countries)
    data = loader.load(folder)
    assert data.labels.partner_names(2024)["DE"] == "Alle mag ne"
    assert data.warnings == [
        f"{folder / 'Libelle_PAYS.txt'}:3 : caractères de contrôle retirés du libellé de DE (U+0001, U+000B)"
    ]
