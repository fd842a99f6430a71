"""Reading DGDDI regional foreign-trade files into the typed trade table of :mod:`officereport.model`.

The input is the zip as downloaded, a folder (which may hold that zip), or a bare data file. Data
files are recognised by their content (lines of ten ``;``-separated fields), whatever their name;
label files by their name (see :mod:`officereport.input.labels`). Every data field is read as text with
no NA detection (``NA`` is Namibia, ``0111`` keeps its zero), then checked column by column with
vectorised rules, so that a year of 2 million rows per flow reads in seconds. Every problem found is
reported at once, with its file, line and rule, in one :class:`~officereport.model.InputError`.
"""

from __future__ import annotations

import hashlib
import re
import string
import zipfile
import zlib
from array import array
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from officereport.input import cache, geography, labels
from officereport.model import (
    EXPORT,
    FLOW_NAMES,
    IMPORT,
    SAMPLE_MARKER,
    InputError,
    LabelRow,
    Labels,
    Problem,
    SourceFile,
    TradeData,
)
from officereport.progress import ProgressCallback, silent

# The ten fields of a data line, in file order (année comes after trimestre).
RAW_FIELDS = ("flow", "quarter", "year", "dep", "region", "a129", "cpf4", "partner", "value", "mass")
DUPLICATE_KEY = ("flow", "year", "quarter", "dep", "cpf4", "partner")

# Problems listed in an InputError; beyond that they are only counted, so that a garbage file
# cannot fill the memory with millions of messages.
MAX_PROBLEMS = 1000
FIRST_YEAR = 1990  # earlier years are typos: DGDDI publishes nothing regional that old
_SNIFF_BYTES = 64 * 1024
_SNIFF_LINES = 20
_MAX_DIGITS = 18  # always fits an int64
_NEGATIVE = r"^-[0-9]+$"
_REGION_OF_DEP = [f"{d.code};{d.region_code}" for d in geography.DEPARTEMENTS.values()]


def load(path: str | Path, *, cache_dir: Path | None = None, progress: ProgressCallback = silent) -> TradeData:
    """Read a DGDDI zip, folder or data file; raise InputError listing every problem found.

    With ``cache_dir``, the result is kept there as Parquet keyed by the content of the input, and
    a later call on the same content reads it back instead of parsing the text again.
    """
    path = Path(path)
    if cache_dir is None or not path.exists():
        return _parse(path, progress)
    key = cache.input_key(input_files(path))
    progress(0, 1, "Lecture du cache")
    cached = cache.read(Path(cache_dir), key)
    progress(1, 1, "Lecture du cache")
    if cached is not None:
        return cached
    data = _parse(path, progress)
    try:
        cache.write(Path(cache_dir), key, data)
    except OSError as error:
        data.warnings.append(f"cache non enregistré dans {cache_dir} : {error}")
    return data


def input_files(path: Path) -> list[Path]:
    """The files on disk that make up an input (what the cache key covers)."""
    if path.is_dir():
        # Hidden files and folders are skipped: a cache kept inside the data folder must not
        # change the key of that folder.
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    return [path]


def summarize(data: TradeData) -> dict:
    """What ``officereport check`` shows: coverage, volumes, totals, unknown codes and sources."""
    trade = data.trade
    quarters = data.quarters_by_year()
    complete = set(data.complete_years())
    by_flow = {flow: data.quarters_by_year(flow) for flow in (EXPORT, IMPORT)}
    totals = trade.groupby(["year", "flow"], observed=True)["value_eur"].sum()
    rows_per_flow = trade["flow"].value_counts()
    unknown = {
        column: len(labels.codes_without_label(trade[column].unique(), getattr(data.labels, kind)))
        for column, kind in (("a129", "a129"), ("cpf4", "cpf4"), ("partner", "partners"))
    }
    return {
        "is_sample": data.is_sample,
        "years": [
            {"year": year, "quarters": qs, "complete": year in complete, "missing_quarters": {
                flow: [q for q in (1, 2, 3, 4) if q not in by_flow[flow].get(year, [])] for flow in (EXPORT, IMPORT)
            }}
            for year, qs in sorted(quarters.items())
        ],
        "rows_per_flow": {flow: int(rows_per_flow.get(flow, 0)) for flow in (EXPORT, IMPORT)},
        "departements": int(trade["dep"].nunique()),
        "totals_eur": {
            year: {flow: int(totals.get((year, flow), 0)) for flow in (EXPORT, IMPORT)} for year in sorted(quarters)
        },
        "unknown_codes": unknown,
        "sources": [asdict(source) for source in data.sources],
        "warnings": list(data.warnings),
    }


# --- the input: which files, and what each one is -------------------------------------------


