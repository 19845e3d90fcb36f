"""The status bar's permanent text for the current sheet: what it is, how many rows the table
shows (显示 120 / 共 300 行 when filtered), deleted rows, and the counts by severity."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab


def status_text(tab: "SheetTab | None") -> str:
    if tab is None:
        return ""
    total, shown = tab.table.n_rows, tab.model.rowCount()
    rows = f"显示 {shown} / 共 {total} 行" if shown != total else f"共 {total} 行"
    deleted = len(tab.session.deleted_rows)
    if deleted:
        rows += f"（已删除 {deleted} 行）"
    f = tab.session.findings
    counts = f"错误 {f.n_errors} 个，警告 {f.n_warnings} 个"
    if f.n_hints:
        counts += f"，提示 {f.n_hints} 个"
    return f"{tab.form.short}：{tab.table.source.name}　{rows}　　{counts}"
