"""What the loader found wrong with its input: problems that refuse it, and warnings that do not.

Problems are gathered rule by rule and raised together in one :class:`~officereport.model.InputError`,
so that a user fixes every defect in one go. Warnings (a label line skipped, a character removed, a
file ignored) leave the data usable; they travel with the loaded data, ``check`` prints them and
each load logs them on the ``officereport.input`` logger.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Callable
from typing import Protocol

import numpy as np
import pyarrow as pa

from officereport.model import InputError, Problem

# Problems listed in an InputError; beyond that they are only counted, so that a garbage file
# cannot fill the memory with millions of messages.
MAX_PROBLEMS = 1000

log = logging.getLogger("officereport.input")
log.addHandler(logging.NullHandler())  # a library logs; the command decides where it goes


class Located(Protocol):
    """Rows that know the file and line each came from (see :mod:`officereport.input.rules`)."""

    table: pa.Table

    def where(self, row: int) -> tuple[str, int]: ...


class Problems:
    """Problems and warnings found so far; each rule keeps its first MAX_PROBLEMS and counts the rest."""

    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.total = 0
        self.warnings: list[str] = []

    def add(self, problem: Problem) -> None:
        self.found.append(problem)
        self.total += 1

    def warn(self, file: str, line: int | None, message: str) -> None:
        """A warning located like a problem: ``file:line : message``."""
        self.warnings.append(f"{file if line is None else f'{file}:{line}'} : {message}")

    def add_first(self, problems: list[Problem], total: int) -> None:
        """The first of ``total`` problems of one rule, the rest only counted."""
        self.found.extend(problems[:MAX_PROBLEMS])
        self.total += total

    def add_rows(self, rows: Located, mask: np.ndarray, rule: str, message: str | Callable[[dict], str],
                 fields: tuple[str, ...]) -> None:
        """One problem per row where ``mask`` holds; ``message`` formats that row's raw ``fields``."""
        hits = np.flatnonzero(mask)
        if not hits.size:
            return
        self.total += int(hits.size)
        shown = hits[:MAX_PROBLEMS]
        if isinstance(message, str):
            wanted = [f for _, f, _, _ in string.Formatter().parse(message) if f]
            text = message.format
        else:
            wanted, text = list(fields), lambda **values: message(values)
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
