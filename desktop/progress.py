"""The status-bar progress strip: what is running, a progress bar and a 取消 button."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.worker import WorkerThread


class ProgressStrip(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(220)
        self.bar.setMaximumWidth(320)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setToolTip("停止当前操作（已保存的修改不会丢失）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._current: WorkerThread | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def track(self, work: WorkerThread, text: str) -> None:
        self._current = work
        self.label.setText(text)
        self.bar.setRange(0, 0)             # busy until the first progress report
        self.cancel_button.setEnabled(True)
        work.progress.connect(self._progress)
        work.ended.connect(self._ended)
        self.show()

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def cancel(self) -> None:
        if self._current is not None:
            self._current.cancel()
            self.label.setText("正在取消…")
            self.cancel_button.setEnabled(False)

    def _ended(self) -> None:
        self._current = None
        self.hide()
