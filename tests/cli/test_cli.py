"""The command line as a user meets it: exit codes, messages, help, and the README."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from officereport import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_summarises_valid_sample_data(capsys, sample_zip):
    code, out, err = run(capsys, "check", "--data", sample_zip)
    assert code == 0
    assert "Données valides (FICTIVES)" in out
    assert "2024 : trimestres 1, 2, 3, 4 (complète) ; exportations 580\u202f354,5\u00a0M€, importations 684\u202f776,3\u00a0M€" in out
    assert "2025 : trimestres 1 (INCOMPLÈTE : exportations sans T2, T3, T4 ; importations sans T2, T3, T4)" in out
    assert "DONNÉES FICTIVES" in err


def test_check_lists_every_problem_with_file_line_and_rule(capsys, tmp_path):
    bad = tmp_path / "REGIONAL_CPF4PAYSE.txt"
    bad.write_bytes(
        b"E;1;2024;43;18;C29A;2910;DE;100;5\r\n"
        b"E;5;2024;43;18;C29A;2910;BE;100;5\r\n"  # quarter 5
        b"E;1;2024;43;18;C29A;2910;IT;-3;5\r\n"  # negative value
        b"X;1;2024;43;18;C29A;2910;ES;7;5\r\n"  # unknown flow
    )
    code, _out, err = run(capsys, "check", "--data", bad)
    assert code == 1
    assert re.search(r"REGIONAL_CPF4PAYSE\.txt:2: \[quarter-range\]", err)
    assert re.search(r"REGIONAL_CPF4PAYSE\.txt:3: \[negative\]", err)
    assert re.search(r"REGIONAL_CPF4PAYSE\.txt:4: \[unknown-flow\]", err)


def test_show_json_gives_haute_loire_as_published(capsys, sample_zip):
    code, out, _ = run(capsys, "show", "--data", sample_zip, "--year", "2024", "--dep", "43", "--json")
    assert code == 0
    shown = json.loads(out)
    totals = shown["totals"]
    assert (totals["exports_eur"], totals["imports_eur"]) == (1_070_900_000, 1_268_700_000)
    assert round(totals["export_share_of_region_pct"], 1) == 1.5
    assert round(totals["export_share_of_france_pct"], 2) == 0.18
    assert round(totals["import_share_of_region_pct"], 1) == 1.7
    assert round(totals["import_share_of_france_pct"], 2) == 0.19
    assert shown["is_sample"] is True
    assert shown["region"]["name"] == "Auvergne-Rhône-Alpes" and shown["region"]["insee_code"] == "84"
    exports = shown["export_flows"]
    assert sum(r["value_eur"] for r in exports) == 1_070_900_000
    assert sum(r["top5"] for r in exports) == 5
    assert {"source_code", "target_code", "value_eur", "top5"} <= set(exports[0])
    assert all(p["balance_eur"] == p["exports_eur"] - p["imports_eur"] for p in shown["partners"])
    assert shown["region_comparison"]["exports_eur"] == 71_307_500_000
    assert shown["france_comparison"]["imports_eur"] == 684_776_300_000


def test_show_in_words_accepts_insee_codes(capsys, sample_zip):
    code, out, _ = run(capsys, "show", "--data", sample_zip, "--dep", "43")
    assert code == 0
    assert "Haute-Loire (43) — 2024" in out
    assert "1\u202f070\u202f900\u202f000\u00a0€" in out
    assert "1\u202f070,9\u00a0millions d'euros, soit 1,5\u00a0% de la valeur exportée par la région Auvergne-Rhône-Alpes" in out
    code, out, _ = run(capsys, "show", "--data", sample_zip, "--dep", "974")
    assert code == 0 and out.startswith("La Réunion (9D)")


def test_show_refuses_an_unknown_departement(capsys, sample_zip):
    with pytest.raises(SystemExit) as usage:
        cli.main(["show", "--data", str(sample_zip), "--dep", "96"])
    assert usage.value.code == 2
    assert "--dep : département inconnu : 96" in capsys.readouterr().err


def test_show_refuses_an_absent_year_and_lists_the_complete_ones(capsys, sample_zip):
    code, out, err = run(capsys, "show", "--data", sample_zip, "--dep", "43", "--year", "2019")
    assert (code, out) == (1, "")
    assert "l'année 2019 est absente des données ; années complètes : 2024" in err


def test_show_marks_an_incomplete_year(capsys, sample_zip):
    code, out, err = run(capsys, "show", "--data", sample_zip, "--dep", "43", "--year", "2025")
    assert code == 0
    assert out.splitlines()[:2] == ["Haute-Loire (43) — 2025", "ANNÉE INCOMPLÈTE : T1 seulement"]
    assert "ANNÉE INCOMPLÈTE : T1 seulement : les totaux ne couvrent pas l'année entière" in err
    code, out, _ = run(capsys, "show", "--data", sample_zip, "--dep", "43", "--year", "2025", "--json")
    shown = json.loads(out)
    assert (shown["complete_year"], shown["quarters"], shown["year"]) == (False, [1], 2025)


def test_show_in_words_covers_partners_activities_and_flows(capsys, sample_zip, sample_data):
    from officereport.indicators import compute_departement
    from officereport.model import OTHERS_CODE

    code, out, _ = run(capsys, "show", "--data", sample_zip, "--dep", "43")
    assert code == 0
    ind = compute_departement(sample_data, 2024, "43")
    lines = out.splitlines()
    exports = ind.activities[ind.activities["flow"] == "E"].nlargest(5, "value_eur")
    start = lines.index("Principales activités à l'export (A129) :")
    assert [line.split(" : ")[0].strip() for line in lines[start + 1:start + 6]] == list(exports["a129_name"])
    assert lines[start + 6] == "Principales activités à l'import (A129) :"
    flows = ind.export_flows.table
    named = flows[(flows["source_code"] != OTHERS_CODE) & (flows["target_code"] != OTHERS_CODE)]
    top = named.nlargest(1, "value_eur").iloc[0]
    start = lines.index("Principaux flux à l'export (produit -> pays) :")
    assert lines[start + 1].startswith(f"  {top.source_name} -> {top.target_name} : ")
    assert "Principaux flux à l'import (pays -> produit) :" in lines
    comparisons = lines[lines.index("Comparaisons (premier flux de chaque sens) :") + 1:]
    assert comparisons[0].startswith("  Auvergne-Rhône-Alpes : exportations 71\u202f307,5\u00a0M€ (")
    assert comparisons[1].startswith("  France : exportations 580\u202f354,5\u00a0M€ (")


def test_sample_writes_a_dgddi_zip(capsys, tmp_path):
    code, out, _ = run(capsys, "sample", "--out", tmp_path, "--rows-per-flow", "5000", "--seed", "3")
    assert code == 0
    written = Path(out.split(" : ")[0])
    with zipfile.ZipFile(written) as z:
        assert {"REGIONAL_CPF4PAYSE.txt", "REGIONAL_CPF4PAYSI.txt", "Libelle_PAYS.txt"} <= set(z.namelist())


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_help_ends_with_an_example(capsys, command):
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    lines = capsys.readouterr().out.rstrip().splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("Exemple"))
    assert lines[heading] in ("Exemple :", "Exemples :")
    assert lines[heading + 1:] and all(line.startswith(f"  officereport {command}") for line in lines[heading + 1:])


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_readme_documents_every_command(command):
    assert f"officereport {command}" in README.read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The two commands of README's « Two commands » section, as written."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Two commands"):text.index("\n## ", text.index("## Two commands") + 1)]
    return [line.strip() for line in section.splitlines() if line.startswith("    python3 ")]


def test_readme_test_command_is_the_one_ci_runs():
    install_and_build, install_and_test = readme_commands()
    assert install_and_build == "python3 -m pip install . && officereport build"
    assert install_and_test.endswith("python3 -m pytest -q")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_and_test in ci  # exactly that line
    assert any(line.strip().startswith('"$scratch/venv/bin/python" -m pip install -q "$scratch/officereport"')
               for line in ci)  # and the first command's plain install, on a fresh clone


def test_check_and_show_on_real_dgddi_label_files_with_generated_rows(capsys, sample_zip, tmp_path):
    """The real label files (their encodings and traps) beside generated data rows, as a folder."""
    from realdata import DGDDI_LABELS

    if not DGDDI_LABELS.is_dir():
        pytest.skip("shared/realdata is not beside the project")
    folder = tmp_path / "douane"
    folder.mkdir()
    for name in ("Libelle_A129.txt", "Libelle_CPF4_rev2.1.txt", "Libelle_PAYS.txt", "Departement_region.txt"):
        (folder / name).write_bytes((DGDDI_LABELS / name).read_bytes())
    with zipfile.ZipFile(sample_zip) as z:
        for name in ("REGIONAL_CPF4PAYSE.txt", "REGIONAL_CPF4PAYSI.txt"):
            (folder / name).write_bytes(z.read(name))
    code, out, err = run(capsys, "check", "--data", folder)
    assert code == 0, err
    assert out.startswith("Données valides : ")  # no sample marker among these files
    assert "2024 : trimestres 1, 2, 3, 4 (complète) ; exportations 580\u202f354,5\u00a0M€" in out
    code, out, err = run(capsys, "show", "--data", folder, "--dep", "43", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["is_sample"] is False
    names = {p["code"]: p["name"] for p in shown["partners"]}
    assert names.get("DE") == "Allemagne"  # from the real Libelle_PAYS.txt
    products = {a["a129"]: a["name"] for a in shown["activities"]}
    assert products.get("C22B") == "Produits en plastique"  # from the real Libelle_A129.txt (UTF-8 with BOM)
