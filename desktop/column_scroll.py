"""Horizontal scrolling by whole columns for a table with frozen columns laid over its left edge.

The frozen columns are an overlay (desktop.frozen_view): scrolled pixel by pixel, the column
sliding under it would be half covered, its text cut off. So the scroll position only ever takes
the values at which a column starts exactly at the overlay's right edge — as Excel scrolls, a
column at a time — and the range is extended so that the last columns can be reached that way.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right


class ColumnSnap:
    def __init__(self, view):
        """view: a FrozenTableView (n_frozen, frozen_width())."""
        self.view = view
        self._last = 0
        self._busy = False
        view.horizontalScrollBar().valueChanged.connect(self._snap)

    def offsets(self) -> list[int]:
        """The scroll positions at which a scrolled column starts at the frozen edge."""
        view, model = self.view, self.view.model()
        if model is None:
            return [0]
        header = view.horizontalHeader()
        edge = view.frozen_width()
        found = [header.sectionPosition(c) - edge for c in range(view.n_frozen, model.columnCount())
                 if not header.isSectionHidden(c)]
        return found or [0]

    def last_offset(self, offsets: list[int]) -> int:
        """The first offset from which every remaining column fits beside the frozen ones."""
        view = self.view
        total = view.horizontalHeader().length()
        room = view.viewport().width() - view.frozen_width()
        for offset in offsets:
            if total - (offset + view.frozen_width()) <= room:
                return offset
        return offsets[-1]

    def extend_range(self) -> None:
        """After the view set its scroll range: reach the last columns' offset, and make an
        arrow click or a wheel step move exactly one column (any step snaps to the next one)."""
        bar = self.view.horizontalScrollBar()
        bar.setSingleStep(1)
        offsets = self.offsets()
        last = self.last_offset(offsets)
        if last > bar.maximum():
            bar.setMaximum(last)

    def _snap(self, value: int) -> None:
        if self._busy:
            return
        offsets = self.offsets()
        offsets = offsets[:bisect_right(offsets, self.last_offset(offsets))]
        if value >= self._last:
            i = bisect_left(offsets, value)
            target = offsets[min(i, len(offsets) - 1)]
        else:
            i = bisect_right(offsets, value) - 1
            target = offsets[max(i, 0)]
        self._last = target
        if target != value:
            self._busy = True
            self.view.horizontalScrollBar().setValue(target)
            self._busy = False

    def reveal(self, column: int) -> None:
        """After scrollTo(): a column left under the frozen ones is brought out beside them."""
        view = self.view
        if column < view.n_frozen:
            return
        if view.columnViewportPosition(column) < view.frozen_width():
            target = view.horizontalHeader().sectionPosition(column) - view.frozen_width()
            self._last = target
            self._busy = True
            view.horizontalScrollBar().setValue(target)
            self._busy = False
