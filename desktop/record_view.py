"""The record view: one row laid out like the paper form (child, parents, other guardian or
entrusted carer, family life), section by section from each field's `group` in the template, with
the findings of every field under it, so the clerk can check a row against the paper."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout,
                               QWidget)

from intake.table import SheetTable
from validators.finding_set import FindingSet
from intake.severity_words import word
from validators.findings import Finding, Severity
from validators.form import FormTemplate

PAIR_WIDTH = 380   # pixels one label/value pair needs; the view shows as many per line as fit
ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"
HINT_STYLE = "color: #5b7fa6;"
VALUE_STYLE = ("QLabel { background: #ffffff; border: 1px solid #c4c9d0; padding: 2px 4px; }")
DELETED_STYLE = ("QLabel { background: #eceff1; color: #37474f; border: 1px solid #90a4ae; padding: 6px 8px; }")
DELETED_TEXT = ("这一行已删除：不再检查，也不会导出到上报文件（退回文件中会列出）。"
                "要恢复，请在表格中右键点这一行，选“恢复行”（Ctrl+Shift+=），或撤销删除。")
VALUE_BAD_STYLE = ("QLabel { background: #fbe0e0; border: 1px solid #d46a6a; padding: 2px 4px; }")


def finding_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        mark = word(f)
        fix = f"（建议改为：{f.suggestion}）" if f.suggestion and f.suggestion not in f.message else ""
        lines.append(f"{mark}：{f.message}{fix}")
    return "\n".join(lines)


def note_style(findings: list[Finding]) -> str:
    if any(f.is_error for f in findings):
        return ERROR_STYLE
    if any(f.severity is Severity.WARNING for f in findings):
        return WARNING_STYLE
    return HINT_STYLE


class _FieldCell:
    def __init__(self, label: str):
        self.label = QLabel(label + "：")
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.label.setWordWrap(True)
        self.label.setMaximumWidth(170)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("来现居住地日期：") + 4)
        self.value = QLabel()
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setWordWrap(True)
        self.value.setMinimumWidth(110)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()

    def show(self, value: str | None, findings: list[Finding]) -> None:
        self.value.setText(value or "")
        bad = any(f.is_error for f in findings)
        _set_style(self.value, VALUE_BAD_STYLE if bad else VALUE_STYLE)
        self.note.setText(finding_text(findings))
        _set_style(self.note, note_style(findings))
        self.note.setVisible(bool(findings))


def _set_style(widget: QLabel, style: str) -> None:
    """setStyleSheet re-polishes the widget even when nothing changes: skip that."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


class RecordView(QScrollArea):
    def __init__(self, form: FormTemplate, table: SheetTable, parent=None):
        super().__init__(parent)
        self.form = form
        self.table = table
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.deleted_note = QLabel(DELETED_TEXT)
        self.deleted_note.setWordWrap(True)
        self.deleted_note.setStyleSheet(DELETED_STYLE)
        self.deleted_note.hide()
        self.row_notes = QLabel()
        self.row_notes.setWordWrap(True)
        self.row_notes.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.deleted_note)
        layout.addWidget(self.row_notes)
        self.cells: dict[str, _FieldCell] = {}
        self._grids: list[tuple[QGridLayout, list[str]]] = []
        self._columns = 0
        for group, keys in self._groups():
            layout.addWidget(self._group_box(group, keys))
        layout.addStretch(1)
        self.setWidget(body)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title.setText("请在表格中选择一行")
        self._arrange(1)

    def _groups(self) -> list[tuple[str, list[str]]]:
        """Sections in form order, only with fields the sheet has."""
        present = set(self.table.data.values)
        groups: dict[str, list[str]] = {}
        for f in self.form.fields:
            if f.key in present and f.key != "seq":
                groups.setdefault(f.group or "其他", []).append(f.key)
        return list(groups.items())

    def _group_box(self, title: str, keys: list[str]) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(8)
        for key in keys:
            self.cells[key] = _FieldCell(self.form.field(key).label)
        self._grids.append((grid, keys))
        return box

    def _arrange(self, columns: int) -> None:
        """Lay the fields out `columns` label/value pairs a line, like the paper form when wide."""
        if columns == self._columns:
            return
        self._columns = columns
        for grid, keys in self._grids:
            for n, key in enumerate(keys):
                cell = self.cells[key]
                line, col = divmod(n, columns)
                grid.addWidget(cell.label, line * 2, col * 2)
                grid.addWidget(cell.value, line * 2, col * 2 + 1)
                grid.addWidget(cell.note, line * 2 + 1, col * 2 + 1)
            for col in range(max(grid.columnCount() // 2, columns)):
                grid.setColumnStretch(col * 2 + 1, 1 if col < columns else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(max(1, min(3, self.viewport().width() // PAIR_WIDTH)))

    def show_record(self, index: int | None, findings: FindingSet, deleted: bool = False) -> None:
        """deleted: the row is deleted (excluded): said at the top, with how to restore it."""
        if index is None or index >= self.table.n_rows:
            self.title.setText("请在表格中选择一行")
            for cell in self.cells.values():
                cell.show(None, [])
            self.row_notes.hide()
            self.deleted_note.hide()
            return
        name = self.table.data.get("name", index) or "（未填姓名）"
        self.title.setText(f"第 {self.table.row_numbers[index]} 行：{name}" + ("（已删除）" if deleted else ""))
        self.deleted_note.setVisible(deleted)
        row_findings = findings.for_row(index)
        for key, cell in self.cells.items():
            cell.show(self.table.data.get(key, index), [f for f in row_findings if f.field == key])
        whole_row = [f for f in row_findings if f.field is None or f.field not in self.cells]
        self.row_notes.setText(finding_text(whole_row))
        self.row_notes.setStyleSheet(note_style(whole_row))
        self.row_notes.setVisible(bool(whole_row))
