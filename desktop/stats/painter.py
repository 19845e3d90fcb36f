"""Charts drawn with QPainter from intake.stats.chart_data.ChartData: horizontal bars (grouped
or stacked), vertical columns (grouped or stacked) and pies, with a title, axis titles, value
labels ("<5" for a masked count) and a legend (pies: desktop.stats.pie). `paint_chart(painter, rect, data)` draws into any
paint device: the widget on screen and the QImage saved as PNG."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.stats.pie import paint_pie
from intake.stats.chart_data import ChartData

GRID = QColor("#D9D9D9")
TEXT = QColor("#262626")
MUTED = QColor("#595959")
PAD = 10.0


def nice_max(value: float) -> tuple[float, float]:
    """(axis maximum, tick step) for values up to `value`."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 5
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    return math.ceil(value / step) * step, step


def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
    title, small = QFont(base), QFont(base)
    title.setBold(True)
    title.setPointSizeF(base.pointSizeF() + 1)
    small.setPointSizeF(max(7.0, base.pointSizeF() - 1))
    return title, base, small


def _stacked(data: ChartData) -> bool:
    return data.kind in ("stacked", "stacked_bar")


def _totals(data: ChartData) -> list[float]:
    n = len(data.categories)
    if _stacked(data):
        return [sum(s.values[i] or 0 for s in data.series) for i in range(n)]
    return [max((s.values[i] or 0) for s in data.series) for i in range(n)]


def paint_chart(p: QPainter, rect: QRectF, data: ChartData, font: QFont) -> None:
    title_font, font, small = _fonts(font)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(rect, QColor("white"))
    p.setPen(TEXT)
    p.setFont(title_font)
    th = QFontMetricsF(title_font).height()
    p.drawText(QRectF(rect.left(), rect.top() + PAD / 2, rect.width(), th), Qt.AlignmentFlag.AlignHCenter, data.title)
    body = rect.adjusted(PAD, th + PAD, -PAD, -PAD)
    if len(data.series) > 1 and data.kind != "pie":
        body = _legend(p, body, data, small)
    if data.kind == "pie":
        paint_pie(p, body, data, small)
    elif data.kind in ("bar", "stacked_bar"):
        _bars(p, body, data, font, small)
    else:
        _columns(p, body, data, font, small)
    p.restore()


def _legend(p: QPainter, body: QRectF, data: ChartData, font: QFont) -> QRectF:
    fm = QFontMetricsF(font)
    widths = [fm.horizontalAdvance(s.name) + 22 for s in data.series]
    x = body.center().x() - sum(widths) / 2
    y = body.bottom() - fm.height()
    p.setFont(font)
    for s, w in zip(data.series, widths):
        p.fillRect(QRectF(x, y + fm.height() / 2 - 5, 10, 10), QColor(s.colour))
        p.setPen(TEXT)
        p.drawText(QPointF(x + 14, y + fm.ascent()), s.name)
        x += w
    return body.adjusted(0, 0, 0, -fm.height() - PAD / 2)


def _value_axis(p: QPainter, top: float, left: float, right: float, bottom: float, vmax: float, step: float,
                font: QFont, horizontal: bool) -> None:
    fm = QFontMetricsF(font)
    p.setFont(font)
    ticks = int(round(vmax / step))
    for k in range(ticks + 1):
        v = k * step
        if horizontal:
            x = left + (right - left) * v / vmax
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x, top), QPointF(x, bottom))
            p.setPen(MUTED)
            text = f"{v:g}"
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, bottom + fm.ascent() + 2), text)
        else:
            y = bottom - (bottom - top) * v / vmax
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(left, y), QPointF(right, y))
            p.setPen(MUTED)
            text = f"{v:g}"
            p.drawText(QPointF(left - fm.horizontalAdvance(text) - 4, y + fm.ascent() / 2 - 1), text)


