"""Parents, the 流动 其他监护人 and the 留守 受委托照顾人: IDs at least 20 years older than the
child with the parity their role implies, phones, and addresses that tell the family's story."""
from __future__ import annotations

import random
from datetime import timedelta

from generator import divisions_pick as places
from generator import ids, people
from generator.record import Facts

# where parents of 留守 children go to work (county codes)
WORK_DESTINATIONS = ("440306", "440307", "441900", "442000", "330106", "330110", "320505",
                     "310115", "110105", "440106", "350203", "330205", "320583", "500103")


def adult(rng: random.Random, f: Facts, sex: str, older_years: tuple[int, int],
          family_name: str | None = None) -> dict[str, str]:
    """Name, birth-consistent ID and phone of an adult older than the child by older_years."""
    birth = f.birth - timedelta(days=rng.randrange(older_years[0] * 366, older_years[1] * 365))
    area = places.adult_area(rng, f.hukou, birth.year)
    return {"name": people.full_name(rng, sex, family_name),
            "id": ids.make_id(area, birth, sex, rng), "phone": people.phone(rng),
            "birth": birth.isoformat()}


def parents(rng: random.Random, f: Facts, home: str, here: str,
            father_away: bool, mother_away: bool) -> dict[str, object]:
    """father_* and mother_* cells; home/here are the child's 户籍 and current addresses."""
    out: dict[str, object] = {}
    for role, sex, gap, away in (("father", "男", (22, 40), father_away),
                                 ("mother", "女", (20, 36), mother_away)):
        person = adult(rng, f, sex, gap, f.surname if role == "father" else None)
        out[f"{role}_name"] = person["name"]
        out[f"{role}_id"] = person["id"]
        out[f"{role}_phone"] = person["phone"]
        out[f"{role}_hukou_address"] = home
        out[f"{role}_current_address"] = _away_address(rng, f) if away else here
    return out


def _away_address(rng: random.Random, f: Facts) -> str:
    county = rng.choice([c for c in WORK_DESTINATIONS if c not in (f.hukou, f.current)])
    return places.address(rng, county)


def liudong_household(rng: random.Random, f: Facts, home: str, here: str) -> dict[str, object]:
    """共同居住人, residence, dates of the move and the other guardian when there is one."""
    roll = rng.random()
    co = "父母双方" if roll < 0.62 else "父母一方" if roll < 0.87 else "其他监护人"
    one_away = rng.random() < 0.5
    out = parents(rng, f, home, here, father_away=(co == "其他监护人" or (co == "父母一方" and one_away)),
                  mother_away=(co == "其他监护人" or (co == "父母一方" and not one_away)))
    out.update({"co_resident": co,
                "residence_registration": rng.choice(("办理居住证", "办理居住证", "暂住登记", "未登记")),
                "housing_type": rng.choice(("出租房屋", "出租房屋", "自购房", "其他"))})
    out.update(move_dates(rng, f))
    out.update(guardian(rng, f, home, here) if co == "其他监护人" else blank_guardian())
    return out


def move_dates(rng: random.Random, f: Facts) -> dict[str, str]:
    """出生 ≤ 离开户籍地 ≤ 来现居住地 ≤ reference date − 7 months."""
    latest = f.as_of - timedelta(days=215)
    span = max((latest - f.birth).days, 0)
    arrival = f.birth + timedelta(days=rng.randrange(span + 1)) if span else f.birth
    left = arrival - timedelta(days=rng.randrange(0, 20))
    left = max(left, f.birth)
    return {"left_hukou_date": left.isoformat(), "arrival_date": arrival.isoformat()}


def guardian(rng: random.Random, f: Facts, home: str, here: str) -> dict[str, object]:
    relation, sex = rng.choice(people.GUARDIAN_RELATIONS)
    gap = (45, 65) if relation.startswith(("祖", "外祖")) else (20, 35)
    person = adult(rng, f, sex, gap, f.surname if relation in ("祖父", "叔叔") else None)
    return {"guardian_name": person["name"], "guardian_relation": relation,
            "guardian_id": person["id"], "guardian_phone": person["phone"],
            "guardian_hukou_address": home, "guardian_current_address": here}


def blank_guardian() -> dict[str, object]:
    return {k: None for k in ("guardian_name", "guardian_relation", "guardian_id",
                              "guardian_phone", "guardian_hukou_address", "guardian_current_address")}


def liushou_household(rng: random.Random, f: Facts, home: str, here: str) -> dict[str, object]:
    """Both parents away, or one away and the other unable to care; usually a carer."""
    both = rng.random() < 0.8
    father_away = both or rng.random() < 0.7
    out = parents(rng, f, home, here, father_away=father_away, mother_away=both or not father_away)
    out["both_parents_away"] = "是" if both else "否"
    out["one_away_other_incapable"] = "否" if both else "是"
    out.update(carer(rng, f, home, here) if rng.random() < 0.92 else blank_carer())
    return out


def carer(rng: random.Random, f: Facts, home: str, here: str) -> dict[str, object]:
    relation, sex = rng.choice(people.CARER_RELATIONS + people.CARER_RELATIONS[:4])
    sex = sex or rng.choice(("男", "女"))
    gap = (45, 65) if relation != "其他" else (22, 50)
    person = adult(rng, f, sex, gap, f.surname if relation == "爷爷" else None)
    return {"has_entrusted_guardian": "有", "carer_relation": relation,
            "carer_phone": person["phone"], "carer_name": person["name"], "carer_id": person["id"],
            "carer_hukou_address": home, "carer_current_address": here}


def blank_carer() -> dict[str, object]:
    out: dict[str, object] = {k: None for k in ("carer_relation", "carer_phone", "carer_name",
                                                 "carer_id", "carer_hukou_address", "carer_current_address")}
    out["has_entrusted_guardian"] = "无"
    return out
