"""What a file is, from its first bytes: a data file, a blank one, a data file saved wrongly, or neither.

Data files are recognised by their content (most first lines have ten ``;``-separated fields),
whatever their name. A file that is data saved the wrong way (commas or tabs for ``;``, UTF-16,
a ``;`` closing every line) would otherwise just not be recognised, and the run would end on a
misleading « aucune ligne de flux E »: it is named, with its first faulty line and the fix.
"""

from __future__ import annotations

import re

from officereport.model import Problem

DATA_FIELDS = 10
HEAD_BYTES = 64 * 1024
_HEAD_LINES = 20
_BLANK = re.compile(rb"(\xef\xbb\xbf)?\s*")
_OTHER_SEPARATORS = {",": "virgule", "\t": "tabulation", "|": "barre verticale"}


def is_blank(data: bytes) -> bool:
    # A regex stops at the first visible byte and copies nothing, however large the data.
    return _BLANK.fullmatch(data) is not None


def _lines(text: str, complete: bool) -> list[tuple[int, str]]:
    """(line number, line) of the first non-blank lines; a line cut by the end of the head is left out."""
    lines = text.lstrip("\ufeff").splitlines()
    if not complete:
        lines = lines[:-1]
    return [(n, line) for n, line in enumerate(lines, start=1) if line.strip()][:_HEAD_LINES]


def _mostly(lines: list[tuple[int, str]], test) -> bool:
    return bool(lines) and 2 * sum(bool(test(line)) for _, line in lines) > len(lines)


def _ten_fields(line: str, separator: str = ";") -> bool:
    return line.count(separator) == DATA_FIELDS - 1


def looks_like_data(head: bytes, complete: bool) -> bool:
    """Most of the first non-blank lines have ten ``;``-separated fields.

    ``complete`` says whether ``head`` is the whole file (else its last line may be cut).
    """
    return _mostly(_lines(head.decode("utf-8", "replace"), complete), _ten_fields)


def misfiled_data(name: str, head: bytes, complete: bool) -> Problem | None:
    """A problem naming how a file that is not read as data is in fact data saved wrongly."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:200].count(b"\0") > 50:
        text = head.decode("utf-16", "replace")
        if any(_mostly(_lines(text, complete), lambda x, s=s: _ten_fields(x, s)) for s in (";", *_OTHER_SEPARATORS)):
            message = "fichier en UTF-16 : les fichiers de données DGDDI sont en UTF-8 (l'enregistrer en UTF-8)"
            return Problem(name, 1, "encoding", message)
        return None
    lines = _lines(head.decode("utf-8", "replace"), complete)
    for separator, what in _OTHER_SEPARATORS.items():
        if _mostly(lines, lambda x, s=separator: _ten_fields(x, s)):
            first = next(n for n, x in lines if _ten_fields(x, separator))
            message = f"séparateur {what} au lieu de ';' : les 10 champs d'une ligne de données sont séparés par ';'"
            return Problem(name, first, "separator", message)
    trailing = re.compile(r"^([^;]*;){10}\s*$")
    if _mostly(lines, trailing.match):
        first = next(n for n, x in lines if trailing.match(x))
        message = "';' en fin de ligne : 11 champs dont un dernier vide, 10 attendus (retirer le ';' final)"
        return Problem(name, first, "trailing-field", message)
    return None
