"""The sample zip has the DGDDI layout, the published 2024 totals and reproducible bytes."""

from __future__ import annotations

import codecs
import csv
import gc
import hashlib
import io
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from officereport.input import labels, samplecodes, samplesizes
from officereport.input.geography import DEPARTEMENTS
from officereport.input.sample import DATA_MEMBERS, write_sample
from officereport.input.samplerows import apportion
from officereport.model import SAMPLE_MARKER, Labels
from realdata import DGDDI_LABELS, need

ROWS = 20_000


@pytest.fixture(scope="module")
def sample_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("sample"), rows_per_flow=ROWS)


@pytest.fixture(scope="module")
def members(sample_zip: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(sample_zip) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def rows(members: dict[str, bytes]) -> list[list[str]]:
    lines: list[list[str]] = []
    for name in DATA_MEMBERS.values():
        text = members[name].decode("utf-8")
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        lines += [line.split(";") for line in text.split("\r\n")[:-1]]
    return lines


def _totals(rows: list[list[str]], year: str, keep) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for row in rows:
        if row[2] == year and keep(row):
            totals[row[0]] += int(row[8])
    return dict(totals)


def test_zip_members(members: dict[str, bytes]) -> None:
    assert sorted(members) == sorted(
        [
            "REGIONAL_CPF4PAYSE.txt",
            "REGIONAL_CPF4PAYSI.txt",
            "Libelle_A129.txt",
            "Libelle_CPF4_rev2.1.txt",
            "Libelle_PAYS.txt",
            "Departement_region.txt",
            SAMPLE_MARKER,
        ]
    )
    assert "fictives" in members[SAMPLE_MARKER].decode("utf-8")
    assert "DGDDI" in members[SAMPLE_MARKER].decode("utf-8")


def test_label_files_have_the_real_encodings_and_quoting(members: dict[str, bytes]) -> None:
    a129 = members["Libelle_A129.txt"]
    assert a129.startswith(codecs.BOM_UTF8)
    assert b'C26E;"Mesure ; horlogerie";200901;999912\r\n' in a129
    cpf4 = members["Libelle_CPF4_rev2.1.txt"]
    with pytest.raises(UnicodeDecodeError):
        cpf4.decode("utf-8")
    cpf4_rows = list(csv.reader(io.StringIO(cpf4.decode("cp1252")), delimiter=";"))
    assert ["0893", "Sel ; eau de mer", "201501", "999912"] in cpf4_rows
    assert ["0147", "Volailles et œufs", "201501", "999912"] in cpf4_rows
    partners = members["Libelle_PAYS.txt"].decode("utf-8")
    codes = Counter(line.split(";")[0] for line in partners.split("\r\n")[:-1])
    assert {code for code, n in codes.items() if n > 1} == {"QU", "XK", "XS"}
    assert "XS;Serbie;200506;999912\r\n" in partners
    assert "DE;Allemagne;190001;999912\r\n" in partners
    deps = members["Departement_region.txt"].decode("utf-8").split("\r\n")[:-1]
    assert len(deps) == 101
    assert "43;Haute-Loire;18;Auvergne-Rhône-Alpes" in deps
    for member, content in members.items():
        assert not content.replace(b"\r\n", b"").count(b"\n"), member


def test_rows_have_ten_fields_and_known_codes(rows: list[list[str]]) -> None:
    assert len(rows) == 2 * ROWS
    assert {len(row) for row in rows} == {10}
    cpf4_group = {c: a for a, products in samplecodes.CPF4_BY_A129.items() for c in products}
    for flow, _quarter, _year, dep, region, a129, cpf4, _partner, value, mass in rows:
        assert flow in ("E", "I")
        assert DEPARTEMENTS[dep].region_code == region
        assert cpf4_group[cpf4] == a129
        assert int(value) > 0
        assert mass == "" or int(mass) >= 0
    deps = {row[3] for row in rows}
    assert {"20", "99", "9A", "9B", "9C", "9D", "9E"} <= deps and len(deps) == 101
    partners = {row[7] for row in rows}
    assert {"QU", "QR", "QS", "EU", "FR"} <= partners
    assert sum(row[9] == "" for row in rows) > 0


def test_codes_are_real_codes() -> None:
    real = need(DGDDI_LABELS)
    real_a129 = {line.split(";")[0] for line in (real / "Libelle_A129.txt").read_text("utf-8-sig").splitlines()}
    real_cpf4 = {line.split(";")[0] for line in (real / "Libelle_CPF4_rev2.1.txt").read_text("cp1252").splitlines()}
    real_partners = {line.split(";")[0] for line in (real / "Libelle_PAYS.txt").read_text("utf-8").splitlines()}
    assert set(samplecodes.A129_LABELS) == real_a129
    assert {c for products in samplecodes.CPF4_BY_A129.values() for c in products} <= real_cpf4
    assert {*samplecodes.PARTNER_COUNTRIES, *samplecodes.PARTNER_LABELS} <= real_partners


def test_five_quarter_span(rows: list[list[str]]) -> None:
    for flow in ("E", "I"):
        periods = {(row[2], row[1]) for row in rows if row[0] == flow}
        assert periods == {("2024", "1"), ("2024", "2"), ("2024", "3"), ("2024", "4"), ("2025", "1")}


def test_2024_totals_equal_the_publication(rows: list[list[str]]) -> None:
    assert _totals(rows, "2024", lambda row: True) == {"E": 580_354_500_000, "I": 684_776_300_000}
    assert _totals(rows, "2024", lambda row: row[4] == "18") == {"E": 71_307_500_000, "I": 76_304_600_000}
    assert _totals(rows, "2024", lambda row: row[3] == "43") == {"E": 1_070_900_000, "I": 1_268_700_000}


def test_paris_books_pipeline_gas_and_electricity(rows: list[list[str]]) -> None:
    electricity = {row[3] for row in rows if row[0] == "I" and row[5] in ("D35A", "D35B")}
    assert electricity == {"75"}
    paris = [row for row in rows if row[0] == "I" and row[3] == "75" and row[2] == "2024"]
    pipeline = sum(int(row[8]) for row in paris if row[5] in samplesizes.PARIS_PIPELINE_IMPORTS)
    assert pipeline > 0.1 * sum(int(row[8]) for row in paris)


def test_keys_are_unique(rows: list[list[str]]) -> None:
    keys = Counter((row[0], row[2], row[1], row[3], row[6], row[7]) for row in rows)
    assert keys.most_common(1)[0][1] == 1


def test_same_seed_same_bytes_other_seed_other_bytes(sample_zip: Path, tmp_path: Path) -> None:
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    again = write_sample(tmp_path / "again", rows_per_flow=ROWS)
    other = write_sample(tmp_path / "other", rows_per_flow=ROWS, seed=1)
    assert digest(again) == digest(sample_zip)
    assert digest(other) != digest(sample_zip)


def test_other_year_is_not_calibrated_but_spans_five_quarters(tmp_path: Path) -> None:
    path = write_sample(tmp_path, year=2022, rows_per_flow=10_000)
    with zipfile.ZipFile(path) as archive:
        text = archive.read("REGIONAL_CPF4PAYSE.txt").decode("utf-8")
    periods = {tuple(line.split(";")[2:0:-1]) for line in text.split("\r\n")[:-1]}
    assert periods == {("2022", "1"), ("2022", "2"), ("2022", "3"), ("2022", "4"), ("2023", "1")}


def test_too_few_rows_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"au moins \d+ lignes par flux \(--rows-per-flow\)"):
        write_sample(tmp_path, rows_per_flow=1_000)


