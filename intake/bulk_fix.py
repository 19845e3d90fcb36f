"""Bulk fixes: every certain fix of one kind in one action.

A finding carries a `suggestion` only when the fix is certain (a date written 2015.3.2 ->
2015-03-02, 汉 -> 汉族, full-width digits, stray spaces …). `fixable(findings)` lists the kinds
that have such fixes with how many cells each would change (for a menu); `preview(findings, code,
data)` builds the EditBatch that names exactly the cells that change, old and new — show
`batch.summary()` and apply it with `SheetSession.apply(batch)` (one undo step).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from intake.edits import CellEdit, EditBatch
from validators.codes import CODES
from validators.data import RecordColumns
from validators.findings import Finding


@dataclass(frozen=True)
class FixKind:
    code: str
    title: str       # the kind's Chinese name, e.g. 日期写法不规范
    cells: int       # how many cells the fix would change


def _fixes(findings: Iterable[Finding], code: str | None, data: RecordColumns | None):
    """(index, field) -> (old, new) for findings with a certain fix that changes the cell; with
    `data`, a finding about a value the cell no longer holds (edited since) is left out."""
    cells: dict[tuple[int, str], tuple[str | None, str]] = {}
    for f in findings:
        if f.suggestion is None or f.field is None or (code is not None and f.code != code):
            continue
        if data is not None and f.field not in data.values:
            continue
        old = data.get(f.field, f.index) if data is not None else f.value
        if f.value is not None and old != f.value:
            continue
        if old != f.suggestion:
            cells.setdefault((f.index, f.field), (old, f.suggestion))
    return cells


def preview(findings: Iterable[Finding], code: str, data: RecordColumns | None = None) -> EditBatch:
    """The batch that applies every certain fix of `code`. With `data`, each edit's old value is
    the cell as it is now (pass the sheet's data: the finding's value is the cell as checked)."""
    cells = _fixes(findings, code, data)
    edits = tuple(CellEdit(i, k, old, new) for (i, k), (old, new) in sorted(cells.items()))
    title = CODES[code].title if code in CODES else code
    return EditBatch(f"批量修正：{title}", edits, kind=f"bulk:{code}")


def fixable(findings: Iterable[Finding], data: RecordColumns | None = None) -> list[FixKind]:
    """The kinds of finding that have certain fixes, with cell counts, most cells first."""
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        if f.suggestion is not None and f.field is not None:
            by_code.setdefault(f.code, []).append(f)
    kinds = [FixKind(c, CODES[c].title if c in CODES else c, len(_fixes(found, c, data)))
             for c, found in by_code.items()]
    return sorted((k for k in kinds if k.cells), key=lambda k: (-k.cells, k.code))
