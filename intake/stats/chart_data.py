"""What a table's chart shows, for the workbook's native charts and the window's own drawing:
the rows charted (chart_top: the first N, largest first where the table is sorted so), the
series with their colours, a masked count as no bar with its mask text as label, and for a
stacked chart whose split is masked the grey 未公开 part (row total minus the shown parts)."""
from __future__ import annotations

from dataclasses import dataclass

from intake.stats.masking import NONE, Masked
from intake.stats.table import StatTable

COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#70AD47", "#FFC000", "#5B9BD5")
SERIES_COLOURS = {"男": "#4472C4", "女": "#ED7D31", "流动儿童": "#4472C4", "留守儿童": "#70AD47"}
PIE_COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")
HIDDEN_PART = "未公开"        # the part of a stacked bar whose split is masked
HIDDEN_COLOUR = "#D9D9D9"
STACKED = ("stacked", "stacked_bar")
ALL_MASKED_NOTE = "图中各项人数都小于5，为保护个人信息不作图。"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[int | None, ...]          # None: masked (not drawn)
    labels: tuple[str, ...]                 # the label of each bar ("" for none)


@dataclass(frozen=True)
class ChartData:
    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    category_label: str
    value_label: str
    shares: tuple[float | None, ...] = ()    # pie: each slice's share of the shown total


def chart_rows(t: StatTable) -> int:
    """How many of the table's rows the chart shows."""
    top = t.definition.chart_top
    return top if top and len(t.rows) > top else len(t.rows)


def hidden_parts(t: StatTable, masked: Masked, n: int) -> list[int] | None:
    """Per row, what its masked parts add up to, when the row total is shown; None when nothing
    is masked (only stacked charts of several series draw it)."""
    if not masked.hidden or not t.has_total_column:
        return None
    out = []
    for i in range(n):
        shown = sum(c for j, c in enumerate(t.counts[i]) if not masked.text(("c", i, j)))
        out.append(0 if masked.text(("r", i)) else t.row_total(i) - shown)
    return out if any(out) else None


def all_masked(t: StatTable, masked: Masked) -> bool:
    """Every count the chart would draw is masked (a chart of empty bars): no chart is drawn and
    the table's notes say why. A stacked chart still draws its rows' totals as the grey part."""
    if not masked.hidden or t.definition.chart == "none" or not t.rows:
        return False
    if t.definition.chart in STACKED and hidden_parts(t, masked, chart_rows(t)):
        return False
    columns = range(1 if t.definition.chart == "pie" else len(t.series))
    return all(masked.text(("c", i, j)) or not t.counts[i][j] for i in range(chart_rows(t)) for j in columns)


def chart_data(t: StatTable, masked: Masked = NONE) -> ChartData | None:
    d = t.definition
    if d.chart == "none" or not t.rows or all_masked(t, masked):
        return None
    n = chart_rows(t)
    stacked = d.chart in STACKED and len(t.series) > 1
    series = []
    for j, name in enumerate(t.series):
        values, labels = [], []
        for i in range(n):
            text = masked.text(("c", i, j))
            values.append(None if text else t.counts[i][j])
            if stacked and text:        # the grey part carries it; a bar hidden whole says so once
                text = (masked.text(("r", i)) or "") if j == 0 else ""
            labels.append(text or (str(t.counts[i][j]) if t.counts[i][j] else ""))
        series.append(Series(name, SERIES_COLOURS.get(name, COLOURS[j % len(COLOURS)]), tuple(values), tuple(labels)))
        if d.chart == "pie":
            break
    hidden = hidden_parts(t, masked, n) if d.chart in STACKED else None
    if hidden:
        series.append(Series(HIDDEN_PART, HIDDEN_COLOUR, tuple(hidden), tuple(str(v) if v else "" for v in hidden)))
    shares: tuple[float | None, ...] = ()
    if d.chart == "pie":
        shown = sum(v for v in series[0].values if v)
        shares = tuple((v / shown if v and shown else None) for v in series[0].values)
    title = d.title + (f"（前{n}项）" if n < len(t.rows) else "")
    return ChartData(d.chart, title, tuple(t.rows[:n]), tuple(series), d.category_label, d.value_label, shares)
