"""The statistics workbook (`--stats OUT.xlsx`): 概览, then one sheet per topic with each table
and a native Excel chart beside it (xlsxwriter). No name and no ID number anywhere: only the
labels and counts of intake.stats.grid."""
from intake.stats.book.workbook import write_statistics

__all__ = ["write_statistics"]
