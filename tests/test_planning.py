"""Output planning: file names from slugs only, never outside the build folder, never two for one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from officereport import build
from officereport.build import BuildSettings, render_year
from officereport.input.territories import Territory
from officereport.model import InputError
from officereport.planning import ALL_KINDS, TERRITORY_DECK, OutputFile, pdf_output, plan, slug, with_pdfs
from officereport.publish.paths import UnsafePath, safe_relative

BUILT_AT = datetime(2026, 11, 26, 6, 0)


@pytest.mark.parametrize(("text", "expected"), [
    ("Industries d’avenir", "industries-d-avenir"),  # typographic apostrophe
    ("Industries d'avenir", "industries-d-avenir"),
    ("Territoire de l\u02bcOuest", "territoire-de-l-ouest"),  # modifier letter apostrophe
    ("Côte-d'Or", "cote-d-or"),
    ("Cœur de Savoie", "coeur-de-savoie"),
    ("Issoire – Brioude", "issoire-brioude"),
    ("../../../../tmp/x/ESCAPED", "tmp-x-escaped"),
    ("..\\..\\Windows\\x", "windows-x"),
])
def test_slug_is_ascii_lower_case_with_apostrophes_as_hyphens(text, expected):
    assert slug(text) == expected


def test_a_long_name_is_capped_with_a_hash_that_tells_two_apart():
    long_a, long_b = "Territoire " * 36 + "A", "Territoire " * 36 + "B"
    a, b = slug(long_a), slug(long_b)
    assert len(a) == len(b) == 60
    assert a != b and a[:51] == b[:51] and a.startswith("territoire-territoire-")
    assert a[-9] == "-" and int(a[-8:], 16) >= 0
    assert slug("¿¡…!") != "" and len(slug("¿¡…!")) == 8  # nothing left: the hash alone


@pytest.mark.parametrize("path", [
    "../x.pptx", "territoires/../../x.pptx", "..\\x.pptx", "territoires\\..\\x.pptx", "/tmp/x.pptx",
    "C:x.pptx", "territoires/.../x.pptx", "manifest.json", "", "territoires//x.pptx", ".hidden/x.pptx",
])
def test_paths_that_could_leave_the_build_folder_are_refused(path):
    with pytest.raises(UnsafePath, match="chemin de sortie refusé"):
        safe_relative(path)


def test_hostile_ids_and_long_names_are_planned_inside_the_folder():
    territories = [Territory("../../../../tmp/x/ESCAPED", "Évasion", ("43",)),
                   Territory("ti-1", "Nom " * 100, ("63",))]
    paths = [t.output.path for t in plan(2024, frozenset({TERRITORY_DECK}), territories)]
    assert paths[0] == "territoires/tmp-x-escaped-evasion-2024.pptx"
    assert paths[1].startswith("territoires/ti-1-nom-nom-") and len(Path(paths[1]).name) <= 24 + 60 + 12
    assert next(t.output.scope for t in plan(2024, frozenset({TERRITORY_DECK}), territories)) == territories[0].id


def test_ids_differing_only_by_case_are_refused_naming_both():
    territories = [Territory("TI-84", "Issoire", ("43",)), Territory("ti-84", "Brioude", ("63",))]
    with pytest.raises(InputError) as refused:
        plan(2024, ALL_KINDS, territories, Path("liste.csv"))
    (problem,) = refused.value.problems
    assert problem.file == "liste.csv" and problem.rule == "duplicate-territory"
    assert "« TI-84 » (Issoire) et « ti-84 » (Brioude)" in problem.message
    assert "ne diffèrent que par la casse" in problem.message


def test_names_giving_the_same_file_are_refused():
    territories = [Territory("ti-1", "Val d'Allier", ("43",)), Territory("ti/1", "Val-d’Allier", ("63",))]
    with pytest.raises(InputError, match="même nom de fichier"):
        plan(2024, ALL_KINDS, territories)


def test_a_hostile_territory_file_writes_nothing_outside_the_target(sample_data, tmp_path):
    """Issue 10: an id of ``../..`` wrote ``…/ESCAPED-evasion-2024.pptx`` beside the output folder."""
    listing = tmp_path / "liste.csv"
    listing.write_text("id_ti;lib_ti;departements\n"
                       "../../ESCAPED;Évasion;43\n"
                       f"ti-long;{'Très long nom ' * 30};63\n", encoding="utf-8")
    target = tmp_path / "a" / "staging"
    outputs = render_year(sample_data, 2024, target, kinds=frozenset({build.TERRITORY_DECK}), built_at=BUILT_AT,
                          settings=BuildSettings(jobs=1, territories=listing))
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pptx"))
    assert written == sorted(f"a/staging/{o.path}" for o in outputs)
    assert "a/staging/territoires/escaped-evasion-2024.pptx" in written


def test_a_departement_deck_and_workbook_never_share_a_pdf_name():
    tasks = plan(2024, ALL_KINDS, None)
    paths = {t.output.kind: t.output.path for t in tasks if t.output.scope == "43"}
    assert paths == {"departement-workbook": "departements/43-haute-loire-2024.xlsx",
                     "departement-deck": "presentations/43-haute-loire-2024.pptx"}
    pdfs = [pdf_output(t.output).path for t in tasks]
    assert len(set(pdfs)) == len(pdfs) == 203
    assert pdf_output(tasks[0].output) == OutputFile("national-workbook-pdf", "FR", "national-2024.pdf")
    assert with_pdfs(frozenset({"territory-deck"})) == {"territory-deck", "territory-deck-pdf"}
