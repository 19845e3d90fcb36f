from datetime import date

from rowkit import Cell, codes, liudong_cells, row
from validators.rules import dates_order


def test_clean_order_passes_and_left_may_equal_birth():
    assert dates_order.check(row(**liudong_cells())) == []
    born_here = liudong_cells(left_hukou_date=date(2015, 3, 2), arrival_date=date(2015, 3, 2))
    assert dates_order.check(row(**born_here)) == []


def test_left_before_birth_is_flagged_on_left_date():
    found = dates_order.check(row(**liudong_cells(left_hukou_date=date(2014, 1, 1))))
    assert codes(found) == [("date.order", "left_hukou_date")]
    assert "离开户籍地日期2014-01-01早于出生日期2015-03-02" in found[0].message


def test_arrival_before_left_is_flagged_on_arrival():
    found = dates_order.check(row(**liudong_cells(arrival_date=date(2019, 12, 31))))
    assert codes(found) == [("date.order", "arrival_date")]


def test_arrival_compared_with_birth_when_left_is_blank():
    found = dates_order.check(row(**liudong_cells(left_hukou_date=None, arrival_date=date(2015, 3, 1))))
    assert codes(found) == [("date.order", "arrival_date")]


def test_no_date_after_the_reference_date():
    found = dates_order.check(row(**liudong_cells(arrival_date=date(2026, 1, 1))))
    assert codes(found) == [("date.future", "arrival_date")]
    assert "2025-12-31" in found[0].message
    assert dates_order.check(row(**liudong_cells(arrival_date=date(2025, 12, 31)))) == []


def test_row_report_date_is_the_reference_date():
    cells = liudong_cells(arrival_date=date(2025, 11, 1), report_date=date(2025, 10, 31))
    assert codes(dates_order.check(row(**cells))) == [("date.future", "arrival_date")]
    invalid_report = dict(cells, report_date=Cell("2025-13-45", None))
    assert dates_order.check(row(**invalid_report)) == []
