"""What became of the files just added (desk.add_paths): added (with its township, and whether it
replaced an earlier version of the township's sheet or is itself older than one received
before), skipped because the same content was received before, or unreadable with its one-line
message; also the list of every file the county could not read. A non-blocking dialog: the
board is already up to date behind it."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHeaderView, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.county.texts import MISSING_TEXT, NOTE_STYLE
from desktop.dialog_buttons import close_only
from intake.county.receive import ADDED, SAME, UNREADABLE, Received
from intake.county.state import Snapshot
from intake.county.store import FileRow
from intake.county.township import Township

STATUS_WORDS = {ADDED: "已收到", SAME: "内容相同，已跳过", UNREADABLE: "无法读取"}


def summary(received: list[Received]) -> str:
    n = {s: sum(r.status == s for r in received) for s in STATUS_WORDS}
    if not received:
        return "所选位置中没有找到登记表文件（.xlsx、.xls、.et、.csv）。"
    text = f"共 {len(received)} 个文件：新收到 {n[ADDED]} 个"
    if n[SAME]:
        text += f"，与已收到的文件内容相同而跳过 {n[SAME]} 个"
    if n[UNREADABLE]:
        text += f"，无法读取 {n[UNREADABLE]} 个（原因见下，请让乡镇重新发送）"
    return text + "。"


class ReceivedDialog(QDialog):
    def __init__(self, title: str, text: str, rows: list[tuple[str, str, str]], parent: QWidget | None = None):
        """rows: (file name, result, note)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.label = label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(NOTE_STYLE if any(r[1] == STATUS_WORDS[UNREADABLE] for r in rows) else "")
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["文件", "结果", "说明"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for r, (name, result, note) in enumerate(rows):
            for c, text in enumerate((name, result, note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 1 and result == STATUS_WORDS[UNREADABLE]:
                    item.setForeground(MISSING_TEXT)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())     # long reasons wrap
        buttons = close_only(self)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 440)
        self.table.resizeRowsToContents()


def town_words(town: Township | None) -> str:
    """How the result names a received file's township: another county's says so (it is listed
    after the county's townships on the board and held out of the upload)."""
    if town is None or not town.name:
        return "未识别乡镇"
    return town.name if town.listed else f"{town.name}（不是本县的乡镇）"


def _day(f: FileRow) -> str:
    """12月1日: the day the file was received."""
    day = f.received_at[:10]
    return f"{int(day[5:7])}月{int(day[8:10])}日" if len(day) == 10 else day


def version_words(file_id: int, snapshot: Snapshot) -> str:
    """A file added that replaced an earlier version of its township's sheet says so; one older
    than a version received before says it is kept as the older one (not counted)."""
    files = {f.id: f for f in snapshot.files}
    mine = [v for v in snapshot.versions.by_sheet.values() if v.file_id == file_id]
    older = sorted({v.file_id for v in snapshot.versions.by_sheet.values() if v.replaced_by == file_id} & files.keys())
    words = [f"替换了{'、'.join(f'{_day(files[f])}收到的版本“{files[f].name}”' for f in older)}"] if older else []
    newer = sorted({v.superseded_by for v in mine if not v.current and v.superseded_by in files})
    if newer:
        words.append(f"已有较新的版本{'、'.join(f'“{files[f].name}”（{_day(files[f])}收到）' for f in newer)}，"
                     "本文件作为旧版本保留，不计入汇总")
    return "；".join(words)


def added_words(r: Received, snapshot: Snapshot) -> str:
    """马鞍镇，1 张表，替换了12月1日收到的版本“马鞍镇流动儿童.xlsx”."""
    versions = version_words(r.file_id, snapshot) if r.file_id is not None else ""
    return "，".join(x for x in (town_words(snapshot.towns.get(r.file_id or -1)), f"{len(r.sheet_ids)} 张表", versions) if x)


def received_dialog(received: list[Received], snapshot: Snapshot, parent: QWidget | None) -> ReceivedDialog:
    """snapshot: the desk's state after the files were added (their townships and versions)."""
    rows = []
    for r in received:
        note = added_words(r, snapshot) if r.status == ADDED else r.message
        rows.append((r.path.name, STATUS_WORDS[r.status], note))
    dialog = ReceivedDialog("添加文件的结果", summary(received), rows, parent)
    dialog.open()
    return dialog


def unreadable_dialog(files: list[FileRow], parent: QWidget | None) -> ReceivedDialog:
    rows = [(f.name, STATUS_WORDS[UNREADABLE], f.message or "") for f in files]
    dialog = ReceivedDialog("无法读取的文件", f"以下 {len(rows)} 个文件收到了但无法读取，没有计入汇总。"
                            "请让乡镇重新导出后再发送。", rows, parent)
    dialog.open()
    return dialog
