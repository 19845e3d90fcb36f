"""Desktop app speed on a 100,000-row 流动 sheet (offscreen).

1. Time from `MainWindow.open_files` to the table shown with every finding (read + validate +
   store in the workspace + the first paint), with the event loop's largest gap while loading
   (how long the window could not react).
2. Time to re-validate one edited row through the window: the cell's setData -> undo command ->
   SheetSession.apply (workspace write, re-validation of the row and rows sharing its ID) ->
   repaint of the affected rows and the findings panel. Target: under 50 ms.

Run by hand (not a test):  python benchmarks/gui.py [rows]
The workbook is generated once (xlsxwriter, records from benchmarks/revalidate.py) into the temp
folder and reused.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def generate(path: Path, rows: int, dirty: bool = True) -> None:
    import xlsxwriter

    from intake.forms import load_form
    from revalidate import build

    data = build(rows, dirty=dirty)
    labels = {f.key: f.label for f in load_form("liudong").fields}
    keys = list(data.values)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "流动儿童信息登记表")
    sheet.write_string(1, 0, "填报单位：某某街道")
    sheet.write_string(1, 3, "填报日期：2025年12月31日")
    for c, k in enumerate(keys):
        sheet.write_string(2, c, labels[k])
    for r in range(rows):
        for c, k in enumerate(keys):
            value = data.values[k][r]
            if value is not None:
                sheet.write_string(r + 3, c, value)
    book.close()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = Path(tempfile.gettempdir()) / f"mopai_gui_bench_{rows}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, rows)
        print(f"generated {path.name} in {time.perf_counter() - t0:.0f} s")
    scratch = Path(tempfile.mkdtemp(prefix="mopai-gui-bench-"))
    os.environ["MOPAI_DATA_DIR"] = str(scratch)

    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from desktop.app import create_application
    from desktop.main_window import MainWindow
    from desktop.settings import AppSettings
    from intake.workspace import Workspace

    app = create_application()
    window = MainWindow(AppSettings(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat)),
                        Workspace(scratch / "ws.sqlite"))
    window.resize(1440, 900)
    window.show()
    app.processEvents()

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    opened: list = []
    window.sheets_opened.connect(lambda tabs: (opened.extend(tabs), loop.quit()))
    window.open_failed.connect(lambda message: (print(message), loop.quit()))
    t0 = time.perf_counter()
    timer.start()
    window.open_files([str(path)], remember=False)
    loop.exec()
    timer.stop()
    if not opened:
        return
    tab = opened[0]
    tab.view.viewport().repaint()
    app.processEvents()
    shown = time.perf_counter() - t0
    gaps = [b - a for a, b in zip(ticks, ticks[1:])] or [0.0]
    findings = tab.session.findings
    print(f"open {rows} rows -> table shown with all findings: {shown:.1f} s "
          f"({findings.n_errors} errors, {findings.n_warnings} warnings); "
          f"longest event-loop gap while loading: {max(gaps) * 1000:.0f} ms")

    rnd = random.Random(3)
    model, times = tab.model, []
    id_col, sex_col = model.column_of("id_number"), model.column_of("sex")
    for n in range(40):
        row = rnd.randrange(model.rowCount())
        if n % 2:
            value = model.index(rnd.randrange(model.rowCount()), id_col).data()   # often a duplicate
            index = model.index(row, id_col)
        else:
            value = "女" if model.index(row, sex_col).data() == "男" else "男"
            index = model.index(row, sex_col)
        t0 = time.perf_counter()
        model.setData(index, value)
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"edit one cell -> row(s) re-validated, stored and repainted: median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} edits (target < 50 ms)")
    t0 = time.perf_counter()
    window.actions.undo.trigger()
    app.processEvents()
    print(f"undo one edit: {(time.perf_counter() - t0) * 1000:.1f} ms")
    window.close()
    window.workspace.close()


if __name__ == "__main__":
    main()
