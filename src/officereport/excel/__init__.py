"""Excel outputs: one workbook per département and one national workbook, native charts only."""

from officereport.excel.national import write_national_workbook
from officereport.excel.workbook import write_departement_workbook

__all__ = ["write_departement_workbook", "write_national_workbook"]
