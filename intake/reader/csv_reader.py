"""CSV (and tab-separated text) as a grid of text cells; the encoding is detected."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from intake.errors import ReadError
from intake.reader.grid import Grid
from intake.reader.source import read_all
from intake.reader.text_decode import decode

_DELIMITERS = ",\t;|"
BROKEN = "“{name}”不是可以读取的CSV文件（第{line}行格式有误：引号不成对或内容异常）。请用Excel或WPS打开后另存为.xlsx再试"
# csv's default limit (128 KB a field) would refuse a long cell the checks should see and report
csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))


def read_csv(path: Path) -> list[Grid]:
    text, _ = decode(read_all(path), path.name)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ReadError(BROKEN.format(name=path.name, line=reader.line_num)) from exc
    return [Grid(name="", rows=rows, typed=False).rectangular()]


def _delimiter(text: str) -> str:
    """The separator that splits the first lines most consistently (the header has several)."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    best, best_count = ",", 0
    for d in _DELIMITERS:
        count = max((ln.count(d) for ln in lines), default=0)
        if count > best_count:
            best, best_count = d, count
    return best
