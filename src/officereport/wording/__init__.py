"""The French sentences of every output, workbooks, decks and the CLI alike: the same figure is
worded the same way wherever it is read.

``figures`` words totals, shares, the balance and titles; ``keys`` holds the reading keys;
``texts`` the fixed texts (source line, context, method caveats); ``notes`` the deck's speaker notes.
"""

from officereport.wording.figures import (
    FLOW_WORDS,
    FRANCE_WHOLE,
    activities_flow_title,
    activities_title,
    alone_in_region_sentence,
    balance_sentence,
    departement_label,
    flows_title,
    key_figures_title,
    partners_title,
    region_phrase,
    scope_label,
    share,
    total_sentence,
    total_with_shares,
)
from officereport.wording.keys import ACTIVITIES_KEY, PARTNERS_KEY, flows_key
from officereport.wording.notes import activities_notes, flows_notes, partners_notes
from officereport.wording.texts import (
    CAVEATS,
    CONTEXT,
    METHOD_INTRO,
    NO_TRADE,
    PRACTICAL,
    PUBLICATION,
    sample_note,
    source_line,
    territories_sentence,
)

__all__ = [
    "ACTIVITIES_KEY",
    "CAVEATS",
    "CONTEXT",
    "FLOW_WORDS",
    "FRANCE_WHOLE",
    "METHOD_INTRO",
    "NO_TRADE",
    "PARTNERS_KEY",
    "PRACTICAL",
    "PUBLICATION",
    "activities_flow_title",
    "activities_notes",
    "activities_title",
    "alone_in_region_sentence",
    "balance_sentence",
    "departement_label",
    "flows_key",
    "flows_notes",
    "flows_title",
    "key_figures_title",
    "partners_notes",
    "partners_title",
    "region_phrase",
    "sample_note",
    "scope_label",
    "share",
    "source_line",
    "territories_sentence",
    "total_sentence",
    "total_with_shares",
]
