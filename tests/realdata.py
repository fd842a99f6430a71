"""Where the real official reference files are: ``shared/realdata`` beside the project checkout
(as on the developers' machines and in CI). They are read there, never copied into the project."""

from __future__ import annotations

from pathlib import Path

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
DGDDI_LABELS = REALDATA / "dgddi-regional-reference_ElioDuclos-french-export-analysis"
ANCT = REALDATA / "anct-territoires-industrie_superposeur-anct"
