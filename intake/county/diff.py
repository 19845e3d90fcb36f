"""What changed between two versions of a township's sheet: children added, removed, and
changed (which fields, old → new), matched by ID number.

A record without a usable ID is matched by name and birth date instead; the same key twice in
one version is matched in order. Fields are compared in canonical form (2015/3/2 and 2015-03-02
are the same date) over the fields both versions have; 序号, 填报单位 and 填报日期 are not
compared (they change with every resubmission).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from intake.county.keys import usable_id
from intake.county.values import NOT_COMPARED, same
from intake.forms import load_form
from intake.table import SheetTable
from validators.text import compact_name


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ChildChange:
    old_index: int | None          # record index in the old version (None: added)
    new_index: int | None          # record index in the new version (None: removed)
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class VersionDiff:
    added: tuple[ChildChange, ...]
    removed: tuple[ChildChange, ...]
    changed: tuple[ChildChange, ...]


def _keys(table: SheetTable, deleted: frozenset[int]) -> dict[str, list[int]]:
    """match key -> record indices (deleted rows left out): the ID, else name and birth date."""
    blank = [None] * table.n_rows
    values, numeric = table.data.values, table.data.numeric.get("id_number", set())
    ids, names, births = (values.get(k, blank) for k in ("id_number", "name", "birth_date"))
    out: dict[str, list[int]] = defaultdict(list)
    for i in (i for i in range(table.n_rows) if i not in deleted):
        number = usable_id(ids[i], i in numeric)
        out[f"id:{number}" if number else f"nb:{compact_name(names[i] or '')}|{births[i] or ''}"].append(i)
    return out


def diff(old: SheetTable, new: SheetTable, old_deleted=frozenset(), new_deleted=frozenset()) -> VersionDiff:
    """old_deleted / new_deleted: rows the clerk deleted in each version (not compared)."""
    old_keys, new_keys = _keys(old, frozenset(old_deleted)), _keys(new, frozenset(new_deleted))
    fields = [f.key for f in load_form(new.form).fields
              if f.key not in NOT_COMPARED and f.key in old.data.values and f.key in new.data.values]
    added, removed, changed = [], [], []
    for key in dict.fromkeys([*old_keys, *new_keys]):
        before, after = old_keys.get(key, []), new_keys.get(key, [])
        for i, j in zip(before, after):
            changes = tuple(FieldChange(f, old.data.values[f][i], new.data.values[f][j]) for f in fields
                            if not same(old.form, new.form, f, old.data.values[f][i], new.data.values[f][j]))
            if changes:
                changed.append(ChildChange(i, j, changes))
        removed += [ChildChange(i, None) for i in before[len(after):]]
        added += [ChildChange(None, j) for j in after[len(before):]]
    return VersionDiff(tuple(added), tuple(removed), tuple(changed))
