"""A minimal streaming .xlsx (SpreadsheetML) writer for the big exports (upload file, problem
list): each row goes straight into the zip as XML with inline strings, deflated at level 1.
Nothing is held in memory and no temporary file is made: the caller gives the path (an atomic
temporary file beside the target, intake.export.output). 3.7M text cells take ~3 s, where
xlsxwriter's constant-memory mode takes ~16 s (benchmarks/export.py).

What it writes: several sheets in order, text and number cells (a date as its serial number,
`serial()`, with a date format), a few cell styles (font and size, bold, border and its colour,
centred/wrapped or vertically centred, fill, font colour, the text format '@' or another number
format), column widths and default styles, row heights, frozen rows and columns, an autofilter,
drop-down lists (intake.export.xlsx_validation), page setup and print titles
(intake.export.xlsx_print), the title and comments of the book. Everything else (comments,
merged cells, formulas) is for openpyxl/xlsxwriter on the small styled files.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from os import PathLike
from typing import Sequence

from xlsxwriter.utility import xl_col_to_name

from intake.export.xlsx_panes import pane_xml
from intake.export.xlsx_print import PageSetup
from intake.export.xlsx_validation import ListValidation, validations_xml

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# what needs escaping in a text cell: XML's specials, the control characters XML cannot hold
# (written _x0001_ as Excel does) and text that looks like such an escape (_x005F_ first)
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
FLUSH_ROWS = 500
MIN_BYTES = 4096
EPOCH = datetime(1899, 12, 30)


@dataclass(frozen=True)
class Style:
    bold: bool = False
    border: bool = False
    center: bool = False          # centred both ways, wrapped
    fill: str | None = None       # "#DDEBF7"
    color: str | None = None      # font colour
    text: bool = False            # number format '@': Excel keeps what is typed as text
    font: str | None = None       # font name (else 等线)
    size: float | None = None     # font size (else 11)
    vcenter: bool = False         # centred vertically only
    border_color: str | None = None
    num_format: str | None = None  # "yyyy-mm-dd", "0", ...


def serial(value: date | datetime) -> int | float:
    """A date's Excel serial number (written with a date number format)."""
    if isinstance(value, datetime):
        days = (value - EPOCH).total_seconds() / 86400
        return int(days) if days.is_integer() else days
    return (value - EPOCH.date()).days


def shown_width(chars: float) -> float:
    """The stored width of a column Excel shows as `chars` characters wide (its cell padding
    added, as Excel and xlsxwriter store it): shown_width(21) == 21.7109375."""
    if chars <= 0:
        return 0
    pixels = int(chars * 7 + 0.5) + 5 if chars >= 1 else int(chars * 12 + 0.5)     # 7 px a digit, 5 padding
    return int(pixels / 7 * 256) / 256


def text_xml(value: str) -> str:
    """The <t> element of a text cell."""
    if _SPECIAL.search(value):
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        value = _ESCAPE_LIKE.sub("_x005F_", value)
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    if value[0] in " \t\n\r" or value[-1] in " \t\n\r":
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


class StreamSheet:
    def __init__(self, stream, widths: Sequence[float], styles: Sequence[int], freeze_rows: int,
                 rows: int | None, freeze_cols: int = 0, sheet_pr: str = ""):
        self._stream = stream
        self._refs = [xl_col_to_name(c) for c in range(len(widths))]
        self._attrs = [f' s="{s}"' if s else "" for s in styles]
        self.n_rows = 0
        self._buffer: list[str] = []
        cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"'
                       + (f' style="{s}"/>' if s else "/>")
                       for c, (w, s) in enumerate(zip(widths, styles), 1))
        dimension = f'<dimension ref="A1:{self._refs[-1]}{max(rows, 1)}"/>' if rows is not None else ""
        pane = pane_xml(freeze_rows, freeze_cols)
        self._write(f"{HEAD}<worksheet {NS} {NS_R}>{sheet_pr}{dimension}<sheetViews><sheetView workbookViewId=\"0\">"
                    f"{pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
                    f"<cols>{cols}</cols><sheetData>")

    def row(self, values: Sequence, styles: Sequence[int] | None = None, height: float | None = None,
            blanks: bool = False) -> None:
        """One row of cells (None or '' leaves a cell blank); styles: one per cell, else the
        columns' styles; height in points, else the default; blanks: write blank cells that
        have a style too (a title row over columns whose default style must not show through)."""
        self.n_rows = r = self.n_rows + 1
        attrs = self._attrs if styles is None else [f' s="{s}"' if s else "" for s in styles]
        out = [f'<row r="{r}" ht="{height}" customHeight="1">' if height else f'<row r="{r}">']
        append = out.append
        for ref, attr, v in zip(self._refs, attrs, values):
            if v is None or v == "":
                if blanks and attr:
                    append(f'<c r="{ref}{r}"{attr}/>')
                continue
            if v.__class__ is str:
                if _SPECIAL.search(v) or v[0] <= " " or v[-1] <= " ":
                    append(f'<c r="{ref}{r}"{attr} t="inlineStr"><is>{text_xml(v)}</is></c>')
                else:
                    append(f'<c r="{ref}{r}"{attr} t="inlineStr"><is><t>{v}</t></is></c>')
            else:
                append(f'<c r="{ref}{r}"{attr}><v>{v!r}</v></c>')
        append("</row>")
        self._buffer.append("".join(out))
        if len(self._buffer) >= FLUSH_ROWS:
            self._flush()

    def styled_row(self, values: Sequence, styles: Sequence[int], height: float | None = None) -> None:
        """row() with the blank cells written too, with their style."""
        self.row(values, styles, height, blanks=True)

    def _flush(self) -> None:
        self._write("".join(self._buffer))
        self._buffer.clear()

    def _write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8"))

    def finish(self, autofilter: bool, filter_row: int = 1, validations: Sequence[ListValidation] = (),
               page: PageSetup | None = None) -> str | None:
        """Close the sheet's XML (autofilter from filter_row to the last row, drop-downs, page
        setup); returns the autofilter range when asked for one."""
        self._flush()
        ref = f"A{filter_row}:{self._refs[-1]}{max(self.n_rows, filter_row)}" if autofilter else None
        self._write("</sheetData>" + (f'<autoFilter ref="{ref}"/>' if ref else "") + validations_xml(validations)
                    + (page.xml() if page else "") + "</worksheet>")
        self._stream.close()
        return ref


