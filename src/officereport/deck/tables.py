"""Indicator tables read as plain Python rows, each column converted once per process.

A département's tables recur in every deck that covers it, and a region's or France's flow views
in nearly every deck of a build; pandas column access costs far more than the drawing that reads
it, so a table's columns are kept as lists the first time they are read.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd


class ByIdentity:
    """An object hashed and compared as the object it is (a table or a view cannot be hashed);
    a cache keyed by it keeps the object alive, so that its id is never reused for another one."""

    __slots__ = ("obj",)

    def __init__(self, obj: object):
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ByIdentity) and other.obj is self.obj


@lru_cache(maxsize=4096)
def _column(table: ByIdentity, column: str) -> tuple:
    frame = table.obj
    assert isinstance(frame, pd.DataFrame)
    return tuple(frame[column].tolist())


def rows(table: pd.DataFrame, *columns: str) -> list[tuple]:
    """The values of ``columns``, one tuple per row, in the table's order, as Python scalars."""
    key = ByIdentity(table)
    return list(zip(*(_column(key, c) for c in columns)))
