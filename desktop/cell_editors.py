"""Editors for option cells: a dropdown of the form's options (choice), checkable items
(multi-choice, joined with “、”). A value that is not one of the options is kept as an extra
item, so opening the editor never loses what the village wrote."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from validators.form import Field

SEPARATOR = "、"


class ChoiceEditor(QComboBox):
    """One option; typing filters the list (民族 has 58), Enter takes the typed text."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(list(field.options))
        self.setMaxVisibleItems(15)
        completer = QCompleter(list(field.options), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def set_value(self, value: str | None) -> None:
        text = value or ""
        if text and self.findText(text, Qt.MatchFlag.MatchExactly) < 0:
            self.insertItem(0, text)              # the cell's own text, kept
        self.setCurrentIndex(self.findText(text, Qt.MatchFlag.MatchExactly))
        self.setEditText(text)

    def value(self) -> str:
        return self.currentText().strip()


class MultiChoiceEditor(QComboBox):
    """Several options, each a checkable item; the popup stays open while items are ticked.
    Exclusive options (无, 健康) untick the others and are unticked by them."""

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setEditable(True)
        self.lineEdit().setReadOnly(True)
        self.setMaxVisibleItems(15)
        for option in field.options:
            self._add(option)
        self.view().viewport().installEventFilter(self)
        self.items.itemChanged.connect(self._changed)
        self._updating = False

    def _add(self, text: str, checked: bool = False) -> QStandardItem:
        item = QStandardItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.items.appendRow(item)
        return item

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            index = self.view().indexAt(event.position().toPoint())
            item = self.items.itemFromIndex(index)
            if item is not None:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return True                           # keep the popup open
        return super().eventFilter(watched, event)

    def _changed(self, item: QStandardItem) -> None:
        if self._updating:
            return
        self._updating = True
        if item.checkState() == Qt.CheckState.Checked:
            exclusive = item.text() in self.field.exclusive
            for other in self.checked_items():
                if other is not item and (exclusive or other.text() in self.field.exclusive):
                    other.setCheckState(Qt.CheckState.Unchecked)
        self._updating = False
        self._show_value()

    def _show_value(self) -> None:
        self.lineEdit().setText(self.value())
        self.lineEdit().setCursorPosition(0)       # the start of a long combination in view

    def checked_items(self) -> list[QStandardItem]:
        return [self.items.item(r) for r in range(self.items.rowCount())
                if self.items.item(r).checkState() == Qt.CheckState.Checked]

    def set_value(self, value: str | None) -> None:
        parts = [p.strip() for p in (value or "").replace("，", SEPARATOR).split(SEPARATOR) if p.strip()]
        self._updating = True
        for r in range(self.items.rowCount()):
            item = self.items.item(r)
            item.setCheckState(Qt.CheckState.Checked if item.text() in parts else Qt.CheckState.Unchecked)
        known = {self.items.item(r).text() for r in range(self.items.rowCount())}
        for part in parts:
            if part not in known:
                self._add(part, checked=True)     # 其他（看护）, 多重残疾（…）: kept as written
        self._updating = False
        self._show_value()

    def value(self) -> str:
        return SEPARATOR.join(item.text() for item in self.checked_items())

    def hidePopup(self) -> None:
        super().hidePopup()
        self._show_value()                        # the combo box would show the clicked item


def _wide_popup(box: QComboBox) -> QComboBox:
    """The list as wide as its longest option (a narrow column would cut 事实无人抚养儿童…)."""
    view = box.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 16)
    return box


def editor_for(field: Field | None, parent: QWidget) -> QComboBox | None:
    """The editor of an option cell; None for other cells (a plain line edit)."""
    if field is None or not field.options:
        return None
    if field.type == "multi":
        return _wide_popup(MultiChoiceEditor(field, parent))
    if field.type == "choice":
        return _wide_popup(ChoiceEditor(field, parent))
    return None
