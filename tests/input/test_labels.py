"""The DGDDI label files, read from small copies with their traps, from defect files and, when
they are beside the checkout, from the real files."""

from __future__ import annotations

import pytest

from loader_fixtures import label_bytes
from officereport.input import encoding, labels
from officereport.model import LabelRow, Labels
from realdata import DGDDI_LABELS, need


def real(name: str) -> bytes:
    return need(DGDDI_LABELS / name).read_bytes()


@pytest.mark.parametrize(
    ("file_name", "kind"),
    [
        ("Libelle_A129.txt", labels.A129),
        ("libelle_a129.TXT", labels.A129),
        ("Libelle_CPF4_rev2.1.txt", labels.CPF4),
        ("Libelle_CPF4.txt", labels.CPF4),
        ("Libelle_CPF4_rev21.txt", labels.CPF4),
        ("Libelle_PAYS.txt", labels.PARTNERS),
        ("Regional-2021/Departement_region.txt", labels.DEPARTEMENTS),
        ("REGIONAL_CPF4PAYSE.txt", None),
        ("Libelle_NC8_2024.txt", None),
    ],
)
def test_label_files_are_recognised_by_name(file_name: str, kind: str | None) -> None:
    assert labels.label_kind(file_name) == kind


def test_decode_strips_the_bom_and_falls_back_to_windows_1252() -> None:
    assert encoding.decode("f.txt", "\ufeffA01Z;Élevage".encode("utf-8")) == ("A01Z;Élevage", [])
    assert encoding.decode("f.txt", "0111;Céréales".encode("cp1252")) == ("0111;Céréales", [])
    assert encoding.decode("f.txt", "\ufeffid_ti;Forêt".encode("utf-16-le")) == ("id_ti;Forêt", [])


def test_one_bad_byte_in_a_utf8_file_decodes_that_line_only_and_says_which() -> None:
    data = "DE;Allemagne;190001;999912\r\nCI;Côte d'Ivoire;190001;999912\r\n".encode() + \
        "ZA;Afrique du Sud;190001;999912\r\nPE;Pérou;190001;999912\r\n".encode("cp1252")
    rows, warnings = labels.read_code_labels("Libelle_PAYS.txt", data)
    assert [r.label for r in rows] == ["Allemagne", "Côte d'Ivoire", "Afrique du Sud", "Pérou"]
    assert warnings == ["Libelle_PAYS.txt:4 : octets invalides en UTF-8, ligne lue en Windows-1252 (à vérifier)"]


def test_a_label_over_the_csv_field_limit_is_a_warning_not_a_traceback() -> None:
    data = f"DE;Allemagne;190001;999912\r\nZZ;{'x' * 131_073};190001;999912\r\nIT;Italie;190001;999912\r\n"
    rows, warnings = labels.read_code_labels("Libelle_PAYS.txt", data.encode())
    assert [r.code for r in rows] == ["DE", "IT"]
    assert warnings == ["Libelle_PAYS.txt:2 : ligne ignorée, champ de plus de 131\u202f072 caractères"]


def test_a_label_longer_than_any_real_one_is_skipped() -> None:
    data = f"DE;Allemagne;190001;999912\r\nZZ;{'x' * 5000};190001;999912\r\n"
    rows, warnings = labels.read_code_labels("Libelle_PAYS.txt", data.encode())
    assert [r.code for r in rows] == ["DE"]
    assert warnings == [
        "Libelle_PAYS.txt:2 : ligne ignorée, libellé de 5\u202f000 caractères (au plus 1\u202f000) : "
        "le code ZZ s'affichera sans libellé"
    ]


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x1f", "\x00", "\ufffe"])
def test_control_characters_are_removed_from_labels_with_a_warning(control: str) -> None:
    data = f"DE;Alle{control}magne;190001;999912\r\nIT;It{control}{control}alie;190001;999912\r\n"
    rows, warnings = labels.read_code_labels("Libelle_PAYS.txt", data.encode())
    assert [(r.code, r.label) for r in rows] == [("DE", "Alle magne"), ("IT", "It alie")]
    assert warnings == [
        f"Libelle_PAYS.txt:{n} : caractères de contrôle retirés du libellé de {code} (U+{ord(control):04X})"
        for n, code in ((1, "DE"), (2, "IT"))
    ]


