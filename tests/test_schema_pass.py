"""The pandera schema of the bulk run: one check per column, all of them evaluated in one polars
query, and the failing cells are exactly the ones pandera's own validation reports (the cells
that are not surely fine)."""
from __future__ import annotations

from collections import Counter

import polars as pl

from generator import generate
from intake.forms import load_form
from sheetkit import liudong_record
from validators.schema import (ExprCheck, compile_schema, failing_cells, has_fast_check,
                               pandera_failing_cells)

FORM = load_form("liudong")


def _frame(records: list[dict], keys: list[str]) -> pl.DataFrame:
    return pl.DataFrame({k: pl.Series(k, [r.get(k) for r in records], dtype=pl.Utf8) for k in keys})


def test_every_check_runs_once_in_one_query(monkeypatch):
    records = [liudong_record(), liudong_record(sex="男性", birth_date="2015/3/2", father_phone="123"),
               liudong_record(id_number="41130220150302123", name="张3")]
    keys = [k for k in records[0] if has_fast_check(FORM.field(k))]
    schema = compile_schema(FORM, keys)
    assert compile_schema(FORM, reversed(keys)) is schema        # compiled once per form and shape
    runs: Counter = Counter()
    expression = ExprCheck.expression
    monkeypatch.setattr(ExprCheck, "expression", lambda self, key: (runs.update([key]), expression(self, key))[1])
    collects: list = []
    collect = pl.LazyFrame.collect
    monkeypatch.setattr(pl.LazyFrame, "collect", lambda self, *a, **k: (collects.append(1), collect(self, *a, **k))[1])
    for key, column in schema.columns.items():
        assert len(column.checks) == 1, key
    failing = failing_cells(schema, _frame(records, keys))
    assert runs == Counter({k: 1 for k in keys})
    assert len(collects) == 1
    assert failing == {"sex": {1}, "birth_date": {1}, "father_phone": {1}, "id_number": {2}, "name": {2}}


def test_the_one_query_fails_the_cells_pandera_fails():
    for form_key in ("liudong", "liushou"):
        form = load_form(form_key)
        sheet = generate(form_key, 300, seed=3, inject="all")
        records = [{k: None if v is None else str(v) for k, v in zip(sheet.fields, row) if k}
                   for row in sheet.rows]
        keys = [k for k in form.keys if k in records[0] and has_fast_check(form.field(k))]
        frame = _frame(records, keys)
        schema = compile_schema(form, keys)
        ours = failing_cells(schema, frame)
        assert ours == pandera_failing_cells(schema, frame)
        assert len(ours) >= 10, form_key
