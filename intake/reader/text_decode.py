"""Bytes → text for CSV and HTML files: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

GB18030 is what Chinese Excel and WPS write as "CSV"; it is a superset of GBK and GB2312 and
covers rare characters outside GBK (a township named with 𬌗 or 䶮), so it is the fallback.
"""
from __future__ import annotations

import codecs

from intake.errors import ReadError

UNDECODABLE = ("“{name}”的文字编码无法识别（既不是UTF-8也不是GBK/GB18030）。"
               "请用Excel或WPS打开后另存为.xlsx再试")


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    candidates = ["utf-8", "gb18030"]
    if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        candidates.insert(0, "gb18030" if declared.lower() in ("gbk", "gb2312", "gb18030") else declared)
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    for encoding in candidates:     # a file cut inside its last character
        try:
            codecs.getincrementaldecoder(encoding)().decode(data, final=False)
            return data.decode(encoding, errors="replace"), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError(UNDECODABLE.format(name=name))
