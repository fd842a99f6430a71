"""PowerPoint decks built from a slide template whose named layouts carry the styling."""

from officereport.deck.builder import DeckSubject, forget, write_deck
from officereport.deck.template import DeckTemplate, TemplateError

__all__ = ["DeckSubject", "DeckTemplate", "TemplateError", "forget", "write_deck"]
