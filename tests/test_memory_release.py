"""A validated sheet is freed once nothing refers to it: no cache of the validators may keep the
stack of a run alive (a cached exception's traceback did: every repeated unknown option chained
another stack onto it, and the first one held the whole sheet)."""
from __future__ import annotations

import weakref

from intake.forms import load_form
from sheetkit import CTX, columns, liudong_record
from validators.engine import TableValidator
from validators.run_support import collect_and_freeze


def test_a_dropped_sheet_is_freed_even_with_cached_option_errors():
    form = load_form("liudong")
    records = [liudong_record(schooling="大学", housing_type="帐篷") for _ in range(30)]

    def run_once():
        validator = TableValidator(form, columns(records), CTX)
        validator.run()
        assert validator.findings.count("option.unknown") == 60
        return weakref.ref(validator), weakref.ref(validator.data)

    first = run_once()
    second = run_once()          # the cached errors are raised again for the same cells
    collect_and_freeze()         # what closing a sheet in the window does
    assert [r() for r in (*first, *second)] == [None] * 4
