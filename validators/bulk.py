"""Per-column pass of the bulk run: facts and cell findings for every cell of one column.

Cells that passed the schema's check get their fact built directly (no finding, by the check's
definition); canonical addresses share the fact of one checked address with the same county
path (validators.bulk_addresses); failing cells, number cells of ID columns and cells of types without a vectorised check go to
`check_cell`, once per distinct (value, number-cell) pair. Clean ID numbers are then grouped by
(area code, birth year): one `check_cell` call per group tells whether the area code is known
and valid in that year, and only groups with a finding are checked number by number.
"""
from __future__ import annotations

import weakref
from functools import lru_cache
from itertools import repeat
from typing import Any, Callable

import polars as pl

from validators import bulk_explain, idnumber
from validators.bulk_addresses import fill_addresses, with_township
from validators.cell_facts import to_facts
from validators.column_pass import BIRTH, DAY, ODD, ColumnPass
from validators.errors import ValidationError
from validators.findings import Finding
from validators.form import Field
from validators.rules.row import IdFacts, is_blank

CellCheck = Callable[..., Any]   # check_cell(field, value, index, numeric=False) -> CellResult


class CellChecker:
    """check_cell plus the conversion to facts; the one path both bulk and edits use."""

    def __init__(self, check_cell: CellCheck, township_fields: frozenset[str] = frozenset()):
        self._check_cell = check_cell
        # the address fields whose facts keep their township (the form's county_field: the one
        # a rule reads); other addresses' facts have none, in the bulk run and on edits alike
        self.township_fields = township_fields
        # What check_cell said (it reads only the field and the cell: no context), kept per
        # process and check_cell, so every sheet after the first starts with them:
        # county path -> facts of a canonical address with it that check_cell found clean: the
        # other canonical addresses with that path (any column) share them (bulk_addresses);
        # (child|adult, area code + birth year) groups whose numbers check_cell found clean;
        # (county path, township code) -> facts with that township.
        self.place_by_head, self.fine_id_groups, self.place_by_town = _known_for(check_cell)
        # address columns done so far in this bulk run (key, facts, cells sent to check_cell,
        # facts keep townships): a parent's address is most often the child's very text in the
        # same row, whose facts it shares
        self.address_columns: list[tuple[str, list, set[int], bool]] = []

    def check(self, field: Field, value: str | None, index: int,
              numeric: bool = False) -> tuple[list[Finding], Any]:
        if is_blank(value):
            return [], None
        result = self._check_cell(field, value, index, numeric=numeric)
        fact = to_facts(field, result.parsed)
        if field.type == "address" and fact is not None and fact.township \
                and field.key not in self.township_fields:
            fact = with_township(fact, None)
        return list(result.findings), fact


_KNOWN: "weakref.WeakKeyDictionary[CellCheck, tuple[dict, set, dict]]" = weakref.WeakKeyDictionary()
KNOWN_LIMIT = 100_000


def _known_for(check_cell: CellCheck) -> tuple[dict[str, Any], set[tuple[str, str]], dict[tuple[str, str], Any]]:
    """The process's caches of check_cell's answers (cleared when one grows past KNOWN_LIMIT)."""
    known = _KNOWN.get(check_cell)
    if known is None or any(len(k) > KNOWN_LIMIT for k in known):
        known = _KNOWN[check_cell] = ({}, set(), {})
    return known


class ColumnResult:
    __slots__ = ("facts", "findings", "blank")

    def __init__(self, facts: list[Any], findings: dict[int, list[Finding]], blank: pl.Series):
        self.facts = facts
        self.findings = findings   # record index -> findings of this cell (only cells with some)
        self.blank = blank         # True where the cell is blank


def check_column(field: Field, values: list[str | None], column: ColumnPass, numeric: set[int],
                 checker: CellChecker) -> ColumnResult:
    """Facts and cell findings of one column, from its part of the column pass: failing cells
    of a common kind explained column-wise (validators.bulk_explain), the others by check_cell."""
    facts: list[Any] = [None] * len(values)
    # a number cell matters only to an ID (digits lost to Excel); elsewhere it is judged by its text
    slow = set(column.failing)
    if field.type == "id":
        slow |= numeric
    if field.type == "address":
        fill_addresses(field, values, column, slow, facts, checker)
    elif column.has_clean:
        _fill_clean(field, column, values, facts)
    slow = sorted(slow)
    explained = bulk_explain.explain(field, values, column.derived, slow, numeric)
    if explained:
        slow = [i for i in slow if i not in explained]
        for i in explained:
            facts[i] = None
    findings = _check_slow(field, values, slow, numeric, checker, facts)
    findings.update(explained)
    if field.type == "id":
        _check_id_areas(field, values, column.text, column.clean_rows, facts, checker, findings)
    return ColumnResult(facts, findings, column.blank)


