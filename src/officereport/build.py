"""Render one year: every workbook and every deck, into a folder, in parallel.

    render_year(data, year, target, settings=...) -> [OutputFile]   (the outputs it wrote)
    build(data_path, out_dir, settings=...) -> BuildReport            (load, render, publish)

The indicators are computed once, in the parent process; each output is then an independent task
run in a process pool. Workers receive the indicators once, when they start (inherited for free
where processes fork), and each task names only what to write. A failed output is reported by
name and fails the whole year: a build is published complete or not at all.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from officereport import __version__
from officereport.deck import DeckSubject, write_deck
from officereport.deck.template import DEFAULT_TEMPLATE, DeckTemplate
from officereport.excel import write_departement_workbook, write_national_workbook
from officereport.indicators import NationalIndicators, compute_national
from officereport.input import geography
from officereport.input.loader import load
from officereport.input.territories import Territory, read_territories
from officereport.model import InputError, Problem, Provenance, TradeData
from officereport.progress import ProgressCallback, silent
from officereport.publish.lock import run_lock
from officereport.publish.staging import Publication, manifest_fields, publish, work_dir

DEPARTEMENT_WORKBOOK = "departement-workbook"
NATIONAL_WORKBOOK = "national-workbook"
TERRITORY_DECK = "territory-deck"
DEPARTEMENT_DECK = "departement-deck"
WORKBOOK_KINDS = frozenset({DEPARTEMENT_WORKBOOK, NATIONAL_WORKBOOK})
DECK_KINDS = frozenset({TERRITORY_DECK, DEPARTEMENT_DECK})
ALL_KINDS = WORKBOOK_KINDS | DECK_KINDS

__all__ = [
    "DEFAULT_TEMPLATE",
    "BuildError",
    "BuildSettings",
    "OutputFile",
    "build",
    "default_input",
    "latest_complete_year",
    "render",
    "render_year",
]


@dataclass(frozen=True)
class BuildSettings:
    territories: Path | None = None  # None: one deck per département
    template: Path | None = None  # None: templates/deck-template.pptx
    jobs: int | None = None  # worker processes; None: one per core, 1: no pool


@dataclass(frozen=True)
class OutputFile:
    kind: str
    scope: str  # DGDDI département code, territory id, or "FR"
    path: str  # relative to the build folder, POSIX separators


class BuildError(Exception):
    """Some outputs could not be written; nothing of the year is published."""

    def __init__(self, failures: list[tuple[OutputFile, str]]):
        self.failures = failures
        lines = "\n".join(f"  {out.path} : {error}" for out, error in failures)
        super().__init__(f"{len(failures)} sortie(s) en échec :\n{lines}")


def slug(text: str) -> str:
    """``Côte-d'Or`` -> ``cote-d-or``: file names that travel well between systems."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class _Task:
    output: OutputFile
    departements: tuple[str, ...] = ()
    title: str = ""


def plan(year: int, kinds: frozenset[str], territories: list[Territory] | None) -> list[_Task]:
    """Every output of the year, national workbook first (it is the longest to write)."""
    tasks: list[_Task] = []
    if NATIONAL_WORKBOOK in kinds:
        tasks.append(_Task(OutputFile(NATIONAL_WORKBOOK, geography.FRANCE_CODE, f"national-{year}.xlsx")))
    for code, dep in geography.DEPARTEMENTS.items():
        name = f"departements/{code}-{slug(dep.name)}-{year}"
        if DEPARTEMENT_WORKBOOK in kinds:
            tasks.append(_Task(OutputFile(DEPARTEMENT_WORKBOOK, code, f"{name}.xlsx"), (code,)))
        if DEPARTEMENT_DECK in kinds and territories is None:
            tasks.append(_Task(OutputFile(DEPARTEMENT_DECK, code, f"{name}.pptx"), (code,)))
    if TERRITORY_DECK in kinds and territories is not None:
        for t in territories:
            path = f"territoires/{t.id}-{slug(t.name)}-{year}.pptx"
            tasks.append(_Task(OutputFile(TERRITORY_DECK, t.id, path), t.departements, t.name))
    return tasks


@dataclass
class _Shared:
    """What every task of a year reads; handed to each worker once."""

    nat: NationalIndicators
    prov: Provenance
    template: DeckTemplate | None
    territories_of_dep: dict[str, list[str]] = field(default_factory=dict)


_shared: _Shared | None = None  # set in each worker by _init_worker (and in-process when serial)


def _init_worker(shared: _Shared) -> None:
    global _shared
    _shared = shared
    # The indicators live as long as the worker: keep the garbage collector from walking them
    # again and again while renderers allocate their many small objects.
    gc.freeze()


def _render(task: _Task, target: Path) -> str | None:
    """Write one output; return None, or the error that stopped it."""
    assert _shared is not None
    path = target / task.output.path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = task.output.kind
        if kind == NATIONAL_WORKBOOK:
            write_national_workbook(_shared.nat, _shared.prov, path)
        elif kind == DEPARTEMENT_WORKBOOK:
            write_departement_workbook(_shared.nat.departements[task.output.scope], _shared.prov, path)
        else:
            deps = [_shared.nat.departements[code] for code in task.departements]
            if kind == TERRITORY_DECK:
                subject = DeckSubject(task.output.scope, task.title, "Territoire d'industrie")
            else:
                subject = DeckSubject.departement(deps[0].departement)
            write_deck(path, subject, deps, _shared.prov, template=_shared.template,
                       territories_of_dep=_shared.territories_of_dep)
    except Exception as err:  # reported per output; the year is then not published
        return f"{type(err).__name__}: {err}"
    return None


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork hands the indicators to workers without pickling them; elsewhere spawn pickles them once per worker.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _workers(jobs: int | None, tasks: int) -> int:
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, tasks))


