"""The quiet mark of a hint (Severity.HINT: understood, only written differently): a small
grey-blue triangle in a cell's top-right corner, where Excel marks a comment. Drawn by the table
(desktop.cell_delegate) and on printed pages (desktop.print_layout) alike."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF

from validators.findings import Severity

HINT_COLOR = QColor("#5b7fa6")


def only_hints(found) -> bool:
    """Findings of one cell that are all hints (at least one): the cell gets the mark, no colour."""
    return bool(found) and all(f.severity is Severity.HINT for f in found)


def draw_corner_mark(painter: QPainter, right: float, top: float, size: float,
                     color: QColor = HINT_COLOR) -> None:
    """A right triangle of the given side length whose right angle is at (right, top)."""
    triangle = QPolygonF([QPointF(right - size, top), QPointF(right, top), QPointF(right, top + size)])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(triangle)
    painter.restore()
