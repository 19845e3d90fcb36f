"""Helpers for rule tests: one record built from hand-made cells and facts."""
from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from intake.forms import load_form
from validators.cell_facts import id_facts_from_number
from validators.data import ValidationContext
from validators.rules.row import PlaceFacts, Row

AS_OF = date(2025, 12, 31)


def make_id(area: str, birth: str, seq: str = "123") -> str:
    """A valid 18-character number: area (6), birth YYYYMMDD, sequence (3, last digit = sex)."""
    first17 = area + birth + seq
    return first17 + "10X98765432"[(int(first17, 13) * 2) % 11]


def place(county: str, prefecture: str | None = None, name: str = "", district: bool = False) -> PlaceFacts:
    return PlaceFacts(county=county, prefecture=prefecture, county_name=name or county,
                      is_district=district)


class Cell(NamedTuple):
    raw: str | None
    fact: Any


def _raw_of(cell: Any) -> str | None:
    if cell is None or isinstance(cell, str):
        return cell
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, PlaceFacts):
        return cell.county_name
    if isinstance(cell, tuple):
        return "、".join(cell)
    return getattr(cell, "county_name", str(cell))


def fact_of(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 18 and value[:17].isdigit():
        return id_facts_from_number(value)
    return value


def row(form_key: str = "liudong", *, as_of: date = AS_OF, county: str | None = None,
        **cells: Any) -> Row:
    """cells: key=fact (the raw text is derived from it) or key=Cell(raw, fact)."""
    values: dict[str, list] = {}
    parsed: dict[str, list] = {}
    for key, cell in cells.items():
        if isinstance(cell, Cell):
            values[key], parsed[key] = [cell.raw], [cell.fact]
        else:
            values[key], parsed[key] = [_raw_of(cell)], [fact_of(cell)]
    ctx = ValidationContext(as_of=as_of, county=county)
    return Row(0, load_form(form_key), ctx, values, parsed)


def codes(findings) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.field) for f in findings)


NANYANG_WANCHENG = place("411302", "411300", "河南省南阳市宛城区", district=True)
NANYANG_WOLONG = place("411303", "411300", "河南省南阳市卧龙区", district=True)
ZHENGZHOU_JINSHUI = place("410105", "410100", "河南省郑州市金水区", district=True)
BEIJING_CHAOYANG = place("110105", None, "北京市朝阳区", district=True)


def liudong_cells(**changes: Any) -> dict[str, Any]:
    """A clean 流动 record (boy born 2015-03-02, from 宛城区 to 金水区 since 2020), with changes."""
    cells: dict[str, Any] = dict(
        name="张三", sex="男", birth_date=date(2015, 3, 2), ethnicity="汉族",
        id_number=make_id("411302", "20150302", "123"), hukou_registered="是",
        hukou_address=NANYANG_WANCHENG, current_address=ZHENGZHOU_JINSHUI, co_resident="父母双方",
        residence_registration="办理居住证", housing_type="出租房屋",
        left_hukou_date=date(2020, 1, 1), arrival_date=date(2020, 1, 5), guardianship="较好",
        schooling="小学", school_name="金水区第一小学", boarding="否", study_status="在读",
        health=("健康",), svc_0_6=None, svc_0_36m=None, medical_insurance="纳入居住地医保",
        disability_category=("无",), disability_grade="无", rehab_aid="否",
        father_name="张大", father_id=make_id("411302", "19850101", "111"),
        mother_name="李四", mother_id=make_id("411302", "19870202", "222"),
        living_support=("无",), family_hardship=None,
    )
    cells.update(changes)
    return cells


def liushou_cells(**changes: Any) -> dict[str, Any]:
    """A clean 留守 record (girl born 2012-06-30, both parents away, carer 奶奶)."""
    cells: dict[str, Any] = dict(
        name="王芳", sex="女", birth_date=date(2012, 6, 30), ethnicity="汉族",
        id_number=make_id("411302", "20120630", "124"), hukou_registered="是",
        hukou_address=NANYANG_WANCHENG, current_address=NANYANG_WANCHENG, guardianship="一般",
        health=("健康",), medical_insurance="已纳入医保", disability_category=("无",),
        disability_grade="无", rehab_aid="否", schooling="初中", study_status="在读", boarding="是",
        both_parents_away="是", one_away_other_incapable="否", has_entrusted_guardian="有",
        carer_relation="奶奶", carer_phone="13800138000", carer_name="刘芬",
        carer_id=make_id("411302", "19600505", "142"), family_hardship=("无",), living_support=("无",),
    )
    cells.update(changes)
    return cells
