"""The conflict queue as a list: one line per group (kind, form, where its records are:
township and Excel row, status). Records are named by township and Excel row only: never an ID or a name, so the
list reads nothing but the desk's groups."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.county.list_model import ListTableModel
from desktop.county.texts import DIFFERS_BRUSH, MUTED_TEXT, STATUS_ZH, form_name, short_where, where
from intake.county.model import KIND_ZH, OPEN, Group

COLUMNS = ("类型", "表格", "记录", "状态")
GROUP_ROLE = Qt.ItemDataRole.UserRole


def status_text(g: Group) -> str:
    if g.status == OPEN and g.stale is not None:
        return "待处理（记录有变化，原处理待确认）"
    return STATUS_ZH[g.status]


class QueueModel(ListTableModel):
    COLUMNS = COLUMNS

    @property
    def groups(self) -> list[Group]:
        return self.items

    def set_groups(self, groups: list[Group]) -> None:
        self.set_items(groups)

    def row_of(self, key: str | None) -> int | None:
        return next((n for n, g in enumerate(self.items) if g.key == key), None)

    def group_at(self, row: int) -> Group | None:
        return self.item_at(row)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        g = self.group_at(index.row())
        if g is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (KIND_ZH[g.kind], form_name(g.form), "；".join(short_where(o) for o in g.occurrences),
                    status_text(g))[column]
        if role == Qt.ItemDataRole.ToolTipRole:     # the status column is often cut at 1366×768
            return status_text(g) if column == 3 else "\n".join(where(o) for o in g.occurrences)
        if role == GROUP_ROLE:
            return g
        if role == Qt.ItemDataRole.ForegroundRole and g.status != OPEN:
            return MUTED_TEXT
        if role == Qt.ItemDataRole.BackgroundRole and column == 3 and g.status == OPEN and g.stale is not None:
            return DIFFERS_BRUSH
        return None
