"""Dispatch a sniffed file to the reader of its real format."""
from __future__ import annotations

from pathlib import Path

from intake.reader import sniff as kinds
from intake.reader.grid import Grid


def read(path: Path, kind: str, password: str | None) -> list[Grid]:
    if kind == kinds.XLSX:
        from intake.reader.xlsx import read_xlsx
        return read_xlsx(path, path.name)
    if kind == kinds.OLE:
        from intake.reader.ole import read_ole
        return read_ole(path, password)
    if kind == kinds.HTML:
        from intake.reader.html_table import read_html
        return read_html(path)
    if kind == kinds.XML2003:
        from intake.reader.xml2003 import read_xml2003
        return read_xml2003(path)
    from intake.reader.csv_reader import read_csv
    return read_csv(path)
