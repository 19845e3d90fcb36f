"""更改基准日… asks for the new date with its own words, not the first-time question that says
设置 has no date (the county page on a real window)."""
from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from desktop.settings import REFERENCE_SHEET, AppSettings
from countykit import COUNTY
from desktop.county import county_page


def test_changing_the_county_date_does_not_ask_as_if_there_were_none(qtbot, tmp_path, monkeypatch):
    from desktop.app import create_application
    from desktop.county.context import ASK_TEXT, CHANGE_TEXT, AsOfDialog
    from desktop.main_window import MainWindow
    from intake.workspace import Workspace
    create_application()
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.county_code = COUNTY
    settings.set_reference(REFERENCE_SHEET, None)                 # no fixed date: the county asks
    window = MainWindow(settings, Workspace(tmp_path / "ws.sqlite"))
    qtbot.addWidget(window)
    window.show()
    shown = []

    def answer(dialog, day):
        shown.append((dialog.windowTitle(), dialog.findChild(QLabel).text()))
        dialog.date.setDate(day)
        return True
    monkeypatch.setattr(AsOfDialog, "exec", lambda self: answer(self, date(2025, 9, 30)))
    window.actions.county.trigger()
    page = county_page(window)
    qtbot.waitUntil(lambda: page.desk is not None and not page.jobs.busy, timeout=60000)
    monkeypatch.setattr(AsOfDialog, "exec", lambda self: answer(self, date(2025, 12, 31)))
    page.header.date_button.click()
    qtbot.waitUntil(lambda: page.desk is not None and not page.jobs.busy, timeout=60000)
    assert shown[0] == ("县级汇总的摸排基准日", ASK_TEXT)
    assert shown[1] == ("更改县级汇总的摸排基准日", CHANGE_TEXT) and "设置中没有" not in CHANGE_TEXT
    assert page.desk.as_of == date(2025, 12, 31) and "2025年12月31日" in page.header.where.text()
    window.close()
    window.workspace.close()
