"""Text sized from its length so that it never overflows its box, and written as DrawingML runs.

No font metrics are available at build time, so widths are estimated from an average character
width (a little generous for Arial/Liberation Sans, which the template uses); lines are wrapped
greedily on spaces the way PowerPoint and LibreOffice wrap them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from pptx.util import Pt

CHAR_EM = 0.53  # average advance of French text, in em
BOLD_CHAR_EM = 0.58
LINE_EM = 1.2  # line height
INSET_EMU = 91440 * 2  # default left + right insets of a text body
VINSET_EMU = 45720 * 2  # default top + bottom insets
MIN_PT = 6.0  # the smallest size text is fitted to


def wrapped_lines(text: str, chars_per_line: float) -> int:
    """Lines a paragraph takes when wrapped greedily at ``chars_per_line`` characters."""
    lines, width = 1, 0
    for word in text.split(" "):
        if width and width + 1 + len(word) > chars_per_line:
            lines, width = lines + 1, len(word)
            # A word longer than the line wraps by characters.
            lines += int(max(0, len(word) - 1) // max(chars_per_line, 1))
        else:
            width += len(word) + (1 if width else 0)
    return lines


def text_height_pt(paragraphs: Sequence[str], width_emu: int, size_pt: float, *, bold: bool = False,
                   indent_emu: int = 0, space_before_pt: float = 0.0) -> float:
    """Height in points that ``paragraphs`` take at ``size_pt`` in a box ``width_emu`` wide."""
    char_pt = size_pt * (BOLD_CHAR_EM if bold else CHAR_EM)
    chars_per_line = max(1.0, (width_emu - indent_emu) / Pt(1) / char_pt)
    lines = sum(wrapped_lines(p, chars_per_line) for p in paragraphs)
    return lines * size_pt * LINE_EM + space_before_pt * max(0, len(paragraphs) - 1)


def longest_word_pt(paragraphs: Sequence[str], size_pt: float, *, bold: bool = False) -> float:
    """Width of the longest word: a label whose word would be broken in the middle does not fit."""
    longest = max((len(word) for p in paragraphs for word in p.split()), default=0)
    return longest * size_pt * (BOLD_CHAR_EM if bold else CHAR_EM)


def fit_size(paragraphs: Sequence[str], width_emu: int, height_emu: int, max_pt: float, *, min_pt: float = MIN_PT,
             bold: bool = False, indent_emu: int = 0, space_before_pt: float = 0.0,
             insets: bool = True) -> float | None:
    """The largest size (by half points, at most ``max_pt``) at which the text fits without breaking a
    word; None if even ``min_pt`` overflows."""
    return _fit_size(tuple(paragraphs), width_emu, height_emu, max_pt, min_pt, bold, indent_emu, space_before_pt,
                     insets)


# The same texts (source line, reading keys, a département's titles) are fitted in deck after deck.
@lru_cache(maxsize=4096)
def _fit_size(paragraphs: tuple[str, ...], width_emu: int, height_emu: int, max_pt: float, min_pt: float,
              bold: bool, indent_emu: int, space_before_pt: float, insets: bool) -> float | None:
    width = width_emu - (INSET_EMU if insets else 0)
    height_pt = (height_emu - (VINSET_EMU if insets else 0)) / Pt(1)
    size = max_pt
    while size >= min_pt:
        fits_width = longest_word_pt(paragraphs, size, bold=bold) <= (width - indent_emu) / Pt(1)
        if fits_width and text_height_pt(paragraphs, width, size, bold=bold, indent_emu=indent_emu,
                                         space_before_pt=space_before_pt) <= height_pt:
            return size
        size -= 0.5
    return None


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut at a word boundary to at most ``max_chars`` characters, with an ellipsis when cut."""
    if len(text) <= max_chars:
        return text
    cut = text[: max(1, max_chars - 1)].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return f"{cut}…"
