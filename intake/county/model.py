"""The county's small typed objects: a record reference, an occurrence of a child in a received
sheet, a group of records that may be the same child, and a decision about a group.

Group kinds (stable codes, the window filters and colours by them, never by messages):
  duplicate            the same child ID in one form, in two townships or twice in one file
  both_forms           the same child ID on a 流动 row and a 留守 row
  possible_duplicate   no shared ID, but the same birth date and 户籍 county, a name that is the
                       same, sounds the same or is one character apart, and IDs one digit off,
                       two adjacent digits swapped, a different order code, or missing
Group keys are stable across re-matching and restarts: duplicate and both_forms are keyed by the
ID (hashed with the workspace's secret, so a key reveals nothing), possible_duplicate by its
records. A decision remembers the records it was made for; see intake.county.decisions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

DUPLICATE, BOTH_FORMS, POSSIBLE = "duplicate", "both_forms", "possible_duplicate"
KINDS = (DUPLICATE, BOTH_FORMS, POSSIBLE)
KIND_ZH = {DUPLICATE: "同一身份证号重复登记", BOTH_FORMS: "同时登记为流动和留守儿童",
           POSSIBLE: "疑似同一儿童"}

# why a group was formed (stable codes) and their Chinese wording
WHY_ZH = {
    "id.same": "身份证号相同", "name.same": "姓名相同", "name.homophone": "姓名同音",
    "name.one_char": "姓名相差一个字", "birth.same": "出生日期相同", "hukou.same": "户籍地同一县",
    "id.one_digit": "身份证号相差一位", "id.swapped": "身份证号两位相邻数字颠倒",
    "id.order_code": "身份证号顺序码（第15-17位）不同", "id.missing": "一条记录没有可用的身份证号",
}

OPEN, DECIDED, SENT_BACK = "open", "decided", "sent_back"
KEEP, MERGE, NOT_SAME, SEND_BACK, REOPEN = "keep", "merge", "not_same", "send_back", "reopen"
ACTION_ZH = {KEEP: "保留一条", MERGE: "合并记录", NOT_SAME: "不是同一儿童", SEND_BACK: "退回乡镇核实",
             REOPEN: "重新待定"}


class Ref(NamedTuple):
    """One record: a stored sheet (workspace id) and its 0-based record index."""
    sheet_id: int
    index: int


@dataclass(frozen=True)
class Occurrence:
    ref: Ref
    form: str
    township: str          # the file's township (name), '' when unknown
    file: str              # the file's name
    sheet: str             # the sheet's name in the workbook
    row: int               # Excel row


@dataclass(frozen=True)
class Override:
    """A merged record's field value taken from another record of the group."""
    field: str
    source: Ref
    value: str | None


@dataclass(frozen=True)
class Decision:
    action: str                           # KEEP / MERGE / NOT_SAME / SEND_BACK / REOPEN
    group_key: str
    kind: str
    refs: tuple[Ref, ...]                 # the group's records when the decision was made
    keep: Ref | None = None               # KEEP: the record that stands; MERGE: the base record
    overrides: tuple[Override, ...] = ()  # MERGE: fields taken from the other records
    sent_back: tuple[Ref, ...] = ()       # SEND_BACK: the records whose townships must check
    reason: str = ""
    entry_id: int | None = None           # its line in the county log
    at: str = ""


@dataclass(frozen=True)
class Group:
    kind: str
    key: str
    form: str | None                      # None for both_forms
    occurrences: tuple[Occurrence, ...]
    agrees: tuple[str, ...] | None = None   # field keys with one value across the records
    differs: tuple[str, ...] | None = None  # field keys whose values differ (None: not compared
                                            # yet, see CountyDesk.compared)
    why: tuple[str, ...] = ()             # WHY_ZH codes
    status: str = OPEN
    decision: Decision | None = None      # the decision in force
    stale: Decision | None = None         # a decision made for other records (the group changed)
    owner: tuple = field(default=(), compare=False, repr=False)   # matching bucket (holds the ID: never shown)

    @property
    def refs(self) -> tuple[Ref, ...]:
        return tuple(o.ref for o in self.occurrences)

    @property
    def townships(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o.township for o in self.occurrences))
