"""The sheet generator itself: the people and numbers it makes are what it claims (checked with
python-stdnum and plain date arithmetic, not with the validators under test), every error code
of validators/codes.py can be injected, and the bundled samples are what make_samples.py makes."""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from stdnum.cn import ric

from generator import generate, write_xlsx
from generator import ids
from generator.injection import kinds_for
from generator.record import add_years, age_months
from validators import divisions
from validators.codes import CODES
from validators.findings import Severity

AS_OF = date(2025, 12, 31)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["liudong", "liushou"])
def clean(request):
    return generate(request.param, 150, seed=3, as_of=AS_OF, variations=False)


def cells(sheet, i):
    return dict(zip(sheet.fields, sheet.rows[i]))


def test_check_character_matches_stdnum():
    rng = random.Random(1)
    for _ in range(500):
        first17 = f"{rng.randrange(10 ** 17):017d}"
        assert ids.check_char(first17) == ric.calc_check_digit(first17 + "0")  # stdnum drops the last char


def test_child_ids_are_valid_and_agree_with_birth_date_and_sex(clean):
    for i in range(len(clean.rows)):
        row = cells(clean, i)
        number = row["id_number"]
        assert ric.is_valid(number), number
        assert ric.get_birth_date(number).isoformat() == row["birth_date"]
        assert ("男" if int(number[16]) % 2 else "女") == row["sex"]
        # a real current county, or its code in the birth year (stdnum's is_valid checks that)
        assert divisions.get(number[:6]) is not None or ids.valid_in(number[:6], int(number[6:10]))
        assert add_years(date.fromisoformat(row["birth_date"]), 16) > AS_OF


def test_adults_are_at_least_20_years_older_with_the_parity_of_their_role(clean):
    for i in range(len(clean.rows)):
        row = cells(clean, i)
        birth = date.fromisoformat(row["birth_date"])
        for key, sex in (("father_id", "男"), ("mother_id", "女")):
            number = row[key]
            # checksum and birth date (stdnum's is_valid also wants the area code in use in
            # the birth year, which real adults' IDs issued after a code change do not meet)
            assert ric.calc_check_digit(number) == number[-1]
            assert divisions.get(number[:6]) is not None or number[:6] in ids.area_periods()
            assert add_years(ric.get_birth_date(number), 20) <= birth
            assert ("男" if int(number[16]) % 2 else "女") == sex


def test_form_rules_hold_for_clean_rows(clean):
    for i in range(len(clean.rows)):
        row = cells(clean, i)
        if clean.form == "liudong":
            assert divisions.full_name(clean.county) in row["current_address"]
            arrival = date.fromisoformat(row["arrival_date"])
            assert row["birth_date"] <= row["left_hukou_date"] <= row["arrival_date"]
            assert age_months(arrival, AS_OF) >= 7
            assert not row["hukou_address"].startswith(divisions.full_name(clean.county))
            assert row["id_number"][:6] != clean.county          # 户籍 in another county
            if row["co_resident"] == "其他监护人":
                assert row["guardian_name"] and row["guardian_relation"] and row["guardian_phone"]
        else:
            assert row["hukou_address"].startswith(divisions.full_name(clean.county))
            assert "是" in (row["both_parents_away"], row["one_away_other_incapable"])
            if row["has_entrusted_guardian"] == "有":
                assert row["carer_name"] and row["carer_relation"] and row["carer_phone"]
        disabled = [row["health"].startswith("残疾"), row["disability_category"] != "无",
                    row["disability_grade"] != "无"]
        assert len(set(disabled)) == 1
        if row["family_hardship"] == "低保家庭":
            assert "低保" in row["living_support"]


def test_every_error_code_can_be_injected():
    """A new error code in validators/codes.py needs an injection kind here (county.* codes are
    made by the county's desk, dept.* and card.* by the department checks, not by checking a
    sheet: tests/test_county_* and tests/test_dept_*, test_disability_card cover them)."""
    errors = {c for c, spec in CODES.items() if spec.severity == Severity.ERROR
              and not c.startswith(("county.", "dept.", "card."))}
    injected = set()
    for form in ("liudong", "liushou"):
        injected |= {e.code for e in generate(form, 150, seed=4, inject="all").errors()}
    assert errors - injected == set()


def test_injections_land_on_distinct_rows_and_name_sheet_columns():
    sheet = generate("liudong", 150, seed=5, inject="all")
    assert len(sheet.expected) >= len(kinds_for("liudong"))
    for e in sheet.expected:
        assert e.field in sheet.fields
        assert sheet.tags[e.index]
    assert all(len([t for t in tags if t in {k.name for k in kinds_for("liudong")}]) <= 1
               for tags in sheet.tags)


def test_same_seed_same_sheet_and_other_seed_other_sheet():
    a = generate("liushou", 90, seed=9, inject="all")
    b = generate("liushou", 90, seed=9, inject="all")
    c = generate("liushou", 90, seed=10, inject="all")
    assert a.rows == b.rows and a.expected == b.expected
    assert a.rows != c.rows


@pytest.mark.parametrize("layout, header_rows, first", [("plain", (1,), 2), ("title_rows", (3,), 4),
                                                         ("two_row_header", (3, 4), 5)])
def test_written_layout(tmp_path, layout, header_rows, first):
    sheet = generate("liudong", 12, seed=2, variations=["date_date_cell", "date_serial"])
    path = tmp_path / "s.xlsx"
    written = write_xlsx(path, sheet, layout=layout, id_as_number=True)
    assert written.header_rows == header_rows and written.first_data_row == first
    ws = load_workbook(path).active
    assert ws.max_row == first + 11
    id_col = sheet.col("id_number")
    numbers = [ws.cell(first + i, id_col).value for i in range(12)]
    assert sum(isinstance(v, float) for v in numbers) >= 10
    assert any(hasattr(ws.cell(first + i, sheet.col("birth_date")).value, "year") for i in range(12))


def test_bundled_samples_are_what_make_samples_writes(tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "resources/samples/make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in module.SAMPLES:
        fresh = module.write_sample(name, tmp_path)
        committed = ROOT / "resources" / "samples" / name
        fresh_rows = list(load_workbook(fresh).active.iter_rows(values_only=True))
        assert list(load_workbook(committed).active.iter_rows(values_only=True)) == fresh_rows
        assert 55 <= len(fresh_rows) - 3 <= 70
