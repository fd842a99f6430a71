"""The loader on small DGDDI-shaped inputs: the table it builds, and one defect file per rule."""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loader_fixtures import EXPORTS, IMPORTS, LABEL_FILES, label_bytes, line, write_lines, write_publication
from officereport.input import geography, loader
from officereport.model import SAMPLE_MARKER, TRADE_COLUMNS, InputError, Problem


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        loader.load(path)
    return caught.value.problems


def one_file(tmp_path: Path, lines: list[str], **kwargs) -> Path:
    """A bare data file holding both flows, then ``lines``."""
    return write_lines(tmp_path / "donnees.txt", [*EXPORTS, *IMPORTS, *lines], **kwargs)


FIRST_DEFECT_LINE = len(EXPORTS) + len(IMPORTS) + 1


# --- the table ------------------------------------------------------------------------------


def test_publication_folder_gives_the_typed_table(tmp_path: Path) -> None:
    data = loader.load(write_publication(tmp_path / "douane"))
    trade = data.trade
    assert tuple(trade.columns) == TRADE_COLUMNS
    assert {c: str(t) for c, t in trade.dtypes.items()} == {
        "flow": "category", "year": "int16", "quarter": "int8", "dep": "category", "region": "category",
        "a129": "category", "cpf4": "category", "partner": "category", "value_eur": "int64", "mass_kg": "float64",
    }  # fmt: skip
    assert trade["flow"].tolist() == ["E"] * 4 + ["I"] * 3
    assert trade["partner"].tolist() == ["NA", "DE", "XS", "QU", "AR", "IT", "CN"]
    assert trade["cpf4"].tolist()[0] == "0111"
    assert trade["value_eur"].tolist() == [406473, 5000000, 250000, 1200, 52, 3000000, 700000]
    assert trade["mass_kg"].tolist()[:2] == [1210935.0, 120000.0]
    assert np.isnan(trade["mass_kg"].iloc[2])
    assert trade["quarter"].tolist() == [1, 2, 3, 4, 1, 2, 4]
    assert data.warnings == []
    assert data.is_sample is False
    partners, products = data.labels.partner_names(2024), data.labels.cpf4_names(2024)
    assert [partners[code] for code in ("NA", "XS", "QU")] == ["Namibie", "Serbie", "Pays et territoires non déterminés"]
    assert products["0111"] == "Céréales (à l'exclusion du riz), légumineuses et oléagineux"
    assert products["0893"] == "Sel et chlorure de sodium pur ; eau de mer"
    assert data.labels.a129_names(2024)["A01Z"] == "Produits de la culture et de l’élevage"


