"""Which rows under the header are records: blank rows, footers (填表人 …), a row numbering the
columns (1, 2, 3 …) and header rows repeated for printing are not."""
from __future__ import annotations

from itertools import compress
from operator import not_

from intake.table import ImportNote

_FOOTER_WORDS = ("填表人", "审核人", "负责人", "制表人", "填报人")
_FOOTER_STARTS = ("注：", "注:", "说明：", "说明:", "填表说明", "合计", "总计", "以下空白")


SKIP_REASONS = {"footer": "表尾（签名、说明或合计）", "numbers": "列序号（1、2、3……）",
                "header": "重复的表头"}
MAX_LISTED = 8


def rows_to_keep(columns: list[list[str | None]], headers: list[str], first_row: int,
                 mapped: list[bool] | None = None) -> tuple[list[int], list[ImportNote]]:
    """Indices of record rows, and one note per kind of non-blank row skipped, naming each
    row. `mapped[k]`: column k is mapped to a form field; a row repeats the header only when it
    matches it in those columns (extra columns may hold any text)."""
    if not columns:
        return [], []
    mapped = mapped or [True] * len(columns)
    width, n = len(columns), len(columns[0])
    # a cell is None or non-empty text (intake.reader.cells), so all() says "no blank cell"
    gappy = [col for col in columns if not all(col)]
    if len(gappy) < width - 4:      # every row has 5+ filled cells: no blank or footer rows
        keep, candidates = list(range(n)), _header_like(columns, headers, mapped)
    else:
        keep, candidates = _sparse_rows(columns, gappy, width, n)
        candidates |= _header_like(columns, headers, mapped)
    if keep and keep[0] == 0:
        candidates.add(0)
    skipped: dict[str, list[int]] = {}
    for i in sorted(candidates):
        row = tuple(col[i] for col in columns)
        reason = ("footer" if _is_footer(row) else "numbers" if i == 0 and _is_column_numbers(row)
                  else "header" if _repeats_header(row, headers, mapped) else None)
        if reason:
            skipped.setdefault(reason, []).append(i)
    if not skipped:
        return keep, []
    gone = {i for rows in skipped.values() for i in rows}
    return [i for i in keep if i not in gone], [_note(reason, rows, first_row) for reason, rows in skipped.items()]


def _sparse_rows(columns: list[list], gappy: list[list], width: int, n: int) -> tuple[list[int], set[int]]:
    """(rows that are not blank, rows with at most 4 filled cells among those). A row filled
    in the 5 fullest columns is neither: only the others are counted cell by cell."""
    fullest = sorted(columns, key=lambda col: sum(map(bool, col)), reverse=True)[:5]
    if len(fullest) < 5:
        suspects = range(n)
    else:
        suspects = sorted({i for col in fullest for i in compress(range(n), map(not_, col))})
    filled = {i: width - sum(col[i] is None for col in gappy) for i in suspects}
    blank = {i for i, f in filled.items() if f == 0}
    keep = [i for i in range(n) if i not in blank] if blank else list(range(n))
    return keep, {i for i, f in filled.items() if 0 < f <= 4}


def _note(reason: str, rows: list[int], first_row: int) -> ImportNote:
    listed = "、".join(str(first_row + i) for i in rows[:MAX_LISTED])
    more = f"等{len(rows)}行" if len(rows) > MAX_LISTED else ""
    return ImportNote("read.skipped_rows", f"第{listed}{more}行是{SKIP_REASONS[reason]}，不是登记记录，已跳过",
                      first_row + rows[0], None)


def _header_like(columns: list[list[str | None]], headers: list[str], mapped: list[bool]) -> set[int]:
    found = set()
    own = [(col, text) for col, text, m in zip(columns, headers, mapped) if m][:3]
    for col, text in own:
        if text in col:
            found.update(i for i, v in enumerate(col) if v == text)
    return found


def _repeats_header(row: tuple[str | None, ...], headers: list[str], mapped: list[bool]) -> bool:
    """The row holds the header's own text in most of the form's (mapped) columns."""
    same = filled = 0
    for v, h, m in zip(row, headers, mapped):
        if m and v is not None:
            filled += 1
            same += v.strip() == h
    return same >= 3 and 2 * same >= filled


def _is_footer(row: tuple[str | None, ...]) -> bool:
    filled = [v for v in row if v]
    if not filled or len(filled) > 4:
        return False
    return filled[0].lstrip().startswith(_FOOTER_STARTS) or any(w in v for v in filled for w in _FOOTER_WORDS)


def _is_column_numbers(row: tuple[str | None, ...]) -> bool:
    """A row 1, 2, 3 … under the header numbering the columns (the form prints one)."""
    filled = [v for v in row if v]
    return len(filled) >= 5 and all(v == str(i + 1) for i, v in enumerate(filled))
