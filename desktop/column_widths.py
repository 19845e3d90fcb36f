"""Column widths of a sheet's table: at first from each column's header and a sample of its
texts (a date written 2020年8月1日 or a full-width ID number fits, an address stops at a cap),
then as the clerk drags them, remembered per header layout (the same village form opens with the
same widths next time, whatever the file is called)."""
from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QObject, QTimer

from desktop.settings import AppSettings
from desktop.table_model import SheetTableModel

# In eighths of a digit's width: the width of an empty column, and the most a column's texts widen it.
WIDTH_BY_TYPE = {"id": 175, "date": 105, "address": 260, "phone": 120, "name": 80, "choice": 110,
                 "multi": 150, "relation": 90, "text": 120}
CAP_BY_TYPE = {"id": 290, "date": 200, "address": 260, "phone": 200, "name": 130, "choice": 200,
               "multi": 240, "relation": 130, "text": 220}
SAMPLE_ROWS = 400          # rows spread over the sheet: 100k rows would take seconds
CELL_PADDING = 14          # the cell's margins and the hint's corner mark
SAVE_DELAY_MS = 400
MIN_WIDTH = 24


def layout_key(model: SheetTableModel) -> str:
    """The form and the headers in column order: one key per layout of sheet."""
    text = "|".join([model.table.form, *(c.header for c in model.columns)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def sample_records(model: SheetTableModel, limit: int = SAMPLE_ROWS) -> list[int]:
    """Up to `limit` records spread evenly over the sheet, the first and the last among them."""
    n = model.table.n_rows
    if n <= limit:
        return list(range(n))
    return sorted({round(i * (n - 1) / (limit - 1)) for i in range(limit)})


def default_widths(view, model: SheetTableModel, form) -> list[int]:
    """Each column as wide as its header (up to 220) and the longest of its sampled texts, up to
    its type's cap; a column with no text keeps its type's width."""
    metrics = view.fontMetrics()
    digit = metrics.horizontalAdvance("0")
    records = sample_records(model)
    widths = []
    for column, source in enumerate(model.columns):
        kind = form.field(source.field).type if source.field and form.has(source.field) else "text"
        by_header = min(metrics.horizontalAdvance(source.header) + 24, 220)
        texts = {model.value(record, column) or "" for record in records} - {""}
        if not texts:
            widths.append(max(digit * WIDTH_BY_TYPE[kind] // 8, by_header))
            continue
        longest = max(metrics.horizontalAdvance(text) for text in texts) + CELL_PADDING
        widths.append(max(by_header, min(longest, digit * CAP_BY_TYPE[kind] // 8)))
    return widths


class ColumnWidths(QObject):
    """Applies the remembered (or default) widths and remembers the ones the clerk sets."""

    def __init__(self, view, model: SheetTableModel, form, settings: AppSettings | None, parent=None):
        super().__init__(parent)
        self.view, self.model, self.settings = view, model, settings
        self.key = layout_key(model)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        widths = default_widths(view, model, form)
        stored = self.stored()
        for column, source in enumerate(model.columns):
            view.setColumnWidth(column, max(MIN_WIDTH, stored.get(source.header, widths[column])))
        view.horizontalHeader().sectionResized.connect(lambda *_a: self._timer.start())

    def stored(self) -> dict[str, int]:
        if self.settings is None:
            return {}
        try:
            data = json.loads(self.settings.get_raw(f"columns/{self.key}") or "{}")
        except (TypeError, ValueError):
            return {}
        return {str(k): int(v) for k, v in data.items() if isinstance(v, (int, float))} if isinstance(data, dict) else {}

    def save(self) -> None:
        self._timer.stop()
        if self.settings is None:
            return
        widths = {c.header: self.view.columnWidth(i) for i, c in enumerate(self.model.columns)}
        self.settings.set_raw(f"columns/{self.key}", json.dumps(widths, ensure_ascii=False))