@dataclass(frozen=True)
class _Member:
    name: str  # as shown in problems and sources: a path, or "archive.zip!inner/name.txt"
    file_name: str  # base name, to recognise label files and the sample marker
    read: Callable[[], bytes]
    is_data: bool = False  # a bare file given on its own is data whatever it looks like


class _Unreadable(Exception):
    """A member whose bytes cannot be read (damaged archive)."""


def _members(path: Path, problems: _Problems) -> list[_Member]:
    if not path.exists():
        problems.add(Problem(str(path), None, "not-found", "fichier ou dossier introuvable"))
        return []
    if path.is_dir():
        found: list[_Member] = []
        for file in input_files(path):
            if file.suffix.lower() == ".zip":
                found.extend(_zip_members(file, problems))
            else:
                found.append(_Member(str(file), file.name, file.read_bytes))
        return found
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return _zip_members(path, problems)
    return [_Member(str(path), path.name, path.read_bytes, is_data=True)]


def _zip_members(archive: Path, problems: _Problems) -> list[_Member]:
    try:
        with zipfile.ZipFile(archive) as zf:
            names = sorted(info.filename for info in zf.infolist() if not info.is_dir())
    except (zipfile.BadZipFile, OSError) as error:
        problems.add(Problem(str(archive), None, "corrupt-zip", f"archive zip illisible ou corrompue ({error})"))
        return []

    def reader(member: str) -> Callable[[], bytes]:
        def read() -> bytes:
            try:
                with zipfile.ZipFile(archive) as zf:
                    return zf.read(member)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as error:
                raise _Unreadable(str(error)) from error

        return read

    return [
        _Member(f"{archive}!{name}", name.rsplit("/", 1)[-1], reader(name))
        for name in names
        if not name.startswith("__MACOSX/") and not name.rsplit("/", 1)[-1].startswith(".")
    ]


def _looks_like_data(data: bytes) -> bool:
    """Most of the first non-blank lines have ten ``;``-separated fields."""
    head = data[:_SNIFF_BYTES].decode("utf-8", "replace").lstrip("\ufeff").splitlines()
    if len(data) > _SNIFF_BYTES:
        head = head[:-1]  # cut mid-line
    lines = [line for line in head if line.strip()][:_SNIFF_LINES]
    return bool(lines) and 2 * sum(line.count(";") == len(RAW_FIELDS) - 1 for line in lines) > len(lines)


_BLANK = re.compile(rb"(\xef\xbb\xbf)?\s*")


def _is_blank(data: bytes) -> bool:
    # A regex stops at the first visible byte and copies nothing, however large the file.
    return _BLANK.fullmatch(data) is not None


# --- problems ---------------------------------------------------------------------------------


class _Problems:
    """Problems found so far: each rule keeps its first MAX_PROBLEMS and counts the rest."""

    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.found.append(problem)
        self.total += 1

    def add_first(self, problems: list[Problem], total: int) -> None:
        """The first of ``total`` problems of one rule, the rest only counted."""
        self.found.extend(problems[:MAX_PROBLEMS])
        self.total += total

    def add_rows(self, rows: _Rows, mask: np.ndarray, rule: str, message: str | Callable[[dict], str]) -> None:
        """One problem per row where ``mask`` holds; ``message`` formats that row's raw fields."""
        hits = np.flatnonzero(mask)
        if not hits.size:
            return
        self.total += int(hits.size)
        shown = hits[:MAX_PROBLEMS]
        if isinstance(message, str):
            wanted = [f for _, f, _, _ in string.Formatter().parse(message) if f]
            text = message.format
        else:
            wanted, text = list(RAW_FIELDS), lambda **values: message(values)
        values = {f: rows.table.column(f).take(pa.array(shown)).to_pylist() for f in wanted}
        for n, row in enumerate(shown):
            file, line = rows.where(int(row))
            self.found.append(Problem(file, line, rule, text(**{f: values[f][n] for f in wanted})))

    def raise_if_any(self, input_name: str, file_order: list[str]) -> None:
        if not self.total:
            return
        order = {name: i for i, name in enumerate(file_order)}
        shown = sorted(self.found, key=lambda p: (order.get(p.file, -1), p.line or 0))[:MAX_PROBLEMS]
        if self.total > len(shown):
            left = self.total - len(shown)
            shown.append(Problem(input_name, None, "too-many-problems", f"{left} autres problèmes non listés"))
        raise InputError(shown)


# --- data files -------------------------------------------------------------------------------


@dataclass
class _DataFile:
    name: str
    table: pa.Table  # RAW_FIELDS as text, blank lines left out
    lines: np.ndarray  # 1-based line number of each row of ``table``
    content_lines: int