def render_year(
    data: TradeData,
    year: int,
    target: Path,
    *,
    settings: BuildSettings = BuildSettings(),
    kinds: frozenset[str] = ALL_KINDS,
    built_at: datetime | None = None,
    progress: ProgressCallback = silent,
) -> list[OutputFile]:
    """Compute the year's indicators, then write every output of ``kinds`` under ``target``."""
    if year not in data.complete_years():
        quarters = data.quarters_by_year().get(year, [])
        files = ", ".join(s.name for s in data.sources if s.kind == "data") or "données"
        raise InputError([Problem(files, None, "incomplete-year",
                                  f"l'année {year} n'est pas complète (trimestres présents : "
                                  f"{', '.join(map(str, quarters)) or 'aucun'})")])
    prov = Provenance(
        year=year,
        sources=tuple(data.sources),
        is_sample=data.is_sample,
        tool_version=__version__,
        built_at=(built_at or datetime.now()).replace(microsecond=0),
    )
    return render(compute_national(data, year), prov, target, settings=settings, kinds=kinds, progress=progress)


def render(
    nat: NationalIndicators,
    prov: Provenance,
    target: Path,
    *,
    settings: BuildSettings = BuildSettings(),
    kinds: frozenset[str] = ALL_KINDS,
    progress: ProgressCallback = silent,
) -> list[OutputFile]:
    """Write every output of ``kinds`` from computed indicators under ``target``; return what was written."""
    global _shared
    territories = read_territories(settings.territories) if settings.territories else None
    tasks = plan(nat.year, kinds, territories)
    template = DeckTemplate.load(settings.template) if kinds & DECK_KINDS else None
    by_dep: dict[str, list[str]] = {}
    for t in territories or []:
        for code in t.departements:
            by_dep.setdefault(code, []).append(t.name)
    shared = _Shared(nat, prov, template, by_dep)

    failures: list[tuple[OutputFile, str]] = []

    def record(done: int, task: _Task, error: str | None) -> None:
        if error is not None:
            failures.append((task.output, error))
        progress(done, len(tasks), f"{nat.year} : fichiers écrits")

    workers = _workers(settings.jobs, len(tasks))
    if workers == 1:
        _shared = shared
        try:
            for i, task in enumerate(tasks, 1):
                record(i, task, _render(task, target))
        finally:
            _shared = None
    else:
        with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_init_worker,
                                 initargs=(shared,)) as pool:
            results = pool.map(_render, tasks, [target] * len(tasks), chunksize=4)
            for i, (task, error) in enumerate(zip(tasks, results), 1):
                record(i, task, error)
    if failures:
        raise BuildError(failures)
    return [task.output for task in tasks]


def latest_complete_year(data: TradeData) -> int:
    years = data.complete_years()
    if not years:
        present = ", ".join(f"{y} (T{', T'.join(map(str, q))})" for y, q in data.quarters_by_year().items())
        files = ", ".join(s.name for s in data.sources if s.kind == "data") or "données"
        raise InputError([Problem(files, None, "no-complete-year",
                                  f"aucune année complète (4 trimestres) dans les données ; présentes : {present or 'aucune'}")])
    return years[-1]


@dataclass(frozen=True)
class BuildReport:
    year: int
    data: TradeData
    publication: Publication


def build(
    data_path: Path,
    out_dir: Path | None = None,
    *,
    year: int | None = None,
    settings: BuildSettings = BuildSettings(),
    cache_dir: Path | None = None,
    wait: bool = False,
    progress: ProgressCallback = silent,
    clock: Callable[[], datetime] = datetime.now,
) -> BuildReport:
    """Load ``data_path``, render the year (default: the latest complete one) and publish it.

    ``out_dir`` is the build folder (default ``out/<year>``); it receives every output and its
    ``manifest.json`` through the safe publication, under the same lock as ``refresh``.
    """
    data = load(data_path, cache_dir=cache_dir, progress=progress)
    year = year if year is not None else latest_complete_year(data)
    dest = Path(out_dir) if out_dir is not None else Path("out") / str(year)
    built_at = clock()
    with run_lock(work_dir(dest.parent) / "refresh.lock", wait=wait):
        publication = publish(
            dest,
            lambda staging: render_year(data, year, staging, settings=settings, built_at=built_at, progress=progress),
            manifest_extra=manifest_fields(data, year),
            clock=lambda: built_at,
        )
    return BuildReport(year, data, publication)


def default_input(data_dir: Path, *, progress: ProgressCallback = silent) -> tuple[Path, bool]:
    """The input of a plain ``officereport build`` and whether it was just generated: the newest
    zip or folder landed in ``data_dir``, or, when it holds no customs file, sample data written there."""
    from officereport.input.sample import write_sample
    from officereport.input.sources import list_sources

    landed = list_sources(data_dir)
    if landed:
        return max(landed, key=lambda p: p.stat().st_mtime_ns), False
    if data_dir.is_dir() and any(data_dir.glob("*.txt")):
        return data_dir, False
    return write_sample(data_dir, progress=progress), True
