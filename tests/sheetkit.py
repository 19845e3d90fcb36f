"""Helpers for engine and CLI tests: records as raw cell text, as a reader would give them."""
from __future__ import annotations

from datetime import date
from typing import Any

from rowkit import make_id
from validators.data import RecordColumns, ValidationContext

AS_OF = date(2025, 12, 31)
CTX = ValidationContext(as_of=AS_OF, today=date(2026, 1, 15))


def liudong_record(**changes: Any) -> dict[str, str | None]:
    """A clean 流动 record as raw text: a boy from 南阳市宛城区 living in 郑州市金水区."""
    rec: dict[str, str | None] = {
        "seq": "1", "name": "张三", "sex": "男", "birth_date": "2015-03-02", "ethnicity": "汉族",
        "id_number": make_id("411302", "20150302", "123"), "hukou_registered": "是",
        "hukou_address": "河南省南阳市宛城区新华街道光明社区12号",
        "current_address": "河南省郑州市金水区经八路街道黄河路8号", "co_resident": "父母双方",
        "residence_registration": "办理居住证", "housing_type": "出租房屋",
        "left_hukou_date": "2020-01-01", "arrival_date": "2020-01-05", "guardianship": "较好",
        "schooling": "小学", "school_name": "金水区第一小学", "boarding": "否", "study_status": "在读",
        "health": "健康", "svc_0_6": None, "svc_0_36m": None, "medical_insurance": "纳入居住地医保",
        "disability_category": "无", "disability_grade": "无", "rehab_aid": "否",
        "father_name": "张大山", "father_id": make_id("410105", "19850101", "111"),
        "father_phone": "13800138000", "mother_name": "李四妹",
        "mother_id": make_id("410105", "19870202", "222"), "mother_phone": "0371-65123456",
        "family_hardship": None, "living_support": "无",
    }
    rec.update(changes)
    return rec


def columns(records: list[dict[str, str | None]], numeric: dict[str, set[int]] | None = None) -> RecordColumns:
    keys = list(records[0])
    return RecordColumns({k: [r.get(k) for r in records] for k in keys}, numeric or {})


def child_id(birth: str, seq: str) -> str:
    return make_id("411302", birth, seq)
