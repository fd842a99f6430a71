"""Slide templates shipped with officereport: restyle deck-template.pptx in PowerPoint, then rebuild."""