def test_fixture_labels_keep_bom_encoding_and_quoting_traps() -> None:
    a129, notes_a129 = labels.read_code_labels("Libelle_A129.txt", label_bytes("Libelle_A129.txt"))
    cpf4, notes_cpf4 = labels.read_code_labels("Libelle_CPF4_rev2.1.txt", label_bytes("Libelle_CPF4_rev2.1.txt"))
    partners, notes_partners = labels.read_code_labels("Libelle_PAYS.txt", label_bytes("Libelle_PAYS.txt"))
    assert notes_a129 == notes_cpf4 == notes_partners == []
    assert a129[0] == LabelRow("A01Z", "Produits de la culture et de l’élevage", 200901, 999912)
    assert Labels(a129=a129).a129_names(2024)["C22A"] == "Produits en caoutchouc"  # quoted without need
    products = Labels(cpf4=cpf4).cpf4_names(2024)
    assert products["0111"] == "Céréales (à l'exclusion du riz), légumineuses et oléagineux"
    assert products["0893"] == "Sel et chlorure de sodium pur ; eau de mer"
    names = Labels(partners=partners)
    assert (names.partner_names(2024)["XS"], names.partner_names(2004)["XS"]) == ("Serbie", "Saba")
    assert (names.partner_names(2024)["QU"], names.partner_names(1995)["QU"]) == (
        "Pays et territoires non déterminés", "Pays NDA",
    )


def test_a129_with_bom_reads_its_first_code_clean() -> None:
    rows, warnings = labels.read_code_labels("Libelle_A129.txt", real("Libelle_A129.txt"))
    assert warnings == []
    assert len(rows) == 76
    assert rows[0] == LabelRow("A01Z", "Produits de la culture et de l’élevage", 200901, 999912)


def test_cpf4_in_windows_1252_keeps_zeros_accents_and_quoted_semicolons() -> None:
    rows, warnings = labels.read_code_labels("Libelle_CPF4_rev2.1.txt", real("Libelle_CPF4_rev2.1.txt"))
    assert warnings == []
    assert len(rows) == 576
    names = Labels(cpf4=rows).cpf4_names(2024)
    assert names["0111"] == "Céréales (à l'exclusion du riz), légumineuses et oléagineux"
    assert names["0893"] == "Sel et chlorure de sodium pur ; eau de mer"
    assert names["6920"].endswith("d'audits ; services de conseil fiscal")


def test_countries_twice_listed_take_the_row_valid_for_the_year() -> None:
    rows, warnings = labels.read_code_labels("Libelle_PAYS.txt", real("Libelle_PAYS.txt"))
    assert warnings == []
    assert len(rows) == 289
    names = Labels(partners=rows)
    assert names.partner_names(2024)["NA"] == "Namibie"
    assert names.partner_names(2024)["XS"] == "Serbie"
    assert names.partner_names(2004)["XS"] == "Saba"
    assert names.partner_names(2024)["QU"] == "Pays et territoires non déterminés"
    assert names.partner_names(1995)["QU"] == "Pays NDA"
    assert names.partner_names(2024)["XK"] == "Kosovo"


def test_unreadable_label_lines_are_skipped_with_their_line_number() -> None:
    data = 'AA;Alpha;190001;999912\r\nBB;Bêta\r\n\r\nCC;"Gamma ; delta";2015;fin\r\nDD;Delta;201501;999912\r\n'
    rows, warnings = labels.read_code_labels("Libelle_PAYS.txt", data.encode("utf-8"))
    assert [r.code for r in rows] == ["AA", "DD"]
    assert warnings == [
        "Libelle_PAYS.txt:2 : ligne ignorée, 4 champs attendus, 2 trouvés",
        "Libelle_PAYS.txt:4 : ligne ignorée, dates de validité illisibles ('2015', 'fin')",
    ]


def test_real_departement_region_file_agrees_with_the_built_in_geography() -> None:
    assert labels.read_departement_regions("Departement_region.txt", real("Departement_region.txt")) == (101, [])


def test_departement_region_disagreements_are_warnings() -> None:
    data = "43;Haute-Loire;84;Auvergne-Rhône-Alpes\r\n9F;Nouveau;24;DOM\r\n63;Puy-de-Dôme;18;ARA\r\n"
    assert labels.read_departement_regions("Departement_region.txt", data.encode("utf-8")) == (
        3,
        [
            "Departement_region.txt:1 : département 43 en région 84, officereport le place en région 18",
            "Departement_region.txt:2 : département 9F inconnu d'officereport",
        ],
    )


def test_codes_without_label_ignore_validity() -> None:
    rows = [LabelRow("XS", "Saba", 190001, 200505), LabelRow("DE", "Allemagne", 190001, 999912)]
    assert labels.codes_without_label(["ZZ", "XS", "DE", "AA", "ZZ"], rows) == ["AA", "ZZ"]


def test_unlabelled_warning_lists_ten_codes_then_an_ellipsis() -> None:
    assert labels.unlabelled_warning(labels.PARTNERS, ["ZZ"]) == "1 code pays sans libellé (affichage du code) : ZZ"
    codes = [f"Z{i}" for i in range(12)]
    assert labels.unlabelled_warning(labels.CPF4, codes) == (
        "12 codes CPF4 sans libellé (affichage du code) : Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, …"
    )


def test_missing_file_warning_names_the_file_to_add() -> None:
    assert labels.missing_file_warning(labels.A129) == (
        "Libelle_A129.txt absent : les codes A129 s'afficheront sans libellé"
    )
