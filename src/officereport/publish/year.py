"""One year rendered and published: the step ``build`` and ``refresh`` share.

    run_year(paths, year, data, render, *, kinds, all_kinds, ...) -> Publication

``render(data, year, staging, kinds, built_at, meanwhile)`` writes the outputs of ``kinds`` into the
staging folder (``build.render_input`` for real) and calls ``meanwhile`` (when given) once its
workers have them, so that a refresh prepares its next year while this one is written; the other
kinds are carried over from the published build; the PDFs of the kinds asked (``pdfs``) are made
in the staging folder after rendering, so they are checked and published with the rest.
``built_at`` is fixed here, once: the manifest, the method sheets and the decks all say the
same moment, as local time with its UTC offset (``2026-11-26T06:00:00+01:00``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from officereport import __version__
from officereport.publish.choice import UsedRelease
from officereport.publish.moves import ReplacePolicy
from officereport.publish.paths import OutputPaths
from officereport.publish.pdfs import PdfSettings, add_pdfs
from officereport.publish.staging import OutputLike, Publication, publish

Render = Callable[[Any, int, Path, frozenset[str], datetime, Callable[[], object] | None], Iterable[OutputLike]]


def local_time(moment: datetime) -> datetime:
    """``moment`` with its UTC offset: a naive time is taken as the machine's local time."""
    return moment.astimezone().replace(microsecond=0)


def manifest_fields(data: Any, year: int, releases: Iterable[UsedRelease] = (), focus: str | None = None) -> dict:
    """What a manifest says of the build's inputs (``data`` has the ``sources`` and ``is_sample`` of a
    ``model.TradeData``, as ``build.YearInput`` does): its files, the release each year it used comes
    from (``year`` first, then N-1 and the series years), and the focus country its dependency
    figures single out."""
    return {
        "tool_version": __version__,
        "year": year,
        "is_sample": bool(data.is_sample),
        "inputs": [{"name": s.name, "sha256": s.sha256, "rows": s.rows, "kind": s.kind} for s in data.sources],
        "releases": [release.manifest() for release in releases],
    } | ({"focus": focus} if focus else {})


def run_year(
    paths: OutputPaths,
    year: int,
    data: Any,
    render: Render,
    *,
    kinds: frozenset[str],
    all_kinds: frozenset[str],
    keep: int = 3,
    source: str | None = None,
    releases: Iterable[UsedRelease] = (),
    clock: Callable[[], datetime] = datetime.now,
    policy: ReplacePolicy = ReplacePolicy(),
    pdf: PdfSettings = PdfSettings(),
    focus: str | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Publication:
    """Render ``kinds`` for ``year`` and publish them in ``paths.year(year)``, the rest carried over.
    Without LibreOffice, PDF kinds asked are left out and the publication's warnings say so."""
    built_at = local_time(clock())
    extra = manifest_fields(data, year, releases, focus) | ({"source": source} if source else {})
    warnings: list[str] = []

    def write(staging: Path) -> list:
        written, missing = add_pdfs(staging, list(render(data, year, staging, kinds, built_at, meanwhile)), kinds,
                                    paths.year(year), pdf)
        warnings.extend([missing] if missing else [])
        return written

    publication = publish(
        paths, year,
        write,
        manifest_extra=extra,
        keep=keep,
        carry_over=all_kinds - kinds,
        clock=lambda: built_at,
        policy=policy,
        jobs=pdf.jobs,  # the processes the user allows: rendering, PDFs and the check alike
    )
    return replace(publication, warnings=[*warnings, *publication.warnings])
