"""`python -m desktop.departments WORKSPACE --as-of YYYY-MM-DD [--county CODE] [--size WxH]`:
the 部门比对 view in a window of its own, on a county workspace (until the county page hosts it)."""
from __future__ import annotations

import argparse
import sys
from datetime import date


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.departments", description="部门比对")
    parser.add_argument("workspace", help="县级汇总的工作区文件")
    parser.add_argument("--as-of", dest="as_of", required=True, help="摸排基准日")
    parser.add_argument("--county", help="本县6位行政区划代码")
    parser.add_argument("--size", default="", help="窗口大小，如 1366x768（默认：最大化）")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QMainWindow
    from desktop.app import create_application
    from desktop.departments.view import DepartmentsView
    from intake.county.desk import CountyDesk
    from intake.workspace import Workspace
    app = create_application([sys.argv[0]])
    with Workspace(args.workspace) as ws, CountyDesk(ws, as_of=date.fromisoformat(args.as_of), county=args.county) as desk:
        window = QMainWindow()
        window.setWindowTitle(f"部门比对 - 摸排助手（{desk.county or '未指定县'}，基准日{args.as_of}）")
        view = DepartmentsView(desk)
        window.setCentralWidget(view)
        undo = view.undo_stack.createUndoAction(window, "撤销")
        undo.setShortcut("Ctrl+Z")
        redo = view.undo_stack.createRedoAction(window, "重做")
        redo.setShortcut("Ctrl+Y")
        window.addActions([undo, redo])
        toolbar = window.addToolBar("编辑")
        toolbar.addAction(undo)
        toolbar.addAction(redo)
        if args.size:
            w, h = (int(v) for v in args.size.lower().split("x"))
            window.resize(w, h)
            window.show()
        else:
            window.showMaximized()
        code = app.exec()
        for job in list(view.jobs):
            job.cancel()
            job.wait()
        return code


if __name__ == "__main__":
    sys.exit(main())
