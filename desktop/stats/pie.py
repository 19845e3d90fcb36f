"""A pie with its legend (each slice's label, count and share), for a table whose rows are
the shares of a whole (desktop.stats.painter draws the other kinds)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from intake.stats.chart_data import PIE_COLOURS, ChartData

TEXT = QColor("#262626")
PAD = 10.0


def paint_pie(p: QPainter, body: QRectF, data: ChartData, font: QFont) -> None:
    fm = QFontMetricsF(font)
    side = min(body.height(), body.width() * 0.5)
    circle = QRectF(body.left() + PAD, body.center().y() - side / 2, side, side)
    angle = 90.0 * 16
    series = data.series[0]
    x, y = circle.right() + 2 * PAD, body.top() + PAD
    p.setFont(font)
    for i, cat in enumerate(data.categories):
        share = data.shares[i] if data.shares else None
        colour = QColor(PIE_COLOURS[i % len(PIE_COLOURS)])
        if share:
            span = -share * 360 * 16
            p.setPen(QPen(QColor("white"), 1))
            p.setBrush(colour)
            p.drawPie(circle, int(angle), int(span))
            angle += span
        p.fillRect(QRectF(x, y + fm.height() / 2 - 5, 10, 10), colour)
        p.setPen(TEXT)
        text = f"{cat}  {series.labels[i] or '0'}" + (f"（{share * 100:.1f}%）" if share else "")
        p.drawText(QPointF(x + 14, y + fm.ascent()), fm.elidedText(text, Qt.TextElideMode.ElideRight, body.right() - x - 14))
        y += fm.height() + 4

