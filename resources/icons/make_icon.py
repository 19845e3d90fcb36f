"""Draw the app icon (mopai.png, mopai.ico) with QPainter. Run by hand after changing the design:

    QT_QPA_PLATFORM=offscreen python resources/icons/make_icon.py

The emblem: a rounded blue square holding a white 摸 with a green check badge. Sizes below 32 px
show only the check mark, since the character cannot be read there. The .ico holds every Windows
size as a PNG-compressed entry (supported since Windows Vista), written by hand because Qt's ico
writer stores only one image.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QGuiApplication, QImage, QLinearGradient,
                           QPainter, QPainterPath, QPen)

HERE = Path(__file__).resolve().parent
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 512
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC")


def cjk_family() -> str | None:
    available = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in available), None)


def draw_background(p: QPainter, s: float) -> None:
    gradient = QLinearGradient(0, 0, 0, s)
    gradient.setColorAt(0.0, QColor("#2f7fd8"))
    gradient.setColorAt(1.0, QColor("#1b4f9c"))
    margin = s * 0.04
    p.setPen(Qt.NoPen)
    p.setBrush(gradient)
    p.drawRoundedRect(QRectF(margin, margin, s - 2 * margin, s - 2 * margin), s * 0.2, s * 0.2)


def draw_check(p: QPainter, centre: QPointF, radius: float, badge: bool) -> None:
    if badge:
        p.setPen(QPen(QColor("#ffffff"), radius * 0.18))
        p.setBrush(QColor("#2fae5b"))
        p.drawEllipse(centre, radius, radius)
    path = QPainterPath(QPointF(centre.x() - radius * 0.5, centre.y() + radius * 0.02))
    path.lineTo(centre.x() - radius * 0.12, centre.y() + radius * 0.4)
    path.lineTo(centre.x() + radius * 0.55, centre.y() - radius * 0.38)
    pen = QPen(QColor("#ffffff"), radius * (0.26 if badge else 0.34))
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.NoBrush)
    p.drawPath(path)


def draw_glyph(p: QPainter, s: float, family: str) -> None:
    font = QFont(family)
    font.setPixelSize(round(s * 0.58))
    font.setWeight(QFont.Black)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(0, -s * 0.04, s * 0.92, s * 0.92), Qt.AlignCenter, "摸")


def render(size: int, family: str | None) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    draw_background(p, size)
    if size < 32 or family is None:
        draw_check(p, QPointF(size * 0.5, size * 0.5), size * 0.36, badge=False)
    else:
        draw_glyph(p, size, family)
        draw_check(p, QPointF(size * 0.74, size * 0.74), size * 0.19, badge=True)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per size, then the PNG payloads."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, payload = b"", b""
    offset = 6 + 16 * len(images)
    for size, data in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    family = cjk_family()
    if family is None:
        print("no CJK font found (apt-get install fonts-noto-cjk): drawing the check mark only")
    render(PNG_SIZE, family).save(str(HERE / "mopai.png"), "PNG")
    (HERE / "mopai.ico").write_bytes(ico_bytes({s: png_bytes(render(s, family)) for s in ICO_SIZES}))
    print(f"wrote {HERE / 'mopai.png'} and {HERE / 'mopai.ico'} (font: {family})")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
