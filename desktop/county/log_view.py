"""决定记录: a sub-view of the county page listing the county log (intake.county.log_view),
newest first - time, decision, the records (township, file, row, name, masked ID number) or
files it concerns, the reason, in force or undone (greyed) - and saving it as .xlsx in a
county job."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.county.exports import XLSX, received_folder
from desktop.county.texts import MUTED_TEXT
from desktop.export_done import show_done
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import save_file_name, save_folder
from intake.county.log_view import COLUMNS, book_name, log_lines, write_log_book

if TYPE_CHECKING:
    from desktop.county.page import CountyPage

TITLE = "决定记录"
SAVE_TITLE = "保存决定记录"


class LogView(QWidget):
    def __init__(self, page: "CountyPage"):
        super().__init__()
        self.page = page
        self.summary = QLabel()
        self.save_button = QPushButton("保存为 Excel(&S)…")
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.save_button)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for c, width in enumerate((130, 250, 0, 220, 200)):
            if width:
                self.table.setColumnWidth(c, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.lines = []

    def refresh(self) -> None:
        desk = self.page.desk
        self.lines = log_lines(desk) if desk is not None else []
        undone = sum(line.undone for line in self.lines)
        self.summary.setText(f"共 {len(self.lines)} 条决定（最新的在前）" + (f"，其中 {undone} 条已撤销（灰色）" if undone else "")
                             + "。身份证号只显示前4位和后4位。" if self.lines else
                             "还没有任何决定。处理重复与冲突、更正乡镇、设为当前版本、标为新旧版本或单独部分、移除文件，以及部门比对的处理决定，都会记在这里。")
        self.table.setRowCount(len(self.lines))
        for r, line in enumerate(self.lines):
            for c, text in enumerate(line.cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if line.undone:
                    item.setForeground(MUTED_TEXT)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.save_button.setEnabled(bool(self.lines))

    def save(self) -> None:
        page = self.page
        if page.desk is None or page.jobs.busy:
            return
        default = save_folder(received_folder(page)) / book_name(page.desk.county)
        path = save_file_name(page, Purpose.LOG, SAVE_TITLE, default, XLSX)
        if not path:
            return
        target, desk = Path(path), page.desk
        protected = [Path(f.path) for f in desk.snapshot.files]
        page.jobs.run(lambda progress, cancelled: write_log_book(desk, target, protected=protected),
                      f"正在{SAVE_TITLE}", lambda _: self._saved(target),
                      lambda message: QMessageBox.warning(page, SAVE_TITLE, message))

    def _saved(self, target: Path) -> None:
        self.page.tell(f"{SAVE_TITLE}完成：{target}")
        self.page.export_done.emit(str(target))
        show_done(self.page.window(), SAVE_TITLE, target)
