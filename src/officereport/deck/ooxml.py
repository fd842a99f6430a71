"""A small XML writer for the parts the decks write by hand, and the one table of their namespaces.

In the manner of XlsxWriter's ``xmlwriter``: elements are written as text in document order by
``start`` / ``end`` / ``empty`` / ``data``, and every text or attribute value goes through one
escaping point, which also cleans it (``officereport.text.clean``): a label holding a control
character becomes a readable one instead of a part that no reader can open. Text is written, not
built as an lxml tree: a deck holds some 30 000 elements, and going through python-pptx's trees
took most of a deck's time (see ``page``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from officereport.text import clean

NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

Attributes = Sequence[tuple[str, str | int]]


def xmlns(*prefixes: str) -> tuple[tuple[str, str], ...]:
    """Namespace declarations for ``prefixes``, as attributes of a root element."""
    return tuple((f"xmlns:{prefix}", NAMESPACES[prefix]) for prefix in prefixes)


def qn(name: str) -> str:
    """``a:latin`` as lxml names it: ``{http://…/main}latin``."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


@lru_cache(maxsize=16384)
def _escaped(value: str, quote: bool) -> str:
    """The single escaping point: cleaned, then the XML specials escaped. A single space at either
    end is kept: it separates a run from the one beside it (« Allemagne » + « 12 M€ »)."""
    text = clean(value)
    if text:
        text = (" " if value[0] == " " else "") + text + (" " if value[-1] == " " else "")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _attributes(attrs: Attributes) -> str:
    # A loop rather than a join over a generator: this runs for every element of a deck.
    out = ""
    for key, value in attrs:
        out += f' {key}="{value}"' if type(value) is int else f' {key}="{_escaped(value, True)}"'
    return out


class XmlWriter:
    """XML text written element by element; ``getvalue`` gives it whole."""

    __slots__ = ("_append", "_out")

    def __init__(self) -> None:
        self._out: list[str] = []
        self._append = self._out.append

    def start(self, tag: str, attrs: Attributes = ()) -> None:
        self._append(f"<{tag}{_attributes(attrs)}>" if attrs else f"<{tag}>")

    def end(self, tag: str) -> None:
        self._append(f"</{tag}>")

    def empty(self, tag: str, attrs: Attributes = ()) -> None:
        self._append(f"<{tag}{_attributes(attrs)}/>" if attrs else f"<{tag}/>")

    def data(self, tag: str, text: str, attrs: Attributes = ()) -> None:
        """An element holding ``text``."""
        self._append(f"<{tag}{_attributes(attrs)}>{_escaped(text, False)}</{tag}>")

    def fragment(self, xml: str) -> None:
        """XML written earlier by another writer (a drawing kept for several slides)."""
        self._append(xml)

    def getvalue(self) -> str:
        return "".join(self._out)
