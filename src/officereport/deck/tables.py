"""Indicator tables read as plain Python rows: the indicators' ``rows`` (one conversion per column)."""

from officereport.indicators import rows

__all__ = ["rows"]
