"""What a refresh is asked to do, and the settings it remembers between runs.

The territory list and the deck template each take three values: a path, ``None`` (explicitly
none: one deck per département, or the packaged template) or :data:`REMEMBERED`, "not given",
which keeps what the published builds were made with. So the cron line
``refresh --data data --out out`` run after ``refresh --territories liste.csv`` goes on
publishing the territory decks (and the log says so) until a command or the configuration names
another list or none. The ``pdf`` switch is remembered the same way: ``True``, ``False`` or
:data:`REMEMBERED`, and so is the focus country (a code, or :data:`REMEMBERED`; ``US`` when
nothing was ever given).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from officereport.digest import sha256_file
from officereport.model import DEFAULT_FOCUS
from officereport.planning import is_pdf_kind
from officereport.publish.choice import UsedRelease, release_changes
from officereport.publish.state import BuildRecord, RefreshState


class _Remembered:
    def __repr__(self) -> str:
        return "REMEMBERED"


REMEMBERED = _Remembered()  # "not given": what the last publication used
NO_TERRITORIES = "aucune"

PDF_ASKED = "PDF demandés (réglage pdf)"
_SETTING_NAMES = {"territories": "liste des territoires", "template": "modèle de présentation"}


@dataclass(frozen=True)
class RefreshSettings:
    data_dir: Path
    out_dir: Path
    template: Path | _Remembered | None = REMEMBERED  # None: the tool's default deck template
    territories: Path | _Remembered | None = REMEMBERED  # None: one deck per département
    pdf: bool | _Remembered = REMEMBERED  # a PDF beside every workbook and deck
    focus: str | _Remembered = REMEMBERED  # the country the dependency figures single out
    jobs: int | None = None
    keep: int = 3  # previous builds kept per year under <out>/archives/
    source_url: str | None = None
    settle_s: float = 10.0  # a source modified more recently than this may still be being copied
    wait: bool = False  # wait for a running refresh instead of giving up


def resolve(settings: RefreshSettings, state: RefreshState) -> tuple[RefreshSettings, list[str]]:
    """``settings`` with every REMEMBERED value replaced by the remembered one (or None), and
    the log lines saying what was kept; ``state.settings`` then records the values used."""
    resolved, notes = settings, []
    for key, label in _SETTING_NAMES.items():
        given = getattr(settings, key)
        if given is REMEMBERED:
            kept = state.settings.get(key)
            resolved = replace(resolved, **{key: Path(kept) if kept else None})
            if kept:
                notes.append(f"{label} non donnée : celle de la dernière publication est gardée ({kept})")
        else:
            state.settings[key] = str(Path(given).resolve()) if given is not None else None
    if settings.pdf is REMEMBERED:
        resolved = replace(resolved, pdf=state.settings.get("pdf") == "true")
        if resolved.pdf:
            notes.append("PDF non demandés ni refusés : la dernière publication en avait, ils sont gardés")
    else:
        state.settings["pdf"] = "true" if settings.pdf else "false"
    if settings.focus is REMEMBERED:
        resolved = replace(resolved, focus=state.settings.get("focus") or DEFAULT_FOCUS)
        if state.settings.get("focus"):
            notes.append(f"pays suivi non donné : celui de la dernière publication est gardé ({resolved.focus})")
    else:
        state.settings["focus"] = settings.focus
    return resolved, notes


def missing_files(settings: RefreshSettings) -> list[str]:
    """Setting files named but absent: nothing can be built with them."""
    return [f"{label} introuvable : {getattr(settings, key)}" for key, label in _SETTING_NAMES.items()
            if getattr(settings, key) is not None and not Path(getattr(settings, key)).is_file()]


def file_hash(path: Path | None, absent: str) -> str:
    return sha256_file(path) if path is not None else absent


def wanted_record(releases: list[UsedRelease], tool_version: str, territories: Path | None, kinds: frozenset[str],
                  template: Path | None, focus: str = DEFAULT_FOCUS) -> BuildRecord:
    return BuildRecord(tuple((r.year, r.sha256) for r in releases), tool_version,
                       file_hash(territories, NO_TERRITORIES), tuple(sorted(kinds)), file_hash(template, "défaut"),
                       focus, release_names=tuple(r.name for r in releases))


def changes(built: BuildRecord, wanted: BuildRecord) -> list[str]:
    """What differs between the published build and the one wanted, in the log's words."""
    reasons = {
        "tool_version": f"nouvelle version de l'outil ({built.tool_version} -> {wanted.tool_version})",
        "territories_sha256": "liste des territoires modifiée" if NO_TERRITORIES not in
        (built.territories_sha256, wanted.territories_sha256) else
        ("liste des territoires ajoutée" if built.territories_sha256 == NO_TERRITORIES
         else "liste des territoires retirée"),
        "kinds": _kinds_change(built.kinds, wanted.kinds),
        "template_sha256": "modèle de présentation modifié",
        "focus": f"pays suivi modifié ({built.focus} -> {wanted.focus})",
    }
    return release_changes(built, wanted) + [
        text for key, text in reasons.items() if getattr(built, key) != getattr(wanted, key)]


def _kinds_change(built: tuple[str, ...], wanted: tuple[str, ...]) -> str:
    def office(kinds: tuple[str, ...]) -> set[str]:
        return {kind for kind in kinds if not is_pdf_kind(kind)}

    if office(built) != office(wanted):
        return "sorties demandées modifiées"
    return PDF_ASKED if len(wanted) > len(built) else "PDF plus demandés (réglage pdf)"

