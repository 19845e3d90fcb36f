"""One table's native Excel chart (xlsxwriter), its series reading the table's own cells:
bar (horizontal, the first row on top) for distributions, stacked columns for age by sex, pie
for the shares of a whole. A masked count is text in its cell (plotted as nothing) and its
data label says so ("<5")."""
from __future__ import annotations

from intake.stats.book.formats import CHART_WIDTH, FONT
from intake.stats.chart_data import (COLOURS, HIDDEN_COLOUR, HIDDEN_PART, PIE_COLOURS, SERIES_COLOURS,
                                     all_masked, chart_rows, hidden_parts)
from intake.stats.grid import Grid
from intake.stats.masking import Masked
from intake.stats.table import StatTable

TYPES = {"bar": ("bar", None), "stacked_bar": ("bar", "stacked"), "column": ("column", None),
         "stacked": ("column", "stacked"), "pie": ("pie", None)}
MAX_HEIGHT = 900            # the tallest chart: a table's 40 rows


class ChartData:
    """A very hidden last sheet for values a chart needs that the tables do not show as numbers
    (the masked part of a stacked bar: row total minus the shown parts). Columns are handed out
    as charts are made and written by `finish()` after the last topic sheet."""
    NAME = "_图表数据"

    def __init__(self, book):
        self.book, self.columns = book, []

    def column_of(self, name: str, values: list[int]) -> tuple[str, int]:
        self.columns.append((name, values))
        return self.NAME, len(self.columns) - 1

    def finish(self) -> None:
        if not self.columns:
            return
        sheet = self.book.add_worksheet(self.NAME)
        sheet.very_hidden()
        for c, (name, values) in enumerate(self.columns):
            sheet.write_string(0, c, name)
            for i, v in enumerate(values, start=1):
                sheet.write_number(i, c, v)


def chart_height(t: StatTable, g: Grid) -> int:
    kind = t.definition.chart
    if kind in ("bar", "stacked_bar"):
        per_row = 30 if len(t.series) > 1 and kind == "bar" else 21
        return min(MAX_HEIGHT, max(300, 120 + chart_rows(t) * per_row))
    return 320


def _labels(t: StatTable, masked: Masked, n: int, j: int, pie: bool, stacked: bool = False) -> list | None:
    custom, any_custom = [], False
    several = t.has_total_column
    for i in range(n):
        text = masked.text(("c", i, j)) or (masked.text(("r", i)) if pie and several else None)
        if (pie and text) or (stacked and text) or not (text or t.counts[i][j]):
            custom.append({"delete": True})      # no "0" labels; a stacked bar's grey part says it
            any_custom = True
        elif text:
            custom.append({"value": text})
            any_custom = True
        else:
            custom.append(None)
    return custom if any_custom else None


def make_chart(book, sheet: str, t: StatTable, g: Grid, header_row: int, masked: Masked,
               data: ChartData | None = None):
    kind = t.definition.chart
    if kind == "none" or kind not in TYPES or not g.body or all_masked(t, masked):
        return None
    chart_type, subtype = TYPES[kind]
    chart = book.add_chart({"type": chart_type, **({"subtype": subtype} if subtype else {})})
    n, first = chart_rows(t), header_row + 1
    pie = kind == "pie"
    for j, name in enumerate(t.series):
        colour = SERIES_COLOURS.get(name, COLOURS[j % len(COLOURS)])
        series = {"name": [sheet, header_row, j + 1], "categories": [sheet, first, 0, first + n - 1, 0],
                  "values": [sheet, first, j + 1, first + n - 1, j + 1], "gap": 60}
        labels = {"value": True, "font": {"name": FONT, "size": 9}}
        if pie:
            series["points"] = [{"fill": {"color": PIE_COLOURS[i % len(PIE_COLOURS)]}} for i in range(n)]
            labels = {"percentage": True, "category": True, "leader_lines": True, "position": "best_fit",
                      "font": {"name": FONT, "size": 9}}
        else:
            series["fill"] = {"color": colour}
        custom = _labels(t, masked, n, j, pie, subtype == "stacked" and len(t.series) > 1)
        if custom:
            labels["custom"] = custom
        series["data_labels"] = labels
        chart.add_series(series)
        if pie:
            break
    hidden = hidden_parts(t, masked, n) if subtype == "stacked" and data is not None else None
    if hidden:
        where, col = data.column_of(f"{t.id}.{HIDDEN_PART}", hidden)
        chart.add_series({"name": HIDDEN_PART, "categories": [sheet, first, 0, first + n - 1, 0],
                          "values": [where, 1, col, n, col], "fill": {"color": HIDDEN_COLOUR}, "gap": 60})
    _dress(chart, t, g, kind, n, bool(hidden))
    return chart


def chart_kind_is_bar(kind: str) -> bool:
    return kind in ("bar", "stacked_bar")


def _dress(chart, t: StatTable, g: Grid, kind: str, n: int, masked_stack: bool = False) -> None:
    d = t.definition
    title = d.title + (f"（前{n}项）" if n < len(g.body) else "")
    chart.set_title({"name": title, "name_font": {"name": FONT, "size": 12, "bold": True}})
    chart.set_size({"width": CHART_WIDTH, "height": chart_height(t, g)})
    axis_font = {"name": FONT, "size": 9}
    name_font = {"name": FONT, "size": 10, "bold": False}
    if kind == "pie":
        chart.set_legend({"none": True})
        return
    category = {"name": d.category_label, "name_font": name_font, "num_font": axis_font}
    value = {"name": d.value_label, "name_font": name_font, "num_font": axis_font, "min": 0,
             "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    if chart_kind_is_bar(kind):
        chart.set_x_axis(value)
        chart.set_y_axis({**category, "reverse": True, "crossing": "max", "interval_unit": 1})
    else:
        chart.set_x_axis({**category, "num_font": {**axis_font, "rotation": 0}})
        chart.set_y_axis(value)
    if len(t.series) > 1 or masked_stack:
        chart.set_legend({"position": "bottom", "font": axis_font})
    else:
        chart.set_legend({"none": True})
