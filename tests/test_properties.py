"""Property tests: every format module's compact / validate / is_valid and check_cell answer any
Python object with a result or the module's own error (validators.errors.ValidationError),
never another exception; is_valid always returns a bool."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.forms import load_form
from validators import address, dates, disability_card, idnumber, options, phone, text
from validators.cells import CellResult, check_cell
from validators.errors import ValidationError
from validators.redact import QUOTE_LIMIT, mask_ids_in, quote

# every Unicode code point, lone surrogates included (a reader never makes those, a caller might)
ANY_CHAR = st.characters(codec=None, categories=None)
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.from_regex(r"[0-9０-９٠-٩०-९ Xx年月日号./\-:]{0,24}", fullmatch=True),   # near dates and IDs
    st.from_regex(r"(\+86)?1[3-9][0-9]{9}([、/;,][0-9()\-]{0,13})?", fullmatch=True),  # near phones
    st.sampled_from(["#REF!", " #n/a ", "河南省郑州市金水区文化路1号", "汉", "其他：因病", "健康、慢性病",
                     "411302201503021012", "4113022015030210１2", "\x00", "\u202e", "\ud800"]),
)
ANYTHING = st.one_of(
    TEXT, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=20), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.none(), max_size=2),
    st.tuples(st.text(max_size=3)), st.just(object()), st.just(Ellipsis), st.complex_numbers(),
)
FIELDS = [f for key in ("liudong", "liushou") for f in load_form(key).fields]
OPTION_FIELDS = [f for f in FIELDS if f.type in ("choice", "multi") and f.options]
MODULES = [idnumber, dates, phone, address, disability_card]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _answers(call, value) -> None:
    try:
        call(value)
    except ValidationError:
        pass


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
@FAST
@given(value=ANYTHING)
def test_format_modules_answer_any_object(module, value):
    assert module.is_valid(value) in (True, False)
    _answers(module.validate, value)
    _answers(module.compact, value)


@FAST
@given(value=ANYTHING)
def test_names_and_text_answer_any_object(value):
    assert text.is_valid_name(value) in (True, False)
    _answers(text.validate_name, value)
    _answers(text.compact, value)


@FAST
@given(field=st.sampled_from(OPTION_FIELDS), value=ANYTHING)
def test_options_answer_any_object(field, value):
    assert options.is_valid(field, value) in (True, False)
    _answers(lambda v: options.validate(field, v), value)
    _answers(options.compact, value)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=ANYTHING, numeric=st.booleans())
def test_check_cell_gives_findings_or_the_validators_error(field, value, numeric):
    try:
        result = check_cell(field, value, 0, numeric=numeric)
    except ValidationError:
        assert not isinstance(value, (str, int, float)) or isinstance(value, bool) or value != value \
            or value in (float("inf"), float("-inf"))
        return
    assert isinstance(result, CellResult)
    for finding in result.findings:
        assert len(finding.message) < 600
        assert "\x00" not in finding.message and "\u202e" not in finding.message


@FAST
@given(value=st.text(ANY_CHAR, max_size=300))
def test_quote_is_short_visible_and_masked(value):
    shown = quote(value)
    assert len(shown) <= QUOTE_LIMIT + len(f"…(共 {len(value)} 字)")
    assert not any(ch in shown for ch in "\x00\n\r\x1b\u202e\u2028")
    assert mask_ids_in(shown) == shown                  # nothing ID-like left to mask


@pytest.mark.parametrize("digits", ["٢٠١٥-٠٣-٠٢", "२०१५-०३-०२", "২০১৫-০৩-০২", "๒๕๕๘-๐๓-๐๒", "٢٠١٥٠٣٠٢"])
def test_dates_take_ascii_and_full_width_digits_only(digits):
    assert not dates.is_valid(digits)
    assert dates.validate("２０１５-０３-０２").isoformat() == "2015-03-02"


def test_other_scripts_digits_are_no_id_or_phone():
    arabic = "".join(chr(0x660 + int(d)) for d in "411302201503021012")
    assert not idnumber.is_valid(arabic)
    assert not idnumber.is_valid(arabic[:15])
    assert not phone.is_valid("".join(chr(0x966 + int(d)) for d in "13800138000"))
    field = load_form("liudong").field("id_number")
    legacy = "".join(chr(0x660 + int(d)) for d in "411302150302101")      # 15 "digits"
    assert check_cell(field, legacy, 0).findings[0].code == "id.characters"
