"""The row rules, each checked over whole columns at once so that millions of rows take seconds.

All data rows of all files are judged together (a key may be duplicated across two files), each
row still knowing its file and line for the problem that names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from officereport.input import geography
from officereport.input import problems as caps  # read at call time: tests lower the cap
from officereport.input.parsing import RAW_FIELDS, DataFile
from officereport.input.problems import Problems
from officereport.model import EXPORT, FLOW_NAMES, IMPORT, Problem

DUPLICATE_KEY = ("flow", "year", "quarter", "dep", "cpf4", "partner")
CODE_FIELDS = ("flow", "year", "quarter", "dep", "region", "a129", "cpf4", "partner")
FIRST_YEAR = 1990  # earlier years are typos: DGDDI publishes nothing regional that old
_MAX_DIGITS = 18  # always fits an int64
_NEGATIVE = r"^-[0-9]+$"
# What text.clean removes: a code holding it is a damaged line, not a label to tidy (RE2 syntax).
_CONTROL = r"[\x00-\x1f\x7f-\x9f\x{fffe}\x{ffff}]"
_REGION_OF_DEP = [f"{d.code};{d.region_code}" for d in geography.DEPARTEMENTS.values()]


@dataclass
class Rows:
    """All data rows, every file together, with where each came from."""

    table: pa.Table
    file_names: list[str]
    file_index: np.ndarray
    lines: np.ndarray
    _encoded: dict[str, pa.DictionaryArray] = field(default_factory=dict)

    @classmethod
    def of(cls, files: list[DataFile]) -> Rows:
        return cls(
            table=pa.concat_tables(f.table for f in files).combine_chunks(),
            file_names=[f.name for f in files],
            file_index=np.repeat(np.arange(len(files)), [f.table.num_rows for f in files]),
            lines=np.concatenate([f.lines for f in files]),
        )

    def where(self, row: int) -> tuple[str, int]:
        return self.file_names[self.file_index[row]], int(self.lines[row])

    def column(self, name: str) -> pa.Array:
        return self.table.column(name).chunk(0)

    def encoded(self, name: str) -> pa.DictionaryArray:
        """A column as codes into its distinct values; kept, as both checks and typing need it."""
        if name not in self._encoded:
            self._encoded[name] = self.column(name).dictionary_encode()
        return self._encoded[name]

    def encode(self, names: Iterable[str]) -> None:
        """Encode these columns side by side, on as many threads as Arrow uses: Arrow lets go of
        the interpreter while it hashes (the eight code columns of 4 M rows: 0.4-0.7 -> 0.2 s)."""
        todo = [name for name in names if name not in self._encoded]
        with ThreadPoolExecutor(max(1, min(len(todo), pa.cpu_count()))) as threads:
            self._encoded |= zip(todo, threads.map(lambda name: self.column(name).dictionary_encode(), todo))


def _mask(array: pa.Array) -> np.ndarray:
    return array.to_numpy(zero_copy_only=False)


def _digits(array: pa.Array, most: int, least: int = 1) -> np.ndarray:
    """Where a field is only ASCII digits, ``least`` to ``most`` of them (no regex: 5x faster)."""
    length = pc.binary_length(array)
    fits = pc.and_(pc.greater_equal(length, least), pc.less_equal(length, most))
    return _mask(pc.and_(pc.ascii_is_decimal(array), fits))


def _control(encoded: pa.DictionaryArray) -> np.ndarray:
    """Rows whose code holds a control character, judged on the few distinct codes (a regex per row costs 0.3 s)."""
    bad_codes = _mask(pc.match_substring_regex(encoded.dictionary, _CONTROL))
    if not bad_codes.any():
        return np.zeros(len(encoded), dtype=bool)
    return bad_codes[encoded.indices.to_numpy(zero_copy_only=False)]


def check_rows(rows: Rows, problems: Problems) -> None:
    """Every row rule, each over whole columns at once."""
    rows.encode(CODE_FIELDS)  # all at once: the rules below and the typed table read them
    with ThreadPoolExecutor(1) as beside:  # numpy sorts the keys without the interpreter while Arrow checks
        keys = beside.submit(_duplicate_keys, rows)
        _check_fields(rows, problems)
        _check_duplicates(rows, keys.result(), problems)


def _check_fields(rows: Rows, problems: Problems) -> None:
    """The rules on each row's fields, in the order their problems are reported."""
    col = rows.column
    flag = partial(problems.add_rows, rows, fields=RAW_FIELDS)

    flow_ok = _mask(pc.is_in(col("flow"), pa.array([EXPORT, IMPORT])))
    flag(~flow_ok, "unknown-flow", "flux {flow!r} inconnu (E ou I attendu)")
    quarter_ok = _mask(pc.is_in(col("quarter"), pa.array(["1", "2", "3", "4"])))
    flag(~quarter_ok, "quarter-range", "trimestre {quarter!r} hors de 1 à 4")

    latest_year = date.today().year + 1
    four_digits = _digits(col("year"), 4, 4)
    year = pc.cast(pc.if_else(pa.array(four_digits), col("year"), "0"), pa.int32())
    plausible = four_digits & _mask(pc.and_(pc.greater_equal(year, FIRST_YEAR), pc.less_equal(year, latest_year)))
    expected = f"attendue de {FIRST_YEAR} à {latest_year}"
    flag(~plausible, "implausible-year", f"année {{year!r}} invraisemblable ({expected})")

    known_dep = _mask(pc.is_in(col("dep"), pa.array(list(geography.DEPARTEMENTS))))
    flag(~known_dep, "unknown-departement", "département {dep!r} inconnu")
    pair = pc.binary_join_element_wise(col("dep"), col("region"), ";")
    flag(
        known_dep & ~_mask(pc.is_in(pair, pa.array(_REGION_OF_DEP))),
        "region-mismatch",
        lambda v: (
            f"région {v['region']!r} incohérente avec le département {v['dep']} "
            f"(région DGDDI {geography.DEPARTEMENTS[v['dep']].region_code} attendue)"
        ),
    )

    for column, what in (("a129", "code A129"), ("cpf4", "code CPF4"), ("partner", "code pays")):
        flag(_mask(pc.equal(col(column), "")), "missing-code", f"{what} vide")
        flag(_control(rows.encoded(column)), "control-character", f"{what} {{{column}!r}} avec un caractère de contrôle")

    for column, what, may_be_empty in (("value", "valeur", False), ("mass", "masse", True)):
        valid = _digits(col(column), _MAX_DIGITS)
        if may_be_empty:
            valid |= _mask(pc.equal(col(column), ""))
        if valid.all():
            continue
        negative = _mask(pc.match_substring_regex(col(column), _NEGATIVE))
        flag(negative, "negative", f"{what} négative : {{{column}}}")
        flag(~(valid | negative), "non-numeric", f"{what} non numérique : {{{column}!r}}")