def test_apportion_is_exact_and_positive() -> None:
    parts = apportion(1_000_003, np.array([5.0, 1e-9, 3.0, 2.0]))
    assert parts.sum() == 1_000_003
    assert parts.min() == 1
    assert parts.tolist()[2] == 300_000


def test_label_files_read_cleanly_with_the_project_label_reader(
    members: dict[str, bytes], rows: list[list[str]]
) -> None:
    tables = {}
    for name in ("Libelle_A129.txt", "Libelle_CPF4_rev2.1.txt", "Libelle_PAYS.txt"):
        tables[labels.label_kind(name)], warnings = labels.read_code_labels(name, members[name])
        assert warnings == []
    assert labels.read_departement_regions("Departement_region.txt", members["Departement_region.txt"]) == (101, [])
    for kind, column in ((labels.A129, 5), (labels.CPF4, 6), (labels.PARTNERS, 7)):
        assert labels.codes_without_label({row[column] for row in rows}, tables[kind]) == []
    names = Labels(tables[labels.A129], tables[labels.CPF4], tables[labels.PARTNERS])
    assert names.partner_names(2024)["QU"] == "Pays non déterminés"
    assert names.partner_names(2024)["XS"] == "Serbie"
    assert names.cpf4_names(2024)["0893"] == "Sel ; eau de mer"
    assert names.a129_names(2024)["C26E"] == "Mesure ; horlogerie"


def test_a_full_disk_leaves_no_partial_zip_and_no_unclosed_archive(tmp_path: Path, monkeypatch) -> None:
    unraisable: list[object] = []
    monkeypatch.setattr("sys.unraisablehook", unraisable.append)

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_sample(tmp_path, rows_per_flow=ROWS)
    gc.collect()
    assert list(tmp_path.iterdir()) == []
    assert unraisable == []


