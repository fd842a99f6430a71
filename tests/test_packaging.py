"""A plain install works everywhere: the wheel holds every module and the slide template, and an
installed copy finds its template through importlib.resources, away from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # end to end: see pyproject's markers

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "officereport"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built offline from a copy of the sources (the checkout gets no build/ folder)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("src", "templates"):
        shutil.copytree(ROOT / name, source / name, ignore=junk)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (work / "dist").glob("officereport-*.whl")
    return found


def test_the_wheel_holds_every_module_and_the_template(wheel):
    members = set(zipfile.ZipFile(wheel).namelist())
    modules = {f"officereport/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*.py")}
    assert modules and modules <= members, sorted(modules - members)
    tables = {f"officereport/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*.toml")}
    assert tables and tables <= members, sorted(tables - members)  # the sample generator's data
    assert {"officereport/cli/__init__.py", "officereport/input/loader.py", "officereport/publish/refresh.py",
            "officereport/excel/workbook.py", "officereport/deck/builder.py"} <= members
    template = zipfile.ZipFile(wheel).read("officereport/templates/deck-template.pptx")
    assert template == (ROOT / "templates" / "deck-template.pptx").read_bytes()
    assert not any(name.startswith(("tests/", "tools/", "bench/")) for name in members)
    entry_points = next(n for n in members if n.endswith(".dist-info/entry_points.txt"))
    assert "officereport = officereport.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_an_installed_copy_finds_its_template_and_runs(wheel, tmp_path, sample_zip):
    """The wheel unpacked elsewhere (as pip would install it) loads its template and checks data."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    script = ("import officereport, officereport.deck.template as t; print(officereport.__file__); "
              "print(t.DEFAULT_TEMPLATE); print(len(t.DeckTemplate.load().styles))")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path,
                           check=False)
    assert shown.returncode == 0, shown.stderr
    package_file, template, styles = shown.stdout.splitlines()
    assert Path(package_file).is_relative_to(site) and Path(template).is_relative_to(site)
    assert int(styles) > 0
    checked = subprocess.run([sys.executable, "-m", "officereport", "check", "--data", str(sample_zip)],
                             capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert checked.returncode == 0, checked.stderr
    assert "2024 : trimestres 1, 2, 3, 4 (complète)" in checked.stdout
