"""Reading DGDDI regional foreign-trade files into the typed trade table of :mod:`officereport.model`.

The input is the zip as downloaded, a folder (which may hold that zip), or a bare data file
(:mod:`~officereport.input.discovery`). Data files are recognised by their content
(:mod:`~officereport.input.sniff`), label files by their name (:mod:`~officereport.input.labels`).
Data lines are read as text (:mod:`~officereport.input.parsing`), judged by vectorised row rules
(:mod:`~officereport.input.rules`), then typed (:mod:`~officereport.input.typed`), so that a year of
2 million rows per flow reads in seconds. Every problem found is reported at once, with its file,
line and rule, in one :class:`~officereport.model.InputError`; warnings travel with the data.
"""

from __future__ import annotations

import hashlib
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from officereport.input import cache, combine, labels, parsing, rules, sniff, writebehind
from officereport.input.discovery import Budget, Member, Metered, Unreadable, input_files, members, opened
from officereport.input.problems import Problems, log
from officereport.input.summary import summarize
from officereport.input.typed import trade_table
from officereport.model import SAMPLE_MARKER, LabelRow, Labels, Problem, SourceFile, TradeData
from officereport.oserrors import error_text
from officereport.progress import ProgressCallback, silent

__all__ = ["input_files", "load", "summarize"]


def load(
    path: str | Path,
    *,
    cache_dir: Path | None = None,
    progress: ProgressCallback = silent,
    both_flows: bool = True,
    summary: bool = False,
    quiet: bool = False,
) -> TradeData:
    """Read a DGDDI zip, folder or data file; raise InputError listing every problem found.

    With ``cache_dir``, the result is kept there as Parquet keyed by the content of the input, and
    a later call on the same content reads it back instead of parsing the text again. Each load
    logs the data's warnings on the ``officereport.input`` logger. ``both_flows=False`` accepts
    exports or imports alone: DGDDI ships the annual files of each flow in a zip of its own, which
    :mod:`~officereport.input.releases` pairs. ``summary`` asks for the trade summed per flow, year,
    quarter and département (``combine.summarised``), read from the cache's summary when there is
    one: all a build reads of a release that gives it series years only. ``quiet`` does not log the
    warnings again (the same input read a second time).
    """
    path = Path(path)
    if cache_dir is None or not (path.is_dir() or path.is_file()):  # a pipe must not be hashed
        data = _parse(path, progress, both_flows)
        if summary:
            data = replace(data, trade=combine.summarised(data.trade))
    else:
        data = _load_cached(path, Path(cache_dir), progress, both_flows, summary)
    for warning in [] if quiet else data.warnings:
        log.warning(warning)
    return data


def _load_cached(path: Path, cache_dir: Path, progress: ProgressCallback, both_flows: bool,
                 summary: bool) -> TradeData:
    """The data (its trade summed when ``summary``), from the cache or parsed and cached."""
    files = input_files(path)
    key = cache.input_key(files)
    progress(0, 1, "Lecture du cache")
    cached = cache.read(cache_dir, key, summary=summary)
    progress(1, 1, "Lecture du cache")
    if cached is not None:
        if both_flows:  # the entry may come from a load that accepted one flow alone
            problems = Problems()
            rules.check_flows(set(cached.trade["flow"].unique()), str(path), problems)
            problems.raise_if_any(str(path), [])
        return cached
    data = _parse(path, progress, both_flows)
    summed = combine.summarised(data.trade) if summary else None
    data.warnings.extend(writebehind.write(partial(_write_entry, cache_dir, key, data, summed, files)))
    return replace(data, trade=summed) if summary else data


def _write_entry(cache_dir: Path, key: str, data: TradeData, summed: pd.DataFrame | None,
                 files: list[Path]) -> list[str]:
    """Store ``data`` and its trade summed (``summed``, or summed here) in the cache; the warnings
    of a cache that could not be written or pruned. Nothing is raised: written behind the parse of
    another input (``writebehind``), an error would otherwise surface as that input's."""
    try:
        cache.write(cache_dir, key, data, combine.summarised(data.trade) if summed is None else summed, files)
    except Exception as error:  # the cache only saves time: the data stands, parsed again next time
        return [f"cache non enregistré : {error_text(error)}"]
    try:
        cache.prune(cache_dir)  # a new entry often replaces one whose input was just replaced
    except Exception as error:
        return [f"cache non nettoyé : {error_text(error)}"]
    return []


@dataclass
class _Found:
    """What the input files held, sorted as they are read."""

    data_files: list[parsing.DataFile] = field(default_factory=list)
    label_rows: dict[str, list[LabelRow]] = field(default_factory=dict)  # only the kinds present
    sources: list[SourceFile] = field(default_factory=list)
    is_sample: bool = False
    refused: bool = False  # a data file was refused whole: a flow missing then is no news


