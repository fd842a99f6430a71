"""Render one year: every workbook and every deck, into a folder, in parallel; and publish it.

    render_year(data, year, target, settings=..., kinds=..., built_at=...) -> [OutputFile]
        = render_input(year_input(data, year, focus=...), target, ...)   (indicators, then outputs)
    build(data_path, out_root, settings=...) -> BuildReport     (load, render, publish in out_root/<year>)

The indicators are computed once, in the parent process; each output is then an independent task
run in a process pool whose workers die with it (``pool``). Workers receive the indicators once,
when they start (inherited for free where processes fork), and each task names only what to
write. A failed output is reported by name and fails the whole year: a build is published
complete or not at all. What is written where is planned in ``planning``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from officereport import __version__
from officereport.deck import DeckSubject, write_deck
from officereport.deck import forget as forget_deck_caches
from officereport.deck.template import DEFAULT_TEMPLATE, DeckTemplate
from officereport.dependency import check_focus
from officereport.excel import write_departement_workbook, write_national_workbook
from officereport.indicators import NationalIndicators, compute_national, previous_year_data
from officereport.input.buildinput import detail_years, narrowed
from officereport.input.releases import load_releases
from officereport.input.territories import read_territories
from officereport.model import DEFAULT_FOCUS, InputError, Problem, Provenance, SourceFile, TradeData
from officereport.oserrors import error_text
from officereport.planning import (
    ALL_KINDS,
    DECK_KINDS,
    DEPARTEMENT_WORKBOOK,
    NATIONAL_WORKBOOK,
    TERRITORY_DECK,
    WORKBOOK_KINDS,
    OutputFile,
    Task,
    plan,
    with_pdfs,
)
from officereport.pool import render_pool
from officereport.progress import ProgressCallback, silent
from officereport.publish.choice import loaded_releases
from officereport.publish.lock import run_lock
from officereport.publish.paths import OutputPaths
from officereport.publish.pdfs import PdfSettings
from officereport.publish.staging import Publication
from officereport.publish.year import run_year

__all__ = [
    "ALL_KINDS",
    "DECK_KINDS",
    "DEFAULT_TEMPLATE",
    "WORKBOOK_KINDS",
    "BuildError",
    "BuildSettings",
    "OutputFile",
    "YearInput",
    "build",
    "default_input",
    "latest_complete_year",
    "render",
    "render_input",
    "render_year",
    "with_pdfs",
    "year_input",
]

# Errors of the machine, not of the inputs: the same build may well succeed later.
_TRANSIENT = (OSError, MemoryError)
# The years of the sample a plain build writes into an empty data folder: annual 2022 and 2023 beside
# the latest 2024 publication, so that the outputs show the change since 2023 and a yearly series.
SAMPLE_YEARS = (2022, 2024)


@dataclass(frozen=True)
class BuildSettings:
    territories: Path | None = None  # None: one deck per département
    template: Path | None = None  # None: the packaged deck template
    jobs: int | None = None  # worker processes; None: one per core, 1: no pool
    pdf: bool = False  # a PDF beside every workbook and deck
    focus: str = DEFAULT_FOCUS  # the country the dependency figures single out


@dataclass(frozen=True)
class Failure:
    output: OutputFile
    error: str
    transient: bool  # the machine's fault (disk full, no memory): worth retrying with the same inputs


class BuildError(Exception):
    """Some outputs could not be written; nothing of the year is published."""

    def __init__(self, failures: list[Failure]):
        self.failures = failures
        self.transient = all(f.transient for f in failures)
        lines = "\n".join(f"  {f.output.path} : {f.error}" for f in failures)
        super().__init__(f"{len(failures)} sortie(s) en échec :\n{lines}")


@dataclass
class _Renderer:
    """What every task of a year reads, and the writing of one task."""

    nat: NationalIndicators
    prov: Provenance
    template: DeckTemplate | None
    territories_of_dep: dict[str, list[str]] = field(default_factory=dict)

    def __call__(self, task: Task, target: Path) -> tuple[str, bool] | None:
        """Write one output; return None, or the error that stopped it and whether it is transient."""
        path = target / task.output.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            kind = task.output.kind
            if kind == NATIONAL_WORKBOOK:
                write_national_workbook(self.nat, self.prov, path)
            elif kind == DEPARTEMENT_WORKBOOK:
                write_departement_workbook(self.nat.departements[task.output.scope], self.prov, path)
            else:
                deps = [self.nat.departements[code] for code in task.departements]
                if kind == TERRITORY_DECK:
                    subject = DeckSubject(task.output.scope, task.title, "Territoire d'industrie")
                else:
                    subject = DeckSubject.departement(deps[0].departement)
                write_deck(path, subject, deps, self.prov, template=self.template,
                           territories_of_dep=self.territories_of_dep)
        except Exception as err:  # reported per output; the year is then not published
            return error_text(err), isinstance(err, _TRANSIENT)
        return None


# A worker's renderer: set once per worker process by _init_worker, read by each task it runs.
_worker: _Renderer | None = None


def _init_worker(renderer: _Renderer) -> None:
    global _worker
    _worker = renderer
    # The indicators live as long as the worker: keep the garbage collector from walking them
    # again and again while renderers allocate their many small objects.
    gc.freeze()


def _render_in_worker(task: Task, target: Path) -> tuple[str, bool] | None:
    assert _worker is not None
    return _worker(task, target)


def _workers(jobs: int | None, tasks: int) -> int:
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, tasks))


def _year_problem(data: TradeData, rule: str, message: str) -> InputError:
    files = ", ".join(s.name for s in data.sources if s.kind == "data") or "données"
    return InputError([Problem(files, None, rule, message)])


@dataclass(frozen=True)
class YearInput:
    """What rendering a year needs of its data: the indicators, and the files and sample flag that
    the manifest, the method sheets and the decks name. The rows are let go once summed: render
    workers never map them."""

    year: int
    indicators: NationalIndicators
    sources: tuple[SourceFile, ...]
    is_sample: bool


def year_input(data: TradeData, year: int, *, focus: str = DEFAULT_FOCUS) -> YearInput:
    """The year's indicators computed from ``data``, which must hold ``year`` complete."""
    if year not in data.complete_years():
        quarters = data.quarters_by_year().get(year, [])
        raise _year_problem(data, "incomplete-year", f"l'année {year} n'est pas complète (trimestres présents : "
                                                     f"{', '.join(map(str, quarters)) or 'aucun'})")
    nat = compute_national(data, year, previous=previous_year_data(data, year), focus=focus)
    return YearInput(year, nat, tuple(data.sources), data.is_sample)


