"""The main window's actions, menus and toolbar (Chinese labels, standard shortcuts).

Copy, paste, clear and the row actions use WidgetWithChildrenShortcut: they are added to each
sheet's table view (SheetTab), so Ctrl+C in the search box or Del in the problem list do what
those widgets do, while the menu items always act on the current sheet's table.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from desktop.toolbar_undo import fixed_label_action


@dataclass
class Actions:
    open: QAction
    sample: QAction
    template_liudong: QAction
    template_liushou: QAction
    close_sheet: QAction
    export_upload: QAction
    export_return: QAction
    export_report: QAction
    county: QAction
    print_view: QAction
    print_findings: QAction
    preview_view: QAction
    preview_findings: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    paste: QAction
    clear: QAction
    delete_rows: QAction
    restore_rows: QAction
    bulk_fix: QAction
    find_replace: QAction
    search: QAction
    next_problem: QAction
    previous_problem: QAction
    record_view: QAction
    stats: QAction
    settings: QAction
    help: QAction
    about: QAction
    recent_menu: QMenu

    @property
    def sheet_actions(self) -> list[QAction]:
        """Actions that need an open sheet."""
        return [self.close_sheet, self.export_upload, self.export_return, self.export_report,
                self.print_view, self.print_findings, self.preview_view, self.preview_findings,
                *self.table_actions, self.bulk_fix, self.find_replace, self.search,
                self.next_problem, self.previous_problem, self.record_view, self.stats]

    @property
    def table_actions(self) -> list[QAction]:
        """Actions on the table's selection: also added to each table view (their shortcuts)."""
        return [self.copy, self.paste, self.clear, self.delete_rows, self.restore_rows]

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), QAction)]


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
    K = QKeySequence.StandardKey
    undo = undo_group.createUndoAction(window, "撤销")
    undo.setShortcut(K.Undo)
    undo.setIcon(window.style().standardIcon(SP.SP_ArrowBack))
    redo = undo_group.createRedoAction(window, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    redo.setIcon(window.style().standardIcon(SP.SP_ArrowForward))
    a = Actions(
        open=_action(window, "打开…", K.Open, "打开登记表（xlsx、xls、csv）", SP.SP_DialogOpenButton),
        sample=_action(window, "打开示例表格", None, "打开内置的示例登记表，看看摸排助手能做什么"),
        template_liudong=_action(window, "流动儿童登记表…", None, "保存一份空白的流动儿童登记表，发给村（社区）填写"),
        template_liushou=_action(window, "留守儿童登记表…", None, "保存一份空白的留守儿童登记表，发给村（社区）填写"),
        close_sheet=_action(window, "关闭表格", K.Close, "关闭当前表格（修改已保存在工作区）"),
        export_upload=_action(window, "导出上报文件…", "Ctrl+E", "导出可上报的文件（只含检查通过的行）", SP.SP_DialogSaveButton),
        export_return=_action(window, "导出退回文件…", None, "导出退回给村（社区）的文件，问题格子标红并附说明"),
        export_report=_action(window, "导出问题清单…", None, "导出所有问题的清单"),
        county=_action(window, "县级汇总", "Ctrl+Shift+K", "汇总全县各乡镇报来的登记表：报送情况、重复与冲突、县级上报文件",
                       SP.SP_DirIcon),
        print_view=_action(window, "打印当前表格…", K.Print, "打印表格中现在显示的行（A4横向，带Excel行号）"),
        print_findings=_action(window, "打印问题清单…", None, "打印当前表格的全部问题（A4横向）"),
        preview_view=_action(window, "打印预览：当前表格…", None, "先看一看当前表格打印出来的样子"),
        preview_findings=_action(window, "打印预览：问题清单…", None, "先看一看问题清单打印出来的样子"),
        quit=_action(window, "退出", K.Quit),
        undo=undo, redo=redo,
        copy=_action(window, "复制", K.Copy, "复制选中的单元格，可以粘贴到Excel或WPS"),
        paste=_action(window, "粘贴", K.Paste, "把从Excel或WPS复制的单元格粘贴到选中位置（一步撤销）"),
        clear=_action(window, "清除内容", K.Delete, "清空选中的单元格"),
        delete_rows=_action(window, "删除行", "Ctrl+-", "删除选中的行：该行保留在工作区但不上报，退回文件中会列出，可撤销"),
        restore_rows=_action(window, "恢复行", "Ctrl+Shift+=", "恢复选中的已删除行"),
        bulk_fix=_action(window, "批量修正…", "Ctrl+B", "一次改正某一类有确定改法的问题", SP.SP_DialogApplyButton),
        find_replace=_action(window, "查找替换…", "Ctrl+H", "在一列中查找并替换文字", SP.SP_FileDialogContentsView),
        search=_action(window, "搜索…", K.Find, "在表格中搜索文字，只显示含有它的行"),
        next_problem=_action(window, "下一个问题", "F8", "跳到下一个有问题的格子", SP.SP_ArrowDown),
        previous_problem=_action(window, "上一个问题", "Shift+F8", "跳到上一个有问题的格子", SP.SP_ArrowUp),
        record_view=_action(window, "整行查看", "Ctrl+R", "按纸质表格的样式查看当前行"),
        stats=_action(window, "统计", "Ctrl+T", "当前表格的统计分析：数量、年龄、分布等各项统计表和图表，可导出统计工作簿和重点关爱台账"),
        settings=_action(window, "设置…", K.Preferences, "本县和摸排基准日", SP.SP_FileDialogDetailedView),
        help=_action(window, "使用说明", "F1", "摸排助手使用说明（不需要网络）", SP.SP_MessageBoxQuestion),
        about=_action(window, "关于摸排助手", None),
        recent_menu=QMenu("最近打开", window),
    )
    if a.settings.shortcut().isEmpty():
        a.settings.setShortcut(QKeySequence("Ctrl+,"))
    a.undo.setToolTip("撤销（Ctrl+Z）")
    a.redo.setToolTip("重做（Ctrl+Y）")
    for action in a.table_actions:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return a


def build_menus(window: QMainWindow, a: Actions) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([a.open, a.sample])
    file_menu.addMenu(a.recent_menu)
    templates = file_menu.addMenu("新建空白模板")
    templates.addActions([a.template_liudong, a.template_liushou])
    file_menu.addSeparator()
    file_menu.addActions([a.export_upload, a.export_return, a.export_report])
    file_menu.addSeparator()
    printing = file_menu.addMenu("打印")
    printing.addActions([a.print_findings, a.print_view])
    printing.addSeparator()
    printing.addActions([a.preview_findings, a.preview_view])
    file_menu.addSeparator()
    file_menu.addActions([a.close_sheet, a.quit])
    edit_menu = bar.addMenu("编辑(&E)")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.copy, a.paste, a.clear])
    edit_menu.addSeparator()
    edit_menu.addActions([a.delete_rows, a.restore_rows])
    edit_menu.addSeparator()
    edit_menu.addActions([a.bulk_fix, a.find_replace, a.search])
    county_menu = bar.addMenu("县级(&C)")
    county_menu.addAction(a.county)
    view_menu = bar.addMenu("查看(&V)")
    view_menu.addActions([a.next_problem, a.previous_problem, a.record_view])
    view_menu.addSeparator()
    view_menu.addAction(a.stats)
    settings_menu = bar.addMenu("设置(&S)")
    settings_menu.addAction(a.settings)
    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addActions([a.help, a.about])


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    """The toolbar. Undo and redo show a fixed label (the menu's text names the step, and grows
    with it: the buttons after them would jump); what they undo is in their tooltip."""
    toolbar = QToolBar("工具栏", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.setMovable(False)
    toolbar.addActions([a.open, a.export_upload, a.county])
    toolbar.addSeparator()
    toolbar.addActions([fixed_label_action(a.undo, "撤销", "Ctrl+Z"),
                        fixed_label_action(a.redo, "重做", "Ctrl+Y")])
    toolbar.addSeparator()
    toolbar.addActions([a.bulk_fix, a.find_replace, a.previous_problem, a.next_problem])
    toolbar.addSeparator()
    toolbar.addActions([a.settings, a.help])
    window.addToolBar(toolbar)
    return toolbar
