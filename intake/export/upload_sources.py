"""The 来源 sheet of the county's merged upload: where each written row came from (township,
file, sheet, Excel row), so the county can trace any uploaded child to its township's file."""
from __future__ import annotations

from dataclasses import dataclass

SOURCE_SHEET = "来源"


@dataclass
class SourceRow:
    sheet: str                 # the upload's sheet
    row: int                   # its Excel row there
    township: str
    file: str
    source_sheet: str
    source_row: int            # Excel row in the township's file


def write_sources(book, header_format, sources: list[SourceRow]) -> None:
    ws = book.add_worksheet(SOURCE_SHEET)
    for c, (title, width) in enumerate((("上报表", 26), ("上报表行号", 10), ("乡镇（街道）", 14),
                                         ("文件", 36), ("工作表", 16), ("原表行号", 10))):
        ws.set_column(c, c, width)
        ws.write_string(0, c, title, header_format)
    ws.freeze_panes(1, 0)
    for r, s in enumerate(sources, 1):
        ws.write_string(r, 0, s.sheet)
        ws.write_number(r, 1, s.row)
        ws.write_string(r, 2, s.township or "未识别乡镇")
        ws.write_string(r, 3, s.file)
        ws.write_string(r, 4, s.source_sheet)
        ws.write_number(r, 5, s.source_row)
