"""validators.phone: mobiles, landlines, several numbers, normalisation."""
import pytest

from validators import phone
from validators.errors import InvalidFormat


@pytest.mark.parametrize("text, normal", [
    ("13800138000", "13800138000"),
    ("19912345678", "19912345678"),
    ("138 0013 8000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),
    ("+86 138-0013-8000", "13800138000"),
    ("0371-12345678", "0371-12345678"),
    ("037112345678", "037112345678"),
    ("010-1234567", "010-1234567"),
    ("(0371)1234567", "0371-1234567"),
    ("（0371）12345678", "0371-12345678"),
    ("13800138000、13900139000", "13800138000、13900139000"),
    ("13800138000/0371-1234567", "13800138000/0371-1234567"),
    ("13800138000；13900139000", "13800138000、13900139000"),
    ("13800138000, 13900139000", "13800138000、13900139000"),
])
def test_valid_numbers(text, normal):
    assert phone.validate(text) == normal


@pytest.mark.parametrize("text", [
    "12800138000", "1380013800", "138001380001", "无", "不详", "0371-123456", "371-12345678",
    "13800138000、", "、13800138000", "13800138000、123", "0371-123456789",
])
def test_invalid_numbers(text):
    with pytest.raises(InvalidFormat) as caught:
        phone.validate(text)
    assert caught.value.code == "phone.invalid"
    assert not phone.is_valid(text)
