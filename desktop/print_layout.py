"""A table laid out on printed pages, drawn with QPainter (fast for a long sheet, unlike a rich-
text document): A4 landscape, a title line and the column headers on every page, 第 n / N 页 at the
foot. Columns that do not fit the page width go on further pages (as Excel prints), each page
repeating the leading columns (行号, 姓名, 公民身份号码) so every page can be read on its own.
Cells may wrap (the problem list's 说明) or be cut with “…”; a cell is filled (red errors, amber
warnings) or marked with the table's corner triangle (hints). A row may be a section heading
(`PrintTable.heading`): one bold band across the page, never left alone at a page's foot."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from desktop.hint_mark import draw_corner_mark

FONT_POINTS = 8.5
PADDING = 0.35          # of the font height, inside each cell
MAX_WRAP_LINES = 6
MARK_LINES = 0.6        # the corner mark's side, in font heights


@dataclass
class PrintColumn:
    title: str
    chars: float                 # width in characters of the table font
    wrap: bool = False


@dataclass
class CellStyle:
    fill: QColor | None = None
    strike: bool = False
    mark: QColor | None = None          # a corner triangle (a hint), as the table shows it


@dataclass
class PrintTable:
    title: str
    columns: list[PrintColumn]
    n_rows: int
    cell: Callable[[int, int], str]                       # (row, column) -> text
    style: Callable[[int, int], CellStyle | None] = lambda r, c: None
    lead: int = 1                                          # columns repeated on every page
    note: str = ""                                         # a line under the title
    heading: Callable[[int], str | None] = lambda r: None  # a row that is a section's title


@dataclass
class PagePlan:
    columns: list[int]
    rows: list[int]
    heights: list[float] = field(default_factory=list)


def a4_landscape(printer: QPrinter) -> QPrinter:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    return printer


class Printout:
    def __init__(self, table: PrintTable, printer: QPrinter):
        self.table = table
        self.printer = printer
        self.font = QFont()
        self.font.setPointSizeF(FONT_POINTS)
        self.metrics = QFontMetricsF(self.font, printer)
        self.line = self.metrics.height()
        self.pad = self.line * PADDING
        self.page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        self.page.moveTo(0, 0)
        self.widths = [max(self.metrics.horizontalAdvance("0") * c.chars, self.line * 2) + 2 * self.pad
                       for c in table.columns]
        self.head = self.line * 2.6          # title and note
        self.foot = self.line * 1.6

    # --- planning -------------------------------------------------------------------------------
    def bands(self) -> list[list[int]]:
        """Column groups, each fitting the page width, each starting with the lead columns."""
        lead = list(range(min(self.table.lead, len(self.widths))))
        room = self.page.width()
        bands, current = [], list(lead)
        used = sum(self.widths[c] for c in lead)
        for c in range(len(lead), len(self.widths)):
            scale = self.widths[c]
            if current != lead and used + scale > room:
                bands.append(current)
                current, used = list(lead), sum(self.widths[i] for i in lead)
            current.append(c)
            used += scale
        bands.append(current)
        return bands

    def _fit(self, band: list[int]) -> list[float]:
        """Band widths scaled to fill the page width (never wider than the page)."""
        total = sum(self.widths[c] for c in band)
        factor = self.page.width() / total if total else 1.0
        if factor > 1.6:
            factor = 1.6
        return [self.widths[c] * factor for c in band]

    def _row_height(self, row: int, band: list[int], widths: list[float]) -> float:
        lines = 1
        for c, width in zip(band, widths):
            if self.table.columns[c].wrap:
                text = self.table.cell(row, c)
                rect = self.metrics.boundingRect(QRectF(0, 0, width - 2 * self.pad, 1e6),
                                                 int(Qt.TextFlag.TextWordWrap), text)
                lines = max(lines, min(MAX_WRAP_LINES, round(rect.height() / self.line)))
        return lines * self.line + 2 * self.pad

    def plan(self) -> list[PagePlan]:
        pages = []
        body = self.page.height() - self.head - self.foot - (self.line + 2 * self.pad)
        wraps = any(c.wrap for c in self.table.columns)
        plain = self.line + 2 * self.pad

        def height_of(row: int) -> float:
            if self.table.heading(row) is not None:
                return plain
            return self._row_height(row, band, widths) if wraps else plain
        for band in self.bands():
            widths = self._fit(band)
            page = PagePlan(band, [])
            used = 0.0
            for row in range(self.table.n_rows):
                height = height_of(row)
                needs = height
                if self.table.heading(row) is not None and row + 1 < self.table.n_rows:
                    needs += height_of(row + 1)          # a heading goes with its first line
                if page.rows and used + needs > body:
                    pages.append(page)
                    page, used = PagePlan(band, []), 0.0
                page.rows.append(row)
                page.heights.append(height)
                used += height
            pages.append(page)
        return pages

    # --- drawing --------------------------------------------------------------------------------
    def paint(self, printer: QPrinter | None = None) -> int:
        """Draw every page on the printer (or the preview's printer); returns the page count."""
        printer = printer or self.printer
        pages = self.plan()
        painter = QPainter(printer)
        for n, page in enumerate(pages, start=1):
            if n > 1:
                printer.newPage()
            self.paint_page(painter, page, n, len(pages))
        painter.end()
        return len(pages)

    def cell_rect(self, page: PagePlan, row: int, column: int) -> QRectF:
        """Where the cell of table row `row` and table column `column` is drawn on this page."""
        widths = self._fit(page.columns)
        i, j = page.rows.index(row), page.columns.index(column)
        y = self.head + self.line + 2 * self.pad + sum(page.heights[:i])
        return QRectF(sum(widths[:j]), y, widths[j], page.heights[i])

    def paint_page(self, painter: QPainter, page: PagePlan, number: int, total: int) -> None:
        """One page, on any painter (the printer's, the preview's or an image's)."""
        painter.setFont(self.font)
        self._draw_page(painter, page, number, total)

    def _draw_page(self, painter: QPainter, page: PagePlan, number: int, total: int) -> None:
        table = self.table
        bold = QFont(self.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(0, 0, self.page.width(), self.line * 1.2), int(Qt.AlignmentFlag.AlignLeft), table.title)
        painter.setFont(self.font)
        if table.note:
            painter.drawText(QRectF(0, self.line * 1.2, self.page.width(), self.line), int(Qt.AlignmentFlag.AlignLeft), table.note)
        widths = self._fit(page.columns)
        y = self.head
        y = self._draw_row(painter, y, page.columns, widths, [table.columns[c].title for c in page.columns],
                           self.line + 2 * self.pad, header=True)
        for row, height in zip(page.rows, page.heights):
            heading = table.heading(row)
            if heading is not None:
                y = self._draw_heading(painter, y, sum(widths), height, heading, bold)
                continue
            texts = [table.cell(row, c) for c in page.columns]
            styles = [table.style(row, c) for c in page.columns]
            y = self._draw_row(painter, y, page.columns, widths, texts, height, styles=styles)
        painter.drawText(QRectF(0, self.page.height() - self.line * 1.2, self.page.width(), self.line * 1.2),
                         int(Qt.AlignmentFlag.AlignCenter), f"第 {number} / {total} 页")

    def _draw_heading(self, painter: QPainter, y: float, width: float, height: float, text: str,
                      bold: QFont) -> float:
        rect = QRectF(0, y, width, height)
        painter.fillRect(rect, QColor("#eef1f5"))
        painter.setPen(QColor("#8c8c8c"))
        painter.drawRect(rect)
        painter.setPen(QColor("#000000"))
        painter.setFont(bold)
        inner = rect.adjusted(self.pad, self.pad, -self.pad, -self.pad)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                         QFontMetricsF(bold, self.printer).elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))
        painter.setFont(self.font)
        return y + height

    def _draw_row(self, painter: QPainter, y: float, columns: Sequence[int], widths: list[float],
                  texts: list[str], height: float, header: bool = False,
                  styles: list[CellStyle | None] | None = None) -> float:
        x = 0.0
        grid = QPen(QColor("#8c8c8c"))
        grid.setWidthF(max(1.0, self.printer.resolution() / 300))
        for i, (c, width) in enumerate(zip(columns, widths)):
            rect = QRectF(x, y, width, height)
            style = styles[i] if styles else None
            if header:
                painter.fillRect(rect, QColor("#dde7f3"))
            elif style is not None and style.fill is not None:
                painter.fillRect(rect, style.fill)
            painter.setPen(grid)
            painter.drawRect(rect)
            if style is not None and style.mark is not None:
                draw_corner_mark(painter, rect.right(), rect.top(), self.line * MARK_LINES, style.mark)
            painter.setPen(QColor("#000000") if not (style and style.strike) else QColor("#7f7f7f"))
            inner = rect.adjusted(self.pad, self.pad, -self.pad, -self.pad)
            if style is not None and style.strike:
                font = QFont(self.font)
                font.setStrikeOut(True)
                painter.setFont(font)
            wrap = self.table.columns[c].wrap and not header
            flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
            text = texts[i] if wrap else self.metrics.elidedText(texts[i], Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(inner, flags, text)
            painter.setFont(self.font)
            x += width
        return y + height
