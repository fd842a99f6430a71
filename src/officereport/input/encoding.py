"""Text of the small reference files (labels, territory lists), whatever encoding they came in.

DGDDI ships UTF-8 (with or without a BOM) and Windows-1252 label files; spreadsheets save
UTF-16. A file is read in the one encoding that fits it whole. A UTF-8 file holding a few bytes
that are not UTF-8 (a line pasted from another file) is not decoded whole as Windows-1252, which
would garble every accent of the other lines: only the faulty lines are, each with a warning
naming it.
"""

from __future__ import annotations


def _windows_1252(line: bytes) -> str:
    try:
        return line.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so the line still reads.
        return line.decode("latin-1")


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(name: str, data: bytes) -> tuple[str, list[str]]:
    """The text of a file, and a warning per line read in another encoding than the file's."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    utf8_lines = [line.isascii() or _is_utf8(line) for line in lines]
    if not any(ok and not line.isascii() for ok, line in zip(utf8_lines, lines)):
        return _windows_1252(data), []  # no accent written in UTF-8 anywhere: a Windows-1252 file
    warnings = [
        f"{name}:{n} : octets invalides en UTF-8, ligne lue en Windows-1252 (à vérifier)"
        for n, ok in enumerate(utf8_lines, start=1)
        if not ok
    ]
    text = "\n".join(line.decode("utf-8") if ok else _windows_1252(line) for ok, line in zip(utf8_lines, lines))
    return text, warnings
