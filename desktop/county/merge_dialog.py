"""合并记录: one record made of a base record with, field by field, the value of another record of
the group (desk.merge(group, base, {field: record})). Only the fields whose values differ are
offered; the others are the same in every record. ID numbers are shown in full, as in the
side-by-side view (the clerk is choosing between them)."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog, QFormLayout, QHeaderView,
                               QLabel, QLineEdit, QRadioButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.county.texts import CHOSEN_BRUSH, INFO_STYLE, masked_value, short_where
from desktop.dialog_buttons import ok_cancel
from intake.county.model import Group, Occurrence, Ref
from intake.forms import load_form

INTRO = ("以“基础记录”为准，逐项选择要采用哪条记录的值（下表只列出各记录不同的项目，其余项目各记录相同）。"
         "合并后只上报这一条记录，其余记录不再计入。")


class MergeDialog(QDialog):
    def __init__(self, group: Group, records: list[tuple[Occurrence, dict]], base: int = 0,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("合并记录")
        self.records = records
        form = load_form(records[0][0].form)
        self.fields = [k for k in (group.differs or ()) if any(k in v for _o, v in records)]
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setStyleSheet(INFO_STYLE)
        self.base = QComboBox()
        self.base.addItems([f"记录{n + 1}：{short_where(o)}" for n, (o, _v) in enumerate(records)])
        self.base.setCurrentIndex(base)
        self.base.currentIndexChanged.connect(self.reset_choices)
        self.table = QTableWidget(len(self.fields), len(records) + 1)
        self.table.setHorizontalHeaderLabels([f"记录{n + 1}\n{short_where(o)}" for n, (o, _v) in enumerate(records)]
                                             + ["合并后"])
        self.table.setVerticalHeaderLabels([form.field(k).label if form.has(k) else k for k in self.fields])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.choices: list[QButtonGroup] = []
        for row, key in enumerate(self.fields):
            buttons = QButtonGroup(self)
            for col, (o, values) in enumerate(records):
                if key not in values:
                    self.table.setItem(row, col, QTableWidgetItem("（此表无此项）"))
                    continue
                radio = QRadioButton(values.get(key) or "（空）")
                radio.setToolTip(masked_value(o.form, key, values.get(key)) or "（空）")
                buttons.addButton(radio, col)
                self.table.setCellWidget(row, col, radio)
            result = QTableWidgetItem()
            result.setBackground(CHOSEN_BRUSH)
            self.table.setItem(row, len(records), result)
            buttons.idToggled.connect(lambda _id, on, r=row: on and self._show_result(r))
            self.choices.append(buttons)
        self.table.resizeRowsToContents()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("理由（记入处理记录，可不填）")
        form_layout = QFormLayout()
        form_layout.addRow("基础记录(&B)：", self.base)
        form_layout.addRow("理由(&R)：", self.reason)
        buttons = ok_cancel(self, "合并")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form_layout)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reset_choices()
        self.resize(min(420 + 260 * len(records), 1300), min(260 + 34 * len(self.fields), 640))

    def reset_choices(self, *_args) -> None:
        base = self.base.currentIndex()
        for buttons in self.choices:
            button = buttons.button(base) or (buttons.buttons() or [None])[0]
            if button is not None:
                button.setChecked(True)

    def _show_result(self, row: int) -> None:
        chosen = self.choices[row].checkedId()
        value = self.records[chosen][1].get(self.fields[row]) if chosen >= 0 else None
        self.table.item(row, len(self.records)).setText(value or "（空）")

    def choose(self, key: str, record: int) -> None:
        button = self.choices[self.fields.index(key)].button(record)
        if button is not None:
            button.setChecked(True)

    def chosen(self) -> tuple[Ref, dict[str, Ref], str]:
        """(the base record, field -> the record its value is taken from, the reason)."""
        base = self.base.currentIndex()
        take = {key: self.records[b.checkedId()][0].ref for key, b in zip(self.fields, self.choices)
                if b.checkedId() not in (-1, base)}
        return self.records[base][0].ref, take, self.reason.text().strip()
