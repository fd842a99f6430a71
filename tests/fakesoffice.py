"""A stand-in for LibreOffice's soffice: fast, and able to fail on demand (used by the PDF tests)."""

from __future__ import annotations

import sys
from pathlib import Path

# Stands in for soffice: logs its call, then for each file as LibreOffice does, by the file's name:
# "abime…" cannot be read (no PDF, the next file goes on), "lent…" hangs after a partial PDF, others
# get a PDF naming their source.
FAKE = """#!{python}
import os, sys, time
from pathlib import Path
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
profile = next(a for a in args if a.startswith("-env:UserInstallation=")).split("=", 1)[1]
sources = [Path(a) for a in args[args.index("--outdir") + 2:]]
xcu = Path(profile.removeprefix("file://")) / "user" / "registrymodifications.xcu"
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(f"{{os.getpid()}}|{{profile}}|{{'fr-FR' in xcu.read_text()}}|{{','.join(s.name for s in sources)}}\\n")
code = 0
for source in sources:
    if source.name.startswith("abime"):
        print("Error: source file could not be loaded", flush=True)
        code = 1
        continue
    print(f"convert {{source}} -> {{outdir / (source.stem + '.pdf')}} using filter : pdf", flush=True)
    outdir.mkdir(exist_ok=True)
    if source.name.startswith("lent"):
        (outdir / (source.stem + ".pdf")).write_text("%PDF-1.7 partial")
        time.sleep(60)
    (outdir / (source.stem + ".pdf")).write_text(f"%PDF-1.7 from {{source}}")
sys.exit(code)
"""


class FakeSoffice:
    def __init__(self, folder: Path):
        self.program = folder / "bin" / "soffice"
        self.program.parent.mkdir()
        self.program.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
        self.program.chmod(0o755)
        self.log = folder / "calls.log"

    def __str__(self) -> str:
        return str(self.program)

    def calls(self) -> list[list[str]]:
        """Each run: pid, profile, whether the profile is French, the file names."""
        return [line.split("|") for line in self.log.read_text().splitlines()] if self.log.exists() else []
