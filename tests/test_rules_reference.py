from datetime import date

from validators.data import ValidationContext
from validators.reference import age_months, age_years, describe_age, months_between, reference_date


def test_age_counts_completed_years():
    assert age_years(date(2010, 1, 1), date(2025, 12, 31)) == 15
    assert age_years(date(2010, 1, 1), date(2026, 1, 1)) == 16
    assert age_years(date(2010, 1, 2), date(2026, 1, 1)) == 15


def test_born_on_29_february_turns_older_on_1_march_in_a_common_year():
    born = date(2012, 2, 29)
    assert age_years(born, date(2013, 2, 28)) == 0
    assert age_years(born, date(2013, 3, 1)) == 1
    assert age_years(born, date(2016, 2, 29)) == 4
    assert age_years(born, date(2028, 2, 28)) == 15
    assert age_years(born, date(2028, 2, 29)) == 16


def test_calendar_months():
    assert months_between(date(2025, 6, 15), date(2025, 12, 15)) == 6
    assert months_between(date(2025, 6, 15), date(2025, 12, 14)) == 5
    assert months_between(date(2025, 8, 31), date(2026, 2, 28)) == 5   # 31 Feb → 1 March
    assert months_between(date(2025, 8, 31), date(2026, 3, 1)) == 6
    assert age_months(date(2023, 1, 10), date(2026, 1, 10)) == 36


def test_describe_age_uses_months_under_one_year():
    assert describe_age(date(2025, 3, 1), date(2025, 12, 31)) == "9个月"
    assert describe_age(date(2015, 3, 1), date(2025, 12, 31)) == "10岁"


def test_reference_date_order_of_precedence():
    today, as_of, sheet, row = date(2026, 1, 5), date(2025, 12, 31), date(2025, 11, 30), date(2025, 10, 1)
    assert reference_date(row, ValidationContext(as_of=as_of, sheet_report_date=sheet, today=today)) == row
    assert reference_date(None, ValidationContext(as_of=as_of, sheet_report_date=sheet, today=today)) == sheet
    assert reference_date(None, ValidationContext(as_of=as_of, today=today)) == as_of
    assert reference_date(None, ValidationContext(today=today)) == today


def test_ages_of_equals_the_age_of_each_record():
    from datetime import date as d
    from validators.reference import NO_AGE, age_months, age_years, ages_of
    births = [d(2015, 3, 1), None, d(2015, 3, 1), d(2020, 2, 29), d(2015, 3, 1)]
    refs = [d(2025, 12, 31), d(2025, 12, 31), d(2025, 2, 28), d(2024, 2, 28), d(2025, 12, 31)]
    got = ages_of(births, refs)
    assert got[1] == NO_AGE
    assert got == [NO_AGE if b is None else (age_years(b, r), age_months(b, r)) for b, r in zip(births, refs)]
    assert got[0] == (10, 129) and got[2] == (9, 119) and got[3] == (3, 47)
