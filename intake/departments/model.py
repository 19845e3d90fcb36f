"""The department checks' small typed objects: a difference between the register and a
department's answer, and the county's decision about it.

Difference kinds (stable codes; the window filters and colours by them, never by messages):
  field       a field where the sheet and the department disagree (after mapping the
              department's words onto the form's: 已参保 and 纳入户籍地医保 are no difference)
  not_known   a child on the list the department does not know (not in its answer, every
              answer column blank, or 查无此人)
  missed      a department record of a child under 16 who lives in (流动) / is registered in
              (留守) the county and is on no sheet: possibly missed (漏报), for the township to visit
  bad_id      a department record whose ID number or 残疾人证号 is wrong (a part named); when the
              first 17 digits name one child of the list, that child is its `child`
  no_id       a department record with no number at all (ID and card blank): for the clerk a
              different matter from a wrong one (nothing to correct, the department is to fill it
              in); its note says what name + birth-date matching found (intake.departments.by_name):
              the one child it was matched to (its `child`), several children, or none
Keys are stable across re-reading and restarts: the department, the kind, the ID hashed with
the workspace's secret (a key reveals nothing) and the field.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from intake.county.children import ChildRef

FIELD, NOT_KNOWN, MISSED, BAD_ID, NO_ID = "field", "not_known", "missed", "bad_id", "no_id"
KINDS = (FIELD, NOT_KNOWN, MISSED, BAD_ID, NO_ID)
KIND_ZH = {FIELD: "信息不一致", NOT_KNOWN: "部门无此儿童记录", MISSED: "疑似漏报", BAD_ID: "部门记录证件号码有误",
           NO_ID: "部门记录没有证件号码"}
NUMBER_KINDS = (BAD_ID, NO_ID)          # about the department's number: its values are not shown

OPEN, DECIDED, SENT_BACK = "open", "decided", "sent_back"
STATUS_ZH = {OPEN: "待处理", DECIDED: "已处理", SENT_BACK: "已退回乡镇核实"}
ACCEPT, KEEP, SEND_BACK, REOPEN = "accept", "keep", "send_back", "reopen"
ACTION_ZH = {ACCEPT: "采用部门数据", KEEP: "保留登记表数据", SEND_BACK: "退回乡镇核实", REOPEN: "重新待定"}
MISSED_ACTION_ZH = {SEND_BACK: "下发乡镇走访核实", KEEP: "不是漏报", REOPEN: "重新待定"}
ACTIONS_BY_KIND = {FIELD: (ACCEPT, KEEP, SEND_BACK), NOT_KNOWN: (KEEP, SEND_BACK),
                   MISSED: (SEND_BACK, KEEP), BAD_ID: (KEEP, SEND_BACK), NO_ID: (KEEP, SEND_BACK)}


def hashed(salt: str, text: str) -> str:
    """An ID (or any key text) hashed with the workspace's secret: a key shows nothing of it."""
    return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Person:
    """A department record's own data (a 漏报 lead: the township needs it to visit)."""
    name: str | None
    id_number: str | None
    birth: str | None
    address: str | None
    hukou: str | None
    form: str | None              # liudong | liushou: what the county would register the child as


@dataclass(frozen=True)
class Decision:
    action: str
    key: str
    reason: str = ""
    value: str | None = None              # ACCEPT: the value written
    sheet_value: str | None = None        # the values the decision was made for
    dept_value: str | None = None
    batch_id: str | None = None           # ACCEPT: the sheet's edit batch
    entry_id: int | None = None
    at: str = ""


@dataclass(frozen=True)
class Difference:
    dept: str                             # the department's profile key
    kind: str
    key: str
    field: str | None = None              # FIELD: the form field
    child: ChildRef | None = None         # the record on the register (not for MISSED)
    sheet_value: str | None = None        # canonical
    dept_value: str | None = None         # the department's words, as written (its columns joined)
    proposed: tuple[str, ...] = ()        # FIELD: the form values accepting may write
    answer_sheet: str = ""                # where in the department's file
    answer_row: int | None = None
    township: str = ""                    # the child's township (MISSED: from the record's address)
    note: str = ""                        # BAD_ID: what is wrong with the number (masked); NO_ID: the advice
    person: Person | None = None          # MISSED
    status: str = OPEN
    decision: Decision | None = None      # in force
    stale: Decision | None = None         # made for other values (shown, to confirm or change)
    current: bool = True                  # False: no longer found (listed for its decision)

    @property
    def form(self) -> str | None:
        return self.child.form if self.child else (self.person.form if self.person else None)

    @property
    def actions(self) -> tuple[str, ...]:
        return ACTIONS_BY_KIND[self.kind]


@dataclass
class Summary:
    """A department's state, for its line in the window and the report."""
    dept: str
    name: str
    sent_at: str | None = None
    sent_children: int = 0
    answered_at: str | None = None
    answer_file: str | None = None
    answer_records: int = 0
    counts: dict[str, int] = field(default_factory=dict)      # kind -> differences found now
    open: int = 0
    decided: int = 0
    sent_back: int = 0
