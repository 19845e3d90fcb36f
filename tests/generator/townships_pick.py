"""Townships for generated sheets: the sheet's own township and its 填报单位 line, and township
words that are not a county's (for the unknown-township warning)."""
from __future__ import annotations

import random

from generator.divisions_pick import townships_of
from validators import divisions as dv


def code_of(county: str, town: str) -> str | None:
    return next((d.code for d in dv.children(county) if d.level == 4 and d.name == town), None)


def foreign_township(rng: random.Random, county: str) -> str:
    """A township word that is not one of the county's: another county's township of the same
    prefecture, or one of its own with a character replaced."""
    own = set(townships_of(county))
    parent = dv.get(county).parent
    near = sorted({t for c in dv.children(parent) if c.code != county for t in townships_of(c.code)} - own)
    near = [t for t in near if t[:2] not in {o[:2] for o in own}]   # not a near-spelling of an own one
    if near and rng.random() < 0.5:
        return rng.choice(near)
    town = rng.choice(sorted(own))
    for _ in range(50):
        changed = town[0] + rng.choice("子之资紫梓") + town[2:]
        if changed not in own:
            return changed
    return "某某镇"


def sheet_township(county: str, name: str | None = None) -> str | None:
    """The 9-digit code of the township a sheet comes from: the one called `name`, else the
    county's first (the county desk and the township checks key on it)."""
    towns = [d for d in dv.children(county) if d.level == 4]
    chosen = next((d for d in towns if d.name == name), None) if name else (towns[0] if towns else None)
    return chosen.code if chosen else None


def unit_text(township: str | None, county: str) -> str:
    """The 填报单位 line of that township: 淅川县荆紫关镇人民政府, 西湖区转塘街道办事处."""
    if township is None:
        return "某乡镇人民政府"
    town = dv.name(township)
    return dv.name(county) + town + ("办事处" if town.endswith("街道") else "人民政府")
