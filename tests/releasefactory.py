"""Releases as users keep them in a data folder: annual zips of past years (one file per flow)
beside the latest « 5 derniers trimestres » zip, Haute-Loire only, hand-sized values."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from loader_fixtures import LABEL_FILES, label_bytes, line


def year_lines(year: int, quarters=(1, 2, 3, 4), value: int = 1_000_000) -> list[str]:
    """Both flows of Haute-Loire for ``quarters`` of ``year``, two partners each, ``value`` € a row."""
    return [
        line(flow, quarter, year, partner=partner, value=value)
        for flow in "EI"
        for quarter in quarters
        for partner in ("DE", "IT")
    ]


def release(path: Path, members: dict[str, list[str]], *, landed: int, labels: bool = True) -> Path:
    """A DGDDI zip holding ``members`` (name -> data lines), landed at ``landed`` (seconds)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, lines in members.items():
            archive.writestr(name, "".join(f"{x}\r\n" for x in lines))
        if labels:
            for name in LABEL_FILES:
                archive.writestr(name, label_bytes(name))
    os.utime(path, ns=(landed * 10**9, landed * 10**9))
    return path


def annual(folder: Path, year: int, *, landed: int, value: int = 1_000_000, name: str = "") -> Path:
    lines = year_lines(year, value=value)
    return release(folder / (name or f"annuel-{year}.zip"), {
        f"Region_{year}_Export.txt": [x for x in lines if x.startswith("E")],
        f"Region_{year}_Import.txt": [x for x in lines if x.startswith("I")],
    }, landed=landed)


def latest(folder: Path, *, landed: int, q4_2023: int = 1_100_000) -> Path:
    """The « 5 derniers trimestres » zip: 2023 Q4 (revised: ``q4_2023`` € a row) and all of 2024."""
    lines = year_lines(2023, (4,), value=q4_2023) + year_lines(2024, value=2_000_000)
    return release(folder / "REGIONAL_CPF4PAYS.zip", {
        "REGIONAL_CPF4PAYSE.txt": [x for x in lines if x.startswith("E")],
        "REGIONAL_CPF4PAYSI.txt": [x for x in lines if x.startswith("I")],
    }, landed=landed)
