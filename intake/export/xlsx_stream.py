"""A minimal streaming .xlsx (SpreadsheetML) writer for the big exports (upload file, problem
list): each row goes straight into the zip as XML with inline strings, deflated at level 1.
Nothing is held in memory and no temporary file is made: the caller gives the path (an atomic
temporary file beside the target, intake.export.output). 3.7M text cells take ~3 s, where
xlsxwriter's constant-memory mode takes ~16 s (benchmarks/export.py).

What it writes: several sheets in order, text and number cells, a few cell styles (bold, border,
centred/wrapped, fill, font colour, the text number format '@'), column widths and default
styles, a frozen header row, an autofilter. Everything else (comments, merged cells, formulas)
is for openpyxl/xlsxwriter on the small styled files.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from os import PathLike
from typing import Sequence

from xlsxwriter.utility import xl_col_to_name

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


@dataclass(frozen=True)
class Style:
    bold: bool = False
    border: bool = False
    center: bool = False          # centred both ways, wrapped
    fill: str | None = None       # "#DDEBF7"
    color: str | None = None      # font colour
    text: bool = False            # number format '@': Excel keeps what is typed as text


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
                 rows: int | None):
        self._stream = stream
        self._refs = [xl_col_to_name(c) for c in range(len(widths))]
        self._attrs = [f' s="{s}"' if s else "" for s in styles]
        self.n_rows = 0
        self._buffer: list[str] = []
        cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"'
                       + (f' style="{s}"/>' if s else "/>")
                       for c, (w, s) in enumerate(zip(widths, styles), 1))
        dimension = f'<dimension ref="A1:{self._refs[-1]}{max(rows, 1)}"/>' if rows is not None else ""
        pane = ('<pane ySplit="{0}" topLeftCell="A{1}" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft" activeCell="A{1}" sqref="A{1}"/>'
                .format(freeze_rows, freeze_rows + 1) if freeze_rows else "")
        self._write(f"{HEAD}<worksheet {NS} {NS_R}>{dimension}<sheetViews><sheetView workbookViewId=\"0\">"
                    f"{pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
                    f"<cols>{cols}</cols><sheetData>")

    def row(self, values: Sequence, styles: Sequence[int] | None = None) -> None:
        """One row of cells (None or '' leaves a cell blank); styles: one per cell, else the
        columns' styles."""
        self.n_rows = r = self.n_rows + 1
        attrs = self._attrs if styles is None else [f' s="{s}"' if s else "" for s in styles]
        out = [f'<row r="{r}">']
        append = out.append
        for ref, attr, v in zip(self._refs, attrs, values):
            if v is None or v == "":
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

    def _flush(self) -> None:
        self._write("".join(self._buffer))
        self._buffer.clear()

    def _write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8"))

    def finish(self, autofilter: bool) -> str | None:
        """Close the sheet's XML; returns the autofilter range when asked for one."""
        self._flush()
        ref = f"A1:{self._refs[-1]}{max(self.n_rows, 1)}" if autofilter else None
        self._write("</sheetData>" + (f'<autoFilter ref="{ref}"/>' if ref else "") + "</worksheet>")
        self._stream.close()
        return ref


class StreamBook:
    """`with StreamBook(path) as book:` sheets one after another, then the book's parts on a
    clean exit; on an exception the file is only closed (the caller discards it)."""

    def __init__(self, path: str | PathLike):
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._styles: list[Style] = [Style()]
        self._sheets: list[tuple[str, str | None]] = []      # (name, autofilter range)
        self._open: tuple[StreamSheet, bool] | None = None

    def style(self, **kwargs) -> int:
        """The index of a cell style (made once)."""
        wanted = Style(**kwargs)
        if wanted not in self._styles:
            self._styles.append(wanted)
        return self._styles.index(wanted)

    def add_sheet(self, name: str, widths: Sequence[float], styles: Sequence[int] | None = None, *,
                  freeze_rows: int = 0, autofilter: bool = False, rows: int | None = None) -> StreamSheet:
        """A new sheet (the one before is finished). widths and styles per column; rows, when
        known, the number of rows it will have (its dimension)."""
        self._finish_sheet()
        stream = self._zip.open(f"xl/worksheets/sheet{len(self._sheets) + 1}.xml", "w", force_zip64=True)
        sheet = StreamSheet(stream, widths, styles or [0] * len(widths), freeze_rows, rows)
        self._sheets.append((name, None))
        self._open = (sheet, autofilter)
        return sheet

    def _finish_sheet(self) -> None:
        if self._open is not None:
            sheet, autofilter = self._open
            self._sheets[-1] = (self._sheets[-1][0], sheet.finish(autofilter))
            self._open = None

    def close(self) -> None:
        self._finish_sheet()
        from intake.export.xlsx_parts import content_types, root_rels, styles_xml, workbook_rels, workbook_xml
        parts = {"[Content_Types].xml": content_types(len(self._sheets)), "_rels/.rels": root_rels(),
                 "xl/workbook.xml": workbook_xml(self._sheets),
                 "xl/_rels/workbook.xml.rels": workbook_rels(len(self._sheets)),
                 "xl/styles.xml": styles_xml(self._styles)}
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
