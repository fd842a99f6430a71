"""The layers of docs/architecture.md: the renderers and what lies below them import nothing above."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "officereport"

# package or module -> the parts of officereport it must not import
FORBIDDEN = {
    "style": {"input", "indicators", "wording", "excel", "deck", "build", "publish", "cli"},
    "frformat": {"input", "indicators", "wording", "excel", "deck", "build", "publish", "cli"},
    "pdf": {"input", "indicators", "wording", "excel", "deck", "build", "publish", "cli"},
    "digest": {"input", "indicators", "wording", "excel", "deck", "build", "publish", "cli", "pdf"},
    "hugepages": {"model", "input", "indicators", "wording", "excel", "deck", "build", "publish", "cli", "pdf"},
    "heap": {"model", "input", "indicators", "wording", "excel", "deck", "build", "publish", "cli", "pdf"},
    "codesum": {"model", "input", "indicators", "wording", "excel", "deck", "build", "publish", "cli", "pdf"},
    "indicators": {"wording", "excel", "deck", "build", "publish", "cli"},
    "wording": {"excel", "deck", "build", "publish", "cli"},
    "excel": {"deck", "build", "publish", "cli"},
    "deck": {"excel", "build", "publish", "cli"},
}


def imported_parts(path: Path) -> set[str]:
    """The first component under ``officereport`` of every import in ``path``."""
    parts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("officereport"):
            names = node.module.split(".")[1:2] or [alias.name for alias in node.names]
            parts.update(names)
        elif isinstance(node, ast.Import):
            parts.update(a.name.split(".")[1] for a in node.names if a.name.startswith("officereport."))
    return parts


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer):
    files = [SRC / f"{layer}.py"] if (SRC / f"{layer}.py").exists() else sorted((SRC / layer).rglob("*.py"))
    assert files
    wrong = {f"{f.relative_to(SRC)} imports {part}" for f in files for part in imported_parts(f) & FORBIDDEN[layer]}
    assert wrong == set()


def test_the_check_sees_imports():
    assert {"indicators", "wording", "excel"} <= imported_parts(SRC / "excel" / "workbook.py")
    assert "style" in imported_parts(SRC / "excel" / "butterfly.py")
    assert "deck" in imported_parts(SRC / "build.py")
