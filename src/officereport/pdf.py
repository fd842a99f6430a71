"""PDFs of the workbooks and decks, through LibreOffice headless.

    convert(files, out_dir=None, jobs=2, timeout_s=180, progress=silent, earlier=None) -> list[Path]

Starting LibreOffice costs about as much as converting a deck, so each worker is one ``soffice``
process converting a batch of files (``--convert-to pdf a.xlsx b.pptx ...``; a new start every
``FILES_PER_START`` files), with its own user profile: workers never share LibreOffice's profile
lock, and the profile sets the French locale so that numbers print as in Excel or PowerPoint in
France whatever the machine's locale. LibreOffice prints ``convert <file> -> ...`` as it reaches
each file; no line for ``timeout_s`` means the file in hand is stuck, and the worker's whole process
group is killed. PDFs are written in a private folder and renamed into place once complete: a
reader never opens a partial PDF. Workbooks print with the page setup they carry.

(unoserver, keeping LibreOffice loaded, needs LibreOffice's own Python ``uno`` module, not the
project's interpreter; Debian's LibreOffice 7.4 crashed under it on the first workbook.)

``earlier`` maps a source's SHA-256 to a PDF already made from that very content (the previous
build's manifest lists both): such a PDF is copied instead of converted again.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from officereport.digest import sha256_file
from officereport.progress import ProgressCallback, silent

INSTALL_HINT = (
    "LibreOffice est introuvable : les PDF ne sont pas écrits (les classeurs et présentations le sont). "
    "Pour les obtenir, installez LibreOffice : sous Debian ou Ubuntu, "
    "« apt-get install libreoffice-calc-nogui libreoffice-impress-nogui » ; sous Windows ou macOS, "
    "l'installateur du site https://www.libreoffice.org (la commande soffice doit alors être trouvée)."
)

# Where the installers put soffice when it is not on PATH.
KNOWN_LOCATIONS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
)

# LibreOffice's own registry entry for the locale; "fr-FR" gives "1 234,5" for "#,##0.0".
_FRENCH_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
"""

# Files converted per LibreOffice start. A start costs about 1 s of CPU, a deck 1 s, a workbook 1.5 to
# 2 s; but Calc slows down over a long run (24 workbooks in one start: 2.1 s of CPU each, 6 per start:
# 1.8 s), so a worker restarts LibreOffice now and then.
FILES_PER_START = 10

_POLL_S = 0.5  # how often a waiting worker looks whether another one failed


class PdfError(Exception):
    """A file could not be converted; the message is French and names the file."""

    def __init__(self, path: Path | None, message: str):
        super().__init__(message)
        self.path = path


class LibreOfficeMissing(PdfError):
    """No soffice on this machine: the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(None, INSTALL_HINT)


def libreoffice_available(which: Callable[[str], str | None] = shutil.which,
                          known: Sequence[str] = KNOWN_LOCATIONS) -> str | None:
    """The soffice program to run, or None (then ``INSTALL_HINT`` says how to install it)."""
    for name in ("soffice", "libreoffice"):
        found = which(name)
        if found:
            return found
    return next((path for path in known if Path(path).is_file()), None)


def pdf_targets(files: Sequence[Path], out_dir: Path | None = None) -> dict[Path, Path]:
    """Each source's PDF: same stem, beside it or in ``out_dir``. Two sources may not share one PDF."""
    targets = {source: (out_dir or source.parent) / f"{source.stem}.pdf" for source in files}
    sources_of: dict[Path, Path] = {}
    for source, target in targets.items():
        clash = sources_of.setdefault(target, source)
        if clash != source:
            raise ValueError(f"{clash} and {source} would both be converted to {target}")
    return targets


def _place(made: Path, target: Path, *, keep: bool = False) -> None:
    """Put a complete PDF at ``target`` in one rename, moving ``made`` there (copying it if ``keep``)."""
    part = target.with_name(f".{target.name}.part")
    try:
        shutil.copyfile(made, part) if keep else shutil.move(made, part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def _shares(files: Sequence[Path], jobs: int) -> list[list[Path]]:
    """Split the files among ``jobs`` workers, biggest first to the least loaded (sizes stand for time)."""
    shares: list[list[Path]] = [[] for _ in range(max(1, min(jobs, len(files))))]
    loads = [0] * len(shares)
    for source in sorted(files, key=lambda p: p.stat().st_size, reverse=True):
        least = loads.index(min(loads))
        shares[least].append(source)
        loads[least] += source.stat().st_size
    return [share for share in shares if share]


def _batches(share: list[Path]) -> list[list[Path]]:
    """One LibreOffice run writes into one folder: a batch never holds two files of one stem."""
    batches: list[list[Path]] = []
    for source in share:
        batch = next((b for b in batches if len(b) < FILES_PER_START and all(p.stem != source.stem for p in b)),
                     None)
        if batch is None:
            batches.append(batch := [])
        batch.append(source)
    return batches


def _start(soffice: str, batch: list[Path], profile: Path, scratch: Path) -> subprocess.Popen:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
               "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(scratch),
               *(str(p.resolve()) for p in batch)]
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32"
             else {"start_new_session": True})
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace", **group)


def _kill(process: subprocess.Popen) -> None:
    """Kill soffice and whatever it started (soffice.bin is a child of the soffice script)."""
    if process.poll() is None:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        else:
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()


