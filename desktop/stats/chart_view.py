"""One table's chart as a widget (desktop.stats.painter), and saving it as a PNG file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.stats.painter import paint_chart
from intake.atomic import atomic_path
from intake.stats.chart_data import ChartData

ROW_PX = 24
PNG_SIZE = (1000, 560)


def chart_height(data: ChartData) -> int:
    if data.kind in ("bar", "stacked_bar"):
        groups = 1 if data.kind == "stacked_bar" else len(data.series)
        return max(240, 90 + len(data.categories) * ROW_PX * (1 if groups == 1 else 0.6 * groups + 0.4))
    return 300


class ChartView(QWidget):
    def __init__(self, data: ChartData, parent=None):
        super().__init__(parent)
        self.data = data
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)
        self.setFixedHeight(int(chart_height(data)))

    def sizeHint(self) -> QSize:
        return QSize(560, int(chart_height(self.data)))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        paint_chart(p, QRectF(self.rect()), self.data, self.font())
        p.end()

    def image(self, width: int | None = None, height: int | None = None) -> QImage:
        """The chart at twice the pixels of (width, height) (default: its height on screen)."""
        w = width or PNG_SIZE[0]
        h = height or max(PNG_SIZE[1] if self.data.kind not in ("bar", "stacked_bar") else 0,
                          int(chart_height(self.data)))
        image = QImage(w * 2, h * 2, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(2.0)
        image.fill(0xFFFFFFFF)
        p = QPainter(image)
        paint_chart(p, QRectF(0, 0, w, h), self.data, self.font())
        p.end()
        return image

    def save_png(self, target: Path) -> Path:
        """Written atomically beside the target (intake.atomic)."""
        image = self.image()
        with atomic_path(target) as tmp:
            if not image.save(str(tmp), "PNG"):
                raise OSError("图片无法保存")
        return target
