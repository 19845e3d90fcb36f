"""Printed pages show hints as the table does: a small corner triangle, no fill (errors and
warnings keep their red/amber fill). Checked on rendered pixels: a page drawn on an image, and
the print preview the window opens."""
from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

from desktop.hint_mark import HINT_COLOR, only_hints
from desktop.print_layout import Printout
from desktop.printing import new_printer, view_table
from test_gui_helpers import make_window, open_and_wait, sample_records, write_xlsx


def near(color: QColor, wanted: QColor, tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in
               zip(color.getRgb()[:3], wanted.getRgb()[:3]))


def render(printout: Printout, scale: float) -> tuple[QImage, object]:
    page = printout.plan()[0]
    image = QImage(int(printout.page.width() * scale) + 1, int(printout.page.height() * scale) + 1,
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    printout.paint_page(painter, page, 1, 1)
    painter.end()
    return image, page


def corners(image: QImage, rect, scale: float) -> tuple[QColor, QColor]:
    """The colour just inside a cell's top-right corner and just inside its top-left one."""
    top = int(rect.top() * scale) + 2
    return (image.pixelColor(int(rect.right() * scale) - 3, top),
            image.pixelColor(int(rect.left() * scale) + 3, top))


def test_hint_cells_print_with_the_corner_mark_and_errors_with_their_fill(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    tab = open_and_wait(qtbot, window, write_xlsx(tmp_path / "村甲.xlsx", sample_records()))[0]
    findings, model = tab.session.findings, tab.model
    hint = next(f for f in findings.all() if f.field == "birth_date" and only_hints(findings.for_cell(f.index, f.field)))
    error = next(f for f in findings.errors if f.field == "id_number")
    clean = next(i for i in range(tab.table.n_rows) if not findings.for_cell(i, "birth_date"))
    printout = Printout(view_table(tab), new_printer())
    scale = 96 / printout.printer.resolution()
    image, page = render(printout, scale)

    def cell(record, field):
        return printout.cell_rect(page, model.row_of(record), model.column_of(field) + 1)

    right, left = corners(image, cell(hint.index, "birth_date"), scale)
    assert near(right, HINT_COLOR) and near(left, QColor("white"))      # a mark, no fill
    right, left = corners(image, cell(clean, "birth_date"), scale)
    assert near(right, QColor("white")) and near(left, QColor("white"))
    right, left = corners(image, cell(error.index, "id_number"), scale)
    assert right == left and not near(left, QColor("white")) and not near(left, HINT_COLOR)  # fill
    assert "右上角小三角为提示" in printout.table.note
    # the preview the window opens draws the marks too
    window.actions.preview_view.trigger()
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog) is not None)
    dialog = window.findChild(QPrintPreviewDialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.fitToWidth()
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    shot = widget.grab().toImage()
    marks = sum(near(shot.pixelColor(x, y), HINT_COLOR, 10)
                for x in range(0, shot.width(), 2) for y in range(0, shot.height(), 2))
    assert marks > 0
    dialog.close()
    window.workspace.close()
