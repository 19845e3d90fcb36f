"""The bulk run's column-wise path (one polars pass, facts built from clean cells, the common
failures explained column-wise, rules only where a column-wise test says they may fire) and the
per-row path (check_cell on every cell and every rule on every record, as an edit does) give
identical findings and facts, on generated sheets with every injected error kind and every
harmless variation, with and without a county and a township."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from generator import generate
from intake.forms import load_form
from intake.reader.cells import other_text
from validators.data import RecordColumns, ValidationContext
from validators.engine import TableValidator

AS_OF = date(2025, 12, 31)
CASES = {"liudong": dict(seed=71), "liushou": dict(seed=72), "liudong-habits": dict(seed=73, habits=("date_dot",))}


def _columns(sheet) -> RecordColumns:
    """The cells as the reader gives them: text, number cells flagged (an ID typed as a number)."""
    values, numeric = {}, {}
    for col, key in enumerate(sheet.fields):
        if key is None:
            continue
        cells = [row[col] for row in sheet.rows]
        numeric[key] = {i for i, v in enumerate(cells) if isinstance(v, (int, float)) and not isinstance(v, bool)}
        values[key] = [v if v is None or isinstance(v, str) else other_text(v) for v in cells]
    return RecordColumns(values, {k: v for k, v in numeric.items() if v})


def _per_row(form, data: RecordColumns, ctx: ValidationContext) -> TableValidator:
    """Every cell set one by one on an empty sheet: check_cell on each, every rule on each row."""
    n = data.n_rows
    edited = TableValidator(form, RecordColumns({k: [None] * n for k in data.values}), ctx)
    edited.run()
    for key, cells in data.values.items():
        numeric = data.numeric.get(key, set())
        for i, value in enumerate(cells):
            edited.set_value(i, key, value, numeric=i in numeric)
    return edited


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("where", ["plain", "county"])
def test_column_wise_and_per_row_paths_agree(case, where):
    form_key = case.split("-")[0]
    sheet = generate(form_key, 160, as_of=AS_OF, inject="all", **CASES[case])
    form = load_form(form_key)
    ctx = ValidationContext(as_of=AS_OF, today=date(2026, 1, 15))
    if where == "county":
        from validators import townships
        town = townships.from_unit_text(sheet.reporting_unit, sheet.county)
        ctx = replace(ctx, county=sheet.county, township=town.code if town else None)
    data = _columns(sheet)
    bulk = TableValidator(form, data, ctx)
    bulk.run()
    codes = {f.code for f in bulk.findings.all()}
    assert len(codes) >= 25 and bulk.findings.n_errors >= 40
    edited = _per_row(form, data, ctx)
    assert [f.to_dict() for f in edited.findings.all()] == [f.to_dict() for f in bulk.findings.all()]
    for key in data.values:
        assert edited._facts[key] == bulk._facts[key], key
