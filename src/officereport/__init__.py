"""officereport: DGDDI foreign-trade data turned into Excel workbooks and PowerPoint decks."""

__version__ = "0.1.0"
