"""OLE compound files: an .xls workbook, or an encrypted .xls/.xlsx (both are OLE containers)."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from intake.reader import sniff as kinds
from intake.reader.crypto import decrypt, is_encrypted
from intake.reader.grid import Grid
from intake.reader.source import read_all


def read_ole(path: Path, password: str | None) -> list[Grid]:
    data = read_all(path)
    if is_encrypted(data):
        plain = decrypt(data, password, path.name)
        kind = kinds.sniff(plain.getvalue()[:8192])
        if kind == kinds.XLSX:
            from intake.reader.xlsx import read_xlsx
            return read_xlsx(plain, path.name)
        return _read_xls(plain, path.name)
    return _read_xls(BytesIO(data), path.name)


def _read_xls(data: BytesIO, name: str) -> list[Grid]:
    from intake.reader.xls import read_xls
    return read_xls(data, name)