class _Worker:
    """One soffice process at a time over one share of the files, in its own profile."""

    def __init__(self, soffice: str, home: Path, timeout_s: float, stop: threading.Event,
                 finished: Callable[[Path, Path], None]):
        self.soffice, self.home, self.timeout_s = soffice, home, timeout_s
        self.stop, self.finished = stop, finished
        self.profile = home / "profile"
        self.placed: set[Path] = set()
        (self.profile / "user").mkdir(parents=True)
        (self.profile / "user" / "registrymodifications.xcu").write_text(_FRENCH_PROFILE, encoding="utf-8")

    def run(self, share: list[Path]) -> None:
        for number, batch in enumerate(_batches(share)):
            if self.stop.is_set():
                return
            scratch = self.home / f"pdf-{number}"
            scratch.mkdir()
            self._convert(batch, scratch)

    def _convert(self, batch: list[Path], scratch: Path) -> None:
        process = _start(self.soffice, batch, self.profile, scratch)
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=lambda: [*map(lines.put, process.stdout), lines.put(None)], daemon=True).start()
        named = {str(p.resolve()): p for p in batch}
        said: list[str] = []
        current = None  # the file LibreOffice announced last: complete once it announces another
        deadline = time.monotonic() + self.timeout_s
        try:
            while True:
                if self.stop.is_set():
                    return
                if time.monotonic() > deadline:
                    raise self._timeout(batch, scratch)
                try:
                    line = lines.get(timeout=min(_POLL_S, max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    continue
                if line is None:
                    break
                said.append(line.strip())
                if line.startswith("convert "):
                    self._place_made(current, scratch)
                    current = named.get(line.removeprefix("convert ").split(" -> ")[0])
                    deadline = time.monotonic() + self.timeout_s
        finally:
            _kill(process)
        self._place_made(current, scratch)
        left = [source for source in batch if source not in self.placed]
        for source in left:  # the complete ones first, then the first file without a PDF is reported
            self._place_made(source, scratch)
        failed = next((source for source in left if source not in self.placed), None)
        if failed is not None:
            told = " ; ".join(line for line in said if line and not line.startswith(("convert ", "Warning")))[-300:]
            raise PdfError(failed, f"{failed} : LibreOffice n'a pas pu le convertir en PDF (code de sortie "
                                   f"{process.returncode})" + (f" : {told}" if told else "") + ".")

    def _place_made(self, source: Path | None, scratch: Path) -> None:
        """Hand over ``source``'s PDF if LibreOffice wrote one (an empty file is a failed one)."""
        made = scratch / f"{source.stem}.pdf" if source is not None else None
        if made is not None and source not in self.placed and made.is_file() and made.stat().st_size:
            self.placed.add(source)
            self.finished(source, made)

    def _timeout(self, batch: list[Path], scratch: Path) -> PdfError:
        stuck = next((p for p in batch if not (scratch / f"{p.stem}.pdf").is_file()
                      or (scratch / f".~lock.{p.stem}.pdf#").exists()), batch[-1])
        return PdfError(stuck, f"{stuck} : la conversion en PDF a dépassé {self.timeout_s:g} s ; LibreOffice a été "
                               "arrêté et aucun PDF n'est écrit pour ce fichier.")


def convert(files: Sequence[Path], out_dir: Path | None = None, *, jobs: int = 2, timeout_s: float = 180,
            progress: ProgressCallback = silent, earlier: Mapping[str, Path] | None = None,
            soffice: str | None = None) -> list[Path]:
    """Write a PDF for each of ``files`` (.xlsx, .pptx), beside it or in ``out_dir``; their paths, in order.

    Raises ``LibreOfficeMissing`` without LibreOffice, ``PdfError`` naming the first file that failed
    or took longer than ``timeout_s`` (its PDF is not written; PDFs already complete are kept).
    """
    targets = pdf_targets(files, out_dir)
    soffice = soffice or libreoffice_available()
    if soffice is None:
        raise LibreOfficeMissing()
    total, done, lock = len(targets), 0, threading.Lock()
    progress(0, total, "PDF écrits")

    def count() -> None:
        nonlocal done
        with lock:
            done += 1
            progress(done, total, "PDF écrits")

    def finished(source: Path, made: Path) -> None:
        _place(made, targets[source])
        count()

    todo = []
    for source, target in targets.items():
        kept = earlier.get(sha256_file(source)) if earlier else None
        if kept is None or not kept.is_file():
            todo.append(source)
            continue
        if kept.resolve() != target.resolve():
            _place(kept, target, keep=True)
        count()
    if todo:
        _run_workers(soffice, todo, jobs, timeout_s, finished)
    return list(targets.values())


def _run_workers(soffice: str, todo: list[Path], jobs: int, timeout_s: float,
                 finished: Callable[[Path, Path], None]) -> None:
    stop, errors = threading.Event(), []
    with tempfile.TemporaryDirectory(prefix="officereport-pdf-") as home:

        def work(number: int, share: list[Path]) -> None:
            try:
                _Worker(soffice, Path(home) / f"worker-{number}", timeout_s, stop, finished).run(share)
            except BaseException as error:  # handed to the caller's thread below
                errors.append(error)
                stop.set()

        threads = [threading.Thread(target=work, args=(n, share)) for n, share in enumerate(_shares(todo, jobs))]
        for thread in threads:
            thread.start()
        try:
            for thread in threads:
                thread.join()
        except BaseException:  # Ctrl-C: the workers kill their soffice within _POLL_S
            stop.set()
            for thread in threads:
                thread.join()
            raise
    if errors:
        raise errors[0]
