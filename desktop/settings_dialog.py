"""The settings dialog: the user's county and the reference date (摸排基准日) rule."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QButtonGroup, QDateEdit, QDialog, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QRadioButton, QVBoxLayout)

from desktop.county_dialog import CountyDialog
from desktop.dialog_buttons import ok_cancel
from desktop.settings import REFERENCE_FIXED, REFERENCE_SHEET, AppSettings
from validators import divisions

REFERENCE_EXPLANATION = (
    "年龄（是否未满16周岁）、来现居住地是否满6个月等，都按“摸排基准日”计算。"
    "默认以每一行的“填报日期”为基准日；该行没有填报日期时，用表头上方的填报日期；"
    "都没有时用今天。如果全县统一规定了一个基准日，可以在这里设定，所有表格都按它计算。")


def county_label(code: str | None) -> str:
    if not code:
        return "未设置（不检查是否属于本县）"
    county = divisions.get(code)
    if county is None:
        return f"{code}（代码不在区划表中）"
    parts = [county.name]
    parent = divisions.get(county.parent)
    while parent is not None:
        parts.insert(0, parent.name)
        parent = divisions.get(parent.parent)
    return f"{''.join(parts)}（{code}）"


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("设置")
        self.resize(560, 420)
        self.county_code = settings.county_code
        self.county_text = QLabel(county_label(self.county_code))
        self.county_text.setWordWrap(True)
        choose = QPushButton("选择…")
        choose.clicked.connect(self.choose_county)
        county_box = QGroupBox("本县（区）")
        county_row = QHBoxLayout(county_box)
        county_row.addWidget(self.county_text, 1)
        county_row.addWidget(choose)

        explanation = QLabel(REFERENCE_EXPLANATION)
        explanation.setWordWrap(True)
        self.use_sheet = QRadioButton("使用每张表的填报日期（推荐）")
        self.use_fixed = QRadioButton("统一使用这个日期：")
        self.group = QButtonGroup(self)
        self.group.addButton(self.use_sheet)
        self.group.addButton(self.use_fixed)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        fixed = settings.fixed_reference_date
        (self.use_fixed if fixed else self.use_sheet).setChecked(True)
        self.date.setDate(QDate(fixed) if fixed else QDate.currentDate())
        self.date.setEnabled(fixed is not None)
        self.use_fixed.toggled.connect(self.date.setEnabled)
        date_box = QGroupBox("摸排基准日")
        date_layout = QVBoxLayout(date_box)
        date_layout.addWidget(explanation)
        date_layout.addWidget(self.use_sheet)
        fixed_row = QHBoxLayout()
        fixed_row.addWidget(self.use_fixed)
        fixed_row.addWidget(self.date)
        fixed_row.addStretch(1)
        date_layout.addLayout(fixed_row)

        note = QLabel("更改后，已打开的表格会按新的设置重新检查。")
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(county_box)
        layout.addWidget(date_box)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def choose_county(self) -> None:
        dialog = CountyDialog(self.county_code, parent=self)
        if dialog.exec() and dialog.selected_code():
            self.county_code = dialog.selected_code()
            self.county_text.setText(county_label(self.county_code))

    def reference_date(self) -> date | None:
        return self.date.date().toPython() if self.use_fixed.isChecked() else None

    def save(self) -> bool:
        """Store the choices; True when something that affects validation changed."""
        old = (self.settings.county_code, self.settings.fixed_reference_date)
        self.settings.county_code = self.county_code
        when = self.reference_date()
        self.settings.set_reference(REFERENCE_FIXED if when else REFERENCE_SHEET, when)
        return old != (self.settings.county_code, self.settings.fixed_reference_date)