def render_input(
    prepared: YearInput, target: Path, *, built_at: datetime | None = None, **options: Any,
) -> list[OutputFile]:
    """Write every output of a year computed already under ``target``; ``options`` are ``render``'s."""
    prov = Provenance(
        year=prepared.year,
        sources=prepared.sources,
        is_sample=prepared.is_sample,
        tool_version=__version__,
        built_at=(built_at or datetime.now()).replace(microsecond=0),
    )
    return render(prepared.indicators, prov, target, **options)


def render_year(
    data: TradeData, year: int, target: Path, *, built_at: datetime | None = None, **options: Any,
) -> list[OutputFile]:
    """Compute the year's indicators, then write every output under ``target``; ``options`` are
    ``render``'s (settings, kinds, progress)."""
    focus = options.get("settings", BuildSettings()).focus
    return render_input(year_input(data, year, focus=focus), target, built_at=built_at, **options)


def render(
    nat: NationalIndicators,
    prov: Provenance,
    target: Path,
    *,
    settings: BuildSettings = BuildSettings(),
    kinds: frozenset[str] = ALL_KINDS,
    progress: ProgressCallback = silent,
    meanwhile: Callable[[], object] | None = None,
) -> list[OutputFile]:
    """Write every output of ``kinds`` from computed indicators under ``target``; return what was
    written. ``meanwhile`` is called once the outputs are handed to the workers (after them, without
    workers): the caller's next work then runs while they write."""
    territories = read_territories(settings.territories) if settings.territories else None
    tasks = plan(nat.year, kinds, territories, settings.territories)
    template = DeckTemplate.load(settings.template) if kinds & DECK_KINDS else None
    by_dep: dict[str, list[str]] = {}
    for t in territories or []:
        for code in t.departements:
            by_dep.setdefault(code, []).append(t.name)
    renderer = _Renderer(nat, prov, template, by_dep)

    failures: list[Failure] = []

    def record(done: int, task: Task, error: tuple[str, bool] | None) -> None:
        if error is not None:
            failures.append(Failure(task.output, *error))
        progress(done, len(tasks), f"{nat.year} : fichiers écrits")

    workers = _workers(settings.jobs, len(tasks))
    if workers == 1:
        for i, task in enumerate(tasks, 1):
            record(i, task, renderer(task, target))
        forget_deck_caches()  # the year's indicators are not kept alive by this process's deck caches
        if meanwhile is not None:
            meanwhile()
    else:
        with render_pool(workers, _init_worker, (renderer,)) as pool:
            results = pool.map(_render_in_worker, tasks, [target] * len(tasks), chunksize=4)
            if meanwhile is not None:
                meanwhile()
            for i, (task, error) in enumerate(zip(tasks, results), 1):
                record(i, task, error)
    if failures:
        raise BuildError(failures)
    return [task.output for task in tasks]


