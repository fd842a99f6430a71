"""Territoires d'industrie read from the ANCT files and from small hand-made files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from officereport.input.territories import Territory, read_territories
from officereport.model import InputError
from realdata import ANCT, need


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_territories(path)
    return [str(problem) for problem in caught.value.problems]


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def _geojson(tmp_path: Path, features: list[dict]) -> Path:
    document = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": p} for p in features]}
    return _write(tmp_path, "ti.geojson", json.dumps(document, ensure_ascii=False))


# --- the real ANCT files --------------------------------------------------------------------


@pytest.fixture(scope="module")
def from_geojson() -> list[Territory]:
    return read_territories(need(ANCT / "ti_geom_2023-11-07_communes.geojson"))


def test_anct_geojson_has_183_territories_66_across_departements(from_geojson: list[Territory]) -> None:
    assert len(from_geojson) == 183
    assert len({t.id for t in from_geojson}) == 183
    assert sum(len(t.departements) > 1 for t in from_geojson) == 66
    by_id = {t.id: t for t in from_geojson}
    assert by_id["ti-8406"] == Territory("ti-8406", "Issoire – Brioude", ("63", "43"))
    assert by_id["ti-0101"].departements == ("9A",)
    # Cergy-Pontoise & co.: 87 communes in Val-d'Oise, 1 in Yvelines, the bigger side first.
    assert by_id["ti-1102"].departements == ("95", "78")


def test_derived_csv_is_a_simple_csv_and_agrees_with_the_geojson(from_geojson: list[Territory]) -> None:
    from_csv = read_territories(need(ANCT / "ti_2023_2027_derived.csv"))
    assert [t.id for t in from_csv] == [t.id for t in from_geojson]
    assert [t.departements for t in from_csv] == [t.departements for t in from_geojson]
    # The 2024 label, where the 2023 GeoJSON still has the old one.
    assert {t.id: t.name for t in from_csv}["ti-4421"] == "Pays Vitryat"


def test_epci_geojson_is_refused_with_a_hint() -> None:
    assert _problems(need(ANCT / "ti_geom_2024-09-16_epci.geojson")) == [
        f"{ANCT / 'ti_geom_2024-09-16_epci.geojson'}: [unknown-format] liste_geo donne des EPCI (codes SIREN), "
        "pas des communes : prendre le fichier des communes"
    ]


# --- hand-made files, one per format ---------------------------------------------------------


def test_geojson_maps_corsica_and_overseas_and_orders_by_communes(tmp_path: Path) -> None:
    path = _geojson(
        tmp_path,
        [
            {"id_territoire": "ti-9401", "lib_territoire": "Ajaccio", "liste_geo": "Ajaccio (2A004); Bastia (2B033)"},
            {
                "id_territoire": "ti-8499",
                "lib_territoire": "Entre deux",
                "liste_geo": "Brioude (43040); Issoire (63178); Le Puy-en-Velay (43157)",
            },
            {"id_territoire": "ti-0401", "lib_territoire": "Le Port", "liste_geo": "Saint-Denis (La Réunion) (97411)"},
        ],
    )
    assert read_territories(path) == [
        Territory("ti-9401", "Ajaccio", ("20",)),
        Territory("ti-8499", "Entre deux", ("43", "63")),
        Territory("ti-0401", "Le Port", ("9D",)),
    ]


def test_commune_csv_with_commas(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "liste-ti-com.csv",
        "id_ti,lib_ti,insee_com,lib_com\r\n"
        "ti-8406,Issoire – Brioude,63178,Issoire\r\n"
        "ti-8406,Issoire – Brioude,43040,Brioude\r\n"
        "ti-8406,Issoire – Brioude,43012,Auzon\r\n"
        "ti-0401,Le Port,97407,Le Port\r\n",
    )
    assert read_territories(path) == [
        Territory("ti-8406", "Issoire – Brioude", ("43", "63")),
        Territory("ti-0401", "Le Port", ("9D",)),
    ]


def test_commune_csv_with_semicolons_bom_and_windows_1252(tmp_path: Path) -> None:
    text = "id_ti;lib_ti;insee_com\r\nti-1101;Vallée de la Seine;78440\r\nti-1101;Vallée de la Seine;95120\r\n"
    expected = [Territory("ti-1101", "Vallée de la Seine", ("78", "95"))]
    assert read_territories(_write(tmp_path, "bom.csv", text, "utf-8-sig")) == expected
    assert read_territories(_write(tmp_path, "ansi.csv", text, "cp1252")) == expected


def test_simple_csv_keeps_the_order_given_and_ignores_extra_columns(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "simple.csv",
        'id_ti,lib_ti,departements,note\r\nti-8406,Issoire – Brioude,"63,43",x\r\nti-9401,Corse,2B|2A,\r\n',
    )
    assert read_territories(path) == [
        Territory("ti-8406", "Issoire – Brioude", ("63", "43")),
        Territory("ti-9401", "Corse", ("20",)),
    ]


# --- defects: one file per rule, exact messages ----------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.csv", "  \r\n")
    assert _problems(path) == [f"{path}: [empty-file] fichier vide"]


def test_header_without_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, "header.csv", "id_ti;lib_ti;departements\r\n")
    assert _problems(path) == [f"{path}: [empty-file] le fichier n'a qu'une ligne d'en-tête, aucun territoire"]


def test_missing_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "cols.csv", "id;lib_ti;departements\r\nti-1;A;43\r\n")
    assert _problems(path) == [
        f"{path}:1: [missing-column] colonne(s) absente(s) : id_ti ; attendues : id_ti, lib_ti et soit insee_com "
        "(une ligne par commune), soit departements"
    ]


def test_unknown_codes_are_all_reported_with_their_line(tmp_path: Path) -> None:
    simple = _write(tmp_path, "simple.csv", "id_ti;lib_ti;departements\r\nti-1;A;43|96\r\nti-2;B;20\r\n")
    assert _problems(simple) == [
        f"{simple}:2: [unknown-departement] '96' dans ti-1 n'est pas un code département INSEE",
        f"{simple}:3: [unknown-departement] '20' dans ti-2 n'est pas un code département INSEE",
    ]
    communes = _write(tmp_path, "com.csv", "id_ti;lib_ti;insee_com\r\nti-1;A;43157\r\nti-1;A;4315\r\n")
    assert _problems(communes) == [f"{communes}:3: [unknown-commune] '4315' dans ti-1 n'est pas un code commune INSEE"]


def test_duplicate_id(tmp_path: Path) -> None:
    path = _write(tmp_path, "dup.csv", "id_ti;lib_ti;departements\r\nti-1;A;43\r\nti-2;B;63\r\nti-1;C;15\r\n")
    assert _problems(path) == [f"{path}:4: [duplicate-id] identifiant de territoire 'ti-1' en double (déjà en ligne 2)"]
    geo = _geojson(
        tmp_path,
        [{"id_territoire": "ti-1", "lib_territoire": "A", "liste_geo": "X (43157)"}] * 2,
    )
    assert _problems(geo) == [f"{geo}: [duplicate-id] identifiant de territoire 'ti-1' en double"]


def test_territory_without_member(tmp_path: Path) -> None:
    path = _write(tmp_path, "none.csv", "id_ti;lib_ti;departements\r\nti-1;A;\r\n")
    assert _problems(path) == [f"{path}:2: [no-departement] territoire ti-1 sans commune ni département"]


def test_json_that_is_not_geojson(tmp_path: Path) -> None:
    path = _write(tmp_path, "other.json", '{"territoires": []}')
    assert _problems(path) == [f"{path}: [unknown-format] JSON sans liste 'features' de GeoJSON"]
    broken = _write(tmp_path, "broken.json", '{"features": [\n}')
    assert _problems(broken) == [f"{broken}:2: [invalid-json] JSON illisible (colonne 1)"]


def test_geojson_feature_without_liste_geo(tmp_path: Path) -> None:
    path = _geojson(tmp_path, [{"id_territoire": "ti-1", "lib_territoire": "A"}])
    assert _problems(path) == [f"{path}: [missing-column] l'élément 1 n'a pas liste_geo"]


# --- oddities: a French problem naming file and line, never a traceback -----------------------


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_unreadable_list_is_a_problem(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "liste-ti.csv"
    if kind == "folder":
        path.mkdir()
    why = "fichier ou dossier introuvable" if kind == "missing" else "dossier"
    assert _problems(path) == [f"{path}: [unreadable] liste des territoires illisible : {why}"]


def test_extra_fields_undefined_bytes_and_blank_lines_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "ti.csv"
    path.write_bytes(b"\r\n\r\nid_ti;lib_ti;departements\r\nti-1;Vall\xe9e \x81;43;extra;more\r\nti-2;B\r\n")
    assert _problems(path) == [f"{path}:5: [no-departement] territoire ti-2 sans commune ni département"]
    path.write_bytes(b"\r\nid;lib_ti;departements\r\n")
    assert _problems(path) == [
        f"{path}:2: [missing-column] colonne(s) absente(s) : id_ti ; attendues : id_ti, lib_ti et soit insee_com "
        "(une ligne par commune), soit departements"
    ]


def test_field_over_the_csv_limit_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "ti.csv", f"id_ti;lib_ti;departements\r\nti-1;{'x' * 200_000};43\r\nti-2;B;63\r\n")
    assert _problems(path) == [f"{path}:2: [field-too-long] champ de plus de 131072 caractères"]


def test_geojson_with_odd_features(tmp_path: Path) -> None:
    path = _write(tmp_path, "ti.geojson", json.dumps({"features": [
        "not an object", {"properties": None},
        {"properties": {"id_territoire": None, "lib_territoire": "A", "liste_geo": "X (43157)"}},
    ]}))
    assert _problems(path) == [
        f"{path}: [missing-column] l'élément 1 n'a pas id_territoire, lib_territoire, liste_geo",
        f"{path}: [missing-column] l'élément 2 n'a pas id_territoire, lib_territoire, liste_geo",
        f"{path}: [missing-id] territoire sans identifiant",
    ]
    deep = _write(tmp_path, "deep.json", '{"a":' + "[" * 100_000 + "]" * 100_000 + "}")
    assert _problems(deep) == [f"{deep}: [invalid-json] JSON trop imbriqué"]


def test_ids_differing_only_by_case_collide(tmp_path: Path) -> None:
    path = _write(tmp_path, "ti.csv", "id_ti;lib_ti;departements\r\nti-1;A;43\r\nTI-1;B;63\r\n")
    assert _problems(path) == [
        f"{path}:3: [duplicate-id] identifiant de territoire 'TI-1' ne diffère de 'ti-1' que par la casse (déjà en ligne 2)"
    ]


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x1f", "\x00", "\ufffe"])
def test_control_characters_in_names_are_cleaned_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, control: str
) -> None:
    path = _write(tmp_path, "ti.csv", f"id_ti;lib_ti;departements\r\nti-1;Issoire{control}{control}Brioude;43\r\n")
    assert read_territories(path) == [Territory("ti-1", "Issoire Brioude", ("43",))]
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:2 : caractères de contrôle retirés du nom {f'Issoire{control}{control}Brioude'!r} (U+{ord(control):04X})"
    ]
