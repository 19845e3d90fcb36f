"""The child's own cells of a clean record, consistent with every cross-field rule: school stage
by age, services by age, disability in all three cells or in none, 低保家庭 ↔ 低保."""
from __future__ import annotations

import random
from datetime import date, timedelta

from generator import divisions_pick as places
from generator import ids, people
from generator.record import Facts, age_months, age_years

ETHNIC_MINORITIES = ("回族", "壮族", "苗族", "土家族", "彝族", "满族", "蒙古族", "藏族", "侗族",
                     "布依族", "瑶族", "维吾尔族", "白族", "哈尼族")
CATEGORIES = ("视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾")
GRADES = ("一级", "二级", "三级", "四级")
SCHOOL_STAGES = ("小学", "初中", "高中", "中等职业教育", "特殊教育")


def birth_date(rng: random.Random, as_of: date, min_days: int, max_days: int) -> date:
    return as_of - timedelta(days=rng.randrange(min_days, max_days))


def identity(rng: random.Random, f: Facts, want_x: bool | None = None, hukou_town: str | None = None,
             current_town: str | None = None) -> dict[str, object]:
    """The child's own cells; the towns name the township of the 户籍 / current address (the
    sheet's own township, for the address the sheet is kept by)."""
    name = people.full_name(rng, f.sex, f.surname)
    f.id_area = places.area_in_year(f.hukou, f.birth.year) or f.hukou
    number = ids.make_id(f.id_area, f.birth, f.sex, rng, want_x=want_x)
    ethnicity = "汉族" if rng.random() < 0.9 else rng.choice(ETHNIC_MINORITIES)
    return {"name": name, "sex": f.sex, "birth_date": f.birth.isoformat(), "ethnicity": ethnicity,
            "id_number": number, "hukou_registered": "是",
            "hukou_address": places.address(rng, f.hukou, hukou_town),
            "current_address": places.address(rng, f.current, current_town)}


def stage_for_age(rng: random.Random, age: int, disabled: bool) -> str | None:
    if age < 3:
        return None
    if disabled and age >= 6 and rng.random() < 0.3:
        return "特殊教育"
    if age <= 5:
        return "学龄前"
    if age == 6:
        return rng.choice(("学龄前", "小学"))
    if age <= 11:
        return "小学"
    if age == 12:
        return rng.choice(("小学", "初中"))
    if age <= 14:
        return "初中"
    return rng.choice(("初中", "高中", "高中", "中等职业教育"))


SCHOOL_NAMES = {"学龄前": ("中心幼儿园", "实验幼儿园", "阳光幼儿园", "蓝天幼儿园"),
                "小学": ("第一小学", "实验小学", "中心小学", "第三小学"),
                "初中": ("第一初级中学", "实验中学", "第二中学"),
                "高中": ("第一高级中学", "第二高级中学"),
                "中等职业教育": ("职业技术学校", "中等专业学校"),
                "特殊教育": ("特殊教育学校",)}


def schooling(rng: random.Random, f: Facts) -> dict[str, object]:
    stage = stage_for_age(rng, f.age, f.disabled)
    if stage is None:
        return {"schooling": None, "school_name": None, "boarding": None, "study_status": None}
    status = "在读"
    if stage != "学龄前" and f.age >= 12 and rng.random() < 0.01:
        stage, status = "失学", "辍学"
    name = None
    if stage in SCHOOL_NAMES and rng.random() < 0.9:
        town = places.township(rng, f.current)[:2]
        name = town + rng.choice(SCHOOL_NAMES[stage])
    boarding = (("是" if rng.random() < 0.2 else "否") if stage in SCHOOL_STAGES else None)
    return {"schooling": stage, "school_name": name, "boarding": boarding, "study_status": status}


def health(rng: random.Random, f: Facts) -> dict[str, object]:
    if f.disabled:
        if rng.random() < 0.15:
            cats = "多重残疾、" + "、".join(rng.sample(CATEGORIES, 2))
        else:
            cats = rng.choice(CATEGORIES)
        state = "残疾" if rng.random() < 0.8 else "残疾、慢性病"
        return {"health": state, "disability_category": cats, "disability_grade": rng.choice(GRADES),
                "rehab_aid": rng.choice(("是", "否"))}
    roll = rng.random()
    state = "健康" if roll < 0.9 else "慢性病" if roll < 0.96 else "重病" if roll < 0.98 \
        else "心理/行为异常"
    return {"health": state, "disability_category": "无", "disability_grade": "无", "rehab_aid": "否"}


def services(rng: random.Random, f: Facts) -> dict[str, object]:
    if f.form == "liudong":
        offered = ("在户籍地接受", "在居住地接受", "在居住地接受", "未接受")
        insurance = ("纳入户籍地医保", "纳入居住地医保", "纳入居住地医保", "未纳入医保")
    else:
        offered = ("已接受", "已接受", "未接受")
        insurance = ("已纳入医保", "已纳入医保", "已纳入医保", "未纳入医保")
    age, months = age_years(f.birth, f.as_of), age_months(f.birth, f.as_of)
    return {"svc_0_6": rng.choice(offered) if age < 7 else None,
            "svc_0_36m": rng.choice(offered) if months < 37 else None,
            "medical_insurance": rng.choice(insurance)}


def guardianship(rng: random.Random, form: str) -> str:
    weak = ("父母或其他监护人无监护能力", "父或母或其他监护人监护能力不足") if form == "liudong" \
        else ("父或母无监护能力", "受委托监护人照护能力不足")
    roll = rng.random()
    if roll < 0.7:
        return "较好"
    if roll < 0.94:
        return "一般"
    if roll < 0.97:
        return "较差"
    return rng.choice(weak + ("无人监护",))


def family(rng: random.Random, f: Facts) -> dict[str, object]:
    """家庭困难情况 and 生活保障情况, consistent (低保家庭 → 低保, 特困家庭 → 特困)."""
    none_hardship = None if f.form == "liudong" else "无"
    support = ["残疾人两项补贴"] if f.disabled and rng.random() < 0.5 else []
    roll = rng.random()
    if roll < 0.88:
        hardship = none_hardship
    elif roll < 0.94:
        hardship, support = "低保家庭", ["低保", *support]
    elif roll < 0.96:
        hardship, support = "特困家庭", ["特困", *support]
    elif roll < 0.98:
        hardship = "低保边缘家庭"
    else:
        hardship = rng.choice(("防止返贫监测家庭", "刚性支出困难家庭", "其他：因病致贫"))
    return {"family_hardship": hardship, "living_support": "、".join(support) or "无"}
