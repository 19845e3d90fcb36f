"""A sheet as read from a workbook: where its table is, how its columns map to the form, and
its cells as RecordColumns for the validators."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from validators.data import RecordColumns


@dataclass
class SourceColumn:
    col: int                    # 1-based column number in the sheet (A = 1)
    header: str                 # the header text as written (grouped headers joined: 父亲/公民身份号码)
    field: str | None           # mapped field key, None when unmapped (kept, ignored)
    confidence: float = 1.0     # 1.0 exact label, 0.95 alias, lower: fuzzy
    how: str = "label"          # label | alias | fuzzy | remembered | unmapped
    hidden: bool = False
    width: float | None = None


@dataclass
class ImportNote:
    """Something the reader noticed that the clerk should know (hidden rows, merged cells …)."""

    code: str                   # e.g. read.hidden_rows, read.merged_cells, read.number_id
    message: str                # plain Chinese
    row: int | None = None      # Excel row
    col: int | None = None


@dataclass
class SheetTable:
    source: Path
    sheet: str                  # sheet name ('' for CSV)
    form: str                   # liudong | liushou
    form_reason: str            # why this form was chosen (Chinese)
    header_rows: list[int]      # Excel row numbers of the header (one or two rows)
    columns: list[SourceColumn]
    row_numbers: list[int]      # Excel row number of each record (CSV: line number)
    data: RecordColumns
    reporting_unit: str | None = None        # 填报单位 from the line above the table
    report_date_text: str | None = None      # 填报日期 from the line above the table, as written
    notes: list[ImportNote] = field(default_factory=list)
    extra: dict[int, list[str | None]] = field(default_factory=dict)  # unmapped columns' cells by col

    @property
    def n_rows(self) -> int:
        return len(self.row_numbers)

    def col_of(self, key: str | None) -> int | None:
        """Sheet column number of a field, None if the sheet has no such column."""
        if key is None:
            return None
        return self.field_columns().get(key)

    def field_columns(self) -> dict[str, int]:
        """field -> sheet column number (the first column mapped to it), built once per
        columns list (reports look one up per finding)."""
        cached = self.__dict__.get("_field_columns")
        if cached is None or cached[0] is not self.columns or cached[1] != len(self.columns):
            index: dict[str, int] = {}
            for c in self.columns:
                if c.field is not None:
                    index.setdefault(c.field, c.col)
            cached = self.__dict__["_field_columns"] = (self.columns, len(self.columns), index)
        return cached[2]
