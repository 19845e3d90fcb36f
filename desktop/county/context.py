"""What the county's desk is checked against: the user's county (设置) and one reference date.

The date is the fixed 摸排基准日 of 设置 when there is one; otherwise the county's own date,
asked once and kept (settings `county/as_of`; 更改基准日… on the page changes it). It is the
fallback of rows and sheets without a 填报日期, and the day ages are counted on in the county's
statistics. Sheets of the county opened in tabs are checked with the same date and county, so
the counts of a sheet and of the board agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QVBoxLayout, QWidget

from desktop.dialog_buttons import ok_cancel
from desktop.loading import CheckOptions
from desktop.settings import COUNTY_AS_OF, AppSettings

ASK_TEXT = ("设置中没有统一的摸排基准日。县级汇总需要一个基准日：表格和行都没有填报日期时，"
            "按它计算年龄和来现居住地的时间；县级统计的年龄也按它计算。")
CHANGE_TEXT = ("县级汇总的摸排基准日：表格和行都没有填报日期时，按它计算年龄和来现居住地的时间；"
               "县级统计的年龄也按它计算。改为新的日期后，收到的所有表格按新的基准日重新检查。")


@dataclass(frozen=True)
class DeskContext:
    county: str | None
    as_of: date
    fixed: bool            # the date is 设置's fixed reference date (changed there)

    @property
    def options(self) -> CheckOptions:
        return CheckOptions(as_of=self.as_of, county=self.county)


def stored_as_of(settings: AppSettings) -> date | None:
    try:
        return date.fromisoformat(settings.get(COUNTY_AS_OF))
    except ValueError:
        return None


def current_context(settings: AppSettings) -> DeskContext | None:
    """The context from the settings, None when the county's date was never given."""
    fixed = settings.fixed_reference_date
    if fixed is not None:
        return DeskContext(settings.county_code, fixed, True)
    when = stored_as_of(settings)
    return DeskContext(settings.county_code, when, False) if when else None


def ask_context(settings: AppSettings, parent: QWidget | None, change: bool = False) -> DeskContext | None:
    """The context, asking for the county's date when there is none (or `change`); None when
    the clerk cancelled."""
    found = current_context(settings)
    if found is not None and not (change and not found.fixed):
        return found
    dialog = AsOfDialog(found.as_of if found else date.today(), parent, changing=found is not None)
    if not dialog.exec():
        return None
    settings.set(COUNTY_AS_OF, dialog.chosen().isoformat())
    return current_context(settings)


class AsOfDialog(QDialog):
    def __init__(self, initial: date, parent: QWidget | None = None, changing: bool = False):
        """changing: 更改基准日… (a date is kept already), not the first time the page opens."""
        super().__init__(parent)
        self.setWindowTitle("更改县级汇总的摸排基准日" if changing else "县级汇总的摸排基准日")
        text = QLabel(CHANGE_TEXT if changing else ASK_TEXT)
        text.setWordWrap(True)
        self.date = QDateEdit(QDate(initial))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.date)
        layout.addWidget(buttons)
        self.resize(460, 180)

    def chosen(self) -> date:
        return self.date.date().toPython()
