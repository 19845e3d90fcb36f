"""Failing cells whose finding is known column-wise: explained without check_cell.

A sheet full of problems holds tens of thousands of distinct wrong values of a few common
kinds (a wrong check digit, a phone number a digit short). For each kind the column pass
(validators.column_pass) computes a class test strict enough that check_cell would give every
member of the class exactly one finding, made here with the same code and parameters, and no
facts (tests/test_bulk_paths.py compares both paths on every injected kind):

- id.checksum: 17 digits and a digit or X, not ending in 000 (an Excel number), a real birth
  date from 1900, an area code that exists and is not a residence permit's, the check
  character wrong: idnumber.parse raises InvalidChecksum(expected=...) and nothing else.
- phone.invalid: only ASCII digits, not starting with 0 (a landline) or 8 (+86), and not a
  mobile (which the schema passes): phone.validate raises InvalidFormat(bad=the text).
Other failing cells go to check_cell (validators.bulk).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import polars as pl

from validators import idnumber
from validators.codes import make
from validators.errors import ValidationError
from validators.findings import Finding
from validators.form import Field
from validators.schema import id_check_char

EXPECTED, DIGITS = "|expected", "|digits"
ID_CLASS = r"^[0-9]{17}[0-9X]$"
PHONE_CLASS = r"^[1-79][0-9]*$"


def columns(kind: str, key: str, birth: pl.Expr | None = None) -> dict[str, pl.Expr]:
    """The column pass's class columns of one field (by suffix); birth: the ID's birth date."""
    c = pl.col(key)
    if kind == "id":
        expected = id_check_char(c)
        shaped = (c.str.contains(ID_CLASS) & ~c.str.ends_with("000") & (birth.dt.year() >= 1900)).fill_null(False)
        return {EXPECTED: pl.when(shaped).then(expected)}
    if kind == "phone":
        return {DIGITS: c.str.contains(PHONE_CLASS).fill_null(False)}
    return {}


@lru_cache(maxsize=1 << 14)
def _known_area(area: str) -> bool:
    if area in idnumber.PERMIT_REGIONS:      # its messages name the residence permit
        return False
    try:
        idnumber.check_area(area)
    except ValidationError:
        return False
    return True


def explain(field: Field, values: list, derived: dict[str, pl.Series], failing: list[int],
            numeric: set[int]) -> dict[int, list[Finding]]:
    """The findings of the failing cells (sorted indices) that are in their kind's class."""
    explainer = _EXPLAINERS.get(field.type)
    if explainer is None or not failing:
        return {}
    return explainer(field, values, derived, failing, numeric)


def _ids(field: Field, values: list, derived: dict, failing: list[int], numeric: set[int]) -> dict:
    out = {}
    expected = derived[EXPECTED].gather(failing).to_list()
    key, label = field.key, field.label
    for i, char in zip(failing, expected):
        if char is None or i in numeric:
            continue
        value = values[i]
        if value[17] != char and _known_area(value[:6]):
            out[i] = [make("id.checksum", i, key, value=value, suggestion=None, label=label, expected=char)]
    return out


def _phones(field: Field, values: list, derived: dict, failing: list[int], numeric: set[int]) -> dict:
    key, label = field.key, field.label
    digits = derived[DIGITS].gather(failing).to_list()
    return {i: [make("phone.invalid", i, key, value=values[i], suggestion=None, label=label, bad=values[i])]
            for i, plain in zip(failing, digits) if plain}


_EXPLAINERS: dict[str, Callable[..., dict[int, list[Finding]]]] = {"id": _ids, "phone": _phones}