def _bars(p: QPainter, body: QRectF, data: ChartData, font: QFont, small: QFont) -> None:
    fm, sm = QFontMetricsF(font), QFontMetricsF(small)
    label_w = min(body.width() * 0.4, max(fm.horizontalAdvance(c) for c in data.categories) + 8)
    axis_h = sm.height() * 2 + 4
    left, right = body.left() + label_w, body.right() - sm.horizontalAdvance("0000") - 4
    top, bottom = body.top(), body.bottom() - axis_h
    vmax, step = nice_max(max(_totals(data) or [0]))
    _value_axis(p, top, left, right, bottom, vmax, step, small, True)
    p.setPen(MUTED)
    p.setFont(small)
    p.drawText(QRectF(left, bottom + sm.height() + 2, right - left, sm.height()), Qt.AlignmentFlag.AlignHCenter,
               data.value_label)
    n = len(data.categories)
    band = (bottom - top) / max(n, 1)
    groups = 1 if _stacked(data) else len(data.series)
    bar_h = min(band * 0.7 / groups, 28)
    scale = (right - left) / vmax
    for i, cat in enumerate(data.categories):
        y0 = top + band * i + (band - bar_h * groups) / 2
        p.setPen(TEXT)
        p.setFont(font)
        p.drawText(QRectF(body.left(), top + band * i, label_w - 6, band),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(cat, Qt.TextElideMode.ElideMiddle, label_w - 6))
        x = left
        for k, s in enumerate(data.series):
            v = s.values[i] or 0
            y = y0 if _stacked(data) else y0 + bar_h * k
            w = v * scale
            if w > 0:
                p.fillRect(QRectF(x, y, w, bar_h), QColor(s.colour))
            label = s.labels[i]
            last = k == len(data.series) - 1 or not any(t.values[i] for t in data.series[k + 1:])
            if label and (not _stacked(data) or w > sm.horizontalAdvance(label) + 4 or last):
                p.setFont(small)
                p.setPen(TEXT)
                lw = sm.horizontalAdvance(label)
                inside = _stacked(data) and w > lw + 4
                lx = x + w / 2 - lw / 2 if inside else x + w + 3
                p.drawText(QPointF(lx, y + bar_h / 2 + sm.ascent() / 2 - 1), label)
            if _stacked(data):
                x += w


def _columns(p: QPainter, body: QRectF, data: ChartData, font: QFont, small: QFont) -> None:
    fm, sm = QFontMetricsF(font), QFontMetricsF(small)
    n = len(data.categories)
    left, right = body.left() + sm.horizontalAdvance("0000") + 8, body.right()
    label_h = fm.height() * 2 + 4
    top, bottom = body.top() + sm.height(), body.bottom() - label_h - sm.height()
    vmax, step = nice_max(max(_totals(data) or [0]))
    _value_axis(p, top, left, right, bottom, vmax, step, small, False)
    band = (right - left) / max(n, 1)
    groups = 1 if _stacked(data) else len(data.series)
    bar_w = min(band * 0.6 / groups, 60)
    scale = (bottom - top) / vmax
    for i, cat in enumerate(data.categories):
        p.setFont(font)
        p.setPen(TEXT)
        p.drawText(QRectF(left + band * i, bottom + 4, band, label_h), Qt.AlignmentFlag.AlignHCenter |
                   Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, cat)
        x0 = left + band * i + (band - bar_w * groups) / 2
        y = bottom
        for k, s in enumerate(data.series):
            v = s.values[i] or 0
            h = v * scale
            x = x0 if _stacked(data) else x0 + bar_w * k
            top_y = (y if _stacked(data) else bottom) - h
            if h > 0:
                p.fillRect(QRectF(x, top_y, bar_w, h), QColor(s.colour))
            label = s.labels[i]
            inside = _stacked(data) and h > sm.height()
            last = k == len(data.series) - 1 or not any(t.values[i] for t in data.series[k + 1:])
            if label and (inside or not _stacked(data) or last):    # a thin middle part: no label
                p.setFont(small)
                p.setPen(TEXT)
                lw = sm.horizontalAdvance(label)
                ly = top_y + h / 2 + sm.ascent() / 2 if inside else top_y - 3
                p.drawText(QPointF(x + bar_w / 2 - lw / 2, ly), label)
            if _stacked(data):
                y -= h
    p.setPen(MUTED)
    p.setFont(small)
    p.drawText(QRectF(body.left(), body.bottom() - sm.height(), body.width(), sm.height()),
               Qt.AlignmentFlag.AlignHCenter, data.category_label)
    p.drawText(QPointF(body.left(), body.top() + sm.ascent() - 4), data.value_label)
