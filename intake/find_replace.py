"""Find and replace within one column, as an EditBatch preview.

Plain text, no patterns: `find_in_column` lists the records whose cell matches; `replace_in_column`
builds the batch (show `batch.summary()`, then `SheetSession.apply(batch)`: one undo step).
`whole_cell=True` matches only cells equal to the text (an empty text then matches blank cells,
so a whole column's blanks can be filled). A cell that becomes empty is stored as blank (None).
"""
from __future__ import annotations

import re
from typing import Iterable

from intake.edits import CellEdit, EditBatch
from intake.errors import MopaiError
from validators.data import RecordColumns


def _matcher(find: str, whole_cell: bool, match_case: bool):
    if not find and not whole_cell:
        raise MopaiError("请输入要查找的内容")
    flags = 0 if match_case else re.IGNORECASE
    pattern = re.compile(re.escape(find), flags)

    def matches(value: str | None) -> bool:
        if whole_cell:
            return (value or "") == find if match_case else (value or "").casefold() == find.casefold()
        return value is not None and pattern.search(value) is not None
    return matches, pattern


def find_in_column(data: RecordColumns, field: str, find: str, *, whole_cell: bool = False,
                   match_case: bool = True, rows: Iterable[int] | None = None) -> list[int]:
    """Record indices whose `field` cell matches, in order (`rows`: only among these)."""
    if field not in data.values:
        raise MopaiError("表格中没有这一列，无法查找")
    matches, _ = _matcher(find, whole_cell, match_case)
    column = data.values[field]
    candidates = range(len(column)) if rows is None else sorted(set(rows))
    return [i for i in candidates if matches(column[i])]


def replace_in_column(data: RecordColumns, field: str, find: str, replace: str, *,
                      whole_cell: bool = False, match_case: bool = True,
                      rows: Iterable[int] | None = None, label: str | None = None) -> EditBatch:
    """The batch replacing `find` by `replace` in one column; only cells that change are listed."""
    hits = find_in_column(data, field, find, whole_cell=whole_cell, match_case=match_case, rows=rows)
    _, pattern = _matcher(find, whole_cell, match_case)
    edits = []
    for i in hits:
        old = data.values[field][i]
        new = replace if whole_cell else pattern.sub(lambda _m: replace, old or "")
        new = new or None
        if new != old:
            edits.append(CellEdit(i, field, old, new))
    text = label or f"查找替换：“{find}”→“{replace}”"
    return EditBatch(text, tuple(edits), kind="replace")
