"""One refresh: detect what changed, validate it, build what it affects, publish safely.

    refresh(settings, toolchain=None, *, clock=datetime.now) -> RefreshReport

This is what ``officereport refresh`` runs once and ``officereport watch`` runs on a schedule.
Under the run lock (``<out>/.officereport/refresh.lock``) it:

1. completes (or undoes) any publication a killed run left half-swapped; a year whose journal
   cannot be used is reported and left alone;
2. takes the territory list and template given, or those last published with (``settings``);
3. polls ``source_url`` when one is set (see ``sources.poll_url``);
4. fingerprints every source of the data folder against the state file: size and mtime equal to
   the recorded ones mean "unchanged" without reading the file; a new content is loaded once and
   the state records its complete years, or the loader's problems -- a rejected content is not
   loaded again until it changes;
5. picks each year's release and the releases each year N uses, N-1 and series years (``choice``),
   read back from the parsed-input cache as ``build`` reads them (``buildinput.load_for_year``); what
   built the published year (those releases, tool version, territory list, kinds, template, focus)
   against what would build it now, the log saying what differs: any difference but the template
   rebuilds the whole year, a different template only its decks (workbooks and PDFs carried over);
   ``pdf`` turned on or off rebuilds the year (PDFs made by the first run finding LibreOffice);
6. renders and publishes each year to rebuild (``year.run_year``) and records it in the state. A
   build that failed on given inputs and settings is not tried again until one of them changes,
   unless it failed for the machine's sake (disk full, memory), which may pass. While a year's
   outputs are written by the render workers, the next year's input is read and its indicators
   computed (``lookahead``).

A run with nothing new reads no data file, writes nothing and says so. Whatever fails, the
published outputs stay as they were; the report says what happened, for a log or an exit code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from officereport import __version__, pdf
from officereport.input.sources import list_sources, poll_url
from officereport.model import InputError
from officereport.oserrors import error_text, os_error_text
from officereport.planning import with_pdfs
from officereport.publish.checks import verify_build
from officereport.publish.choice import UsedRelease, chosen_releases, releases_of
from officereport.publish.errors import PublishError, is_transient
from officereport.publish.lock import run_lock
from officereport.publish.lookahead import Lookahead
from officereport.publish.paths import MANIFEST_NAME, OutputPaths
from officereport.publish.pdfs import PdfSettings, published_kinds, waiting_for_libreoffice
from officereport.publish.settings import REMEMBERED, RefreshSettings, changes, missing_files, resolve, wanted_record
from officereport.publish.staging import Publication
from officereport.publish.state import (
    BuildRecord,
    FailedBuild,
    Fingerprint,
    SourceRecord,
    fingerprint,
    load_state,
    save_state,
)
from officereport.publish.swap import recover
from officereport.publish.year import Render, run_year

__all__ = ["REMEMBERED", "RefreshReport", "RefreshSettings", "Toolchain", "real_toolchain", "refresh"]

log = logging.getLogger("officereport.publish.refresh")


@dataclass(frozen=True)
class Toolchain:
    """The loader and renderer a refresh drives; tests give small fakes."""

    load: Callable[[Path], Any]  # -> TradeData, raising InputError on invalid input
    assemble: Callable[[Path, dict[int, str]], Any]  # (data folder, year -> release name) -> data to render
    render: Render  # (data, year, staging, kinds, built_at, meanwhile) -> outputs written
    all_kinds: frozenset[str]  # without PDFs: the pdf setting adds theirs
    deck_kinds: frozenset[str]
    template: Path | None  # the deck template actually used, hashed to notice a restyling
    loading: Callable[[], AbstractContextManager] = nullcontext  # what a scan's loads run in


def real_toolchain(settings: RefreshSettings) -> Toolchain:
    """The real loader and renderer (imported here: they bring pandas, which tests do without)."""
    from officereport import build
    from officereport.input import buildinput, loader, writebehind

    cache_dir = OutputPaths(settings.out_dir).cache
    build_settings = build.BuildSettings(
        territories=settings.territories, template=settings.template, jobs=settings.jobs, focus=settings.focus
    )

    def assemble(folder: Path, choice: dict[int, str]) -> Any:
        # The indicators summed here, the rows let go: the render workers fork without them.
        data = buildinput.load_for_year(folder, choice, cache_dir=cache_dir)
        return build.year_input(data, max(choice), focus=settings.focus)

    def render(prepared: Any, year: int, staging: Path, kinds: frozenset[str], built_at: datetime,
               meanwhile: Callable[[], object] | None) -> list:
        return build.render_input(prepared, staging, settings=build_settings, kinds=kinds, built_at=built_at,
                                  meanwhile=meanwhile)

    return Toolchain(
        load=lambda path: loader.load(path, cache_dir=cache_dir),
        assemble=assemble,
        render=render,
        all_kinds=build.ALL_KINDS,
        deck_kinds=build.DECK_KINDS,
        template=settings.template or build.DEFAULT_TEMPLATE,
        loading=writebehind.writing_behind,  # a release parsed while the one before is written into the cache
    )


@dataclass(frozen=True)
class _Planned:
    """A year to rebuild: the releases it uses, what will have built it, the kinds to render and why."""

    year: int
    used: list[UsedRelease]
    wanted: BuildRecord
    kinds: frozenset[str]
    why: str


@dataclass
class RefreshReport:
    published: list[tuple[int, frozenset[str], Publication]] = field(default_factory=list)
    rejected: list[tuple[str, list[str]]] = field(default_factory=list)  # newly rejected sources
    still_rejected: list[str] = field(default_factory=list)  # rejected before, unchanged since
    still_failed: list[int] = field(default_factory=list)  # years whose build failed before, nothing changed
    failures: list[str] = field(default_factory=list)  # builds, downloads or recoveries that failed

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.failures

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def _problems(err: Exception) -> list[str]:
    if isinstance(err, InputError):
        return [str(problem) for problem in err.problems]
    return [error_text(err)]


class _Run:
    """The state of one refresh while it runs."""

    def __init__(self, settings: RefreshSettings, toolchain: Toolchain | None, clock: Callable[[], datetime]):
        self.paths = OutputPaths(settings.out_dir)
        self.clock = clock
        self.report = RefreshReport()
        self.state, problem = load_state(self.paths.state)
        if problem:
            log.error(problem)
            self.report.failures.append(problem)
        self.saved = self.state.to_json()
        self.settings, notes = resolve(settings, self.state)
        for note in notes:
            log.info(note)
        self.toolchain = toolchain or real_toolchain(self.settings)
        asked = with_pdfs if self.settings.pdf else frozenset
        self.all_kinds, self.deck_kinds = asked(self.toolchain.all_kinds), asked(self.toolchain.deck_kinds)
        self.loaded: dict[str, Any] = {}  # sha256 -> data the poll loaded, until the scan takes it
        self.blocked: set[str] = set()  # year folders whose interrupted publication could not be resolved

    def save(self) -> None:
        content = self.state.to_json()
        if content != self.saved:
            save_state(self.paths.state, self.state)
            self.saved = content

    def recover(self) -> None:
        for year, _ in self.paths.journals():
            try:
                message = recover(self.paths, year, keep=self.settings.keep, clock=self.clock)
            except PublishError as err:
                self.blocked.add(year)
                self.report.failures.append(str(err))
                log.error("%s", err)
                continue
            if message:
                log.warning("%s", message)

    def poll(self, url: str) -> None:
        check = poll_url(url, self.settings.data_dir, remembered=self.state.remote,
                         validate=self.toolchain.load, clock=self.clock)
        self.state.remote = check.remember
        if check.status == "new":
            log.info(check.message)
            self.loaded[check.remember["sha256"]] = check.loaded
        elif check.status == "unchanged":
            log.info(check.message)
        elif check.status == "rejected":
            log.error(check.message)
            self.report.rejected.append((url, [check.message]))
        else:
            log.error(check.message)
            self.report.failures.append(check.message)

    def scan(self) -> dict[str, SourceRecord]:
        now = self.clock().timestamp()
        records: dict[str, SourceRecord] = {}
        for path in list_sources(self.settings.data_dir):  # dangling links, pipes and devices left out, said
            known = self.state.sources.get(path.name)
            current = fingerprint(path, known.fingerprint if known else None)
            if known is not None and known.fingerprint.sha256 == current.sha256:
                records[path.name] = SourceRecord(current, known.years, known.problems)
                if known.rejected:
                    self.report.still_rejected.append(path.name)
                    log.warning("%s : toujours refusé, ignoré tant qu'il n'est pas modifié", path.name)
                continue
            if now - current.mtime_ns / 1e9 < self.settings.settle_s:
                log.info("%s : modifié à l'instant (copie en cours ?), pris en compte au prochain passage",
                         path.name)
                continue
            records[path.name] = self._load(path, current)
        return records

    def _load(self, path: Path, current: Fingerprint) -> SourceRecord:
        try:
            # Parsed once (into the cache): the builds read back the years they use, not every row of it.
            data = self.loaded.pop(current.sha256, None) or self.toolchain.load(path)
        except Exception as err:  # invalid input, or a zip too damaged for the loader to say more
            problems = _problems(err)
            self.report.rejected.append((path.name, problems))
            log.error("%s : fichier refusé ; les sorties publiées restent en place, il sera réessayé une "
                      "fois modifié.\n%s", path.name, "\n".join(f"  {p}" for p in problems))
            return SourceRecord(current, [], problems)
        years = list(data.complete_years())
        log.info("%s : nouvelles données, année(s) complète(s) : %s", path.name,
                 ", ".join(map(str, years)) or "aucune")
        return SourceRecord(current, years, [])

    def _kinds_to_rebuild(self, year: int, wanted: BuildRecord) -> tuple[frozenset[str], str]:
        built, folder = self.state.built.get(year), self.paths.year(year)
        if built is None or not (folder / MANIFEST_NAME).is_file():
            return self.all_kinds, "première publication" if built is None else "manifeste absent"
        reasons = changes(built, wanted)
        if waiting_for_libreoffice(reasons):
            log.warning("%s : %s", year, pdf.INSTALL_HINT)
            return frozenset(), ""
        if reasons == ["modèle de présentation modifié"] and not verify_build(folder):
            return self.deck_kinds, reasons[0] + " : présentations seulement"
        return (self.all_kinds if reasons else frozenset()), ", ".join(reasons)

    def planned(self, year: int, used: list[UsedRelease]) -> _Planned | None:
        """The build ``year`` needs, or None when its published build is current or failed with these same inputs."""
        wanted = wanted_record(used, __version__, self.settings.territories, self.all_kinds, self.toolchain.template,
                               self.settings.focus)
        kinds, why = self._kinds_to_rebuild(year, wanted)
        if not kinds:
            return None
        failed = self.state.failed.get(year)
        if failed is not None and failed.record == wanted:
            self.report.still_failed.append(year)
            log.warning("%s : la construction a échoué avec ces mêmes données et réglages ; pas de nouvel essai "
                        "tant que ni les données ni les réglages ne changent (erreur : %s)", year, failed.error)
            return None
        return _Planned(year, used, wanted, kinds, why)

    def build(self, plan: _Planned, inputs: Lookahead, following: _Planned | None) -> None:
        year, used, wanted, kinds = plan.year, plan.used, plan.wanted, plan.kinds
        log.info("%s : reconstruction (%s) à partir de %s", year, plan.why,
                 ", ".join(f"{r.name} ({r.year})" for r in used))
        try:
            data = inputs.take(used)
            publication = run_year(self.paths, year, data, self.toolchain.render, kinds=kinds,
                                   all_kinds=self.all_kinds, keep=self.settings.keep, source=used[0].name,
                                   releases=used, clock=self.clock, pdf=PdfSettings(jobs=self.settings.jobs),
                                   focus=self.settings.focus,
                                   meanwhile=partial(inputs.prepare, following.used) if following else None)
        except (PublishError, InputError, OSError) as err:
            text = os_error_text(err) if isinstance(err, OSError) else str(err)
            message = f"{year} : échec, sorties précédentes inchangées : {text}"
            log.error(message)
            self.report.failures.append(message)
            if not is_transient(err):
                self.state.failed[year] = FailedBuild(wanted, " ".join(text.split())[:300])
            self.save()
            return
        self.state.built[year] = published_kinds(wanted, publication.manifest["outputs"])
        self.state.failed.pop(year, None)
        self.save()
        self.report.published.append((year, kinds, publication))
        log.info("%s : publié dans %s (%d fichiers)", year, publication.folder, len(publication.manifest["outputs"]))
        for note in publication.manifest["notes"] + publication.warnings:
            log.warning("%s : %s", year, note)

    def run(self) -> RefreshReport:
        self.recover()
        missing = missing_files(self.settings)
        if missing:
            for text in missing:
                log.error("%s ; rien n'est reconstruit", text)
            self.report.failures.extend(missing)
            return self.report
        if self.settings.source_url:
            self.poll(self.settings.source_url)
        with self.toolchain.loading():  # every new source parsed and cached when it ends
            records = self.scan()
        self.state.sources = records
        self.save()  # what the scan learnt survives a kill during the builds: no source is parsed twice
        chosen = chosen_releases(records)
        plans = [plan for year in chosen if str(year) not in self.blocked
                 and (plan := self.planned(year, releases_of(chosen, year)))]
        inputs = Lookahead(lambda used: self.toolchain.assemble(self.settings.data_dir,
                                                                 {r.year: r.name for r in used}))
        for plan, following in zip(plans, [*plans[1:], None]):
            self.build(plan, inputs, following)
        self.save()
        if self.report.ok and not self.report.published:
            log.info("Rien de nouveau : %d source(s) inchangée(s), sorties à jour (%s)", len(records),
                     ", ".join(map(str, chosen)) or "aucune année complète")
        return self.report


def refresh(settings: RefreshSettings, toolchain: Toolchain | None = None, *,
            clock: Callable[[], datetime] = datetime.now) -> RefreshReport:
    """One run of detect, validate, build, publish (see the module docstring).

    Raises LockBusy when another run holds the lock, PublishError when the output folder cannot be
    used at all (read-only, a file); every other failure is in the report.
    """
    paths = OutputPaths(settings.out_dir)
    try:
        with run_lock(paths.lock, wait=settings.wait, on_wait=log.info):
            return _Run(settings, toolchain, clock).run()
    except OSError as err:  # a state or data folder the system refuses: said, never a traceback
        raise PublishError(f"échec du rafraîchissement : {os_error_text(err)} ; sorties publiées inchangées") from err
