"""The one cleaning point for text that reaches an Office file.

Labels, territory names and ids come from files we do not control. Before any of them is written
into a workbook cell, a slide, a chart or a file name, it goes through :func:`clean`: characters
that XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF) and the C1 controls and DEL
that Office renders as boxes become spaces, runs of spaces collapse, and the result is trimmed.
Escaping the XML specials (``&``, ``<``) stays the job of the writer that serialises the part.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Tabs and line breaks are legal XML but break a one-line label: they become spaces like the rest.
_UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r" {2,}")


def clean(value: object) -> str:
    """``value`` as text that any Office part can hold: unwritable characters gone, spaces tidied."""
    return _clean("" if value is None else str(value))


def unwritable(text: str) -> list[str]:
    """The characters of ``text`` that :func:`clean` would remove, for a warning naming them."""
    return _UNWRITABLE.findall(text)


# The same country and product labels recur in every table of every output a process writes.
@lru_cache(maxsize=8192)
def _clean(raw: str) -> str:
    return _SPACES.sub(" ", _UNWRITABLE.sub(" ", raw)).strip()
