"""The rows of a csv reader, read past the one error a reader of text already decoded can meet."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import TypeVar

Row = TypeVar("Row")


def readable_rows(reader: Iterator[Row], too_long: Callable[[], None]) -> Iterator[Row]:
    """Every row of ``reader``; a line holding a field over the csv module's limit is skipped after
    ``too_long()`` is called, while the reader still stands on it (its line number)."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            too_long()
            continue
        yield row
