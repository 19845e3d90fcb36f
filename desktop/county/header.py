"""The top of the county page: which county and reference date the desk works with, what it
holds, and its actions (添加文件夹… / 添加文件… / 导出县级上报文件… / 导出全部退回文件…). Files and folders can also be
dropped anywhere on the page."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from desktop.county.context import DeskContext
from desktop.county.texts import county_text, date_text
from intake.county.model import OPEN

HINT = "把乡镇发来的文件或整个文件夹拖到这里，或点“添加文件夹…”。同一文件再次收到会自动跳过。"


class CountyHeader(QWidget):
    add_folder = Signal()
    add_files = Signal()
    export_upload = Signal()
    export_returns = Signal()
    change_date = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.state = QLabel(HINT)
        self.state.setWordWrap(True)
        style = self.style()
        self.date_button = QPushButton("更改基准日…")
        self.date_button.setToolTip("县级汇总的摸排基准日（设置中没有统一的基准日时使用）")
        self.folder_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon), "添加文件夹(&A)…")
        self.folder_button.setToolTip("收下一个文件夹（含子文件夹）中的所有登记表")
        self.files_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon), "添加文件(&F)…")
        self.upload_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
                                         "导出县级上报文件(&U)…")
        self.upload_button.setToolTip("全县合并后的上报文件：每名儿童一行，没有错误且已处理重复；附“来源”页")
        self.returns_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
                                          "导出全部退回文件(&G)…")
        self.returns_button.setToolTip("为每个有错误、警告或退回记录的乡镇文件各导出一个退回文件，"
                                       "放到选定的文件夹里，并附一份退回文件清单")
        self.date_button.clicked.connect(self.change_date)
        self.folder_button.clicked.connect(self.add_folder)
        self.files_button.clicked.connect(self.add_files)
        self.upload_button.clicked.connect(self.export_upload)
        self.returns_button.clicked.connect(self.export_returns)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.where)
        text.addWidget(self.state)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 2)
        row.addLayout(text, 1)
        for button in self.actions:
            row.addWidget(button)

    @property
    def actions(self) -> list[QPushButton]:
        return [self.date_button, self.folder_button, self.files_button, self.upload_button, self.returns_button]

    def show_context(self, ctx: DeskContext, county: str | None, inferred: bool) -> None:
        when = date_text(ctx.as_of) + ("（设置中统一的基准日）" if ctx.fixed else "")
        self.where.setText(f"<b>县级汇总</b>　本县：{county_text(county, inferred)}　摸排基准日：{when}")
        self.date_button.setVisible(not ctx.fixed)

    def show_state(self, desk) -> None:
        files = [f for f in desk.snapshot.files if f.message is None]
        if not desk.snapshot.files:
            self.state.setText(HINT)
            return
        open_groups = len(desk.groups(status=OPEN))
        self.state.setText(f"已收到 {len(files)} 个文件；待处理的重复与冲突 {open_groups} 组。"
                           "可继续拖入新文件或更正后的文件。")

    def show_busy(self, text: str) -> None:
        self.state.setText(text)
