"""Column widths of a sheet's table: from each column's type and header at first, then as the
clerk drags them, remembered per header layout (the same village form opens with the same widths
next time, whatever the file is called)."""
from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QObject, QTimer

from desktop.settings import AppSettings
from desktop.table_model import SheetTableModel

WIDTH_BY_TYPE = {"id": 175, "date": 105, "address": 260, "phone": 120, "name": 80, "choice": 110,
                 "multi": 150, "relation": 90, "text": 120}
SAVE_DELAY_MS = 400
MIN_WIDTH = 24


def layout_key(model: SheetTableModel) -> str:
    """The form and the headers in column order: one key per layout of sheet."""
    text = "|".join([model.table.form, *(c.header for c in model.columns)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def default_widths(view, model: SheetTableModel, form) -> list[int]:
    """Widths from each column's type and header (measuring 100k rows would take seconds)."""
    metrics = view.fontMetrics()
    widths = []
    for source in model.columns:
        kind = form.field(source.field).type if source.field and form.has(source.field) else "text"
        by_type = metrics.horizontalAdvance("0") * WIDTH_BY_TYPE[kind] // 8
        by_header = metrics.horizontalAdvance(source.header) + 24
        widths.append(max(by_type, min(by_header, 220)))
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
            data = json.loads(self.settings.store.value(f"columns/{self.key}", "") or "{}")
        except (TypeError, ValueError):
            return {}
        return {str(k): int(v) for k, v in data.items() if isinstance(v, (int, float))} if isinstance(data, dict) else {}

    def save(self) -> None:
        self._timer.stop()
        if self.settings is None:
            return
        widths = {c.header: self.view.columnWidth(i) for i, c in enumerate(self.model.columns)}
        self.settings.set_raw(f"columns/{self.key}", json.dumps(widths, ensure_ascii=False))
