"""A new register from the rows now and the last register: what the county typed (the kept
columns, a county_noted reason, and any column the county added itself) goes with the child
(matched by key); a child who was on it and is no longer goes to the removed sheet with those
notes and the reason, never dropped; a child on the removed sheet who meets the rule again
comes back with them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from intake.register.definitions import REMOVED_ON, REMOVED_WHY, RegisterDef
from intake.register.previous import Previous
from intake.register.rows import RegisterRow

NO_LONGER = "不再符合重点关爱条件"
GONE = "本次统计中没有这名儿童（记录已删除、已满16周岁或未再报送）"


@dataclass
class Merged:
    rows: list[RegisterRow]
    removed: list[dict[str, object]]
    extra_headers: list[str]                     # columns the county added to the last register
    carried: int = 0                             # rows whose typed notes were carried over
    came_back: int = 0
    newly_removed: int = 0
    new: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def merge(rows: list[RegisterRow], previous: Previous | None, everyone: set[str],
          rdef: RegisterDef, today: date) -> Merged:
    known = {c.header for c in rdef.columns} | {REMOVED_WHY, REMOVED_ON}
    old = previous.rows if previous else {}
    extra = list(dict.fromkeys(h for r in old.values() for h in r.values if h not in known))
    typed = [c.header for c in rdef.kept] + extra
    merged = Merged(rows, [], extra)
    for row in rows:
        before = old.get(row.key)
        if before is None:
            merged.new += 1
            continue
        notes = {h: before.values.get(h) for h in typed if not _blank(before.values.get(h))}
        row.values.update(notes)
        merged.carried += bool(notes)
        merged.came_back += before.removed
    here = {r.key for r in rows}
    for key, before in old.items():
        if key in here:
            continue
        values = dict(before.values)
        if before.removed:
            values[REMOVED_WHY], values[REMOVED_ON] = before.removed_why, before.removed_on
        else:
            values[REMOVED_WHY] = NO_LONGER if key in everyone else GONE
            values[REMOVED_ON] = today
            merged.newly_removed += 1
        merged.removed.append(values)
    for r in rows:
        for why in r.reasons:
            merged.counts[why] = merged.counts.get(why, 0) + 1
    return merged
