"""validators.dates: every accepted writing, impossible dates, Excel serials."""
from datetime import date

import pytest

from validators import dates
from validators.errors import InvalidComponent, InvalidFormat


@pytest.mark.parametrize("text", [
    "2015-03-02", "2015-3-2", "2015/3/2", "2015/03/02", "2015.3.2", "2015年3月2日", "2015年03月02日",
    "20150302", "2015-03-02 00:00:00", "2015-03-02T00:00:00", "2015/3/2 0:00", "2015年3月2日 00:00:00", "2015年3月2号",
    " 2015-03-02 ", "２０１５－０３－０２", "2015-3-2 00:00", "2015 - 3 - 2", "2015年 3月 2日", "42065", "42065.0", "42065.00",
])
def test_accepted_writings(text):
    assert dates.validate(text) == date(2015, 3, 2)


def test_leap_days():
    assert dates.validate("2016-02-29") == date(2016, 2, 29)
    assert dates.validate("2000-02-29") == date(2000, 2, 29)
    for text in ("2015-02-29", "1900-02-29", "20150229", "2015年2月29日"):
        with pytest.raises(InvalidComponent):
            dates.validate(text)


@pytest.mark.parametrize("text", ["2015-13-01", "2015-04-31", "2015/0/10", "1015-01-01", "2150-01-01"])
def test_impossible_dates(text):
    with pytest.raises(InvalidComponent) as caught:
        dates.validate(text)
    assert caught.value.code == "date.invalid"


@pytest.mark.parametrize("text", [
    "abc", "2015", "2015年3月", "2015-3-200:00", "15-3-2", "2015-03-02 12:30:00", "2015-03", "3/2/2015",
    "12345",          # an Excel serial before 1950: not a plausible date here
    "99999",          # after 2099
    "42065.5",        # a time of day: not a date cell
])
def test_unreadable_text_is_a_format_error(text):
    with pytest.raises(InvalidFormat) as caught:
        dates.validate(text)
    assert caught.value.code == "date.format"


def test_serial_range_boundaries():
    assert dates.from_serial(dates.SERIAL_MIN) == date(1950, 1, 1)
    assert dates.from_serial(dates.SERIAL_MAX) == date(2099, 12, 31)
    with pytest.raises(InvalidFormat):
        dates.from_serial(dates.SERIAL_MIN - 1)


def test_is_valid_and_is_iso():
    assert dates.is_valid("2015/3/2") and not dates.is_valid("2015-02-29")
    assert dates.is_iso("2015-03-02") and not dates.is_iso("2015-3-2")
