"""Records' cell values for the county: loaded from the workspace (edits applied), in their
canonical form for comparing, and which fields of a group's records agree or differ.

Canonical: the value as validators.cells.check_cell understands it (汉 → 汉族, 2015/3/2 →
2015-03-02, an address with its full division names, a multiple choice as 、-joined options);
a value the checks cannot understand stays as written (trimmed), so a difference stays visible.
Canonical values are cached per distinct (form, field, text): columns repeat the same texts.
"""
from __future__ import annotations

from collections import OrderedDict, defaultdict
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

from intake.county.model import Ref
from intake.forms import load_form
from intake.table import SheetTable
from intake.workspace import Workspace
from validators.address import ResolvedAddress
from validators.cells import check_cell
from validators.idnumber import IdInfo

NOT_COMPARED = frozenset({"seq", "reporting_unit", "report_date"})
TABLE_CACHE = 8


@lru_cache(maxsize=200_000)
def canonical(form: str, key: str, raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    parsed = check_cell(load_form(form).field(key), raw, 0).parsed
    if isinstance(parsed, ResolvedAddress):      # a NamedTuple: not a multiple choice
        return parsed.full_text
    if parsed is None or (isinstance(parsed, tuple) and None in parsed):
        return " ".join(raw.split())
    if isinstance(parsed, date):
        return parsed.isoformat()
    if isinstance(parsed, tuple):
        return "、".join(parsed)
    if isinstance(parsed, IdInfo):
        return parsed.number
    return getattr(parsed, "full_text", None) or str(parsed)


def same(form_a: str, form_b: str, key: str, a: str | None, b: str | None) -> bool:
    if (a or "").strip() == (b or "").strip():
        return True
    return canonical(form_a, key, a) == canonical(form_b, key, b)


class Records:
    """Cell values of records, read from the workspace; the last few sheets stay loaded
    (the window moves between a few groups' sheets). `forget(sheet_id)` after an edit."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._tables: OrderedDict[int, SheetTable] = OrderedDict()

    def table(self, sheet_id: int) -> SheetTable:
        if sheet_id in self._tables:
            self._tables.move_to_end(sheet_id)
            return self._tables[sheet_id]
        table = self.workspace.load_sheet(sheet_id)
        self._tables[sheet_id] = table
        while len(self._tables) > TABLE_CACHE:
            self._tables.popitem(last=False)
        return table

    def forget(self, sheet_id: int | None = None) -> None:
        if sheet_id is None:
            self._tables.clear()
        else:
            self._tables.pop(sheet_id, None)

    def values(self, refs: Iterable[Ref]) -> dict[Ref, dict[str, str | None]]:
        """ref -> {field key: cell text} for every mapped column of its sheet."""
        by_sheet: dict[int, list[Ref]] = defaultdict(list)
        for r in refs:
            by_sheet[r.sheet_id].append(r)
        out = {}
        for sheet_id, wanted in by_sheet.items():
            columns = self.table(sheet_id).data.values
            for r in wanted:
                out[r] = {k: col[r.index] for k, col in columns.items()}
        return out


def compare(records: Sequence[tuple[str, dict[str, str | None]]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(agrees, differs): field keys, in the first record's form order, over the fields every
    record has; records: (form, values) pairs."""
    first_form = records[0][0]
    shared = [k for k in (f.key for f in load_form(first_form).fields)
              if k not in NOT_COMPARED and all(k in v for _form, v in records)]
    agrees, differs = [], []
    form0, v0 = records[0]
    for key in shared:
        if len({(v[key] or "").strip() for _form, v in records}) == 1 or \
                all(same(form0, form, key, v0[key], v[key]) for form, v in records[1:]):
            agrees.append(key)
        else:
            differs.append(key)
    return tuple(agrees), tuple(differs)
