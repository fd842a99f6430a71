"""Where the real official reference files are: ``shared/realdata`` beside the project checkout
(as on the developers' machines and in CI). They are read there, never copied into the project.

A fresh clone has no ``../shared``: tests that need these files call :func:`need` and skip with a
one-line reason. ``OFFICEREPORT_REALDATA=DIR`` points at another copy; ``OFFICEREPORT_NO_REALDATA=1``
hides them, to run the suite as a fresh clone would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _root() -> Path:
    if os.environ.get("OFFICEREPORT_NO_REALDATA"):
        return Path(__file__).resolve().parent / "realdata-hidden-by-OFFICEREPORT_NO_REALDATA"
    if os.environ.get("OFFICEREPORT_REALDATA"):
        return Path(os.environ["OFFICEREPORT_REALDATA"])
    return Path(__file__).resolve().parents[2] / "shared" / "realdata"


REALDATA = _root()
DGDDI_LABELS = REALDATA / "dgddi-regional-reference_ElioDuclos-french-export-analysis"
ANCT = REALDATA / "anct-territoires-industrie_superposeur-anct"


def need(path: Path) -> Path:
    """``path`` when the real file is there; otherwise the calling test is skipped."""
    if not path.exists():
        pytest.skip(f"real reference file absent ({path.name}): shared/realdata is not beside the checkout")
    return path