def test_sources_fingerprint_every_file_read(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    readme = "Avertissement :\r\n\r\nDepuis janvier 2022, l’EMEBI a remplacé la DEB ; voir la notice.\r\n"
    (folder / "LISEZ-MOI.txt").write_text(readme, encoding="utf-8-sig", newline="")
    data = loader.load(folder)
    by_name = {Path(s.name).name: s for s in data.sources}
    assert sorted(by_name) == sorted([*LABEL_FILES, "REGIONAL_CPF4PAYSE.txt", "REGIONAL_CPF4PAYSI.txt"])
    export = by_name["REGIONAL_CPF4PAYSE.txt"]
    assert (export.kind, export.rows) == ("data", 4)
    assert export.sha256 == hashlib.sha256((folder / "REGIONAL_CPF4PAYSE.txt").read_bytes()).hexdigest()
    assert (by_name["Libelle_PAYS.txt"].kind, by_name["Libelle_PAYS.txt"].rows) == ("labels", 9)
    assert data.warnings == [f"{folder / 'LISEZ-MOI.txt'} : ignoré : ni données (10 champs) ni libellés"]


def test_zip_folder_and_bare_file_give_the_same_table(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    archive = tmp_path / "douane.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(folder.iterdir()):
            zf.write(file, f"Regional-2024/{file.name}")
    bare = write_lines(tmp_path / "Region_2024.txt", [*EXPORTS, *IMPORTS])

    from_folder, from_zip, from_bare = (loader.load(p) for p in (folder, archive, bare))
    pd.testing.assert_frame_equal(from_zip.trade, from_folder.trade)
    pd.testing.assert_frame_equal(from_bare.trade, from_folder.trade)
    assert from_zip.labels == from_folder.labels
    assert f"{archive}!Regional-2024/REGIONAL_CPF4PAYSE.txt" in [s.name for s in from_zip.sources]


def test_a_folder_may_hold_the_downloaded_zip(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with zipfile.ZipFile(inbox / "douane.zip", "w") as zf:
        for file in folder.iterdir():
            zf.write(file, file.name)
    pd.testing.assert_frame_equal(loader.load(inbox).trade, loader.load(folder).trade)


def test_last_five_quarters_keep_both_years(tmp_path: Path) -> None:
    late_2023 = [line("E", 4, 2023, cpf4="2932"), line("I", 4, 2023, cpf4="2932")]
    data = loader.load(one_file(tmp_path, late_2023))
    assert data.quarters_by_year() == {2023: [4], 2024: [1, 2, 3, 4]}
    assert data.complete_years() == []  # the imports have no third quarter of 2024
    import_q3 = [line("I", 3, 2024, cpf4="2932")]
    assert loader.load(one_file(tmp_path, late_2023 + import_q3)).complete_years() == [2024]


def test_bom_and_trailing_blank_line_are_accepted(tmp_path: Path) -> None:
    path = one_file(tmp_path, [], bom=True, trailer="\r\n")
    assert len(loader.load(path).trade) == 7


def test_missing_label_files_are_warnings(tmp_path: Path) -> None:
    data = loader.load(one_file(tmp_path, []))
    assert data.warnings == [
        "Libelle_A129.txt absent : les codes A129 s'afficheront sans libellé",
        "Libelle_CPF4_rev2.1.txt absent : les codes CPF4 s'afficheront sans libellé",
        "Libelle_PAYS.txt absent : les codes pays s'afficheront sans libellé",
    ]


def test_codes_without_label_are_kept_and_counted(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [*EXPORTS, line(partner="ZZ"), line(partner="YY", cpf4="9999")])
    data = loader.load(folder)
    assert data.warnings == [
        "1 code CPF4 sans libellé (affichage du code) : 9999",
        "2 codes pays sans libellé (affichage du code) : YY, ZZ",
    ]
    assert "ZZ" in data.trade["partner"].tolist()
    assert len(data.trade) == 9


def test_sample_marker_in_a_zip_flags_sample_data(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane", with_labels=False)
    archive = tmp_path / "exemple.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in folder.iterdir():
            zf.write(file, file.name)
        zf.writestr(SAMPLE_MARKER, "Données fictives\r\n")
    assert loader.load(archive).is_sample is True
    assert loader.load(folder).is_sample is False


def test_summarize_gives_what_check_shows(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane")
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", [*EXPORTS, line("E", 4, 2023, partner="ZZ", value=7)])
    summary = loader.summarize(loader.load(folder))
    assert summary["years"] == [  # the fixture's imports have no third quarter: 2024 is not complete
        {"year": 2023, "quarters": [4], "complete": False, "missing_quarters": {"E": [1, 2, 3], "I": [1, 2, 3, 4]}},
        {"year": 2024, "quarters": [1, 2, 3, 4], "complete": False, "missing_quarters": {"E": [], "I": [3]}},
    ]
    assert summary["rows_per_flow"] == {"E": 5, "I": 3}
    assert summary["departements"] == 2
    assert summary["totals_eur"] == {2023: {"E": 7, "I": 0}, 2024: {"E": 5657673, "I": 3700052}}
    assert summary["unknown_codes"] == {"a129": 0, "cpf4": 0, "partner": 1}
    assert summary["is_sample"] is False
    assert len(summary["sources"]) == 6
    assert summary["warnings"] == ["1 code pays sans libellé (affichage du code) : ZZ"]


# --- one defect file per rule ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("defect", "rule", "message"),
    [
        ("E;3;2024;43;18;C29A;2932;DE;1000", "field-count", "10 champs attendus, 9 trouvés"),
        (line(mass="10;0"), "field-count", "10 champs attendus, 11 trouvés"),
        (line(value="12a"), "non-numeric", "valeur non numérique : '12a'"),
        (line(value=""), "non-numeric", "valeur non numérique : ''"),
        (line(mass="1,5"), "non-numeric", "masse non numérique : '1,5'"),
        (line(value=-5), "negative", "valeur négative : -5"),
        (line(mass=-1), "negative", "masse négative : -1"),
        (line(flow="X"), "unknown-flow", "flux 'X' inconnu (E ou I attendu)"),
        (line(quarter=5), "quarter-range", "trimestre '5' hors de 1 à 4"),
        (line(quarter=""), "quarter-range", "trimestre '' hors de 1 à 4"),
        (line(dep="2A"), "unknown-departement", "département '2A' inconnu"),
        (
            line(region="84"),
            "region-mismatch",
            "région '84' incohérente avec le département 43 (région DGDDI 18 attendue)",
        ),
        (line(partner=""), "missing-code", "code pays vide"),
        (line(cpf4=""), "missing-code", "code CPF4 vide"),
    ],
)
def test_each_row_rule_names_file_line_and_rule(tmp_path: Path, defect: str, rule: str, message: str) -> None:
    path = one_file(tmp_path, [defect])
    assert problems_of(path) == [Problem(str(path), FIRST_DEFECT_LINE, rule, message)]


@pytest.mark.parametrize("year", ["1850", "20x4", "2999", "24"])
def test_implausible_year(tmp_path: Path, year: str) -> None:
    path = one_file(tmp_path, [line(year=year, partner="US")])
    [problem] = problems_of(path)
    assert (problem.line, problem.rule) == (FIRST_DEFECT_LINE, "implausible-year")
    assert problem.message.startswith(f"année '{year}' invraisemblable (attendue de 1990 à ")


def test_duplicate_key_points_to_the_first_occurrence(tmp_path: Path) -> None:
    path = one_file(tmp_path, [line("E", 2, 2024, "43", "18", "C29A", "2932", "DE", 1, 1)])
    assert problems_of(path) == [
        Problem(
            str(path),
            FIRST_DEFECT_LINE,
            "duplicate-key",
            f"clé en double (flux E, 2024 T2, département 43, CPF4 2932, pays DE) : déjà en {path}:2",
        )
    ]


def test_duplicate_key_across_two_files(tmp_path: Path) -> None:
    folder = write_publication(tmp_path / "douane", with_labels=False)
    write_lines(folder / "Region_2024_Import_bis.txt", [IMPORTS[2]])
    [problem] = problems_of(folder)
    assert (problem.file, problem.line) == (str(folder / "Region_2024_Import_bis.txt"), 1)
    assert problem.rule == "duplicate-key"
    assert problem.message.endswith(f"déjà en {folder / 'REGIONAL_CPF4PAYSI.txt'}:3")


def test_line_numbers_count_a_bom_and_blank_lines(tmp_path: Path) -> None:
    lines = [EXPORTS[0], "", EXPORTS[1], "   ", line(flow="X"), *IMPORTS]
    path = write_lines(tmp_path / "donnees.txt", lines, bom=True, trailer="\r\n\r\n")
    assert problems_of(path) == [
        Problem(str(path), 2, "field-count", "ligne vide entre deux lignes de données"),
        Problem(str(path), 4, "field-count", "ligne vide entre deux lignes de données"),
        Problem(str(path), 5, "unknown-flow", "flux 'X' inconnu (E ou I attendu)"),
    ]


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    path = one_file(tmp_path, [line(value="x", dep="2B", partner="US"), "E;1", line(quarter=7, partner="JP")])
    found = [(p.line, p.rule) for p in problems_of(path)]
    first = FIRST_DEFECT_LINE
    assert found == [
        (first, "unknown-departement"),
        (first, "non-numeric"),
        (first + 1, "field-count"),
        (first + 2, "quarter-range"),
    ]


def test_problems_beyond_the_cap_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("officereport.input.problems.MAX_PROBLEMS", 3)
    path = one_file(tmp_path, [line(value="x", partner=f"P{i}") for i in range(10)])
    problems = problems_of(path)
    assert [p.line for p in problems[:3]] == [FIRST_DEFECT_LINE, FIRST_DEFECT_LINE + 1, FIRST_DEFECT_LINE + 2]
    assert problems[3] == Problem(str(path), None, "too-many-problems", "7 autres problèmes non listés")


def test_bad_lines_beyond_the_cap_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("officereport.input.problems.MAX_PROBLEMS", 2)
    path = one_file(tmp_path, ["E;1;2024"] * 5)
    assert problems_of(path) == [
        Problem(str(path), FIRST_DEFECT_LINE, "field-count", "10 champs attendus, 3 trouvés"),
        Problem(str(path), FIRST_DEFECT_LINE + 1, "field-count", "10 champs attendus, 3 trouvés"),
        Problem(str(path), None, "too-many-problems", "3 autres problèmes non listés"),
    ]


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "donnees.txt"
    good = b"".join(f"{x}\r\n".encode() for x in [*EXPORTS, *IMPORTS])
    path.write_bytes(good + b"E;1;2024;43;18;C29A;2932;\xe9S;1;1\r\n")
    assert problems_of(path) == [
        Problem(str(path), 8, "encoding", "caractère invalide en UTF-8 (les fichiers de données sont en UTF-8)")
    ]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n\r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "donnees.txt"
    path.write_bytes(content)
    assert problems_of(path) == [Problem(str(path), None, "empty-file", "fichier vide")]


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "douane.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    [problem] = problems_of(path)
    assert (problem.file, problem.line, problem.rule) == (str(path), None, "corrupt-zip")
    assert problem.message == "archive zip illisible ou corrompue (ce n'est pas une archive zip valide)"


def test_damaged_member_of_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "douane.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("REGIONAL_CPF4PAYSE.txt", "\r\n".join(EXPORTS) + "\r\n")
    damaged = path.read_bytes().replace(b"2932;DE", b"2932;FR")  # content no longer matches its CRC
    path.write_bytes(damaged)
    [problem] = problems_of(path)
    assert (problem.file, problem.rule) == (f"{path}!REGIONAL_CPF4PAYSE.txt", "corrupt-zip")
    assert problem.message == "fichier illisible dans l'archive (somme de contrôle CRC fausse : fichier abîmé)"


def test_no_data_file(tmp_path: Path) -> None:
    folder = tmp_path / "libelles"
    folder.mkdir()
    (folder / "Libelle_PAYS.txt").write_bytes(label_bytes("Libelle_PAYS.txt"))
    message = "aucun fichier de données trouvé (lignes de 10 champs séparés par ';')"
    assert problems_of(folder) == [Problem(str(folder), None, "no-data-file", message)]


def test_missing_flow(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "Region_2024_Export.txt", EXPORTS)
    assert problems_of(path) == [
        Problem(
            str(path),
            None,
            "missing-flow",
            "aucune ligne de flux I (importations) : les fichiers d'import et d'export sont attendus ensemble",
        )
    ]


def test_missing_input(tmp_path: Path) -> None:
    path = tmp_path / "absent.zip"
    assert problems_of(path) == [Problem(str(path), None, "not-found", "fichier ou dossier introuvable")]


def test_progress_reports_each_file_then_the_checks(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    loader.load(write_publication(tmp_path / "douane"), progress=lambda *call: calls.append(call))
    reading = [c for c in calls if c[2] == "Lecture des fichiers douaniers"]
    assert [c[:2] for c in reading] == [(i, 6) for i in range(7)]
    assert calls[-2:] == [(0, 1, "Contrôle des lignes"), (1, 1, "Contrôle des lignes")]


_text_rows = st.lists(
    st.tuples(
        st.sampled_from(["E", "I"]),
        st.integers(1, 4),
        st.sampled_from(sorted(geography.DEPARTEMENTS)),
        st.from_regex(r"[0-9]{4}", fullmatch=True),
        st.sampled_from(["NA", "DE", "QU", "XS", "US", "0A", "FR"]),
        st.integers(0, 10**15),
        st.one_of(st.none(), st.integers(0, 10**12)),
    ),
    min_size=1,
    max_size=25,
    unique_by=lambda r: (r[0], r[1], r[2], r[3], r[4]),
)


@settings(max_examples=40, deadline=None)
@given(_text_rows)
def test_any_valid_rows_read_back_as_written(generated: list[tuple]) -> None:
    lines = [
        line(flow, quarter, 2023, dep, geography.DEPARTEMENTS[dep].region_code, "C29A", cpf4, partner, value,
             "" if mass is None else mass)
        for flow, quarter, dep, cpf4, partner, value, mass in generated
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        trade = loader.load(one_file(Path(tmp), lines)).trade.iloc[FIRST_DEFECT_LINE - 1 :]
    assert trade["flow"].tolist() == [r[0] for r in generated]
    assert trade["quarter"].tolist() == [r[1] for r in generated]
    assert trade["dep"].tolist() == [r[2] for r in generated]
    assert trade["cpf4"].tolist() == [r[3] for r in generated]
    assert trade["partner"].tolist() == [r[4] for r in generated]
    assert trade["value_eur"].tolist() == [r[5] for r in generated]
    assert [None if np.isnan(m) else int(m) for m in trade["mass_kg"]] == [r[6] for r in generated]
    assert set(trade["year"]) == {2023}


def test_input_error_says_in_french_how_many_problems(tmp_path: Path) -> None:
    path = one_file(tmp_path, [line(flow="X"), line(quarter=9, partner="US")])
    with pytest.raises(InputError) as caught:
        loader.load(path)
    assert str(caught.value) == (
        "2 problèmes dans les données d'entrée :\n"
        f"  {path}:{FIRST_DEFECT_LINE}: [unknown-flow] flux 'X' inconnu (E ou I attendu)\n"
        f"  {path}:{FIRST_DEFECT_LINE + 1}: [quarter-range] trimestre '9' hors de 1 à 4"
    )
