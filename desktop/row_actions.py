"""Deleting and restoring the selected rows of a sheet (SheetSession.delete_rows /
restore_rows): one undo step each. A deleted row stays in the workspace and in the table, grey and
struck through; it leaves the check and the upload file and is listed in the return file."""
from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import selection
from intake.edits import RowBatch

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab


def delete_selected(tab: "SheetTab") -> RowBatch:
    return _mark_selected(tab, True, "：不再检查，也不会导出到上报文件（可撤销，可“恢复行”）")


def restore_selected(tab: "SheetTab") -> RowBatch:
    return _mark_selected(tab, False, "")


def _mark_selected(tab: "SheetTab", delete: bool, note: str) -> RowBatch:
    records = selection.records(tab.view, tab.model)
    batch = (tab.session.delete_rows if delete else tab.session.restore_rows)(records)
    tab.push_batch(batch)
    if batch:
        tab.tell(f"已{batch.label}{note}")
    return batch


def selection_state(tab: "SheetTab") -> tuple[bool, bool]:
    """(any selected row can be deleted, any can be restored)."""
    records = selection.records(tab.view, tab.model)
    deleted = [tab.session.is_deleted(r) for r in records]
    return (not all(deleted) if deleted else False), any(deleted)