def _duplicate_keys(rows: Rows) -> tuple[np.ndarray, np.ndarray]:
    """Each row's key (flow, year, quarter, département, CPF4, partner) as one integer, and the keys sorted."""
    group = np.zeros(rows.table.num_rows, dtype=np.int64)
    bound = 1  # group < bound
    for column in DUPLICATE_KEY:
        encoded = rows.encoded(column)
        size = max(len(encoded.dictionary), 1)
        if bound * size > 2**62:
            # Renumber the groups densely so that the multiplication cannot overflow.
            group, uniques = pd.factorize(group)
            bound = len(uniques)
        group = group * size + encoded.indices.to_numpy()
        bound *= size
    return group, np.sort(group)


def _check_duplicates(rows: Rows, keys: tuple[np.ndarray, np.ndarray], problems: Problems) -> None:
    """A key (flow, year, quarter, département, CPF4, partner) must appear once in all files."""
    group, ordered = keys
    if not (ordered[1:] == ordered[:-1]).any():
        return
    # Rows sorted by key, stably so that each run of equal keys starts with its first row in the files.
    order = np.argsort(group, kind="stable")
    n = len(order)
    run_start = np.r_[True, group[order][1:] != group[order][:-1]]
    first_row = np.empty(n, dtype=np.int64)
    first_row[order] = order[np.maximum.accumulate(np.where(run_start, np.arange(n), 0))]
    hits = np.flatnonzero(first_row != np.arange(n))
    found = []
    for row in hits[: caps.MAX_PROBLEMS].tolist():
        v = {f: rows.table.column(f)[row].as_py() for f in DUPLICATE_KEY}
        file, line = rows.where(row)
        first_file, first_line = rows.where(int(first_row[row]))
        key = (
            f"flux {v['flow']}, {v['year']} T{v['quarter']}, département {v['dep']}, "
            f"CPF4 {v['cpf4']}, pays {v['partner']}"
        )
        message = f"clé en double ({key}) : déjà en {first_file}:{first_line}"
        found.append(Problem(file, line, "duplicate-key", message))
    problems.add_first(found, int(hits.size))


def check_flows(present: set[str], input_name: str, problems: Problems) -> None:
    """Exports and imports come together: one flow alone is a half-copied release."""
    for flow, other in ((EXPORT, IMPORT), (IMPORT, EXPORT)):
        if other in present and flow not in present:
            problems.add(
                Problem(
                    input_name,
                    None,
                    "missing-flow",
                    f"aucune ligne de flux {flow} ({FLOW_NAMES[flow].lower()}) : "
                    f"les fichiers d'import et d'export sont attendus ensemble",
                )
            )
