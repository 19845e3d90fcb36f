"""The view of one record that row rules read, and the facts the engine keeps per cell.

The engine stores for each cell a parsed fact (None when blank or invalid): `IdFacts` for an
ID number, `PlaceFacts` for an address, `datetime.date` for a date, the canonical option for a
choice, a tuple of options for a multiple choice, the normalised text otherwise.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping, NamedTuple

from validators.data import RecordColumns, ValidationContext
from validators.form import FormTemplate
from validators.reference import age_months, age_years, reference_date


class IdFacts(NamedTuple):
    """(A NamedTuple: the bulk run builds one per ID cell, and these are cheap to create.)"""

    number: str             # the normalised 18-character number (a 15-digit one upgraded)
    birth: date | None      # birth date in the number
    sex: str | None         # 男 (17th digit odd) or 女 (even)
    area: str               # first 6 digits


class PlaceFacts(NamedTuple):
    county: str | None      # 6-digit code of the county level (a prefecture without counties: its own)
    prefecture: str | None  # 6-digit code of the prefecture level (None under a 直辖市 / province-run county)
    county_name: str        # full name for messages, e.g. 河南省南阳市宛城区
    is_district: bool       # a 市辖区 of a prefecture-level city
    township: str | None = None   # 9-digit code of the township the address names (if known)


def is_blank(value: str | None) -> bool:
    return value is None or not str(value).strip()


class Row:
    """One record: raw cells, parsed facts, the reference date and the child's age on it."""

    __slots__ = ("index", "form", "ctx", "_values", "_parsed", "ref_date", "birth", "age", "age_m")

    def __init__(self, index: int, form: FormTemplate, ctx: ValidationContext,
                 values: RecordColumns | Mapping[str, list], parsed: Mapping[str, list]):
        self.index = index
        self.form = form
        self.ctx = ctx
        self._values = values.values if isinstance(values, RecordColumns) else values
        self._parsed = parsed
        self.ref_date: date = reference_date(self.fact("report_date"), ctx)
        self.birth: date | None = self._child_birth()
        if self.birth is not None:
            self.age: int | None = age_years(self.birth, self.ref_date)
            self.age_m: int | None = age_months(self.birth, self.ref_date)
        else:
            self.age = self.age_m = None

    def _child_birth(self) -> date | None:
        birth = self.fact("birth_date")
        if birth is None:
            child = self.fact("id_number")
            birth = child.birth if isinstance(child, IdFacts) else None
        return birth

    def present(self, key: str) -> bool:
        """The sheet has a column for this field."""
        return key in self._values

    def raw(self, key: str) -> str | None:
        col = self._values.get(key)
        return None if col is None else col[self.index]

    def blank(self, key: str) -> bool:
        return is_blank(self.raw(key))

    def fact(self, key: str) -> Any:
        col = self._parsed.get(key)
        return None if col is None else col[self.index]

    def invalid(self, key: str) -> bool:
        """Not blank, yet no fact: the cell has a format error of its own."""
        return not self.blank(key) and self.fact(key) is None

    def options(self, key: str) -> tuple[str, ...]:
        """The chosen options of a choice or multiple-choice cell (empty if blank or invalid)."""
        v = self.fact(key)
        if v is None:
            return ()
        return tuple(v) if isinstance(v, (tuple, list)) else (v,)

    def label(self, key: str) -> str:
        return self.form.field(key).label if self.form.has(key) else key
