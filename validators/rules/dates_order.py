"""Dates in order: 出生日期 ≤ 离开户籍地日期 ≤ 来现居住地日期 ≤ reference date.

No date may be after the reference date (date.future on that cell). Of two dates out of order
the later one in the sequence is flagged (出生日期 is backed by the ID number). A child born in
the new place may have 离开户籍地日期 = 出生日期.
"""
from __future__ import annotations

from validators.codes import make
from validators.findings import Finding
from validators.rules.row import Row

SEQUENCE = ("birth_date", "left_hukou_date", "arrival_date")


def check(row: Row) -> list[Finding]:
    found: list[Finding] = []
    ref = row.ref_date.isoformat()
    previous = None
    for key in SEQUENCE:
        when = row.fact(key)
        if when is None:
            continue
        if when > row.ref_date:
            found.append(make("date.future", row.index, key, value=row.raw(key),
                              label=row.label(key), as_of=ref))
        elif previous is not None and when < row.fact(previous):
            found.append(make("date.order", row.index, key, value=row.raw(key),
                              label=row.label(key), other_label=row.label(previous),
                              other=row.fact(previous).isoformat()))
        previous = key
    return found


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    """Records on which `check` may find something (column-wise, for the bulk run)."""
    n = len(refs)
    cols = [facts.get(k) or [None] * n for k in SEQUENCE]
    out = set()
    for i, (ref, *dates) in enumerate(zip(refs, *cols)):
        previous = None
        for d in dates:
            if d is None:
                continue
            if d > ref or (previous is not None and d < previous):
                out.add(i)
                break
            previous = d
    return out