def _parse(path: Path, progress: ProgressCallback, both_flows: bool) -> TradeData:
    problems = Problems()
    found = _Found()
    budget = Budget(str(path))
    what = "Lecture des fichiers douaniers"
    with ExitStack() as zips:
        listed = members(path, problems, zips)
        for done, member in enumerate(listed):
            progress(done, len(listed), what)
            _read_member(member, found, problems, budget)
        progress(len(listed), len(listed), what)

    file_order = [m.name for m in listed]
    if not found.data_files:
        if not problems.total:
            message = "aucun fichier de données trouvé (lignes de 10 champs séparés par ';')"
            problems.add(Problem(str(path), None, "no-data-file", message))
        problems.raise_if_any(str(path), file_order)
    rows = rules.Rows.of(found.data_files)
    found.data_files.clear()  # the rows hold their copy: the files' own tables are not kept beside it
    if rows.table.num_rows:
        progress(0, 1, "Contrôle des lignes")
        rules.check_rows(rows, problems)
        if both_flows and not found.refused:
            rules.check_flows(set(rows.encoded("flow").dictionary.to_pylist()), str(path), problems)
        progress(1, 1, "Contrôle des lignes")
    problems.raise_if_any(str(path), file_order)

    trade = trade_table(rows)
    problems.warnings.extend(labels.coverage_warnings(trade, found.label_rows))
    return TradeData(
        trade=trade,
        labels=Labels(
            a129=found.label_rows.get(labels.A129, []),
            cpf4=found.label_rows.get(labels.CPF4, []),
            partners=found.label_rows.get(labels.PARTNERS, []),
        ),
        sources=found.sources,
        warnings=problems.warnings,
        is_sample=found.is_sample,
    )


def _read_member(member: Member, found: _Found, problems: Problems, budget: Budget) -> None:
    """Recognise one input file (sample marker, label file, data file or neither) and read it."""
    if member.file_name == SAMPLE_MARKER:
        found.is_sample = True
        return
    try:
        with opened(member, budget) as stream:
            head = stream.head(sniff.HEAD_BYTES)
            complete = len(head) < sniff.HEAD_BYTES
            kind = labels.label_kind(member.file_name)
            if kind is not None:
                _read_labels(member.name, kind, head + stream.head(labels.MAX_FILE_BYTES), found, problems)
            elif member.is_data or sniff.looks_like_data(head, complete) or (complete and sniff.is_blank(head)):
                _read_data(member, head, stream, found, problems)
            elif misfiled := sniff.misfiled_data(member.name, head, complete):
                problems.add(misfiled)
                found.refused = True
            else:
                problems.warn(member.name, None, "ignoré : ni données (10 champs) ni libellés")
    except Unreadable as error:
        found.refused = True
        if member.in_archive:
            problems.add(Problem(member.name, None, "corrupt-zip", f"fichier illisible dans l'archive ({error})"))
        else:
            problems.add(Problem(member.name, None, "unreadable", f"fichier illisible ({error})"))


def _read_data(member: Member, head: bytes, stream: Metered, found: _Found, problems: Problems) -> None:
    if len(head) < sniff.HEAD_BYTES and sniff.is_blank(head):
        problems.add(Problem(member.name, None, "empty-file", "fichier vide"))
        parsed = None
    else:
        parsed = parsing.read_data_file(member.name, head, stream, lambda: _reopen(member), problems)
    if parsed is not None:
        found.data_files.append(parsed)
    found.refused |= parsed is None
    rows = parsed.content_lines if parsed else 0
    found.sources.append(SourceFile(member.name, stream.sha256.hexdigest(), rows, "data"))


def _reopen(member: Member) -> BinaryIO:
    try:
        return member.open()
    except OSError as error:
        raise Unreadable.of(error) from error


def _read_labels(name: str, kind: str, data: bytes, found: _Found, problems: Problems) -> None:
    if len(data) > labels.MAX_FILE_BYTES:
        size = f"{labels.MAX_FILE_BYTES >> 20} Mio"
        problems.add(Problem(name, None, "label-too-large", f"fichier de libellés de plus de {size} : "
                                                            "ce n'est pas un fichier de libellés DGDDI"))
        return
    if kind == labels.DEPARTEMENTS:
        rows, notes = labels.read_departement_regions(name, data)
    else:
        label_rows, notes = labels.read_code_labels(name, data)
        found.label_rows.setdefault(kind, []).extend(label_rows)
        rows = len(label_rows)
    problems.warnings.extend(notes)
    found.sources.append(SourceFile(name, hashlib.sha256(data).hexdigest(), rows, "labels"))
