"""帮助 → 使用说明 (F1): the user guide, a Chinese page shipped with the app (resources/help/
guide.html; offline PCs cannot open a web page): the loop step by step, what red, amber and the
hint mark mean, the shortcuts, where files go (with this PC's data folder filled in)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from intake import paths
from resources import RESOURCES_DIR

GUIDE = RESOURCES_DIR / "help" / "guide.html"


def guide_html() -> str:
    try:
        text = GUIDE.read_text(encoding="utf-8")
    except OSError:
        return "<p>找不到使用说明文件，请重新安装摸排助手。</p>"
    return text.replace("{data_dir}", str(paths.data_dir()))


class HelpDialog(QDialog):
    """Not modal: the clerk can keep the guide open beside the table."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("摸排助手使用说明")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)           # no web links: nothing to open offline
        self.browser.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def show_section(self, anchor: str) -> None:
        self.browser.scrollToAnchor(anchor)


def show_help(window: QWidget) -> HelpDialog:
    """One guide window per main window, raised when opened again."""
    dialog = getattr(window, "_help_dialog", None)
    if dialog is None:
        dialog = HelpDialog(window)
        window._help_dialog = dialog
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is not None:
        dialog.resize(min(760, screen.width() - 40), min(640, screen.height() - 80))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
