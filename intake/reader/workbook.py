"""read_tables: sniff the file, read its sheets as grids, turn each registration sheet into a SheetTable."""
from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from typing import Callable

from intake.errors import MopaiError, ReadError
from intake.privacy import quote
from intake.forms import FORM_KEYS, load_form
from intake.reader import limits
from intake.reader import sniff as kinds
from validators.run_support import gc_paused
from intake.reader.grid import Grid, is_blank
from intake.reader.sheets import Skipped, has_person_columns, read_sheet
from intake.reader.source import read_head
from intake.table import ImportNote, SheetTable

Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)

EMPTY = "文件“{name}”是空的（0字节或没有内容），请让报送单位重新发送。"
NO_DATA = "文件“{name}”的工作表里没有任何内容，请确认选对了文件，或让报送单位重新发送。"
NO_HEADER = ("在“{name}”中没有找到登记表的表头：前30行里应有“姓名”“性别”“出生日期”“公民身份号码”"
             "等列名。请确认这是流动儿童或留守儿童登记表，且表头没有被删除或改名。")
NOT_A_FORM = "“{name}”的工作表“{sheet}”不是流动儿童或留守儿童登记表：{reason}。请检查表头，或在导入时指定表单类型。"
NO_PERSON_NOTE = "没有认出“姓名”或“公民身份号码”列，请在列对应中指定哪一列是儿童姓名和身份号码。"
TOO_BIG = "“{name}”太大，电脑内存不够读取。请关闭其他程序后重试，或把表格分成几个文件。"
UNEXPECTED = ("读取“{name}”时遇到无法处理的内容，文件可能已损坏或格式特殊。"
              "请用Excel或WPS打开后另存为.xlsx再试。")
NOT_A_SHEET = ("“{name}”不是Excel/WPS表格文件，而是一份{what}，请确认选对了文件。"
               "登记表是用Excel或WPS保存的.xlsx、.xls、.et或.csv文件。")


def read_tables(path: str | os.PathLike, *, password: str | None = None, form: str | None = None,
                progress: Progress | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[SheetTable]:
    path = Path(path)
    if form is not None and form not in FORM_KEYS:
        raise ValueError(f"unknown form {form!r}")
    try:
        with gc_paused():
            return _read(path, password, form, progress, cancelled)
    except (MopaiError, KeyboardInterrupt):
        raise
    except MemoryError as exc:
        raise ReadError(TOO_BIG.format(name=path.name)) from exc
    except BaseException as exc:    # a file shaped in a way nobody foresaw: a message, not a traceback
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise                   # SystemExit and the like; PanicException is a Rust panic
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        log.error("reading failed: %s at %s:%s", type(exc).__name__, Path(frame.filename).name, frame.lineno)
        raise ReadError(UNEXPECTED.format(name=path.name)) from exc


def _read(path: Path, password: str | None, form: str | None, progress: Progress | None,
          cancelled: Callable[[], bool] | None) -> list[SheetTable]:
    if progress is not None:
        progress(0, 0)          # started; the total is known once the workbook is parsed
    grids = read_grids(path, password)
    forms = {k: load_form(k) for k in FORM_KEYS}
    total = sum(max(0, g.n_rows) for g in grids)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total), total)

    if progress is not None:
        progress(0, total)
    results = [read_sheet(path, g, forms, form, tick, cancelled) for g in grids]
    if progress is not None:
        progress(total, total)
    return _tables_or_error(path, results, kinds.not_a_sheet(kinds.sniff(read_head(path)), path.name))


def read_grids(path: Path, password: str | None) -> list[Grid]:
    """Every sheet of the file as a raw grid, the format found from the content."""
    from intake.reader import formats
    head = read_head(path)
    kind = kinds.sniff(head)
    if kind == kinds.EMPTY:
        raise ReadError(EMPTY.format(name=path.name))
    what = kinds.not_a_sheet(kind, path.name)
    if kind in (kinds.BINARY, kinds.PDF):
        raise ReadError(NOT_A_SHEET.format(name=path.name, what=what))
    try:
        grids = formats.read(path, kind, password)
    except limits.AreaTooLarge as exc:          # raised where the file name was not known
        raise exc.named(path.name) from None
    if not any(_has_text(g) for g in grids):
        raise ReadError(NO_DATA.format(name=path.name))
    return grids


def _has_text(grid: Grid) -> bool:
    return grid.n_rows > 200 or any(not is_blank(v) for row in grid.rows[:200] for v in row)


def _tables_or_error(path: Path, results: list[SheetTable | Skipped], not_a_sheet: str | None) -> list[SheetTable]:
    """not_a_sheet: what the file is when it is no spreadsheet (plain text under a sheet's name)."""
    tables = [r for r in results if isinstance(r, SheetTable)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    with_person = [t for t in tables if has_person_columns(t.columns)]
    if with_person:
        return with_person      # a sheet of option lists beside the real table is not a table
    for t in tables:            # the clerk can still map the columns by hand
        t.notes.insert(0, ImportNote("read.no_person_columns", NO_PERSON_NOTE))
    if tables:
        return tables
    not_forms = [s for s in skipped if s.had_header]
    if not_forms:
        s = not_forms[0]
        raise ReadError(NOT_A_FORM.format(name=path.name, sheet=quote(s.sheet or path.stem), reason=s.reason))
    if not_a_sheet is not None:     # text under a spreadsheet's name and no header in it
        raise ReadError(NOT_A_SHEET.format(name=path.name, what=not_a_sheet))
    raise ReadError(NO_HEADER.format(name=path.name))
