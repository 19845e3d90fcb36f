"""Below the board: every version of the selected township's sheet (the current file and the
files it replaced), with what the clerk can do with one: correct its township, make it the
current version again, see what changed against the version before, export its return file,
open it in a tab."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.county.texts import MUTED_TEXT, date_text, form_name, how_text
from desktop.county.parts_actions import part_partner
from intake.county.board import BoardLine
from intake.county.state import SheetMeta, Snapshot

HEADERS = ("文件", "工作表", "版本", "填报日期", "收到时间", "行数", "乡镇怎样确定")
META_ROLE = Qt.ItemDataRole.UserRole


def versions_of(snapshot: Snapshot, line: BoardLine | None) -> list[SheetMeta]:
    """The sheets of the line's township and form, oldest version first."""
    if line is None or not line.sheet_ids:
        return []
    chains = {snapshot.versions.by_sheet[s].chain for s in line.sheet_ids}
    order = {fid: n for c in chains for n, fid in enumerate(snapshot.versions.chains.get(c, []))}
    found = [m for m in snapshot.meta.values() if m.version.chain in chains]
    return sorted(found, key=lambda m: (order.get(m.file.id, 0), m.info.sheet_id))


def version_text(meta: SheetMeta, names: dict[int, str]) -> str:
    if meta.version.current:
        return "当前版本" if meta.version.parts == 1 else f"当前（{meta.version.parts}个部分之一）"
    return f"已被“{names.get(meta.version.superseded_by, '新文件')}”替换"


class FilesPane(QWidget):
    correct_township = Signal(object)      # SheetMeta
    make_current = Signal(object)
    show_diff = Signal(object)
    export_return = Signal(object)
    open_sheet = Signal(object)
    mark_version = Signal(object)
    mark_part = Signal(object)
    remove_file = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel("选中上面一行，这里列出该乡镇这张表的各个版本。")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemDoubleClicked.connect(lambda *_: self._emit(self.open_sheet))
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, signal in (("township", "更正乡镇(&T)…", self.correct_township),
                                  ("current", "设为当前版本(&U)…", self.make_current),
                                  ("diff", "查看与上一版本的变化(&V)…", self.show_diff),
                                  ("return", "导出退回文件(&E)…", self.export_return),
                                  ("open", "打开表格(&O)", self.open_sheet),
                                  ("version", "标为新旧版本(&N)…", self.mark_version),
                                  ("part", "标为单独部分(&P)…", self.mark_part),
                                  ("remove", "移除文件(&D)…", self.remove_file)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=signal: self._emit(s))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.metas: list[SheetMeta] = []
        self._enable()

    def show_versions(self, line: BoardLine | None, metas: list[SheetMeta], names: dict[int, str]) -> None:
        selected = self.selected()
        self.metas = metas
        if line is None:
            self.title.setText("选中上面一行，这里列出该乡镇这张表的各个版本。")
        elif not metas:
            self.title.setText(f"{line.township or '未识别乡镇'}还没有报送{form_name(line.form)}登记表。")
        else:
            parts = len(line.sheet_ids)
            self.title.setText(f"{line.township or '未识别乡镇'}{form_name(line.form)}登记表的各个文件（旧的在前）"
                               + (f"，分{parts}个部分报送，都计入汇总：" if parts > 1 else "："))
        self.table.setRowCount(len(metas))
        for r, m in enumerate(metas):
            cells = (m.file.name, m.info.sheet, version_text(m, names),
                     date_text(m.version.fill_date) if m.version.fill_date else "—",
                     m.file.received_at[:16].replace("T", " "), str(m.info.n_rows), how_text(m.township.how))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(META_ROLE, m)
                if not m.version.current:
                    item.setForeground(MUTED_TEXT)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        keep = next((r for r, m in enumerate(metas) if selected and m.info.sheet_id == selected.info.sheet_id), None)
        current = next((r for r, m in enumerate(metas) if m.version.current), 0)
        if metas:
            self.table.selectRow(keep if keep is not None else current)
        self._enable()

    def selected(self) -> SheetMeta | None:
        rows = self.table.selectionModel().selectedRows()
        return self.metas[rows[0].row()] if rows and rows[0].row() < len(self.metas) else None

    def _emit(self, signal) -> None:
        meta = self.selected()
        if meta is not None:
            signal.emit(meta)

    def _enable(self) -> None:
        meta = self.selected()
        for key, button in self.buttons.items():
            button.setEnabled(meta is not None)
        self.buttons["current"].setEnabled(meta is not None and not meta.version.current)
        self.buttons["diff"].setEnabled(meta is not None and any(m.version.replaced_by == meta.file.id
                                                                 for m in self.metas))
        self.buttons["version"].setEnabled(meta is not None and len(self.metas) > 1)
        self.buttons["part"].setEnabled(meta is not None and part_partner(meta, self.metas) is not None)

    def _menu(self, pos) -> None:
        if self.table.itemAt(pos) is None or self.selected() is None:
            return
        menu = QMenu(self)
        for button in self.buttons.values():
            if button.isEnabled():
                menu.addAction(button.text(), button.click)
        menu.popup(self.table.viewport().mapToGlobal(pos))
