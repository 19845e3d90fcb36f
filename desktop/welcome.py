"""The page shown when no sheet is open: what the tool does, open buttons, recent files."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

INTRO = ("把村（社区）报来的流动儿童、留守儿童登记表拖到这里，或点“打开登记表”。"
         "摸排助手会逐格检查：身份证号、日期、地址、选项和前后矛盾，出错的格子标红、需要核实的标黄。"
         "在表格里直接改正，每一次修改都会立即保存，原始文件不会被改动。")


class WelcomePage(QWidget):
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("摸排助手")
        title.setStyleSheet("font-size: 26px; font-weight: bold;")
        subtitle = QLabel("流动儿童、留守儿童登记表检查与修正（民发〔2024〕17号）")
        subtitle.setStyleSheet("font-size: 15px; color: #3c4a5c;")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.open_button = QPushButton("打开登记表…")
        self.sample_button = QPushButton("打开示例表格")
        for button in (self.open_button, self.sample_button):
            button.setMinimumHeight(36)
            button.setMinimumWidth(160)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.recent = QListWidget()
        self.recent.setMaximumHeight(220)
        self.recent.itemActivated.connect(self._recent_activated)
        self.recent.itemClicked.connect(self._recent_activated)
        self.recent_label = QLabel("最近打开的文件：")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(12)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(720)
        outer.addWidget(holder, 4)
        outer.addStretch(1)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}    —    {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.recent_label.setVisible(bool(paths))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))