def test_each_departement_has_its_own_totals(rows: list[list[str]]) -> None:
    for flow in ("E", "I"):
        totals = _dep_totals(rows, flow, "2024")
        assert len(totals) == 101
        repeated = {v: n for v, n in Counter(totals.values()).items() if n > 1}
        assert repeated == {}, f"flux {flow} : totaux partagés {repeated}"


def _dep_totals(rows: list[list[str]], flow: str, year: str) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for row in rows:
        if row[0] == flow and row[2] == year:
            totals[row[3]] += int(row[8])
    return dict(totals)


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory):
    from officereport.input.releases import load_releases
    from officereport.input.sample import write_samples

    folder = tmp_path_factory.mktemp("years")
    paths = write_samples(folder, range(2022, 2025), rows_per_flow=12_000)
    return paths, load_releases(folder)


def test_years_give_annual_zips_then_the_latest_publication(three_years) -> None:
    paths, loaded = three_years
    assert [p.name for p in paths] == [
        "Region_2022_fictif.zip", "Region_2023_fictif.zip", "REGIONAL_CPF4PAYS_2024T1-2025T1_fictif.zip",
    ]
    with zipfile.ZipFile(paths[0]) as archive:
        assert {"Region_2022_Export.txt", "Region_2022_Import.txt", SAMPLE_MARKER} <= set(archive.namelist())
    assert {year: r.name for year, r in loaded.year_release.items()} == {
        2022: paths[0].name, 2023: paths[1].name, 2024: paths[2].name, 2025: paths[2].name,
    }
    assert loaded.data.complete_years() == [2022, 2023, 2024] and loaded.revisions == []
    assert loaded.data.is_sample
    trade = loaded.data.trade
    assert trade[trade["year"] == 2024].groupby("flow", observed=True)["value_eur"].sum().to_dict() == {
        "E": 580_354_500_000, "I": 684_776_300_000,
    }


def test_years_change_by_a_few_percent_with_spread(three_years) -> None:
    trade = three_years[1].data.trade
    totals = trade[trade["flow"] == "E"].groupby(["dep", "year"], observed=True)["value_eur"].sum().unstack()
    change = (totals[2024] / totals[2023] - 1) * 100
    assert len(change) == 101
    assert 1 < change.abs().median() < 15  # a few percent
    assert change.std() > 2 and (change > 0).any() and (change < 0).any()  # not one rate for all
    national = totals.sum()
    assert abs(national[2023] / national[2022] - 1) < 0.1


def test_partners_appear_and_disappear_between_years(three_years) -> None:
    trade = three_years[1].data.trade
    exports = trade[trade["flow"] == "E"]
    partners = exports.groupby(["dep", "year"], observed=True)["partner"].agg(lambda p: set(p.astype(str)))
    gone = sum(bool(partners[(dep, 2023)] - partners[(dep, 2024)]) for dep in exports["dep"].unique())
    new = sum(bool(partners[(dep, 2024)] - partners[(dep, 2023)]) for dep in exports["dep"].unique())
    assert gone > 10 and new > 10
    # The largest partners keep trading: Germany with most départements in both years.
    assert sum("DE" in partners[(dep, 2023)] and "DE" in partners[(dep, 2024)] for dep in exports["dep"].unique()) > 50


def test_sample_command_writes_one_zip_per_year(tmp_path: Path, capsys) -> None:
    from officereport.cli import main

    assert main(["sample", "--out", str(tmp_path), "--years", "2023-2024", "--rows-per-flow", "5000"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "REGIONAL_CPF4PAYS_2024T1-2025T1_fictif.zip", "Region_2023_fictif.zip",
    ]
    assert capsys.readouterr().out.count("DONNÉES FICTIVES") == 2


@pytest.mark.parametrize("span", ["2024-2022", "2022", "deux-mille"])
def test_sample_command_refuses_a_malformed_span_in_french(tmp_path: Path, capsys, span: str) -> None:
    from officereport.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["sample", "--out", str(tmp_path), "--years", span])
    assert exit_.value.code == 2
    assert f"période invalide : '{span}' (attendu : DÉBUT-FIN, ex. 2022-2024)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_each_departement_has_its_own_product_mix(rows: list[list[str]]) -> None:
    values: dict[str, Counter[str]] = {}
    for row in rows:
        if row[0] == "E" and row[2] == "2024":
            values.setdefault(row[3], Counter())[row[5]] += int(row[8])
    mixes = {dep: tuple(sorted((a129, round(v / sum(c.values()) * 100, 1)) for a129, v in c.items()))
             for dep, c in values.items()}
    assert len(set(mixes.values())) == len(mixes) == 101
    leaders = Counter(max(c, key=c.get) for c in values.values())
    assert len(leaders) > 10  # not one product group leading everywhere
