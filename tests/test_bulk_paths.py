"""The bulk run's column-wise path (one polars pass, facts built from clean cells, the common
failures explained column-wise, rules only where a column-wise test says they may fire) and the
per-row path (check_cell on every cell and every rule on every record, as an edit does) give
identical findings and facts, on generated sheets with every injected error kind and every
harmless variation, with and without a county and a township."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest

from generator import generate
from intake.forms import load_form
from intake.reader.cells import other_text
from rowkit import make_id
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


def _near_the_classes(rnd: random.Random, n: int) -> tuple[list[str], list[str]]:
    """ID numbers and phone numbers in and around the classes explained column-wise: wrong
    check characters on real, unknown and residence-permit area codes, numbers ending in 000,
    impossible or pre-1900 births, an X inside; digit strings of every length and first digit,
    +86, separators, spaces."""
    areas = ["411302", "110101", "330106", "999999", "810000", "830000", "410100", "419999"]
    ids, phones = [], []
    for _ in range(n):
        birth = rnd.choice(["20150302", "18991231", "20150230", "19990101", "20991231"])
        number = make_id(rnd.choice(areas), birth, f"{rnd.randrange(1000):03d}")
        kind = rnd.randrange(5)
        if kind == 0:
            number = number[:17] + rnd.choice("0123456789X")
        elif kind == 1:
            number = number[:15] + "000"
        elif kind == 2:
            number = number[:10] + "X" + number[11:]
        elif kind == 3:
            number = number[:rnd.randrange(15, 18)]
        ids.append(number)
        digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randrange(1, 15)))
        phones.append(rnd.choice([digits, "86" + digits, "+86" + digits, digits[:4] + "-" + digits[4:],
                                  digits + "、" + digits, " " + digits, "1" + digits]))
    return ids, phones


def test_column_wise_explanations_are_check_cells():
    rnd = random.Random(8)
    ids, phones = _near_the_classes(rnd, 600)
    form = load_form("liudong")
    data = RecordColumns({"id_number": ids, "father_id": list(reversed(ids)), "father_phone": phones},
                         {"father_id": {3, 17}})
    ctx = ValidationContext(as_of=AS_OF, today=date(2026, 1, 15))
    bulk = TableValidator(form, data, ctx)
    bulk.run()
    codes = {f.code for f in bulk.findings.all()}
    assert {"id.checksum", "phone.invalid", "id.area_unknown", "id.excel_number"} <= codes
    edited = _per_row(form, data, ctx)
    assert [f.to_dict() for f in edited.findings.all()] == [f.to_dict() for f in bulk.findings.all()]
    assert edited._facts == bulk._facts
