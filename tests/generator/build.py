"""Build one clean record of either form."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from generator import divisions_pick as places
from generator import families, people, values
from generator.record import Facts, Record

DAYS_16_YEARS = 5844          # 16 × 365.25
MIN_AGE_DAYS = {"liudong": 245, "liushou": 20}   # a 流动 child has lived 7 months in the place


@dataclass(frozen=True)
class Setting:
    form: str
    as_of: date
    county: str          # the configured county: 流动 children live in it, 留守 children's 户籍 is in it
    township: str | None = None   # the sheet's township (9-digit): 流动 children live in it, 留守 ones' 户籍 is there


def build_record(rng: random.Random, s: Setting, *, birth: date | None = None,
                 hukou: str | None = None, current: str | None = None,
                 disabled: bool | None = None, sex: str | None = None,
                 want_x: bool | None = None) -> Record:
    birth = birth or values.birth_date(rng, s.as_of, MIN_AGE_DAYS[s.form], DAYS_16_YEARS - 45)
    sex = sex or rng.choice(("男", "女"))
    if s.form == "liudong":
        current = current or s.county
        hukou = hukou or places.pick_hukou_county(rng, birth.year, avoid=current)
    else:
        hukou = hukou or s.county
        current = current or hukou
    f = Facts(s.form, s.as_of, birth, sex, hukou, current, people.surname(rng),
              disabled=rng.random() < 0.06 if disabled is None else disabled)
    v: dict[str, object] = {}
    town = places.dv.name(s.township) if s.township else None
    v.update(values.identity(rng, f, want_x=want_x,
                             hukou_town=town if s.form == "liushou" and hukou == s.county else None,
                             current_town=town if s.form == "liudong" and current == s.county else None))
    home, here = v["hukou_address"], v["current_address"]
    if s.form == "liushou" and hukou == current:
        here = v["current_address"] = home if rng.random() < 0.7 else v["current_address"]
    v["guardianship"] = values.guardianship(rng, s.form)
    v.update(values.schooling(rng, f))
    v.update(values.health(rng, f))
    v.update(values.services(rng, f))
    if s.form == "liudong":
        v.update(families.liudong_household(rng, f, home, here))
    else:
        v.update(families.liushou_household(rng, f, home, here))
    v.update(values.family(rng, f))
    v["report_date"] = s.as_of.isoformat()
    return Record(v, f)
