"""`write_statistics(result, target, ...)`: the statistics workbook, written atomically through
intake.export.output.output_file (temporary files only beside the target; optional password).

Sheets: 概览 (title, source line, the headline sentences, a list of the topic sheets with links,
the files counted), then one sheet per topic (intake.stats.book.sheet). Masking (default on: it
is what gets published) follows templates/statistics.toml [masking]."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import xlsxwriter

from intake.export.output import output_file, writer_tmpdir
from intake.forms import load_form
from intake.stats.book.formats import formats, page_setup, text_width
from intake.stats.book.chart import ChartData
from intake.stats.book.sheet import head_rows, topic_sheet
from intake.stats.compute import StatsResult
from intake.stats.headline import sections

OVERVIEW = "概览"
SENTENCE_WIDTH = 110          # column A of 概览, in Excel width units
LINE_UNITS = 140              # what a line of 11 pt sentences holds there (measured in LibreOffice)


def book_title(result: StatsResult) -> str:
    forms = "和".join(load_form(f).short for f in result.forms) or "儿童"
    return f"{result.source.scope}{forms}统计分析"


def _overview(book, f: dict, result: StatsResult, title: str, source: tuple[str, ...], masked: bool) -> None:
    sheet = book.add_worksheet(OVERVIEW)
    head_rows(sheet, f, title, source, [SENTENCE_WIDTH])
    page_setup(sheet)
    sheet.set_column(0, 0, SENTENCE_WIDTH)
    row = 3
    parts = sections(result, masked)
    if masked:
        parts.append(["本工作簿中小于5的人数显示为“<5”，" + result.stats.masking.note.removeprefix("注：")])
    for part in parts:
        for text in part:
            sheet.write_string(row, 0, text, f["sentence"])
            sheet.set_row(row, 18 * max(1, -(-text_width(text) // LINE_UNITS)))
            row += 1
        row += 1
    sheet.write_string(row, 0, "各专题统计表：", f["table_title"])
    for topic in result.topics:
        row += 1
        names = "、".join(t.title for t in result.topic_tables(topic))
        sheet.write_url(row, 0, f"internal:'{topic}'!A1", f["link"], string=f"{topic}：{names}")
    row += 2
    sheet.write_string(row, 0, f"统计的文件（{len(result.source.files)}个）：", f["table_title"])
    for name in result.source.files:
        row += 1
        sheet.write_string(row, 0, name, f["plain"])


def write_statistics(result: StatsResult, target: str | Path, *, protected: Iterable[Path] = (),
                     password: str | None = None, masked: bool = True) -> Path:
    target = Path(target)
    title, source = book_title(result), result.source.lines(result.as_of)
    masking = result.stats.masking if masked else None
    with output_file(target, protected, password) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"tmpdir": writer_tmpdir(tmp)})
        f = formats(book)
        _overview(book, f, result, title, source, masked)
        data = ChartData(book)
        for topic in result.topics:
            topic_sheet(book, f, topic, result.topic_tables(topic), f"{title}——{topic}", source,
                        masking, result.stats.labels, data)
        data.finish()
        book.set_properties({"title": title, "subject": "统计分析（不含姓名、身份证号）"})
        book.close()
    return target