def _read_data_file(name: str, data: bytes, problems: _Problems) -> _DataFile | None:
    if _is_blank(data):
        problems.add(Problem(name, None, "empty-file", "fichier vide"))
        return None
    bad_lines, bad_counts, blank_bad_lines = array("q"), [], array("q")

    def on_bad_line(row: pacsv.InvalidRow) -> str:
        # Parsing is single-threaded, so the reader knows each line's number.
        if row.text.strip():
            bad_lines.append(row.number)
            if len(bad_counts) < MAX_PROBLEMS:
                bad_counts.append(row.actual_columns)
        else:
            blank_bad_lines.append(row.number)
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            # Threads did not parse these files faster (measured), and only a single-threaded
            # reader knows the number of each bad line.
            read_options=pacsv.ReadOptions(column_names=RAW_FIELDS, use_threads=False),
            parse_options=pacsv.ParseOptions(
                delimiter=";", quote_char=False, ignore_empty_lines=False, invalid_row_handler=on_bad_line
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f: pa.string() for f in RAW_FIELDS},
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as error:
        problems.add(_undecodable(name, data) or Problem(name, None, "unreadable", f"fichier illisible ({error})"))
        return None

    physical = table.num_rows + len(bad_lines) + len(blank_bad_lines)
    keep = np.ones(physical, dtype=bool)
    keep[np.frombuffer(bad_lines, dtype=np.int64) - 1] = False
    keep[np.frombuffer(blank_bad_lines, dtype=np.int64) - 1] = False
    lines = np.flatnonzero(keep) + 1
    # An empty line reaches the table as a row of ten empty fields.
    blank = np.ones(table.num_rows, dtype=bool)
    for column in RAW_FIELDS:
        blank &= pc.equal(table.column(column), "").to_numpy(zero_copy_only=False)
    last_content = max(lines[~blank].max(initial=0), max(bad_lines, default=0))
    if last_content == 0:
        problems.add(Problem(name, None, "empty-file", "fichier vide"))
        return None

    expected = len(RAW_FIELDS)
    miscounted = [
        Problem(name, n, "field-count", f"{expected} champs attendus, {count} trouvés")
        for n, count in zip(bad_lines, bad_counts)
    ]
    problems.add_first(miscounted, len(bad_lines))
    # Blank lines are harmless at the end of a file, not between data lines.
    inner_blanks = sorted(n for n in [*lines[blank].tolist(), *blank_bad_lines] if n < last_content)
    blank_between = [
        Problem(name, n, "field-count", "ligne vide entre deux lignes de données") for n in inner_blanks[:MAX_PROBLEMS]
    ]
    problems.add_first(blank_between, len(inner_blanks))

    if blank.any():  # filtering copies the table: only when there is something to leave out
        table, lines = table.filter(pa.array(~blank)), lines[~blank]
    return _DataFile(name, table, lines, table.num_rows + len(bad_lines))


