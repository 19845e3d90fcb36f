"""How a sheet's cells are drawn and edited beyond what the model says:

- a hint (Severity.HINT: understood, only written differently) is a small grey-blue corner
  mark (desktop.hint_mark), never a colour: the cell needs no checking (red = error, amber = warning come from the
  model's BackgroundRole);
- a deleted row is grey and struck through;
- option cells edit with a dropdown (desktop.cell_editors).

One delegate per view (Qt's rule): the frozen columns' view gets its own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.cell_editors import ChoiceEditor, MultiChoiceEditor, editor_for
from desktop.hint_mark import draw_corner_mark, only_hints

if TYPE_CHECKING:
    from desktop.sheet_tab import SheetTab

DELETED_TEXT = QColor("#9a9a9a")
DELETED_BACKGROUND = QBrush(QColor("#ececec"))
MARK_SIZE = 7


class CellDelegate(QStyledItemDelegate):
    def __init__(self, tab: "SheetTab", parent=None):
        super().__init__(parent)
        self.tab = tab

    def _where(self, index: QModelIndex) -> tuple[int, str | None]:
        model = self.tab.model
        return model.record_at(index.row()), model.field_at(index.column())

    # --- drawing ---------------------------------------------------------------------------------
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        record, _key = self._where(index)
        if self.tab.session.is_deleted(record):
            option.font.setStrikeOut(True)
            option.palette.setColor(option.palette.ColorRole.Text, DELETED_TEXT)
            option.backgroundBrush = DELETED_BACKGROUND

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        record, key = self._where(index)
        if key is not None and only_hints(self.tab.session.findings.for_cell(record, key)):
            draw_corner_mark(painter, option.rect.right() + 1, option.rect.top(), MARK_SIZE)

    # --- editing ---------------------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        _record, key = self._where(index)
        form = self.tab.form
        editor = editor_for(form.field(key) if key and form.has(key) else None, parent)
        return editor if editor is not None else super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, (ChoiceEditor, MultiChoiceEditor)):
            editor.set_value(index.data(Qt.ItemDataRole.EditRole))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, (ChoiceEditor, MultiChoiceEditor)):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


