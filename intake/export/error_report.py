"""The error report: one line per finding, as .xlsx (streamed by intake.export.xlsx_stream, like
the upload file) or .csv (UTF-8 with BOM, so Excel opens it with the Chinese intact).

Hints (values understood and only written differently, e.g. 2022.7.27) are listed too, with
严重程度 提示 and grey text, so the list matches the window's counts; filter the column to hide
them. The upload file normalises them without anyone's help."""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from xlsxwriter.utility import xl_col_to_name

from intake.errors import WriteError
from intake.export.output import Progress, Steps, output_file
from intake.export.protect import check_password
from intake.export.xlsx_print import PageSetup
from intake.export.xlsx_stream import StreamBook
from intake.forms import load_form
from validators.codes import CODES
from intake.severity_words import ERROR_WORD, HINT_WORD, word

HEADERS = ("工作表", "行号", "列", "表头", "单元格内容", "严重程度", "问题代码", "问题类型", "说明", "建议修改为")
WIDTHS = (14, 8, 6, 18, 30, 9, 22, 22, 70, 30)
VALUE_COLUMNS = (4, 9)          # written as text cells ('@'): IDs must keep their digits
SEVERITY_COLUMN = 5             # red when 错误
# printed from Excel/WPS: all ten columns across one landscape A4 page (each finding's 说明 beside
# its row), the header on every page, page numbers
PAGE = PageSetup(landscape=True, paper=9, fit_width=True, footer="&C第 &P 页，共 &N 页", title_rows=(1, 1))


def report_lines(checked: Sequence) -> Iterator[tuple]:
    """Each finding as (sheet, row, column letter, header, value, severity, code, title, message,
    suggestion); rows are the township's Excel rows."""
    titles = {code: spec.title for code, spec in CODES.items()}
    for sheet in checked:
        table = sheet.table
        form = load_form(table.form)
        where = {c.field: (xl_col_to_name(c.col - 1), c.header) for c in table.columns if c.field}
        where.update({f.key: ("", f.label) for f in form.fields if f.key not in where})
        where[None] = ("", "")
        rows = table.row_numbers
        for f in sheet.findings.all():
            letter, header = where[f.field]
            yield (table.sheet, rows[f.index], letter, header, f.value or "",
                   word(f), f.code,
                   titles.get(f.code, f.code), f.message, f.suggestion or "")


def write_report(checked: Sequence, target: str | os.PathLike, *, protected: Iterable[Path] = (),
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 output_password: str | None = None) -> int:
    """Write the report (.xlsx or .csv by the target's suffix); returns the number of lines.
    output_password: protect the .xlsx with it (a .csv cannot be protected: WriteError)."""
    suffix = Path(target).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise WriteError(f"问题清单只能保存为.xlsx或.csv文件，“{Path(target).name}”不是")
    check_password(Path(target), output_password)
    protected = [*protected, *{Path(c.table.source) for c in checked}]
    steps = Steps(sum(len(c.findings) for c in checked), progress, cancelled)
    with output_file(target, protected, output_password) as tmp:
        n = (_write_csv if suffix == ".csv" else _write_xlsx)(tmp, report_lines(checked), steps)
        steps.finish()
    return n


def _write_csv(path: Path, lines: Iterable[tuple], steps: Steps) -> int:
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for line in lines:
            out.writerow(line)
            n += 1
            steps.step()
    return n


def _write_xlsx(path: Path, lines: Iterable[tuple], steps: Steps) -> int:
    with StreamBook(path) as book:
        header = book.style(bold=True, border=True, fill="#DDEBF7")
        text = book.style(text=True)
        error, quiet = book.style(color="#C00000"), book.style(color="#808080")
        formats = [text if c in VALUE_COLUMNS else 0 for c in range(len(HEADERS))]
        by_severity = {word: [style if c == SEVERITY_COLUMN else f for c, f in enumerate(formats)]
                       for word, style in ((ERROR_WORD, error), (HINT_WORD, quiet))}
        ws = book.add_sheet("问题清单", WIDTHS, formats, freeze_rows=1, autofilter=True,
                            rows=steps.total + 1, page=PAGE)
        ws.row(HEADERS, [header] * len(HEADERS))
        for line in lines:
            ws.row(line, by_severity.get(line[SEVERITY_COLUMN]))
            steps.step()
        steps.finish()      # a cancel raises before the book's parts are written: nothing is kept
    return ws.n_rows - 1
