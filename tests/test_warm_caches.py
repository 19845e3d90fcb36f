"""Sheets checked one after another in one process reuse what the first compiled and learned
(the column pass's query plan, check_cell's answers per county path and ID area): the findings
must be exactly those of a cold process."""
from datetime import date

import pytest

from generator import generate, write_xlsx
from intake.checking import validator_for
from intake.forms import load_form
from intake.reader import read_tables
from validators import bulk, column_pass

AS_OF = date(2025, 12, 31)


def _findings(path):
    found = validator_for(read_tables(path)[0], as_of=AS_OF).run()
    return sorted((f.index, f.field, f.code, f.message, f.severity.value) for f in found)


def _cold(sheet):
    bulk._KNOWN.clear()
    column_pass._PLANS.clear()
    return _findings(sheet)


@pytest.mark.parametrize("form", ["liudong", "liushou"])
def test_warm_caches_give_the_cold_findings(form, tmp_path):
    first, other = tmp_path / "first.xlsx", tmp_path / "other.xlsx"
    write_xlsx(first, generate(form, 120, seed=31, as_of=AS_OF, inject="all", per_kind=1))
    write_xlsx(other, generate(form, 120, seed=32, as_of=AS_OF, inject="all", per_kind=1))
    cold_first, cold_other = _cold(first), _cold(other)
    assert cold_first and cold_other
    bulk._KNOWN.clear()
    column_pass._PLANS.clear()
    assert _findings(first) == cold_first
    assert bulk._KNOWN and column_pass._PLANS            # warm now
    assert _findings(other) == cold_other
    assert _findings(first) == cold_first


def test_the_plan_is_built_once_per_form_and_columns():
    form = load_form("liudong")
    keys = tuple(f.key for f in form.fields[:6])
    assert column_pass._plan(form, keys, ()) is column_pass._plan(form, keys, ())
    assert column_pass._plan(form, keys, ()) is not column_pass._plan(form, keys[:5], ())
