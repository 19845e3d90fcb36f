"""validators.disability_card: the 20-character 残疾人证号 decoded into ID, category and level,
each part checked (generated numbers only)."""
import pytest

from readerfiles import child_id
from validators import disability_card
from validators.codes import make
from validators.errors import InvalidCharacters, InvalidChecksum, InvalidComponent, InvalidLength

ID = child_id("511324", "20150302", "023")


def test_a_valid_card_gives_the_id_category_and_level():
    info = disability_card.parse(ID + "42")
    assert (info.number, info.id_number, info.category, info.level) == (ID + "42", ID, "肢体残疾", "二级")
    assert disability_card.is_valid(ID + "71") and disability_card.parse(ID + "71").category == "多重残疾"


def test_spaces_dashes_full_width_and_lower_case_x_are_compacted():
    number = next(child_id("511324", "20150302", f"{s:03d}") for s in range(1, 300)
                  if child_id("511324", "20150302", f"{s:03d}").endswith("X"))
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number[:-1].lower() + "x")
    assert disability_card.validate(f" {wide}-5 1 ") == number + "51"


@pytest.mark.parametrize("value, error, part, code", [
    (ID + "4", InvalidLength, "length", "card.length"),
    (ID + "423", InvalidLength, "length", "card.length"),
    (ID[:10] + "A" + ID[11:] + "42", InvalidCharacters, "characters", "card.characters"),
    (ID[:17] + ("0" if ID[17] != "0" else "1") + "42", InvalidChecksum, "id", "id.checksum"),
    (ID[:6] + "20151302" + ID[14:] + "42", InvalidComponent, "id", "id.birth_date"),
    (ID + "82", InvalidComponent, "category", "card.category"),
    (ID + "02", InvalidComponent, "category", "card.category"),
    (ID + "45", InvalidComponent, "level", "card.level"),
])
def test_each_part_is_checked_and_named(value, error, part, code):
    with pytest.raises(error) as caught:
        disability_card.parse(value)
    assert (caught.value.part, caught.value.code) == (part, code)
    assert not disability_card.is_valid(value)
    message = make(code, 0, None, label="残疾人证号", **caught.value.params).message
    assert "残疾人证号" in message and ID not in message


@pytest.mark.parametrize("value", [None, 42, 4.2e19, b"51132420150302023X42", [], "", " ", "\x00" * 20, ID * 50])
def test_is_valid_never_raises(value):
    assert disability_card.is_valid(value) is False


def test_the_id_part_of_a_card_with_a_wrong_digit_is_still_there():
    assert disability_card.id_part(ID + "92") == ID
    assert disability_card.id_part("123") is None and disability_card.id_part(None) is None


def test_a_card_number_in_a_message_is_masked():
    from validators.redact import mask_ids_in, quote
    assert ID not in quote(ID + "42") and ID not in mask_ids_in(f"残联记录 {ID}42 有误")
    assert quote(ID + "42").endswith(ID[-2:] + "42")
