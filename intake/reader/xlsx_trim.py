"""The trimmed copy of an .xlsx package (intake.reader.xlsx_guard decides when): the far cells
of a sheet removed from its XML, streamed complete rows at a time, and <dimension> narrowed.
The far cells are found by the regex engine (`_beyond` builds a pattern for column letters or
row numbers beyond the data area), so a 100k-row sheet costs about two seconds, not a Python
call per cell."""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import TYPE_CHECKING

from intake.reader import limits

if TYPE_CHECKING:
    from intake.reader.xlsx_guard import Trim

_CHUNK = 1 << 20
_DIMENSION_REF = re.compile(rb'(<(?:\w+:)?dimension\b[^>]*?\bref=")[^"]*(")')
_CONTENT = re.compile(rb"<(?:\w+:)?(?:v|is)\b")
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


def trimmed_package(archive: zipfile.ZipFile, trims: dict[str, "Trim"]) -> BytesIO:
    """A copy of the package with the far cells of the trimmed parts removed."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
        for item in archive.infolist():
            trim = trims.get(item.filename)
            if trim is None:
                copy.writestr(item.filename, archive.read(item.filename))
                continue
            with archive.open(item.filename) as src, copy.open(item.filename, "w", force_zip64=True) as dst:
                _filter(src, dst, trim)
    out.seek(0)
    return out


def _beyond(limit: int, digits: str, width: int) -> bytes:
    """A regex for the numbers (base 10, or column letters A-Z) greater than `limit`, written
    without leading zeros: the far cells are found by the regex engine, not cell by cell."""
    text = limits.column_letters(limit) if digits.isalpha() else str(limit)
    first, last = digits[0], digits[-1]
    lead = digits[1] if not digits.isalpha() else first       # no leading zero for numbers
    ranges = [f"[{lead}-{last}][{first}-{last}]{{{len(text)},{width - 1}}}"] if len(text) < width else []
    for i, ch in enumerate(text):
        if ch != last:
            ranges.append(re.escape(text[:i]) + f"[{chr(ord(ch) + 1)}-{last}]" +
                          (f"[{first}-{last}]{{{len(text) - i - 1}}}" if i < len(text) - 1 else ""))
    return ("(?:" + "|".join(ranges) + ")").encode() if ranges else b"(?!)"


def _filter(src, dst, trim: "Trim") -> None:
    """Stream the sheet XML, dropping cells outside the trim; complete rows at a time."""
    far_col = _beyond(trim.end_col, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3)
    far_row = _beyond(trim.end_row, "0123456789", 7)
    refs = rb'r="(?:' + far_col + rb'[0-9]+|[A-Z]{1,3}' + far_row + rb')"'
    plain = re.compile(rb'<c ' + refs + rb'[^>]*?(?:/>|>.*?</c>)', re.S)      # 3x faster
    general = re.compile(rb'<(?:\w+:)?c\b[^>]*?\b' + refs + rb'[^>]*?(?:/>|>.*?</(?:\w+:)?c>)', re.S)
    carry, first = b"", True

    def drop(m: re.Match) -> bytes:
        if _CONTENT.search(m.group(0)):         # a cell with a value, not just a style
            ref = _REF.search(m.group(0))
            trim.far.append((int(ref.group(2)), limits.column_number(ref.group(1).decode())))
        return b""

    while chunk := src.read(_CHUNK):
        buf = carry + chunk
        if first:
            ref = f"A1:{limits.cell_ref(max(trim.end_row, 1), max(trim.end_col, 1))}".encode()
            buf = _DIMENSION_REF.sub(lambda m: m.group(1) + ref + m.group(2), buf, count=1)
            first = False
        cut = buf.rfind(b"row>") + 4
        if cut < 4:
            carry = buf
            continue
        dst.write(_pick(buf, plain, general).sub(drop, buf[:cut]))
        carry = buf[cut:]
    dst.write(_pick(carry, plain, general).sub(drop, carry))


def _pick(buf: bytes, plain: re.Pattern, general: re.Pattern) -> re.Pattern:
    """The plain pattern when every cell tag of the chunk is written <c r="…" (as Excel,
    WPS, LibreOffice, xlsxwriter and openpyxl write it)."""
    return plain if b":c " not in buf and buf.count(b"<c ") == buf.count(b'<c r="') else general
