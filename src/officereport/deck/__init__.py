"""PowerPoint decks built from a slide template whose named layouts carry the styling."""

from officereport.deck.builder import DeckSubject, write_deck
from officereport.deck.template import DeckTemplate, TemplateError

__all__ = ["DeckSubject", "DeckTemplate", "TemplateError", "write_deck"]
