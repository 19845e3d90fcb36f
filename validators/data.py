"""The validation input: one sheet's cells by field key, and the context of the run."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class RecordColumns:
    """Column-oriented cell values of one sheet.

    values[key][i] is record i's cell for field `key` as text (None for a blank cell). Readers
    turn real date cells into 'YYYY-MM-DD' and numbers into their shortest text ('13800138000',
    '43891'); `numeric[key]` holds the indices of cells that were number cells in the file, so the
    ID check can tell an ID that Excel stored as a number (digits lost) from typed text.
    Only fields present in the sheet have a column.
    """

    values: dict[str, list[str | None]]
    numeric: dict[str, set[int]] = field(default_factory=dict)
    imported_numeric: dict[str, frozenset[int]] = field(default_factory=dict)
    # the same cells as polars text columns, when the reader made them (intake.reader.isolated):
    # the next bulk run takes them instead of building its own; setting a cell drops its column
    series: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        """imported_numeric: the number cells as read from the file; edits never change it, so
        undoing an edit can give a number cell back its flag (and its id.excel_number error)."""
        if not self.imported_numeric:
            self.imported_numeric = {k: frozenset(v) for k, v in self.numeric.items()}

    @property
    def n_rows(self) -> int:
        return len(next(iter(self.values.values()), []))

    def get(self, key: str, index: int) -> str | None:
        col = self.values.get(key)
        return None if col is None else col[index]

    def set(self, key: str, index: int, value: str | None, numeric: bool = False) -> None:
        """Replace one cell. An edit is typed text (numeric False); undoing an edit back to the
        imported value of a number cell passes numeric True."""
        self.values[key][index] = value
        self.series.pop(key, None)
        if numeric:
            self.numeric.setdefault(key, set()).add(index)
        else:
            self.numeric.get(key, set()).discard(index)

    def was_number_cell(self, key: str, index: int) -> bool:
        return index in self.imported_numeric.get(key, ())


@dataclass(frozen=True)
class ValidationContext:
    """What a run needs besides the cells.

    The reference date (摸排基准日) of a row is its 填报日期 cell when valid, else the sheet's
    填报日期 line (`sheet_report_date`), else `as_of` (set by the user for the batch), else `today`.
    `county` is the user's 6-digit county code; with it set, rows outside the county are errors.
    `township` is the 9-digit code of the sheet's own township (from its 填报单位), when known:
    rows living (流动) / registered (留守) in another township are warnings.
    """

    as_of: date | None = None
    sheet_report_date: date | None = None
    county: str | None = None
    today: date = field(default_factory=date.today)
    township: str | None = None

    @property
    def default_reference_date(self) -> date:
        return self.sheet_report_date or self.as_of or self.today