class StreamBook:
    """`with StreamBook(path) as book:` sheets one after another, then the book's parts on a
    clean exit; on an exception the file is only closed (the caller discards it)."""

    def __init__(self, path: str | PathLike, *, title: str | None = None, comments: str | None = None,
                 normal: Style | None = None):
        """title, comments: the book's properties; normal: the book's default style (its font
        sets the default row height and the width of a character), else 等线 11."""
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._styles: list[Style] = [normal or Style()]
        self._sheets: list[tuple[str, str | None, str | None]] = []   # (name, autofilter range, print titles)
        self._open: tuple[StreamSheet, dict] | None = None
        self._properties = (title, comments)

    def style(self, **kwargs) -> int:
        """The index of a cell style (made once)."""
        wanted = Style(**kwargs)
        if wanted not in self._styles:
            self._styles.append(wanted)
        return self._styles.index(wanted)

    def add_sheet(self, name: str, widths: Sequence[float], styles: Sequence[int] | None = None, *,
                  freeze_rows: int = 0, freeze_cols: int = 0, autofilter: bool = False, filter_row: int = 1,
                  rows: int | None = None, validations: Sequence[ListValidation] = (),
                  page: PageSetup | None = None) -> StreamSheet:
        """A new sheet (the one before is finished). widths and styles per column; rows, when
        known, the number of rows it will have (its dimension); the autofilter's header row
        (1-based); drop-down lists and page setup, written when the sheet is finished."""
        self._finish_sheet()
        stream = self._zip.open(f"xl/worksheets/sheet{len(self._sheets) + 1}.xml", "w", force_zip64=True)
        sheet = StreamSheet(stream, widths, styles or [0] * len(widths), freeze_rows, rows, freeze_cols,
                            page.sheet_pr() if page else "")
        self._sheets.append((name, None, page.titles(name) if page else None))
        self._open = (sheet, {"autofilter": autofilter, "filter_row": filter_row, "validations": validations,
                              "page": page})
        return sheet

    def _finish_sheet(self) -> None:
        if self._open is not None:
            sheet, tail = self._open
            name, _, titles = self._sheets[-1]
            self._sheets[-1] = (name, sheet.finish(**tail), titles)
            self._open = None

    def close(self) -> None:
        self._finish_sheet()
        from intake.export.xlsx_parts import content_types, core_xml, root_rels, workbook_rels, workbook_xml
        from intake.export.xlsx_styles import styles_xml
        core = any(self._properties)
        parts = {"[Content_Types].xml": content_types(len(self._sheets), core), "_rels/.rels": root_rels(core),
                 "xl/workbook.xml": workbook_xml(self._sheets),
                 "xl/_rels/workbook.xml.rels": workbook_rels(len(self._sheets)),
                 "xl/styles.xml": styles_xml(self._styles)}
        if core:
            parts["docProps/core.xml"] = core_xml(*self._properties)
        for name, text in parts.items():
            self._zip.writestr(name, text)
        written = self._zip.fp.tell()
        if written < MIN_BYTES:       # msoffcrypto cannot encrypt a package under 4 KB (issue 12's
            self._zip.comment = b" " * (MIN_BYTES - written)     # output passwords): pad the zip
        self._zip.close()

    def __enter__(self) -> StreamBook:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is None:
            self.close()
            return
        if self._open is not None:
            self._open[0]._stream.close()
        self._zip.close()
