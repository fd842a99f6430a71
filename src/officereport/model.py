"""The shapes that flow between the stages: the tidy trade table and what comes with it.

    customs files --load--> TradeData --indicators--> result tables --render--> .xlsx / .pptx

The trade table is a pandas DataFrame with exactly these columns (all codes are text):

    flow      category  "E" export, "I" import
    year      int16
    quarter   int8      1..4
    dep       category  DGDDI département code ("43", "20", "9A", "99")
    region    category  DGDDI region code ("18")
    a129      category  product group, NA 2008 level A129 ("C29A")
    cpf4      category  product, CPF rev. 2.1 level 4 ("0111")
    partner   category  partner code ("DE", "QU", ...)
    value_eur int64     value in euros
    mass_kg   float64   net mass in kg, NaN when the file leaves it empty
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import pandas as pd

from officereport.codesum import codes_of, summed_by

TRADE_COLUMNS = ("flow", "year", "quarter", "dep", "region", "a129", "cpf4", "partner", "value_eur", "mass_kg")

EXPORT = "E"
IMPORT = "I"
FLOW_NAMES = {EXPORT: "Exportations", IMPORT: "Importations"}

# Partner codes that are not countries: they count in every total, but rankings of partner
# countries leave them out and fold them into « Autres ».
NON_COUNTRY_PARTNERS = frozenset({"QU", "QR", "QS", "QP", "QQ", "QV", "QW", "QY", "QZ", "EU", "FR"})

# The country whose share of the trade the dependency figures single out, unless told otherwise
# (``focus`` in the configuration, ``--focus`` on the command line).
DEFAULT_FOCUS = "US"

OTHERS_CODE = "AUTRES"
OTHERS_LABEL = "Autres"


@dataclass(frozen=True)
class SourceFile:
    """One input file as read: where it came from, its fingerprint and how many lines it held."""

    name: str  # path, or "archive.zip!member.txt" for a zip member
    sha256: str
    rows: int
    kind: str  # "data" or "labels"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located precisely enough to fix it."""

    file: str
    line: int | None  # 1-based; None when the problem concerns the whole file
    rule: str  # short rule name, e.g. "field-count", "non-numeric", "unknown-departement"
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: [{self.rule}] {self.message}"


class InputError(Exception):
    """The input cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  … et {len(self.problems) - 50} autres" if len(self.problems) > 50 else ""
        count = "1 problème" if len(self.problems) == 1 else f"{len(self.problems)} problèmes"
        super().__init__(f"{count} dans les données d'entrée :\n{shown}{more}")


@dataclass(frozen=True)
class LabelRow:
    code: str
    label: str
    valid_from: int  # YYYYMM
    valid_to: int  # YYYYMM, 999912 when still valid


@dataclass
class Labels:
    """Code -> label tables from the DGDDI label files; a label is picked by the year it must be valid in."""

    a129: list[LabelRow] = field(default_factory=list)
    cpf4: list[LabelRow] = field(default_factory=list)
    partners: list[LabelRow] = field(default_factory=list)

    @staticmethod
    def _for_year(rows: list[LabelRow], year: int) -> dict[str, str]:
        # A code may appear twice with different validity (QU, XK, XS): keep the row valid for the
        # year, or else the most recent one.
        chosen: dict[str, LabelRow] = {}
        for row in rows:
            valid = row.valid_from <= year * 100 + 12 and row.valid_to >= year * 100 + 1
            current = chosen.get(row.code)
            if current is None:
                chosen[row.code] = row
                continue
            current_valid = current.valid_from <= year * 100 + 12 and current.valid_to >= year * 100 + 1
            if (valid, row.valid_to) > (current_valid, current.valid_to):
                chosen[row.code] = row
        return {code: row.label for code, row in chosen.items()}

    def a129_names(self, year: int) -> dict[str, str]:
        return self._for_year(self.a129, year)

    def cpf4_names(self, year: int) -> dict[str, str]:
        return self._for_year(self.cpf4, year)

    def partner_names(self, year: int) -> dict[str, str]:
        return self._for_year(self.partners, year)


@dataclass
class TradeData:
    """What the loader returns: the typed trade table, its labels and where it all came from."""

    trade: pd.DataFrame
    labels: Labels
    sources: list[SourceFile]
    warnings: list[str] = field(default_factory=list)
    is_sample: bool = False  # True when the input carries the sample-data marker

    @cached_property
    def period_totals(self) -> dict[tuple[int, str, int], int]:
        """The value of each (year, flow, quarter) present: one scan of the table, asked for by check,
        build, refresh and the choice between releases (``codesum``: pandas' group-by over three
        columns costs ten times more on a year's millions of rows)."""
        keys = ["year", "flow", "quarter"]
        table = summed_by({key: codes_of(self.trade[key]) for key in keys}, self.trade["value_eur"].to_numpy())
        return {(int(y), str(f), int(q)): int(v) for y, f, q, v in table[[*keys, "value_eur"]].itertuples(index=False)}

    def quarters_by_year(self, flow: str | None = None) -> dict[int, list[int]]:
        """Quarters present per year, in either flow or in ``flow`` only."""
        years: dict[int, set[int]] = {}
        for year, row_flow, quarter in self.period_totals:
            if flow is None or row_flow == flow:
                years.setdefault(year, set()).add(quarter)
        return {year: sorted(quarters) for year, quarters in sorted(years.items())}

    def complete_years(self) -> list[int]:
        """Years whose four quarters are there for exports and for imports alike."""
        by_flow = [self.quarters_by_year(flow) for flow in (EXPORT, IMPORT)]
        return sorted(y for y in by_flow[0] if all(q.get(y) == [1, 2, 3, 4] for q in by_flow))

# A file of this name inside a zip or folder marks its data as synthetic sample data; every output
# built from it says so loudly.
SAMPLE_MARKER = "OFFICEREPORT-DONNEES-FICTIVES.txt"


@dataclass(frozen=True)
class Provenance:
    """Where an output's figures come from; printed on method sheets and slides.

    ``built_at`` is fixed once per build so that every output of the build says the same time and
    a build run serially or in parallel writes identical files.
    """

    year: int
    sources: tuple[SourceFile, ...]
    is_sample: bool
    tool_version: str
    built_at: datetime

    @property
    def data_sources(self) -> tuple[SourceFile, ...]:
        return tuple(s for s in self.sources if s.kind == "data")


SAMPLE_WARNING = (
    "DONNÉES FICTIVES — exemple généré par officereport, ce ne sont pas des chiffres de la DGDDI"
)
