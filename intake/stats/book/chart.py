"""One table's native Excel chart (xlsxwriter), its series reading the table's own cells:
bar (horizontal, the first row on top) for distributions, stacked columns for age by sex, pie
for the shares of a whole. A masked count is text in its cell (plotted as nothing) and its
data label says so ("<5")."""
from __future__ import annotations

from intake.stats.book.formats import CHART_WIDTH, FONT
from intake.stats.grid import Grid
from intake.stats.masking import Masked
from intake.stats.table import StatTable

COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#70AD47", "#FFC000", "#5B9BD5")
SERIES_COLOURS = {"男": "#4472C4", "女": "#ED7D31", "流动儿童": "#4472C4", "留守儿童": "#70AD47"}
PIE_COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")
TYPES = {"bar": ("bar", None), "column": ("column", None), "stacked": ("column", "stacked"), "pie": ("pie", None)}


def chart_rows(t: StatTable, g: Grid) -> int:
    """How many of the table's rows the chart shows (chart_top: the first N, largest first)."""
    n = len(g.body)
    top = t.definition.chart_top
    if top and n > top:
        return top
    return n


def chart_height(t: StatTable, g: Grid) -> int:
    kind = t.definition.chart
    if kind == "bar":
        return max(300, 110 + chart_rows(t, g) * (20 if len(t.series) == 1 else 30))
    return 320


def _labels(t: StatTable, masked: Masked, n: int, j: int, pie: bool) -> list | None:
    custom, any_custom = [], False
    several = t.has_total_column
    for i in range(n):
        text = masked.text(("c", i, j)) or (masked.text(("r", i)) if pie and several else None)
        if pie and (text or not t.counts[i][j]):
            custom.append({"delete": True})
            any_custom = True
        elif text:
            custom.append({"value": text})
            any_custom = True
        else:
            custom.append(None)
    return custom if any_custom else None


def make_chart(book, sheet: str, t: StatTable, g: Grid, header_row: int, masked: Masked):
    kind = t.definition.chart
    if kind == "none" or kind not in TYPES or not g.body:
        return None
    chart_type, subtype = TYPES[kind]
    chart = book.add_chart({"type": chart_type, **({"subtype": subtype} if subtype else {})})
    n, first = chart_rows(t, g), header_row + 1
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
        custom = _labels(t, masked, n, j, pie)
        if custom:
            labels["custom"] = custom
        series["data_labels"] = labels
        chart.add_series(series)
        if pie:
            break
    _dress(chart, t, g, kind, n)
    return chart


def _dress(chart, t: StatTable, g: Grid, kind: str, n: int) -> None:
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
    if kind == "bar":
        chart.set_x_axis(value)
        chart.set_y_axis({**category, "reverse": True, "crossing": "max"})
    else:
        chart.set_x_axis({**category, "num_font": {**axis_font, "rotation": 0}})
        chart.set_y_axis(value)
    if len(t.series) > 1:
        chart.set_legend({"position": "bottom", "font": axis_font})
    else:
        chart.set_legend({"none": True})
