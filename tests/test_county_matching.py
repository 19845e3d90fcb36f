"""intake.county.matching / pairs / names on hand-made key frames (no files): which records
form which groups, and why; nothing grouped for children merely sharing a name."""
import polars as pl
import pytest

from intake.county import names
from intake.county.matching import FRAME_SCHEMA, Matcher, find
from intake.county.model import BOTH_FORMS, DUPLICATE, POSSIBLE, Ref
from rowkit import make_id

BIRTH = "2015-03-02"
A = make_id("511324", "20150302", "123")          # a valid ID of a boy born 2015-03-02 in 仪陇县


def frame(rows):
    """rows: (sheet, index, form, id, name, birth, hukou)."""
    cols = list(zip(*rows))
    data = dict(zip(["sheet_id", "index", "form", "id", "name", "birth", "hukou"], cols))
    data["sound"] = [names.sound_key(n) for n in data["name"]]
    return pl.DataFrame(data, schema=FRAME_SCHEMA)


def groups(rows):
    return sorted(((g.kind, g.refs, g.why) for g in find(frame(rows), "salt")), key=str)


def test_same_id_in_one_form_and_across_forms():
    rows = [(1, 0, "liudong", A, "张伟", BIRTH, "511324"), (2, 5, "liudong", A, "张伟", BIRTH, "511324"),
            (3, 1, "liushou", A, "张伟", BIRTH, "511324")]
    found = groups(rows)
    assert (DUPLICATE, (Ref(1, 0), Ref(2, 5)), ("id.same",)) in found
    assert (BOTH_FORMS, (Ref(1, 0), Ref(2, 5), Ref(3, 1)), ("id.same",)) in found
    assert len(found) == 2                        # a shared ID is never a possible duplicate too


@pytest.mark.parametrize("other, name, why", [
    (A[:15] + str((int(A[15]) + 1) % 10) + A[16:], "张伟", "id.one_digit"),    # typo: checksum breaks
    (A[:8] + A[9] + A[8] + A[10:], "张伟", "id.swapped"),
    (make_id("511324", "20150302", "457"), "张伟", "id.order_code"),
    (None, "张伟", "id.missing"),
    (make_id("511324", "20150302", "457"), "章伟", "id.order_code"),             # homophone
    (A[:15] + str((int(A[15]) + 1) % 10) + A[16:], "张强", "id.one_digit"),    # one character apart
    (A[:16] + A[17:], "张伟", "id.one_digit"),                                 # a digit dropped
])
def test_possible_duplicates_of_every_kind(other, name, why):
    rows = [(1, 0, "liudong", A, "张伟", BIRTH, "511324"), (2, 3, "liudong", other, name, BIRTH, "511324")]
    (kind, refs, reasons), = groups(rows)
    assert kind == POSSIBLE and refs == (Ref(1, 0), Ref(2, 3))
    assert why in reasons and {"birth.same", "hukou.same"} <= set(reasons)
    expected_name = {"张伟": "name.same", "章伟": "name.homophone", "张强": "name.one_char"}[name]
    assert expected_name in reasons


@pytest.mark.parametrize("other", [
    (2, 3, "liudong", make_id("511324", "20150303", "457"), "张伟", "2015-03-03", "511324"),   # born another day
    (2, 3, "liudong", make_id("511323", "20150302", "457"), "张伟", BIRTH, "511323"),          # 户籍 elsewhere
    (2, 3, "liudong", make_id("510104", "20150302", "457"), "张伟", BIRTH, "511324"),          # unrelated ID
    (2, 3, "liudong", make_id("511324", "20150302", "457"), "张强", BIRTH, "511324"),          # sibling look
    (2, 3, "liudong", make_id("511324", "20150302", "457"), "李娜", BIRTH, "511324"),
    (2, 3, "liushou", make_id("511324", "20150302", "457"), "张伟", BIRTH, "511324"),          # other form
])
def test_no_group_for_children_merely_alike(other):
    assert groups([(1, 0, "liudong", A, "张伟", BIRTH, "511324"), other]) == []


def test_three_records_join_into_one_group():
    b = A[:8] + A[9] + A[8] + A[10:]
    rows = [(1, 0, "liushou", A, "王芳", BIRTH, "511324"), (2, 0, "liushou", b, "王芳", BIRTH, "511324"),
            (3, 0, "liushou", None, "汪芳", BIRTH, "511324")]
    (kind, refs, _why), = [g for g in groups(rows) if g[0] == POSSIBLE]
    assert refs == (Ref(1, 0), Ref(2, 0), Ref(3, 0))


def test_keys_are_stable_and_reveal_no_id():
    rows = [(1, 0, "liudong", A, "张伟", BIRTH, "511324"), (2, 5, "liudong", A, "张伟", BIRTH, "511324")]
    first, again = find(frame(rows), "salt"), find(frame(rows[::-1]), "salt")
    assert [g.key for g in first] == [g.key for g in again]
    assert A not in first[0].key and A[-6:] not in first[0].key and A not in repr(first[0])
    assert find(frame(rows), "other salt")[0].key != first[0].key


def test_incremental_rematching_equals_a_full_run():
    base = [(1, i, "liudong", make_id("511324", "20150302", f"{i:02d}1"), f"张{i}", BIRTH, "511324")
            for i in range(10)]
    other = [(2, 0, "liudong", base[3][3], "张3", BIRTH, "511324"),
             (2, 1, "liudong", None, "张5", BIRTH, "511324")]
    m = Matcher("salt", frame(base + other))
    assert {g.kind for g in m.groups.values()} == {DUPLICATE, POSSIBLE}
    edited = [(2, 0, "liudong", base[4][3], "张4", BIRTH, "511324"), other[1]]   # sheet 2 edited
    changed = m.replace_sheets([2], frame(edited))
    full = {g.key: g.refs for g in find(frame(base + edited), "salt")}
    assert {k: g.refs for k, g in m.groups.items()} == full
    assert changed and all(k in full or k not in m.groups for k in changed)


def test_names_compare_by_sound_and_by_one_character():
    assert names.relation("张伟", "章伟") == names.HOMOPHONE
    assert names.relation("曾小明", "增小明") == names.HOMOPHONE      # 曾 reads ceng or zeng
    assert names.relation("张伟", "张玮") == names.HOMOPHONE         # same sound wins
    assert names.relation("张伟", "张强") == names.ONE_CHAR
    assert names.relation("欧阳明", "欧明") == names.ONE_CHAR
    assert names.relation("张伟", "李娜") is None and names.relation("张伟", None) is None
    assert names.sound_key("张伟") == names.sound_key("章伟") == "zhang wei"


def test_the_bundled_readings_are_pypinyin_s():
    """resources/pinyin/readings.tsv.gz is derived from pypinyin (refresh.py): still in step."""
    from pypinyin import Style, pinyin
    from generator.people import BOY_CHARS, GIRL_CHARS, SURNAMES
    from generator.township_mix import HOMOPHONES
    table = names.readings()
    chars = set(SURNAMES + BOY_CHARS + GIRL_CHARS + "".join(a + b for a, b in HOMOPHONES.items()) + "曾单解区朴仇")
    for ch in chars:
        expected = [r.replace("ü", "v") for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]]
        assert list(table[ch]) == list(dict.fromkeys(expected)), ch
    assert len(table) > 40_000
