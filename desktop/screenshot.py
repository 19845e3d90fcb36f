"""Render the main window with a sheet loaded to a PNG, offscreen:

    python -m desktop.screenshot OUT.png [FILE] [--view main|findings|record|county|…] [--size 1440x900]
                                 [--screen] [--county CODE] [--as-of YYYY-MM-DD]

FILE defaults to the bundled sample sheet (opened as the window opens it: with its own county).
Uses a throwaway workspace and settings, so the user's own data is never touched; they live in a
hidden temporary folder beside OUT.png (the ID numbers of the sheet are in it), removed when the
tool ends and swept by the next run if it was killed (intake.atomic). `--view` chooses what to
show: the main window with the first problem selected (main), the findings panel with a kind
expanded (findings), the record view of the first row with an error (record), the county picker
(county), or a scene of desktop.screenshot_scenes (menu, dropdown, multi, preview, preview_view,
help, settings, deleted, deleted_record, filtered, stats, stats_overview, stats_places, stats_size), or the county page (county_board, county_queue,
county_merge, county_diff, county_parts, county_log, county_returns: FILE is then a folder of township files, added through the page, checked
against --county and --as-of, by default 511324 and 2025-12-31 as tests/generator/township_set.py
writes them; desktop.county.scenes). `--screen` runs on the real display ($DISPLAY, e.g. Xvfb) and
captures the whole screen, popups included; without it the window is rendered offscreen.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path


SCENE_NAMES = ("menu", "dropdown", "multi", "preview", "preview_view", "help", "settings", "deleted", "deleted_record",
               "filtered", "stats", "stats_overview", "stats_places", "stats_size")
COUNTY_VIEWS = ("county_board", "county_queue", "county_merge", "county_diff", "county_parts", "county_log",
                "county_returns")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshot", description="主窗口截图")
    parser.add_argument("out", help="输出的 PNG 文件")
    parser.add_argument("file", nargs="?", help="要打开的登记表（默认：示例表格）")
    parser.add_argument("--view", default="main",
                        choices=("main", "findings", "record", "county", *SCENE_NAMES, *COUNTY_VIEWS))
    parser.add_argument("--size", default="1440x900", help="窗口大小，如 1440x900")
    parser.add_argument("--screen", action="store_true", help="在真实显示器上运行并截取整个屏幕")
    parser.add_argument("--county", default="511324", help="县级汇总截图：本县代码")
    parser.add_argument("--as-of", default="2025-12-31", help="县级汇总截图：摸排基准日")
    return parser.parse_args(argv)


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _select_first_error(tab) -> None:
    """Select an error cell among the first columns when there is one (the picture then shows
    the sheet from its left edge), else the first problem."""
    errors = tab.session.findings.errors
    near = [f for f in errors if (tab.model.column_of(f.field) or 99) < 8]
    if near or errors:
        f = (near or errors)[0]
        tab.go_to(f.index, f.field)
    else:
        tab.next_problem()


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    from intake import atomic
    out = Path(args.out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic.sweep(out.parent)
    scratch = atomic.scratch_dir(atomic.temp_path(out))
    try:
        return _shoot(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _shoot(args: argparse.Namespace, scratch: Path) -> int:
    if not args.screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["MOPAI_DATA_DIR"] = str(scratch)
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from desktop.app import create_application
    from desktop.county_dialog import CountyDialog
    from desktop.main_window import SAMPLE, MainWindow
    from desktop.settings import AppSettings
    from intake.workspace import Workspace

    app = create_application()
    width, height = (int(x) for x in args.size.lower().split("x"))
    if args.view == "county":
        dialog = CountyDialog("110114", first_start=True)
        dialog.search.setText("昌平")
        dialog.resize(560, 560)
        dialog.show()
        _settle(app)
        return 0 if dialog.grab().save(args.out) else 1

    settings = AppSettings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    workspace = Workspace(scratch / "workspace.sqlite")
    window = MainWindow(settings, workspace)
    if args.screen:                                  # the whole screen, as a maximised window
        area = app.primaryScreen().availableGeometry()
        width, height = area.width(), area.height()
        window.setGeometry(area)
    else:
        window.resize(width, height)
    window.show()
    if args.view in COUNTY_VIEWS:
        return _county(args, app, window, workspace)
    loop = QEventLoop()
    opened: list = []
    window.sheets_opened.connect(lambda tabs: (opened.extend(tabs), loop.quit()))
    window.open_failed.connect(lambda message: (print(message, file=sys.stderr), loop.quit()))
    QTimer.singleShot(600_000, loop.quit)
    if args.file:
        window.open_files([args.file], remember=False)
    else:
        window.open_sample()
    loop.exec()
    if not opened:
        return 1
    tab = opened[0]
    _settle(app)
    share = 0.45 if args.view == "record" else 0.66
    tab.splitter.setSizes([int(width * share), int(width * (1 - share))])
    _select_first_error(tab)
    if args.view == "findings" and tab.panel.tree.topLevelItemCount():
        tab.panel.tree.topLevelItem(0).setExpanded(True)
    if args.view == "record":
        rows = tab.session.findings.rows_with_errors()
        if rows:
            tab.go_to(rows[0], None)
        tab.side.setCurrentWidget(tab.record_view)
    target = window
    if args.view in SCENE_NAMES:
        from desktop import screenshot_scenes
        target = screenshot_scenes.SCENES[args.view](window, tab)
    for _ in range(3):
        _settle(app, 10)
        QTimer.singleShot(150, loop.quit)
        loop.exec()
    if args.screen:
        ok = app.primaryScreen().grabWindow(0).save(args.out)
    else:
        ok = (target or window).grab().save(args.out)
    window.close()
    workspace.close()
    return 0 if ok else 1


def _county(args: argparse.Namespace, app, window, workspace) -> int:
    from datetime import date

    from desktop.county import scenes
    from desktop.settings import REFERENCE_FIXED
    window.settings.county_code = args.county
    window.settings.set_reference(REFERENCE_FIXED, date.fromisoformat(args.as_of))
    target = scenes.shoot(window, args.file, args.view) if args.file else None
    if target is None and window.tabs.count() == 0:
        print("县级汇总截图需要一个乡镇文件所在的文件夹", file=sys.stderr)
        return 1
    for _ in range(20):
        _settle(app, 10)
        time.sleep(0.02)
    ok = (app.primaryScreen().grabWindow(0) if args.screen else (target or window).grab()).save(args.out)
    window.close()
    workspace.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
