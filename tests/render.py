"""Render Office files with LibreOffice headless, for tests that look at what a reader would see.

Each conversion runs with its own output folder and its own LibreOffice profile, so that tests
running at the same time never share a lock. Tests are skipped when LibreOffice or poppler is
not installed.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CONVERT_TIMEOUT_S = 180
# LibreOffice's locale setting, seeded in each fresh profile: French separators whatever the system has.
FRENCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
"""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def render_pdf(path: Path, workdir: Path) -> Path:
    """Convert ``path`` (.xlsx, .pptx, ...) to PDF inside ``workdir``, LibreOffice set to French; returns
    the PDF's path."""
    soffice = _tool("soffice")
    out = workdir / f"{path.stem}-pdf"
    out.mkdir(parents=True, exist_ok=True)
    profile = (workdir / f"{path.stem}-lo-profile").resolve()
    settings = profile / "user" / "registrymodifications.xcu"
    if not settings.exists():
        settings.parent.mkdir(parents=True)
        settings.write_text(FRENCH_PROFILE, encoding="utf-8")
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(path)],
        check=False, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S,
    )
    pdf = out / f"{path.stem}.pdf"
    if result.returncode != 0 or not pdf.exists():
        raise AssertionError(f"{path}: LibreOffice did not render it (exit {result.returncode}): {result.stderr.strip()}")
    return pdf


def page_count(pdf: Path) -> int:
    """Pages in a PDF, as pdfinfo reports them."""
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    if match is None:
        raise AssertionError(f"{pdf}: pdfinfo gave no page count")
    return int(match.group(1))


def pdf_to_pngs(pdf: Path, workdir: Path, dpi: int = 60) -> list[Path]:
    """One PNG per page of ``pdf``, in page order."""
    prefix = workdir / f"{pdf.stem}-page"
    subprocess.run([_tool("pdftoppm"), "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True, capture_output=True)
    return sorted(workdir.glob(f"{pdf.stem}-page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in page order (pdftotext separates pages by form feeds)."""
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[: page_count(pdf)]


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def overlapping_words(pdf: Path) -> list[tuple[int, str, str]]:
    """Words printed over one another: (page, word, word) for each pair whose boxes share more
    than half the height of the smaller and over a point of width. Lines set close together touch
    by their accents and descenders only, so that is not counted."""
    boxes = subprocess.run([_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    found = []
    for number, page in enumerate(boxes.split("<page ")[1:], 1):
        words = sorted(((float(t), float(lf), float(r), float(b), html.unescape(w))
                        for lf, t, r, b, w in _WORD.findall(page)))
        for i, (top, left, right, bottom, text) in enumerate(words):
            for top2, left2, right2, bottom2, text2 in words[i + 1:]:
                if top2 >= bottom:  # sorted by top: no later word reaches this one's line
                    break
                shared_width = min(right, right2) - max(left, left2)
                shared_height = min(bottom, bottom2) - max(top, top2)
                if shared_width > 1 and shared_height > 0.5 * min(bottom - top, bottom2 - top2):
                    found.append((number, text, text2))
    return found
