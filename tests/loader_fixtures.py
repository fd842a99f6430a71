"""Data and label files for the loader tests, and a benchmark on a year of realistic size.

Rows are written as DGDDI writes them: UTF-8, ``;``, CRLF, no header. The label files are small
excerpts written here with the traps of the real ones (A129 in UTF-8 with a BOM, CPF4 in
Windows-1252 with quoted labels holding ``;``, countries listed twice with different validity), so
the tests run without the real files. ``python tests/loader_fixtures.py`` generates 2 million rows
per flow in a temporary folder and times a cold and a cached load.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

LABEL_LINES = {
    "Libelle_A129.txt": [
        "A01Z;Produits de la culture et de l’élevage;200901;999912",
        "B08Z;Produits divers des industries extractives;200901;999912",
        'C22A;"Produits en caoutchouc";200901;999912',
        "C22B;Produits en plastique;200901;999912",
        "C29A;Produits de la construction automobile;200901;999912",
    ],
    "Libelle_CPF4_rev2.1.txt": [
        "0111;Céréales (à l'exclusion du riz), légumineuses et oléagineux;201501;999912",
        '0893;"Sel et chlorure de sodium pur ; eau de mer";201501;999912',
        '2211;"Pneumatiques ; rechapage et resculptage de pneumatiques";201501;999912',
        "2932;Autres parties et accessoires pour véhicules automobiles;201501;999912",
    ],
    "Libelle_PAYS.txt": [
        "AR;Argentine;190001;999912",
        "CN;Chine;190001;999912",
        "DE;Allemagne;190001;999912",
        "IT;Italie;190001;999912",
        "NA;Namibie;199001;999912",
        "QU;Pays NDA;190001;199912",
        "QU;Pays et territoires non déterminés;201201;999912",
        "XS;Saba;190001;200505",
        "XS;Serbie;200506;999912",
    ],
    "Departement_region.txt": ["43;Haute-Loire;18;Auvergne - Rhône-Alpes", "63;Puy-de-Dôme;18;Auvergne - Rhône-Alpes"],
}
LABEL_FILES = tuple(LABEL_LINES)
_LABEL_ENCODING = {"Libelle_A129.txt": "utf-8-sig", "Libelle_CPF4_rev2.1.txt": "cp1252"}


def label_bytes(name: str) -> bytes:
    """A label file as DGDDI ships it: CRLF, no header, in that file's own encoding."""
    return "".join(f"{x}\r\n" for x in LABEL_LINES[name]).encode(_LABEL_ENCODING.get(name, "utf-8"))


def write_labels(folder: Path) -> None:
    for name in LABEL_FILES:
        (folder / name).write_bytes(label_bytes(name))


def line(
    flow: str = "E",
    quarter: object = 3,
    year: object = 2024,
    dep: str = "43",
    region: str = "18",
    a129: str = "C29A",
    cpf4: str = "2932",
    partner: str = "DE",
    value: object = 1000,
    mass: object = 10,
) -> str:
    """One data line, official field order; every argument may be any text to build a defect."""
    return ";".join(str(v) for v in (flow, quarter, year, dep, region, a129, cpf4, partner, value, mass))


def write_lines(path: Path, lines: list[str], *, bom: bool = False, trailer: str = "") -> Path:
    """Lines joined and ended by CRLF, optionally with a BOM in front and extra text at the end."""
    text = "".join(f"{x}\r\n" for x in lines) + trailer
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


# A small but real-looking publication: Haute-Loire and Puy-de-Dôme, 2024, both flows, with the
# codes whose handling is easy to get wrong (NA, 0111, QU, XS, an empty mass).
EXPORTS = [
    line("E", 1, 2024, "43", "18", "A01Z", "0111", "NA", 406473, 1210935),
    line("E", 2, 2024, "43", "18", "C29A", "2932", "DE", 5000000, 120000),
    line("E", 3, 2024, "63", "18", "C22A", "2211", "XS", 250000, ""),
    line("E", 4, 2024, "63", "18", "B08Z", "0893", "QU", 1200, 3000),
]
IMPORTS = [
    line("I", 1, 2024, "43", "18", "A01Z", "0111", "AR", 52, 11),
    line("I", 2, 2024, "43", "18", "C29A", "2932", "IT", 3000000, 90000),
    line("I", 4, 2024, "63", "18", "C22A", "2211", "CN", 700000, 56000),
]


def write_publication(folder: Path, *, with_labels: bool = True) -> Path:
    """The small publication as a DGDDI folder: one file per flow, plus the label files."""
    folder.mkdir(parents=True, exist_ok=True)
    write_lines(folder / "REGIONAL_CPF4PAYSE.txt", EXPORTS)
    write_lines(folder / "REGIONAL_CPF4PAYSI.txt", IMPORTS)
    if with_labels:
        write_labels(folder)
    return folder


def generate_flow(path: Path, flow: str, rows: int, year: int = 2024, seed: int = 0) -> Path:
    """``rows`` distinct data lines of one flow for ``year``, spread over every département."""
    from officereport.input import geography

    rng = np.random.default_rng(seed)
    deps = list(geography.DEPARTEMENTS.values())
    cpf4 = [f"{i:04d}" for i in range(100, 3400, 5)]  # 660 product codes, some with a leading zero
    partners = [a + b for a in "ABCDEFGHIJKLMNOPRSTUVWXYZ" for b in "ABCDEFGHIJ"]  # 250 codes, NA among them
    combos = 4 * len(deps) * len(cpf4) * len(partners)
    # A stride prime to the number of combinations walks through distinct keys.
    key = (np.arange(rows, dtype=np.int64) * 7919) % combos
    key, partner = np.divmod(key, len(partners))
    key, product = np.divmod(key, len(cpf4))
    quarter, dep = np.divmod(key, len(deps))
    dep_codes = np.array([d.code for d in deps])
    region_codes = np.array([d.region_code for d in deps])
    mass = rng.integers(0, 10**7, rows).astype(str).astype(object)
    mass[rng.random(rows) < 0.05] = ""
    table = pa.table(
        {
            "flow": np.full(rows, flow),
            "quarter": (quarter + 1).astype(str),
            "year": np.full(rows, str(year)),
            "dep": dep_codes[dep],
            "region": region_codes[dep],
            "a129": np.full(rows, "C29A"),
            "cpf4": np.array(cpf4)[product],
            "partner": np.array(partners)[partner],
            "value": rng.integers(0, 10**8, rows).astype(str),
            "mass": mass,
        }
    )
    options = pacsv.WriteOptions(include_header=False, delimiter=";", eol="\r\n", quoting_style="none")
    pacsv.write_csv(table, path, write_options=options)
    return path


def bench(rows: int = 2_000_000) -> None:
    from officereport.input.loader import load

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "douane"
        folder.mkdir()
        for flow in "EI":
            generate_flow(folder / f"REGIONAL_CPF4PAYS{flow}.txt", flow, rows, seed=ord(flow))
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        cache_dir = Path(tmp) / "cache"
        timings = {}
        cached = {"cache_dir": cache_dir}
        runs = (("sans cache", {}), ("cache froid", cached), ("cache chaud", cached))
        for label, kwargs in runs:
            start = time.perf_counter()
            data = load(folder, **kwargs)
            timings[label] = time.perf_counter() - start
        total = len(data.trade)
        print(f"{total} lignes ({size:.0f} Mo de texte)")
        for label, seconds in timings.items():
            print(f"{label:12s} {seconds:6.2f} s  {total / seconds:12,.0f} lignes/s")


if __name__ == "__main__":
    bench(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000)