def latest_complete_year(data: TradeData) -> int:
    years = data.complete_years()
    if not years:
        present = ", ".join(f"{y} (T{', T'.join(map(str, q))})" for y, q in data.quarters_by_year().items())
        raise _year_problem(data, "no-complete-year", "aucune année complète (4 trimestres) dans les données ; "
                                                      f"présentes : {present or 'aucune'}")
    return years[-1]


@dataclass(frozen=True)
class BuildReport:
    year: int
    data: TradeData
    publication: Publication


def build(
    data_path: Path,
    out_root: Path = Path("out"),
    *,
    year: int | None = None,
    settings: BuildSettings = BuildSettings(),
    cache_dir: Path | None = None,
    wait: bool = False,
    progress: ProgressCallback = silent,
    clock: Callable[[], datetime] = datetime.now,
) -> BuildReport:
    """Load ``data_path`` (a release, or a data folder holding several: each year from the newest
    release holding it complete, so that year N-1 is there for the evolution), render the year
    (default: the latest complete one) and publish it in ``out_root/<year>`` through the safe
    publication, under the same lock as ``refresh``; with ``settings.pdf``, a PDF beside every
    output (``publish.pdfs``)."""
    asked = year
    # Rows of N and N-1 only (N: the year asked, or the latest complete one), the series years summed.
    loaded = load_releases(data_path, cache_dir=cache_dir, progress=progress,
                           detail_years=lambda complete: detail_years(asked or max(complete, default=0)))
    year = asked if asked is not None else latest_complete_year(loaded.data)
    check_focus(loaded.data, year, settings.focus)  # a focus the labels do not know: said before anything is written
    releases = loaded_releases(loaded, year)
    # Nothing after N (nor, read without a cache, the older years' rows) goes into the render workers.
    data = narrowed(loaded.data, year)
    del loaded
    paths = OutputPaths(out_root)

    def render_for(data: TradeData, year: int, staging: Path, kinds: frozenset[str], built_at: datetime,
                   meanwhile: Callable[[], object] | None = None):
        return render_year(data, year, staging, settings=settings, kinds=kinds, built_at=built_at, progress=progress,
                           meanwhile=meanwhile)

    with run_lock(paths.lock, wait=wait):
        kinds = with_pdfs(ALL_KINDS) if settings.pdf else ALL_KINDS
        publication = run_year(paths, year, data, render_for, kinds=kinds, all_kinds=kinds, clock=clock,
                               releases=releases,
                               pdf=PdfSettings(jobs=settings.jobs, progress=progress), focus=settings.focus)
    return BuildReport(year, data, publication)


def default_input(data_dir: Path, *, progress: ProgressCallback = silent) -> tuple[Path, bool]:
    """The input of a plain ``officereport build`` and whether it was just generated: ``data_dir``
    itself when it holds customs files, else sample data written there first (annual releases of
    past years beside the latest publication, so that the outputs show the evolution and a series)."""
    from officereport.input.sample import write_samples
    from officereport.input.sources import list_sources

    if list_sources(data_dir) or (data_dir.is_dir() and any(data_dir.glob("*.txt"))):
        return data_dir, False
    write_samples(data_dir, range(SAMPLE_YEARS[0], SAMPLE_YEARS[1] + 1), progress=progress)
    return data_dir, True