def _undecodable(name: str, data: bytes) -> Problem | None:
    """The line of the first byte that is not UTF-8, if that is what stopped the reader."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(name, line, "encoding", "caractère invalide en UTF-8 (les fichiers de données sont en UTF-8)")
    return None


@dataclass
class _Rows:
    """All data rows, every file together, with where each came from."""

    table: pa.Table
    file_names: list[str]
    file_index: np.ndarray
    lines: np.ndarray
    _encoded: dict[str, pa.DictionaryArray] = field(default_factory=dict)

    @classmethod
    def of(cls, files: list[_DataFile]) -> _Rows:
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


def _mask(array: pa.Array) -> np.ndarray:
    return array.to_numpy(zero_copy_only=False)


def _digits(array: pa.Array, most: int, least: int = 1) -> np.ndarray:
    """Where a field is only ASCII digits, ``least`` to ``most`` of them (no regex: 5x faster)."""
    length = pc.binary_length(array)
    fits = pc.and_(pc.greater_equal(length, least), pc.less_equal(length, most))
    return _mask(pc.and_(pc.ascii_is_decimal(array), fits))


def _check_rows(rows: _Rows, problems: _Problems) -> None:
    """Every row rule, each over whole columns at once."""
    col = rows.column
    flag = partial(problems.add_rows, rows)

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

    for column, what, may_be_empty in (("value", "valeur", False), ("mass", "masse", True)):
        valid = _digits(col(column), _MAX_DIGITS)
        if may_be_empty:
            valid |= _mask(pc.equal(col(column), ""))
        if valid.all():
            continue
        negative = _mask(pc.match_substring_regex(col(column), _NEGATIVE))
        flag(negative, "negative", f"{what} négative : {{{column}}}")
        flag(~(valid | negative), "non-numeric", f"{what} non numérique : {{{column}!r}}")

    _check_duplicates(rows, problems)


def _check_duplicates(rows: _Rows, problems: _Problems) -> None:
    """A key (flow, year, quarter, département, CPF4, partner) must appear once in all files."""
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
    ordered = np.sort(group)
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
    for row in hits[:MAX_PROBLEMS].tolist():
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


def _check_flows(rows: _Rows, input_name: str, problems: _Problems) -> None:
    present = set(rows.encoded("flow").dictionary.to_pylist())
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


# --- the typed table --------------------------------------------------------------------------


def _categorical(encoded: pa.DictionaryArray) -> pd.Categorical:
    categories = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    return pd.Categorical.from_codes(codes, categories=categories).reorder_categories(sorted(categories))


def _trade_table(rows: _Rows) -> pd.DataFrame:
    col = rows.column
    mass = pc.if_else(pc.equal(col("mass"), ""), pa.scalar(None, pa.string()), col("mass"))
    return pd.DataFrame(
        {
            "flow": _categorical(rows.encoded("flow")),
            "year": pc.cast(col("year"), pa.int16()).to_numpy(),
            "quarter": pc.cast(col("quarter"), pa.int8()).to_numpy(),
            "dep": _categorical(rows.encoded("dep")),
            "region": _categorical(rows.encoded("region")),
            "a129": _categorical(rows.encoded("a129")),
            "cpf4": _categorical(rows.encoded("cpf4")),
            "partner": _categorical(rows.encoded("partner")),
            "value_eur": pc.cast(col("value"), pa.int64()).to_numpy(),
            "mass_kg": pc.cast(mass, pa.float64()).to_numpy(zero_copy_only=False),
        }
    )


# --- putting it together ----------------------------------------------------------------------


@dataclass
class _Found:
    """What the input files held, sorted as they are read."""

    data_files: list[_DataFile] = field(default_factory=list)
    label_rows: dict[str, list[LabelRow]] = field(default_factory=dict)  # only the kinds present
    sources: list[SourceFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    is_sample: bool = False


def _read_member(member: _Member, found: _Found, problems: _Problems) -> None:
    """Recognise one input file (sample marker, label file, data file or neither) and read it."""
    if member.file_name == SAMPLE_MARKER:
        found.is_sample = True
        return
    try:
        data = member.read()
    except _Unreadable as error:
        problems.add(Problem(member.name, None, "corrupt-zip", f"fichier illisible dans l'archive ({error})"))
        return
    kind = labels.label_kind(member.file_name)
    if kind is None and not (member.is_data or _is_blank(data) or _looks_like_data(data)):
        found.warnings.append(f"{member.name} ignoré : ni données (10 champs) ni libellés")
        return
    digest = hashlib.sha256(data).hexdigest()
    if kind is None:
        parsed = _read_data_file(member.name, data, problems)
        if parsed is not None:
            found.data_files.append(parsed)
        found.sources.append(SourceFile(member.name, digest, parsed.content_lines if parsed else 0, "data"))
        return
    if kind == labels.DEPARTEMENTS:
        rows, notes = labels.read_departement_regions(member.name, data)
    else:
        label_rows, notes = labels.read_code_labels(member.name, data)
        found.label_rows.setdefault(kind, []).extend(label_rows)
        rows = len(label_rows)
    found.warnings.extend(notes)
    found.sources.append(SourceFile(member.name, digest, rows, "labels"))


def _parse(path: Path, progress: ProgressCallback) -> TradeData:
    problems = _Problems()
    members = _members(path, problems)
    found = _Found()
    what = "Lecture des fichiers douaniers"
    for done, member in enumerate(members):
        progress(done, len(members), what)
        _read_member(member, found, problems)
    progress(len(members), len(members), what)

    file_order = [m.name for m in members]
    if not found.data_files:
        if not problems.total:
            message = "aucun fichier de données trouvé (lignes de 10 champs séparés par ';')"
            problems.add(Problem(str(path), None, "no-data-file", message))
        problems.raise_if_any(str(path), file_order)
    rows = _Rows.of(found.data_files)
    if rows.table.num_rows:
        progress(0, 1, "Contrôle des lignes")
        _check_rows(rows, problems)
        _check_flows(rows, str(path), problems)
        progress(1, 1, "Contrôle des lignes")
    problems.raise_if_any(str(path), file_order)

    trade = _trade_table(rows)
    for kind, column in ((labels.A129, "a129"), (labels.CPF4, "cpf4"), (labels.PARTNERS, "partner")):
        if kind not in found.label_rows:
            found.warnings.append(labels.missing_file_warning(kind))
        elif unlabelled := labels.codes_without_label(trade[column].cat.categories, found.label_rows[kind]):
            found.warnings.append(labels.unlabelled_warning(kind, unlabelled))
    return TradeData(
        trade=trade,
        labels=Labels(
            a129=found.label_rows.get(labels.A129, []),
            cpf4=found.label_rows.get(labels.CPF4, []),
            partners=found.label_rows.get(labels.PARTNERS, []),
        ),
        sources=found.sources,
        warnings=found.warnings,
        is_sample=found.is_sample,
    )
