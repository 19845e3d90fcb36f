"""One topic sheet: the title and source rows (repeated on every printed page), then each table
of the topic with its chart beside it, the next table below the taller of the two, each table
starting a printed page."""
from __future__ import annotations

from intake.stats.book.chart import ChartData, chart_height, make_chart
from math import ceil

from intake.stats.book.formats import (CHART_WIDTH, COLUMN_PX, DEFAULT_COLUMN, GAP_ROWS, PAGE_RATIO, ROW_PX,
                                       SOURCE_LINE_PT, page_setup, text_width, units_px)
from intake.stats.grid import Grid, grid
from intake.stats.chart_data import ALL_MASKED_NOTE, all_masked
from intake.stats.masking import NONE, Masked, mask
from intake.stats.table import StatTable

LABEL_WIDTH = (12, 44)
NUMBER_WIDTH = 10


TITLE_PT = 26


def head_px(source: tuple[str, ...]) -> float:
    """The height of the title and source rows (repeated on every page), in pixels."""
    return (TITLE_PT + SOURCE_LINE_PT * len(source) + 2) * 4 / 3


def head_rows(sheet, f: dict, title: str, source: tuple[str, ...], widths: list[float], tallest_px: float = 0) -> None:
    """The title, and the source in its lines in one cell merged across the printed columns
    (`widths`, in Excel units), widened with plain columns until the longest line fits, so it
    breaks only where its lines do, and until a page as wide holds the tallest block
    (`tallest_px`, head rows included) when printed one page wide."""
    sheet.write(0, 0, title, f["title"])
    sheet.set_row(0, TITLE_PT)
    needed, used = max(text_width(line) for line in source), list(widths)
    while sum(used) < needed or sum(units_px(w) for w in used) < tallest_px * PAGE_RATIO:
        used.append(DEFAULT_COLUMN)
    text = "\n".join(source)
    if len(used) > 1:
        sheet.merge_range(1, 0, 1, len(used) - 1, text, f["source"])
    else:
        sheet.write_string(1, 0, text, f["source"])
    sheet.set_row(1, SOURCE_LINE_PT * len(source) + 2)


def _write_cell(sheet, row: int, col: int, value, f: dict, total: bool, share: bool) -> None:
    prefix = "total_" if total else ""
    if value is None:
        sheet.write_blank(row, col, None, f[prefix + ("share" if share else "count")])
    elif isinstance(value, str):
        sheet.write_string(row, col, value, f[prefix + ("label" if col == 0 else "masked")])
    elif share:
        sheet.write_number(row, col, value, f[prefix + "share"])
    else:
        sheet.write_number(row, col, value, f[prefix + "count"])


def write_table(sheet, f: dict, t: StatTable, g: Grid, top: int) -> int:
    """The table from row `top` (title, header, lines, notes); returns the header's row."""
    sheet.write(top, 0, t.title, f["table_title"])
    header = top + 1
    for c, text in enumerate(g.header):
        sheet.write_string(header, c, text, f["header"])
    for r, line in enumerate(g.lines):
        last = r == len(g.lines) - 1
        for c, value in enumerate(line):
            _write_cell(sheet, header + 1 + r, c, value, f, last, c == g.share_column)
    return header


def _notes(t: StatTable, masked: Masked, note: str) -> list[str]:
    notes = [t.definition.note] if t.definition.note else []
    notes += [note] if masked.hidden and note else []
    return notes + ([ALL_MASKED_NOTE] if all_masked(t, masked) else [])


def topic_sheet(book, f: dict, name: str, tables: list[StatTable], title: str, source: tuple[str, ...],
                masking, labels, data: ChartData | None = None):
    sheet = book.add_worksheet(name)
    page_setup(sheet)
    row, breaks, widths, charted, tallest = 3, [], [LABEL_WIDTH[0]], False, 0
    for t in tables:
        masked = mask(t, masking) if masking else NONE
        g = grid(t, labels, masked)
        if row > 3:
            breaks.append(row)
        header = write_table(sheet, f, t, g, row)
        notes = _notes(t, masked, masking.note if masking else "")
        end = header + len(g.lines)
        for k, text in enumerate(notes):
            sheet.write_string(end + 1 + k, 0, text, f["note"])
        end += len(notes)
        chart = make_chart(book, name, t, g, header, masked, data)
        if chart is not None:
            charted = True
            sheet.insert_chart(row, len(g.header) + 1, chart, {"x_offset": 10, "y_offset": 4})
            end = max(end, row + chart_height(t, g) // ROW_PX + 1)
        widths = _widen(widths, g)
        tallest = max(tallest, end + 1 - row)
        row = end + 1 + GAP_ROWS
    label = min(max(widths[0], LABEL_WIDTH[0]), LABEL_WIDTH[1])
    sheet.set_column(0, 0, label)
    sheet.set_column(1, max(len(widths) - 1, 1), NUMBER_WIDTH)
    sheet.set_h_pagebreaks(breaks)
    head_rows(sheet, f, title, source, _printed_widths(label, len(widths), charted),
              head_px(source) + ROW_PX * (tallest + 1))
    return sheet


def _printed_widths(label: float, columns: int, charted: bool) -> list[float]:
    """The widths of the columns a page shows: the tables' and, right of a gap column, the charts'."""
    widths = [label] + [NUMBER_WIDTH] * max(columns - 1, 1)
    if charted:
        widths += [DEFAULT_COLUMN] * (1 + ceil((CHART_WIDTH + 10) / COLUMN_PX))
    return widths


def _widen(widths: list[int], g: Grid) -> list[int]:
    label = max([text_width(line[0]) for line in g.lines if line[0]] + [text_width(g.header[0])]) + 2
    out = [max(widths[0], label)] + widths[1:]
    while len(out) < len(g.header):
        out.append(NUMBER_WIDTH)
    return out
