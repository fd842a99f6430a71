"""The sample generator's tables: data files beside this module (``samplecodes.toml``, ``samplesizes.toml``)."""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def read(name: str) -> dict[str, Any]:
    """The tables of the data file ``name`` of this package, in the file's order."""
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))
