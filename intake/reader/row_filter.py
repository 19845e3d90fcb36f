"""Which rows under the header are records: blank rows, footers (填表人 …), a row numbering the
columns (1, 2, 3 …) and header rows repeated for printing are not."""
from __future__ import annotations

from itertools import repeat
from operator import countOf

from intake.table import ImportNote

_FOOTER_WORDS = ("填表人", "审核人", "负责人", "制表人", "填报人")
_FOOTER_STARTS = ("注：", "注:", "说明：", "说明:", "填表说明", "合计", "总计", "以下空白")


def rows_to_keep(columns: list[list[str | None]], headers: list[str],
                 first_row: int) -> tuple[list[int], list[ImportNote]]:
    """Indices of record rows, and a note naming the non-blank rows that were skipped."""
    if not columns:
        return [], []
    width, n = len(columns), len(columns[0])
    gappy = [col for col in columns if None in col]
    if len(gappy) < width - 4:      # every row has 5+ filled cells: no blank or footer rows
        keep, candidates = list(range(n)), _header_like(columns, headers)
    else:
        blanks = list(map(countOf, zip(*gappy), repeat(None))) if gappy else [0] * n   # None cells per row
        keep = [i for i, b in enumerate(blanks) if b < width]
        candidates = {i for i in keep if width - blanks[i] <= 4} | _header_like(columns, headers)
    if keep and keep[0] == 0:
        candidates.add(0)
    skipped = []
    for i in sorted(candidates):
        row = tuple(col[i] for col in columns)
        if _is_footer(row) or (i == 0 and _is_column_numbers(row)) or _repeats_header(row, headers):
            skipped.append(i)
    if not skipped:
        return keep, []
    gone = set(skipped)
    rows = "、".join(str(first_row + i) for i in skipped[:8]) + ("等" if len(skipped) > 8 else "")
    note = ImportNote("read.skipped_rows", f"第{rows}行不是登记记录（表尾签名、列序号或重复的表头），"
                      "已跳过", first_row + skipped[0], None)
    return [i for i in keep if i not in gone], [note]


def _header_like(columns: list[list[str | None]], headers: list[str]) -> set[int]:
    found = set()
    for col, text in list(zip(columns, headers))[:3]:
        found.update(i for i, v in enumerate(col) if v == text)
    return found


def _repeats_header(row: tuple[str | None, ...], headers: list[str]) -> bool:
    same = sum(1 for v, h in zip(row, headers) if v is not None and v.strip() == h)
    filled = sum(1 for v in row if v is not None)
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