def _fill_clean(field: Field, column: ColumnPass, values: list, facts: list) -> None:
    """Facts of every non-blank cell as if it were clean; failing cells are overwritten later."""
    if field.type == "date":
        out = _shared_dates(column.get(DAY))
    elif field.type == "id":
        out = _id_facts(column, values)
    elif field.type == "multi":
        out = [(v,) if v is not None else None for v in values]
    else:
        out = list(values)
    if field.type != "date":            # a blank date cell has no date already
        for i in column.blank.arg_true().to_list():
            out[i] = None
    facts[:] = out


def _shared_dates(days: pl.Series) -> list:
    """A date column as Python dates, one object per distinct day (a sheet repeats days a lot)."""
    ordinal = days.cast(pl.Int32)
    distinct = ordinal.unique()
    known = dict(zip(distinct.to_list(), distinct.cast(pl.Date).to_list()))
    return list(map(known.__getitem__, ordinal.to_list()))


_SEXES = {True: "男"}
_NEW = tuple.__new__


def _id_facts(column: ColumnPass, values: list) -> list[IdFacts | None]:
    """IdFacts of clean 18-character numbers, built column-wise (blank cells: cleared by the
    caller). A clean number is its cell's text (the schema's check admits nothing else), so the
    cell's own string is kept; births and area codes are shared between the numbers that have
    the same."""
    births = _shared_dates(column.get(BIRTH))
    sexes = map(_SEXES.get, column.get(ODD).to_list(), repeat("女"))
    areas: dict[str, str] = {}
    area = column.text.str.slice(0, 6).to_list()
    return list(map(_NEW, repeat(IdFacts), zip(values, births, sexes, map(areas.setdefault, area, area))))


def _check_slow(field: Field, values: list, slow: list[int], numeric: set[int],
                checker: CellChecker, facts: list) -> dict[int, list[Finding]]:
    cache: dict[tuple[str, bool], tuple[list[Finding], Any]] = {}
    out: dict[int, list[Finding]] = {}
    for i in slow:
        key = (values[i], i in numeric)
        if key not in cache:
            cache[key] = checker.check(field, values[i], i, numeric=key[1])
            found, fact = cache[key]
        else:
            found, fact = cache[key]
        facts[i] = fact
        if found:
            out[i] = found if found[0].index == i else [f.at(i) for f in found]
    return out


# what check_cell can say about an ID that passed the schema's check: it depends only on the
# field, the area code and the birth year, so one number speaks for its whole group
AREA_CODES = frozenset({"id.area_period", "id.area_unknown", "id.permit_child"})


@lru_cache(maxsize=1 << 16)
def _area_surely_fine(area: str, year: int, role: str | None) -> bool:
    """The code exists and (idnumber.area_findings) needs no area finding for a number of this
    role born in `year`: check_cell has nothing to say about its area. Otherwise check_cell
    decides."""
    try:
        idnumber.check_area(area)
    except ValidationError:
        return False
    return not idnumber.area_findings(role, area, year)


def _check_id_areas(field: Field, values: list, series: pl.Series, clean: pl.Series, facts: list,
                    checker: CellChecker, findings: dict[int, list[Finding]]) -> None:
    """Clean numbers grouped by area code and birth year (their first 10 characters): one
    check_cell per group. Area findings are given to every member (with its own value); any
    other finding sends the group to check_cell number by number. Only the groups whose key
    is not surely fine are formed (on a real sheet almost none)."""
    if not len(clean):
        return
    keyed = pl.DataFrame({"i": clean, "k": series.gather(clean).str.slice(0, 10)})
    kind = "child" if field.role in (None, "child") else "adult"
    doubtful = [key for key in keyed.get_column("k").unique().to_list()
                if not _area_surely_fine(key[:6], int(key[6:]), kind) and (kind, key) not in checker.fine_id_groups]
    if not doubtful:
        return
    groups = keyed.filter(pl.col("k").is_in(doubtful)).group_by("k").agg(pl.col("i"))
    for key, members in groups.iter_rows():
        found, fact = checker.check(field, values[members[0]], members[0])
        if not found:
            checker.fine_id_groups.add((kind, key))
            continue
        if all(f.code in AREA_CODES for f in found):
            for i in members:
                findings[i] = [Finding.of(f.body.with_value(values[i]), i) for f in found]
                if fact is None:
                    facts[i] = None
            continue
        for i in members:
            found, fact = checker.check(field, values[i], i)
            if found:
                findings[i] = found
            facts[i] = fact
