"""Reading the lines of one data file into a table of text fields, with the number of each line.

Every field is read as text with no NA detection (``NA`` is Namibia, ``0111`` keeps its zero);
the row rules judge them afterwards (:mod:`officereport.input.rules`). The file is streamed to
the CSV reader, never held whole in memory. Lines without ten fields, and blank lines between
data lines, are problems named by their line.
"""

from __future__ import annotations

import codecs
import io
from array import array
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from officereport.input import problems as caps  # read at call time: tests lower the cap
from officereport.input.problems import Problems
from officereport.model import Problem

# The ten fields of a data line, in file order (année comes after trimestre).
RAW_FIELDS = ("flow", "quarter", "year", "dep", "region", "a129", "cpf4", "partner", "value", "mass")
_BLOCK_BYTES = 1 << 20  # the CSV reader's block: no data line comes near it
_SCAN_BYTES = 1 << 20


@dataclass
class DataFile:
    name: str
    table: pa.Table  # RAW_FIELDS as text, blank lines left out
    lines: np.ndarray  # 1-based line number of each row of ``table``
    content_lines: int


class _Replay(io.RawIOBase):
    """The bytes already read to recognise the file, then the rest of its stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._head:
            return self._rest.readinto(buffer)
        count = min(len(buffer), len(self._head))
        buffer[:count] = self._head[:count]
        self._head = self._head[count:]
        return count


def read_data_file(
    name: str,
    head: bytes,
    rest: BinaryIO,
    reopen: Callable[[], AbstractContextManager[BinaryIO]],
    problems: Problems,
) -> DataFile | None:
    """The rows of a data file whose first bytes ``head`` were read from ``rest`` already.

    ``reopen`` gives the file's bytes again, read only to locate an encoding error.
    """
    bad_lines, bad_counts, blank_bad_lines = array("q"), [], array("q")

    def on_bad_line(row: pacsv.InvalidRow) -> str:
        # Parsing is single-threaded, so the reader knows each line's number.
        if row.text.strip():
            bad_lines.append(row.number)
            if len(bad_counts) < caps.MAX_PROBLEMS:
                bad_counts.append(row.actual_columns)
        else:
            blank_bad_lines.append(row.number)
        return "skip"

    try:
        table = pacsv.read_csv(
            _Replay(head, rest),
            # Threads did not parse these files faster (measured), and only a single-threaded
            # reader knows the number of each bad line.
            read_options=pacsv.ReadOptions(column_names=RAW_FIELDS, use_threads=False, block_size=_BLOCK_BYTES),
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
        problems.add(_why_unreadable(name, str(error), reopen))
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
        Problem(name, n, "field-count", "ligne vide entre deux lignes de données")
        for n in inner_blanks[: caps.MAX_PROBLEMS]
    ]
    problems.add_first(blank_between, len(inner_blanks))

    if blank.any():  # filtering copies the table: only when there is something to leave out
        table, lines = table.filter(pa.array(~blank)), lines[~blank]
    return DataFile(name, table, lines, table.num_rows + len(bad_lines))


def _why_unreadable(name: str, error: str, reopen: Callable[[], AbstractContextManager[BinaryIO]]) -> Problem:
    if "straddl" in error:
        message = f"ligne de plus de {_BLOCK_BYTES >> 20} Mio : ce n'est pas un fichier de données DGDDI"
        return Problem(name, None, "line-too-long", message)
    if "UTF8" in error:
        with reopen() as stream:
            line = first_invalid_utf8_line(stream)
        if line is not None:
            message = "caractère invalide en UTF-8 (les fichiers de données sont en UTF-8)"
            return Problem(name, line, "encoding", message)
    return Problem(name, None, "unreadable", f"fichier illisible ({error})")


def first_invalid_utf8_line(stream: BinaryIO) -> int | None:
    """The line holding the first byte that is not UTF-8, reading the stream in bounded chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = 0
    while True:
        chunk = stream.read(_SCAN_BYTES)
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            # error.object is the few bytes held back from the previous chunk (no newline among
            # them: they start a character), then this chunk.
            return newlines + error.object.count(b"\n", 0, error.start) + 1
        if not chunk:
            return None
        newlines += chunk.count(b"\n")
