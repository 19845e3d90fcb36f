"""Start the desktop app: `mopai` (welcome page, or the sheets open at the last exit),
`mopai --sample` (the bundled sample sheet), `mopai FILE...` (open files)."""
from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QStandardPaths, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop.county_dialog import CountyDialog
from desktop.main_window import MainWindow
from desktop.settings import APPLICATION, COUNTY_OPEN, ORGANIZATION, AppSettings
from desktop.single_instance import SingleInstance
from intake import atomic, logs, paths
from intake.errors import MopaiError
from intake.workspace import Workspace
from resources import RESOURCES_DIR

CJK_FAMILIES = ("Noto Sans CJK SC", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei")
ICON = RESOURCES_DIR / "icons" / "mopai.png"


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mopai", description="摸排助手")
    parser.add_argument("--sample", action="store_true", help="打开内置的示例表格")
    parser.add_argument("files", nargs="*", help="要打开的登记表")
    return parser.parse_args(args)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names, icon and a font that shows Chinese well."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    apply_font(app)
    install_chinese_translations(app)
    return app


def install_chinese_translations(app: QApplication) -> bool:
    """Qt's own texts (file dialog, 确定/取消 buttons, context menus) in Simplified Chinese."""
    if getattr(app, "_mopai_translator", None) is not None:
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        app._mopai_translator = translator          # keep it alive with the application
        return True
    return False


def apply_font(app: QApplication) -> None:
    available = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in available), None)
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)


def first_start(settings: AppSettings, parent=None) -> None:
    """Ask for the county once; the user may skip it (no county check until set)."""
    if settings.county_asked:
        return
    dialog = CountyDialog(settings.county_code, first_start=True, parent=parent)
    settings.county_code = dialog.selected_code() if dialog.exec() else None


def run_app(args: list[str]) -> int:
    multiprocessing.freeze_support()     # a frozen build's reader child process ends here
    options = parse_args(args)
    app = create_application()
    if not os.environ.get("MOPAI_DATA_DIR"):
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
        if location:
            paths.set_data_dir(location)
    logs.configure()                     # masked: the log never holds a full ID number
    logs.log_uncaught()
    instance = SingleInstance(paths.data_dir())
    if not instance.claim():                    # a window is open on this workspace: hand over
        return 0 if instance.hand_over(options.files, options.sample) else _not_answering()
    if not instance.listen():                   # the window still works; a second start would wait
        logging.warning("single instance: cannot listen on %s", instance.name)
    swept = atomic.sweep_journal() + atomic.sweep(paths.data_dir())
    if swept:
        logging.getLogger(__name__).info("removed %d temporary files a killed export left", len(swept))
    settings = AppSettings()
    try:
        workspace = Workspace()
    except MopaiError as exc:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.critical(None, "摸排助手", exc.message)
        return 2
    window = MainWindow(settings, workspace)
    instance.request.connect(window.handle_request)
    window.show_fitted()
    first_start(settings, window)
    window.open_stored(settings.open_sheets())
    if settings.get(COUNTY_OPEN):              # 县级汇总 was open at the last exit
        from desktop.county import reopen_county_page
        reopen_county_page(window)
    if options.files:
        window.open_files(options.files)       # the first file's tab is shown (`mopai A B`: A)
    if options.sample:
        window.open_sample()
    code = app.exec()
    workspace.close()
    instance.release()
    return code


def _not_answering() -> int:
    from PySide6.QtWidgets import QMessageBox
    QMessageBox.warning(None, "摸排助手", "摸排助手已经打开，但没有回应。请切换到已打开的摸排助手窗口；"
                        "如果找不到它，请稍等片刻再试，或重新启动电脑。")
    return 1
