"""A year built end to end: every output planned, written in parallel exactly as serially, published whole."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from pptx import Presentation

from officereport import build, cli
from officereport.build import BuildError, BuildSettings, render_year
from officereport.model import InputError
from realdata import ANCT

REAL_TERRITORIES = ANCT / "ti_2023_2027_derived.csv"
BUILT_AT = datetime(2026, 11, 26, 6, 0)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def parts(folder: Path) -> dict[str, dict[str, bytes]]:
    """Every Office file's parts by name: the XML itself, whatever the zip's own timestamps say."""
    found = {}
    for path in sorted(folder.rglob("*.*x")):
        with zipfile.ZipFile(path) as z:
            found[path.relative_to(folder).as_posix()] = {name: z.read(name) for name in z.namelist()}
    return found


@pytest.fixture(scope="module")
def territories(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ti") / "territoires.csv"
    path.write_text(
        "id_ti;lib_ti;departements\n"
        "ti-8406;Issoire – Brioude;63|43\n"
        "ti-8401;Le Puy – Jeune Loire;43\n"
        "ti-9401;Corse;2A|2B\n"
        "ti-0401;Est Réunion;974\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_parallel_and_serial_builds_write_identical_files(sample_data, territories, tmp_path):
    settings = {"territories": territories}
    written_then = {}  # outputs already written when the renderer lets its caller do its next work

    def meanwhile(folder):
        return lambda: written_then.setdefault(folder, len(list((tmp_path / folder).rglob("*.*"))))

    serial = render_year(sample_data, 2024, tmp_path / "serial", settings=BuildSettings(jobs=1, **settings),
                         built_at=BUILT_AT, meanwhile=meanwhile("serial"))
    parallel = render_year(sample_data, 2024, tmp_path / "parallel", settings=BuildSettings(jobs=2, **settings),
                           built_at=BUILT_AT, meanwhile=meanwhile("parallel"))
    assert serial == parallel
    # Without workers, after every output; with them, while they write (106 outputs take seconds).
    assert written_then["serial"] == len(serial) and written_then["parallel"] < len(serial)
    kinds = {kind: sum(o.kind == kind for o in serial) for kind in build.ALL_KINDS}
    assert kinds == {"departement-workbook": 101, "national-workbook": 1, "territory-deck": 4, "departement-deck": 0}
    a, b = parts(tmp_path / "serial"), parts(tmp_path / "parallel")
    assert len(a) == 106
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert "territoires/ti-8406-issoire-brioude-2024.pptx" in a
    assert "departements/2A-corse-2024.xlsx" not in a and "departements/20-corse-2024.xlsx" in a


def test_a_multi_departement_territory_presents_each_departement(sample_data, territories, tmp_path):
    render_year(sample_data, 2024, tmp_path, settings=BuildSettings(jobs=1, territories=territories),
                kinds=frozenset({build.TERRITORY_DECK}), built_at=BUILT_AT)
    deck = Presentation(tmp_path / "territoires" / "ti-8406-issoire-brioude-2024.pptx")
    text = "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Issoire – Brioude" in text
    assert "Puy-de-Dôme (63)" in text and "Haute-Loire (43)" in text
    assert text.index("Puy-de-Dôme (63)") < text.index("Haute-Loire (43)")  # the file's order: most communes first
    assert "1\u202f070,9\u00a0millions d'euros" in text  # Haute-Loire's published exports


@pytest.mark.slow
def test_all_183_real_territories_get_a_deck(sample_data, tmp_path):
    if not REAL_TERRITORIES.is_file():
        pytest.skip("shared/realdata is not beside the project")
    outputs = render_year(sample_data, 2024, tmp_path, settings=BuildSettings(territories=REAL_TERRITORIES),
                          kinds=frozenset({build.TERRITORY_DECK}), built_at=BUILT_AT)
    assert len(outputs) == 183
    assert len({o.scope for o in outputs}) == 183
    assert all((tmp_path / o.path).stat().st_size > 20_000 for o in outputs)


def test_a_failing_output_is_named_and_nothing_is_published(sample_data, tmp_path, monkeypatch):
    def broken(ind, prov, path):
        if ind.departement.code == "43":
            raise RuntimeError("disque plein")
        path.write_bytes(b"")

    monkeypatch.setattr(build, "write_departement_workbook", broken)
    monkeypatch.setattr(build, "write_national_workbook", lambda nat, prov, path: path.write_bytes(b""))
    with pytest.raises(BuildError) as failed:
        render_year(sample_data, 2024, tmp_path, settings=BuildSettings(jobs=1), kinds=build.WORKBOOK_KINDS)
    assert len(failed.value.failures) == 1
    assert "departements/43-haute-loire-2024.xlsx : RuntimeError: disque plein" in str(failed.value)


def test_an_incomplete_year_is_refused(sample_data, tmp_path):
    with pytest.raises(InputError) as refused:
        render_year(sample_data, 2025, tmp_path)
    problem = refused.value.problems[0]
    assert problem.rule == "incomplete-year"
    assert "l'année 2025 n'est pas complète (trimestres présents : 1)" in problem.message
    assert build.latest_complete_year(sample_data) == 2024


def test_cli_build_publishes_with_a_manifest_and_a_broken_template_changes_nothing(
        capsys, sample_zip, territories, tmp_path):
    out = tmp_path / "out" / "2024"  # --out is the root: the year goes inside
    assert cli.main(["build", "--data", str(sample_zip), "--out", str(out.parent), "--territories",
                     str(territories)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["year"] == 2024 and manifest["is_sample"] is True
    assert sorted({o["kind"] for o in manifest["outputs"]}) == ["departement-workbook", "national-workbook",
                                                              "territory-deck"]
    assert len(manifest["outputs"]) == 106
    for entry in manifest["outputs"]:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert [i["sha256"] for i in manifest["inputs"] if i["name"].endswith(".zip!REGIONAL_CPF4PAYSE.txt")]
    assert manifest["releases"] == [  # one release, no 2023: the year uses its own only
        {"year": 2024, "name": sample_zip.name, "sha256": hashlib.sha256(sample_zip.read_bytes()).hexdigest()}]
    before = digests(out)
    assert "DONNÉES FICTIVES" in capsys.readouterr().out

    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"not a presentation")
    code = cli.main(["build", "--data", str(sample_zip), "--out", str(out.parent), "--territories", str(territories),
                     "--template", str(broken)])
    assert code == 1
    assert "broken.pptx" in capsys.readouterr().err
    assert digests(out) == before


def test_default_input_is_the_data_folder_or_three_years_of_sample_data_written_there(tmp_path, monkeypatch):
    """A plain build reads every release of data/; an empty data/ gets 2022 and 2023 beside 2024, so
    the default outputs show the evolution and the yearly series (issue 12)."""
    from officereport.input import sample

    small = sample.write_samples
    monkeypatch.setattr(sample, "write_samples", lambda folder, years, progress: small(folder, years, rows_per_flow=5000))
    data_dir = tmp_path / "data"
    assert build.default_input(data_dir) == (data_dir, True)
    assert sorted(p.name for p in data_dir.glob("*.zip")) == ["REGIONAL_CPF4PAYS_2024T1-2025T1_fictif.zip",
                                                               "Region_2022_fictif.zip", "Region_2023_fictif.zip"]
    assert build.default_input(data_dir) == (data_dir, False)  # landed files: read as they are

    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "REGIONAL_CPF4PAYSE.txt").write_text("E;1;2024;43;18;C29A;2910;DE;1;1\r\n")
    assert build.default_input(loose) == (loose, False)


def test_cli_build_into_an_output_root_that_is_a_file_says_so_in_french(capsys, sample_zip, tmp_path):
    out = tmp_path / "out"
    out.write_text("un fichier, pas un dossier")
    assert cli.main(["build", "--data", str(sample_zip), "--out", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert f"officereport : dossier de sortie inutilisable : {out / '.officereport'} : un élément du chemin n'est pas un dossier ; rien n'a été publié" in err
    assert "Traceback" not in err and out.read_text() == "un fichier, pas un dossier"
