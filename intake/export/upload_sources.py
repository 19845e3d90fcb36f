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


def write_sources(book, header_style: int, sources: list[SourceRow]) -> None:
    """book: an intake.export.xlsx_stream.StreamBook."""
    titles, widths = zip(("上报表", 26), ("上报表行号", 10), ("乡镇（街道）", 14), ("文件", 36),
                         ("工作表", 16), ("原表行号", 10))
    ws = book.add_sheet(SOURCE_SHEET, widths, freeze_rows=1)
    ws.row(titles, [header_style] * len(titles))
    for s in sources:
        ws.row([s.sheet, s.row, s.township or "未识别乡镇", s.file, s.source_sheet, s.source_row])
