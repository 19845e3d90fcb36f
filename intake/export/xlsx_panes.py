"""The frozen pane of a sheet written by intake.export.xlsx_stream (the sheetView's pane and
selections, as Excel writes them): rows above and columns left of the first scrolling cell."""
from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name


def pane_xml(rows: int, cols: int) -> str:
    """The frozen pane: rows above and columns left of the first scrolling cell."""
    if not cols:
        return ('<pane ySplit="{0}" topLeftCell="A{1}" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A{1}" sqref="A{1}"/>'.format(rows, rows + 1) if rows else "")
    col = xl_col_to_name(cols)
    if not rows:
        return (f'<pane xSplit="{cols}" topLeftCell="{col}1" activePane="topRight" state="frozen"/>'
                f'<selection pane="topRight" activeCell="{col}1" sqref="{col}1"/>')
    return (f'<pane xSplit="{cols}" ySplit="{rows}" topLeftCell="{col}{rows + 1}" activePane="bottomRight" '
            f'state="frozen"/><selection pane="topRight" activeCell="{col}1" sqref="{col}1"/>'
            f'<selection pane="bottomLeft" activeCell="A{rows + 1}" sqref="A{rows + 1}"/>'
            f'<selection pane="bottomRight" activeCell="{col}{rows + 1}" sqref="{col}{rows + 1}"/>')
