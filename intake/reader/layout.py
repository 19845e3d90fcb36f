"""Where the table is in a sheet: the header row (or two rows of a grouped header).

Rows above the header (titles, the 填报单位/填报日期 line) are skipped. A two-row grouped header
(父亲 merged over 公民身份号码 / 联系方式 …) is joined group + sub. The header is the row, or
pair of rows, in the first MAX_HEADER_SCAN rows that holds the most known header texts.
"""
from __future__ import annotations

from dataclasses import dataclass

from intake.reader.grid import Grid
from intake.reader.mapping import FormIndex, is_known_header, normalise

MAX_HEADER_SCAN = 30
MIN_KNOWN_HEADERS = 3
_GROUP_SUFFIXES = ("基本信息", "基本情况", "信息", "情况", "状况")
_PERSON_SUBS = {"姓名", "公民身份号码", "身份证号", "身份证号码", "联系方式", "联系电话", "电话",
                "户籍地址", "户籍地", "现居住地", "现住址", "与儿童关系", "关系"}


@dataclass(frozen=True)
class HeaderColumn:
    col: int
    text: str          # the text to map (group and sub joined when that is a known header)
    display: str       # as shown to the clerk: 父亲/公民身份号码


@dataclass(frozen=True)
class Header:
    rows: tuple[int, ...]
    columns: tuple[HeaderColumn, ...]
    score: int

    @property
    def last_row(self) -> int:
        return self.rows[-1]


def find_header(grid: Grid, indexes: list[FormIndex]) -> Header | None:
    """The best header in the first rows, or None when no row holds enough known headers."""
    n_cols = grid.n_cols
    candidates = []
    for row in range(1, min(grid.n_rows, MAX_HEADER_SCAN) + 1):
        candidates.append(_single_row(grid, row, n_cols, indexes))
        if row < grid.n_rows:
            candidates.append(_two_rows(grid, row, n_cols, indexes))
    # the most known headers; on a tie one row beats two, and the upper row the lower
    best = max(candidates, key=lambda h: (h.score, -len(h.rows), -h.rows[0]), default=None)
    if best is None or best.score < MIN_KNOWN_HEADERS:
        return None
    return best


def _score(columns: list[HeaderColumn], indexes: list[FormIndex]) -> int:
    return len({normalise(c.text) for c in columns if is_known_header(c.text, indexes)})


def _single_row(grid: Grid, row: int, n_cols: int, indexes: list[FormIndex]) -> Header:
    columns = []
    for col in range(1, n_cols + 1):
        text = grid.text(row, col)
        if text:
            columns.append(HeaderColumn(col, text, _display(text)))
    return Header((row,), tuple(columns), _score(columns, indexes))


def _two_rows(grid: Grid, top: int, n_cols: int, indexes: list[FormIndex]) -> Header:
    columns = []
    group = ""            # the group of the previous column, for sheets that lost their merges
    for col in range(1, n_cols + 1):
        upper = _group_text(grid, top, col)
        lower = "" if _merged_from_above(grid, top + 1, col) else grid.text(top + 1, col)
        if not upper and lower and group:
            upper = group
        group = upper if (upper and lower and _could_be_group(upper)) else ""
        column = _join(col, upper, lower, indexes)
        if column is not None:
            columns.append(column)
    if not any("/" in c.display for c in columns):
        return Header((top, top + 1), tuple(columns), 0)    # nothing grouped: not a two-row header
    return Header((top, top + 1), tuple(columns), _score(columns, indexes))


def _join(col: int, upper: str, lower: str, indexes: list[FormIndex]) -> HeaderColumn | None:
    """Group + sub header. The joined text wins when it is a known header (父亲 + 公民身份号码);
    a person's generic sub header (姓名, 联系方式 …) under another person's group is never taken
    as the child's own column: it stays joined for fuzzy matching."""
    if not (upper and lower):
        text = upper or lower
        return HeaderColumn(col, text, _display(text)) if text else None
    display = f"{_display(upper)}/{_display(lower)}"
    group = _strip_group(upper)
    joined = [upper + lower] + ([group + lower] if group and group != upper else [])
    for text in joined:
        if is_known_header(text, indexes):
            return HeaderColumn(col, text, display)
    childs = not group or "儿童" in group
    if is_known_header(lower, indexes) and (childs or normalise(lower) not in _PERSON_SUBS):
        return HeaderColumn(col, lower, _display(lower))
    return HeaderColumn(col, joined[-1], display)


def _strip_group(text: str) -> str:
    """其他监护人基本信息 → 其他监护人; 儿童基本信息 → 儿童."""
    norm = normalise(text)
    for suffix in _GROUP_SUFFIXES:
        if norm.endswith(suffix):
            return norm[: -len(suffix)]
    return norm


def _could_be_group(text: str) -> bool:
    """父亲, 其他监护人, 受委托照顾人 … : short, not a 填报单位：… line."""
    return len(text) <= 10 and ":" not in text and "：" not in text


def _group_text(grid: Grid, row: int, col: int) -> str:
    merge = grid.merge_at(row, col)
    if merge is not None:
        return grid.text(merge[0], merge[1])
    return grid.text(row, col)


def _merged_from_above(grid: Grid, row: int, col: int) -> bool:
    merge = grid.merge_at(row, col)
    return merge is not None and merge[0] < row


def _display(text: str) -> str:
    """Header text for messages: line breaks and runs of spaces collapsed."""
    return " ".join(text.split())
