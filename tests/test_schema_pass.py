"""The pandera schema of the bulk run: one check per column, each run once per validation, and
the failing cells it reports are exactly the cells that are not surely fine."""
from __future__ import annotations

from collections import Counter

import polars as pl

from intake.forms import load_form
from sheetkit import liudong_record
from validators.schema import compile_schema, failing_cells, has_fast_check

FORM = load_form("liudong")


def test_pandera_validates_each_column_once(monkeypatch):
    records = [liudong_record(), liudong_record(sex="男性", birth_date="2015/3/2", father_phone="123"),
               liudong_record(id_number="41130220150302123", name="张3")]
    keys = [k for k in records[0] if has_fast_check(FORM.field(k))]
    frame = pl.DataFrame({k: pl.Series(k, [r[k] for r in records], dtype=pl.Utf8) for k in keys})
    schema = compile_schema(FORM, keys)
    runs: Counter = Counter()
    for key, column in schema.columns.items():
        assert len(column.checks) == 1, key
        check = column.checks[0]
        inner = check._check_fn
        monkeypatch.setattr(check, "_check_fn", lambda data, inner=inner, key=key: (runs.update([key]), inner(data))[1])
    failing = failing_cells(schema, frame)
    assert runs == Counter({k: 1 for k in keys})
    assert failing == {"sex": {1}, "birth_date": {1}, "father_phone": {1}, "id_number": {2}, "name": {2},
                       "mother_phone": {0, 1, 2}}     # a landline: check_cell decides
