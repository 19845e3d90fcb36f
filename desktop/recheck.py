"""After 设置 → 确定: check the open sheets again under the new county and reference date, in
place — same tabs, same current tab, same undo history — in a worker with progress and 取消.
The sheets cannot be edited meanwhile (the check reads their cells); a cancelled check keeps
the old findings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from intake import opening

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


def recheck_open_sheets(window: "MainWindow"):
    tabs = window.sheet_tabs()
    if not tabs:
        return None
    plans = []
    for tab in tabs:             # a sheet of the county's desk: the county's date and county
        options = (tab.check_options or window.check_options)()
        plans.append((tab.session, options.as_of,
                      opening.sheet_county(window.workspace, tab.session.sheet_id, options.county)))

    def job(progress, cancelled):
        validators = []
        for n, (session, as_of, county) in enumerate(plans):
            def part(done: int, total: int, n: int = n) -> None:
                progress(n * 1000 + done * 1000 // max(total, 1), 1000 * len(plans))
            validators.append(session.rechecked(as_of=as_of, county=county,
                                                progress=part, cancelled=cancelled))
        return validators

    def done(validators) -> None:
        still_open = window.sheet_tabs()
        for tab, validator in zip(tabs, validators):
            if tab in still_open:                     # closed meanwhile: nothing to repaint
                tab.use_validator(validator)
        window.statusBar().showMessage(f"已按新的设置重新检查 {len(tabs)} 张表格", 8000)
        window.sheets_rechecked.emit(tabs)

    for tab in tabs:
        tab.setEnabled(False)
    work = window.opener.start(job, "正在按新的设置重新检查")
    work.finished.connect(done)
    work.cancelled.connect(lambda: window.statusBar().showMessage("已取消重新检查，表格仍按原来的设置显示", 8000))
    work.failed.connect(window.open_failed)
    work.ended.connect(lambda: [tab.setEnabled(True) for tab in window.sheet_tabs()])
    return work
