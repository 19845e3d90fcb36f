"""Children placed across a county's township sheets on purpose: the same child twice, on both
forms, possible duplicates (an ID one digit off, two digits swapped, another order code, a
missing ID, a homophone or one-character-different name), children who merely share a name,
and the changes of a resubmitted sheet. Each returns the records it touched as (part, index)
so the set can say where the expected groups are."""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from generator import divisions_pick as places
from generator import ids, people
from generator.build import Setting, build_record
from generator.sheet import GeneratedSheet, _row

# surnames and a character that sounds the same (same toneless pinyin)
HOMOPHONES = {"张": "章", "王": "汪", "李": "黎", "刘": "柳", "杨": "阳", "黄": "皇", "吴": "武",
              "周": "舟", "徐": "许", "孙": "荪", "陈": "沉", "林": "琳", "何": "和", "胡": "湖",
              "高": "郜", "马": "玛", "朱": "珠", "郭": "国", "罗": "萝", "梁": "良"}
OTHER_CHARS = "甲乙丙丁戊己庚辛壬癸"


@dataclass
class Part:
    """One township's sheet of one form, before it is written."""
    township: str
    form: str
    sheet: GeneratedSheet
    file_name: str
    layout: str = "title_rows"           # title_rows | plain (no 填报单位 line) | name_only
    line_date: date | None = None        # the 填报日期 line (default: the set's date)
    excel_rows: list[int] = field(default_factory=list)     # filled when written
    county: str = ""                     # the county its addresses are in

    def cell(self, i: int, key: str):
        return self.sheet.rows[i][self.sheet.col(key) - 1]

    def set(self, i: int, key: str, value) -> None:
        self.sheet.rows[i][self.sheet.col(key) - 1] = value

    def append(self, row: list) -> int:
        self.sheet.rows.append(row)
        self.set(len(self.sheet.rows) - 1, "seq", len(self.sheet.rows))
        return len(self.sheet.rows) - 1


KEY_ADDRESS = {"liudong": "current_address", "liushou": "hukou_address"}


def place(part: Part, i: int, rng: random.Random) -> None:
    """Record i's key address (流动: 现居住地, 留守: 户籍地址, and its 现居住地 when the same) in
    the part's township; a name_only part's addresses name no township."""
    key = KEY_ADDRESS[part.form]
    if part.layout == "name_only":
        detail = f"{rng.choice(places.ROADS)}{rng.randrange(1, 400)}号"
    else:
        detail = places.detail(rng, part.township)
    was = part.cell(i, key)
    part.set(i, key, places.division_names(part.county) + detail)
    if part.form == "liushou" and part.cell(i, "current_address") == was:
        part.set(i, "current_address", part.cell(i, key))


def copy_row(src: Part, i: int, dst: Part, rng: random.Random | None = None) -> int:
    """Record i of src appended to dst (its 填报单位 cell becomes dst's); with rng, its father's
    phone is another number (so the copies differ in one field)."""
    values = dict(zip(src.sheet.fields, copy.deepcopy(src.sheet.rows[i])))
    j = dst.append([values.get(k) if k else None for k in dst.sheet.fields])
    if "reporting_unit" in dst.sheet.fields:
        dst.set(j, "reporting_unit", dst.sheet.reporting_unit)
    if rng is not None:
        dst.set(j, "father_phone", people.mobile(rng))
    return j


def unique_ids(sheet: GeneratedSheet, used: set[str], rng: random.Random) -> None:
    """Give another order code to a child whose random ID was given before."""
    c = sheet.col("id_number") - 1
    for row in sheet.rows:
        number = row[c]
        while isinstance(number, str) and len(number) == 18 and number in used:
            number = other_order_code(number, rng)
        row[c] = number
        used.add(number)


def one_digit_off(number: str, rng: random.Random) -> str:
    k = rng.randrange(14, 17)
    digit = str((int(number[k]) + rng.randrange(1, 9)) % 10)
    if k == 16 and int(digit) % 2 != int(number[k]) % 2:      # keep the sex digit's parity
        digit = str((int(digit) + 1) % 10)
    return number[:k] + digit + number[k + 1:]


def swapped(number: str, rng: random.Random) -> str:
    spots = [k for k in range(6, 16) if number[k] != number[k + 1]]
    k = rng.choice(spots)
    return number[:k] + number[k + 1] + number[k] + number[k + 2:]


def other_order_code(number: str, rng: random.Random) -> str:
    while True:
        seq = f"{rng.randrange(100):02d}" + str(rng.randrange(int(number[16]) % 2, 10, 2))
        if seq != number[14:17]:
            return ids.with_check(number[:14] + seq)


def homophones(name: str, rng: random.Random) -> tuple[str, str]:
    """Two names that sound the same: the name with a surname that has a homophone, and the
    same name with that homophone."""
    surname = name[0] if name[0] in HOMOPHONES else rng.choice(sorted(HOMOPHONES))
    return surname + name[1:], HOMOPHONES[surname] + name[1:]


def one_char_off(name: str, rng: random.Random) -> str:
    k = len(name) - 1
    return name[:k] + rng.choice([c for c in OTHER_CHARS if c != name[k]])


def both_forms_copy(liudong: Part, i: int, liushou: Part, rng: random.Random, county: str) -> int:
    """A 留守 record of liushou's township for the child of liudong's record i (same ID)."""
    born = liudong.cell(i, "birth_date")
    s = liushou.sheet
    rec = build_record(rng, Setting("liushou", s.as_of, county), birth=date.fromisoformat(born),
                       sex=liudong.cell(i, "sex"))
    row = _row(rec.values, len(s.rows), s.fields, s.reporting_unit)
    j = liushou.append(row)
    for key in ("name", "id_number"):
        liushou.set(j, key, liudong.cell(i, key))
    place(liushou, j, rng)
    return j


def shared_name_only(src: Part, i: int, dst: Part, rng: random.Random, county: str) -> int:
    """A different child in dst with the same name as src's record i (born another day)."""
    s = dst.sheet
    born = src.cell(i, "birth_date")
    other = date.fromisoformat(born) - timedelta(days=rng.randrange(40, 400))
    rec = build_record(rng, Setting(dst.form, s.as_of, county), birth=other, sex=src.cell(i, "sex"))
    j = dst.append(_row(rec.values, len(s.rows), s.fields, s.reporting_unit))
    dst.set(j, "name", src.cell(i, "name"))
    place(dst, j, rng)
    return j
