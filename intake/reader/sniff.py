"""What a file really is, from its first bytes (never from its name): township files are often
HTML saved as .xls, .xls renamed .xlsx, or CSV named .xls."""
from __future__ import annotations

import re

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|table|head|meta|body|\?xml[^>]*>\s*<html)", re.I)
_SPREADSHEET_ML = re.compile(rb"<\?xml[^>]*>\s*(?:<\?mso[^>]*>\s*)?<(?:ss:)?Workbook", re.I)

XLSX, OLE, HTML, XML2003, CSV, EMPTY, BINARY = "xlsx", "ole", "html", "xml2003", "csv", "empty", "binary"
PDF = "pdf"
TEXT_TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".prn")   # text that is meant to be a table


def sniff(head: bytes) -> str:
    """One of the kinds above, from up to the first 8 KB of the file."""
    if not head.strip(b" \t\r\n\x00"):
        return EMPTY
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return XLSX
    if head.startswith(OLE_MAGIC):
        return OLE
    if head.lstrip(b"\x00\r\n\t ").startswith(b"%PDF"):
        return PDF
    text = _strip_bom(head).lstrip()
    if _SPREADSHEET_ML.match(text):
        return XML2003
    if _HTML.match(text) or re.search(rb"<table\b", head[:8192], re.I):
        return HTML
    if _looks_binary(head):
        return BINARY
    return CSV


def not_a_sheet(kind: str, name: str) -> str | None:
    """What a file that is no spreadsheet at all is, in the clerk's words (None: it may be one).
    Plain text counts as a sheet only when its name says so (.csv, .txt: a text table)."""
    if kind == PDF:
        return "PDF文件"
    if kind == BINARY:
        return "无法识别的文件"
    if kind == CSV and not name.lower().endswith(TEXT_TABLE_SUFFIXES):
        return "纯文字文件"
    return None


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[len(bom):]
    return head


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False                         # UTF-16 text (Excel's "Unicode text")
    sample = head[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20
