"""One refresh: detect what changed, validate it, build what it affects, publish safely.

    refresh(settings, toolchain=None, *, clock=datetime.now) -> RefreshReport

This is what ``officereport refresh`` runs once and ``officereport watch`` runs on a schedule.
Under the run lock (``<out>/.officereport/refresh.lock``) it:

1. completes any publication a killed run left half-swapped;
2. polls ``source_url`` when one is set (see ``sources.poll_url``);
3. fingerprints every source of the data folder against the state file: size and mtime equal to
   the recorded ones mean "unchanged" without reading the file; a new content is loaded once and
   the state records its complete years, or the loader's problems -- a rejected content is not
   loaded again until it changes;
4. picks, for each year, the newest source holding the complete year, and compares what built the
   published year (input hash, tool version, settings hash, template hash) with what would build
   it now: a different input, tool or settings rebuild the whole year, a different template only
   its decks (the workbooks are carried over), an identical one nothing;
5. renders and publishes each year to rebuild (``publish.publish``) and records it in the state.

A run with nothing new reads no data file, writes nothing and says so. Whatever fails, the
published outputs stay as they were; the report says what happened, for a log or an exit code.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from officereport import __version__
from officereport.input.sources import Candidate, list_sources, newest_by_year, poll_url
from officereport.model import InputError
from officereport.publish.lock import run_lock
from officereport.publish.staging import (
    MANIFEST_NAME,
    Publication,
    PublishError,
    manifest_fields,
    publish,
    recover,
    verify_build,
    work_dir,
)
from officereport.publish.state import (
    BuildRecord,
    Fingerprint,
    SourceRecord,
    fingerprint,
    load_state,
    save_state,
    sha256_file,
)

log = logging.getLogger("officereport.publish.refresh")

STATE_NAME = "state.json"
LOCK_NAME = "refresh.lock"


@dataclass(frozen=True)
class RefreshSettings:
    data_dir: Path
    out_dir: Path
    template: Path | None = None  # None: the tool's default deck template
    territories: Path | None = None
    jobs: int | None = None
    keep: int = 3  # previous builds kept per year under <out>/archives/
    source_url: str | None = None
    settle_s: float = 10.0  # a source modified more recently than this may still be being copied
    wait: bool = False  # wait for a running refresh instead of giving up


@dataclass(frozen=True)
class Toolchain:
    """The loader and renderer a refresh drives; tests give small fakes."""

    load: Callable[[Path], Any]  # -> TradeData, raising InputError on invalid input
    render: Callable[[Any, int, Path, frozenset[str]], Iterable[Any]]  # (data, year, staging, kinds)
    all_kinds: frozenset[str]
    deck_kinds: frozenset[str]
    template: Path | None  # the deck template actually used, hashed to notice a restyling


def real_toolchain(settings: RefreshSettings) -> Toolchain:
    """The real loader and renderer (imported here: they bring pandas, which tests do without)."""
    from officereport import build
    from officereport.input import loader

    cache_dir = work_dir(settings.out_dir) / "cache"
    build_settings = build.BuildSettings(
        territories=settings.territories, template=settings.template, jobs=settings.jobs
    )

    def render(data: Any, year: int, staging: Path, kinds: frozenset[str]) -> list:
        return build.render_year(data, year, staging, settings=build_settings, kinds=kinds)

    return Toolchain(
        load=lambda path: loader.load(path, cache_dir=cache_dir),
        render=render,
        all_kinds=frozenset(build.WORKBOOK_KINDS | build.DECK_KINDS),
        deck_kinds=frozenset(build.DECK_KINDS),
        template=settings.template or build.DEFAULT_TEMPLATE,
    )


@dataclass
class RefreshReport:
    published: list[tuple[int, frozenset[str], Publication]] = field(default_factory=list)
    rejected: list[tuple[str, list[str]]] = field(default_factory=list)  # newly rejected sources
    still_rejected: list[str] = field(default_factory=list)  # rejected before, unchanged since
    failures: list[str] = field(default_factory=list)  # builds or downloads that failed

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.failures

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def _hash_of(path: Path | None) -> str:
    return sha256_file(path) if path is not None and path.is_file() else "défaut"


def _settings_hash(settings: RefreshSettings, toolchain: Toolchain) -> str:
    # Only what changes the outputs: the territory list and the kinds built (not jobs, not keep).
    described = {"territories": _hash_of(settings.territories), "kinds": sorted(toolchain.all_kinds)}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _kinds_to_rebuild(built: BuildRecord | None, wanted: BuildRecord, folder: Path,
                      toolchain: Toolchain) -> frozenset[str]:
    if built is None or not (folder / MANIFEST_NAME).is_file():
        return toolchain.all_kinds
    if (built.source_sha256, built.tool_version, built.settings_hash) != (
        wanted.source_sha256, wanted.tool_version, wanted.settings_hash
    ):
        return toolchain.all_kinds
    if built.template_sha256 != wanted.template_sha256:
        # Carrying the workbooks over needs them intact; otherwise rebuild them too.
        return toolchain.deck_kinds if not verify_build(folder) else toolchain.all_kinds
    return frozenset()


def _problems(err: Exception) -> list[str]:
    if isinstance(err, InputError):
        return [str(problem) for problem in err.problems]
    return [f"{type(err).__name__}: {err}"]


class _Run:
    """The state of one refresh while it runs."""

    def __init__(self, settings: RefreshSettings, toolchain: Toolchain, clock: Callable[[], datetime]):
        self.settings = settings
        self.toolchain = toolchain
        self.clock = clock
        self.state_path = work_dir(settings.out_dir) / STATE_NAME
        self.state = load_state(self.state_path)
        self.saved = self.state.to_json()
        self.report = RefreshReport()
        self.loaded: dict[str, Any] = {}  # sha256 -> data loaded during this run

    def save(self) -> None:
        content = self.state.to_json()
        if content != self.saved:
            save_state(self.state_path, self.state)
            self.saved = content

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
        for path in list_sources(self.settings.data_dir):
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
            data = self.loaded.get(current.sha256) or self.toolchain.load(path)
        except Exception as err:  # invalid input, or a zip too damaged for the loader to say more
            problems = _problems(err)
            self.report.rejected.append((path.name, problems))
            log.error("%s : fichier refusé ; les sorties publiées restent en place, il sera réessayé une "
                      "fois modifié.\n%s", path.name, "\n".join(f"  {p}" for p in problems))
            return SourceRecord(current, [], problems)
        self.loaded[current.sha256] = data
        years = list(data.complete_years())
        log.info("%s : nouvelles données, année(s) complète(s) : %s", path.name,
                 ", ".join(map(str, years)) or "aucune")
        return SourceRecord(current, years, [])

    def build(self, year: int, name: str, record: SourceRecord, wanted: BuildRecord) -> None:
        folder = self.settings.out_dir / str(year)
        kinds = _kinds_to_rebuild(self.state.built.get(year), wanted, folder, self.toolchain)
        if not kinds:
            return
        what = "tout" if kinds == self.toolchain.all_kinds else "présentations seulement (modèle modifié)"
        log.info("%s : reconstruction (%s) à partir de %s", year, what, name)
        try:
            data = self.loaded.get(record.fingerprint.sha256) or self.toolchain.load(self.settings.data_dir / name)
            self.loaded[record.fingerprint.sha256] = data
            publication = publish(
                folder,
                lambda staging: self.toolchain.render(data, year, staging, kinds),
                manifest_extra={**manifest_fields(data, year), "source": name},
                keep=self.settings.keep,
                carry_over=self.toolchain.all_kinds - kinds,
                clock=self.clock,
            )
        except (PublishError, InputError, OSError) as err:
            message = f"{year} : échec, sorties précédentes inchangées : {err}"
            log.error(message)
            self.report.failures.append(message)
            return
        self.state.built[year] = wanted
        self.save()
        self.report.published.append((year, kinds, publication))
        log.info("%s : publié dans %s (%d fichiers)", year, folder, len(publication.manifest["outputs"]))
        for note in publication.manifest["notes"]:
            log.warning("%s : %s", year, note)

    def run(self) -> RefreshReport:
        for journal in sorted(work_dir(self.settings.out_dir).glob("publication-*.json")):
            year_folder = self.settings.out_dir / journal.stem.removeprefix("publication-")
            recover(year_folder, keep=self.settings.keep, clock=self.clock)
            log.warning("%s : publication interrompue terminée", year_folder)
        if self.settings.source_url:
            self.poll(self.settings.source_url)
        records = self.scan()
        self.state.sources = records
        chosen = newest_by_year(
            [Candidate(name, r.fingerprint.mtime_ns, tuple(r.years)) for name, r in records.items() if not r.rejected]
        )
        settings_hash = _settings_hash(self.settings, self.toolchain)
        template_sha = _hash_of(self.toolchain.template)
        for year, name in chosen.items():
            wanted = BuildRecord(records[name].fingerprint.sha256, __version__, settings_hash, template_sha)
            self.build(year, name, records[name], wanted)
        self.save()
        if self.report.ok and not self.report.published:
            log.info("Rien de nouveau : %d source(s) inchangée(s), sorties à jour (%s)", len(records),
                     ", ".join(map(str, chosen)) or "aucune année complète")
        return self.report


def refresh(settings: RefreshSettings, toolchain: Toolchain | None = None, *,
            clock: Callable[[], datetime] = datetime.now) -> RefreshReport:
    """One run of detect, validate, build, publish (see the module docstring)."""
    work = work_dir(settings.out_dir)
    with run_lock(work / LOCK_NAME, wait=settings.wait, on_wait=log.info):
        return _Run(settings, toolchain or real_toolchain(settings), clock).run()

