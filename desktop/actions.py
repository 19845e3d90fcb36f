"""The main window's actions, menus and toolbar (Chinese labels, standard shortcuts)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar
from PySide6.QtCore import Qt


@dataclass
class Actions:
    open: QAction
    sample: QAction
    close_sheet: QAction
    export_upload: QAction
    export_return: QAction
    export_report: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    bulk_fix: QAction
    find_replace: QAction
    search: QAction
    next_problem: QAction
    previous_problem: QAction
    record_view: QAction
    settings: QAction
    about: QAction
    recent_menu: QMenu

    @property
    def sheet_actions(self) -> list[QAction]:
        """Actions that need an open sheet."""
        return [self.close_sheet, self.export_upload, self.export_return, self.export_report,
                self.bulk_fix, self.find_replace, self.search, self.next_problem, self.previous_problem,
                self.record_view]


def _action(window: QMainWindow, text: str, shortcut=None, tip: str = "", icon=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.setStatusTip(tip or text)
    action.setToolTip(f"{text}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）"
                      if shortcut is not None else text)
    return action


def build_actions(window: QMainWindow, undo_group: QUndoGroup) -> Actions:
    SP = QStyle.StandardPixmap
    undo = undo_group.createUndoAction(window, "撤销")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setIcon(window.style().standardIcon(SP.SP_ArrowBack))
    redo = undo_group.createRedoAction(window, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(window.style().standardIcon(SP.SP_ArrowForward))
    actions = Actions(
        open=_action(window, "打开…", QKeySequence.StandardKey.Open, "打开登记表（xlsx、xls、csv）", SP.SP_DialogOpenButton),
        sample=_action(window, "打开示例表格", None, "打开内置的示例登记表，看看摸排助手能做什么"),
        close_sheet=_action(window, "关闭表格", QKeySequence.StandardKey.Close, "关闭当前表格（修改已保存在工作区）"),
        export_upload=_action(window, "导出上报文件…", "Ctrl+E", "导出可上报的文件（只含检查通过的行）", SP.SP_DialogSaveButton),
        export_return=_action(window, "导出退回文件…", None, "导出退回给村（社区）的文件，问题格子标红并附说明"),
        export_report=_action(window, "导出问题清单…", None, "导出所有问题的清单"),
        quit=_action(window, "退出", QKeySequence.StandardKey.Quit),
        undo=undo, redo=redo,
        bulk_fix=_action(window, "批量修正…", "Ctrl+B", "一次改正某一类有确定改法的问题", SP.SP_DialogApplyButton),
        find_replace=_action(window, "查找替换…", "Ctrl+H", "在一列中查找并替换文字", SP.SP_FileDialogContentsView),
        search=_action(window, "搜索…", QKeySequence.StandardKey.Find, "在表格中搜索文字，只显示含有它的行"),
        next_problem=_action(window, "下一个问题", "F8", "跳到下一个有问题的格子", SP.SP_ArrowDown),
        previous_problem=_action(window, "上一个问题", "Shift+F8", "跳到上一个有问题的格子", SP.SP_ArrowUp),
        record_view=_action(window, "整行查看", "Ctrl+R", "按纸质表格的样式查看当前行"),
        settings=_action(window, "设置…", QKeySequence.StandardKey.Preferences, "本县和摸排基准日", SP.SP_FileDialogDetailedView),
        about=_action(window, "关于摸排助手", None),
        recent_menu=QMenu("最近打开", window),
    )
    if actions.settings.shortcut().isEmpty():
        actions.settings.setShortcut(QKeySequence("Ctrl+,"))
    actions.undo.setToolTip("撤销（Ctrl+Z）")
    actions.redo.setToolTip("重做（Ctrl+Y）")
    return actions


def build_menus(window: QMainWindow, a: Actions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([a.open, a.sample])
    file_menu.addMenu(a.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([a.export_upload, a.export_return, a.export_report])
    file_menu.addSeparator()
    file_menu.addActions([a.close_sheet, a.quit])
    edit_menu = bar.addMenu("编辑(&E)")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.bulk_fix, a.find_replace, a.search])
    view_menu = bar.addMenu("查看(&V)")
    view_menu.addActions([a.next_problem, a.previous_problem, a.record_view])
    settings_menu = bar.addMenu("设置(&S)")
    settings_menu.addAction(a.settings)
    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction(a.about)


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    toolbar = QToolBar("工具栏", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    toolbar.addActions([a.open, a.export_upload])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addActions([a.bulk_fix, a.find_replace, a.previous_problem, a.next_problem])
    toolbar.addSeparator()
    toolbar.addAction(a.settings)
    window.addToolBar(toolbar)
    return toolbar
