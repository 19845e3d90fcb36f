"""Identity numbers: the check character, building a number, and which area codes were in use
in which years (python-stdnum's cn/loc.dat, parsed here on its own so the generator does not
lean on the code it tests)."""
from __future__ import annotations

import random
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
CHECK_CHARS = "10X98765432"
_PERIOD = re.compile(r"\[(\d*)-(\d*)\](.*)")


def check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2: Σ digit·weight mod 11 indexes '10X98765432'."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def make_id(area: str, birth: date, sex: str, rng: random.Random, want_x: bool | None = None) -> str:
    """A valid 18-character number; the 17th digit is odd for 男, even for 女."""
    for _ in range(200):
        seq = f"{rng.randrange(100):02d}" + str(rng.randrange(1 if sex == "男" else 0, 10, 2))
        first17 = area + birth.strftime("%Y%m%d") + seq
        number = first17 + check_char(first17)
        if number.endswith("000"):      # looks like Excel damage; real but rare, keep rows quiet
            continue
        if want_x is None or number.endswith("X") == want_x:
            return number
    raise RuntimeError("no sequence gives an X check character")


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


def legacy15(area: str, birth: date, sex: str, rng: random.Random) -> str:
    """A 15-digit pre-1999 number: area, YYMMDD, 3-digit sequence (no check character)."""
    seq = f"{rng.randrange(100):02d}" + str(rng.randrange(1 if sex == "男" else 0, 10, 2))
    return area + birth.strftime("%y%m%d") + seq


@lru_cache(maxsize=1)
def area_periods() -> dict[str, tuple[tuple[int | None, int | None, str], ...]]:
    """area code → ((first year, last year, name), …) as in stdnum's cn/loc.dat."""
    import stdnum.cn
    table: dict[str, tuple] = {}
    province = ""
    for line in (Path(stdnum.cn.__file__).parent / "loc.dat").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line[:2]
            continue
        code, _, rest = line.strip().partition(" ")
        names = rest.partition("=")[2].strip().strip('"')
        periods = []
        for part in names.split(","):
            m = _PERIOD.fullmatch(part)
            periods.append((int(m[1]) if m and m[1] else None, int(m[2]) if m and m[2] else None,
                            m[3] if m else part))
        table[province + code] = tuple(periods)
    return table


def valid_in(area: str, year: int) -> bool:
    """The code was in use in `year` according to the history table."""
    return any((s is None or s <= year) and (e is None or year <= e)
               for s, e, _ in area_periods().get(area, ()))


def valid_since(area: str, year: int) -> bool:
    """In use from `year` (or earlier) until today without a gap we care about."""
    return any((s is None or s <= year) and e is None for s, e, _ in area_periods().get(area, ()))


def abolished_codes(before: int) -> list[str]:
    """Codes whose last period ended before `before` (for the area-period warning)."""
    return sorted(c for c, ps in area_periods().items()
                  if all(e is not None and e < before for _, e, _ in ps) and not c.endswith("00"))


def unknown_area(rng: random.Random, province: str) -> str:
    """A 6-digit code under a real province that never existed in any period."""
    known = area_periods()
    while True:
        code = province + f"9{rng.randrange(10)}{rng.randrange(80, 100)}"
        if code not in known:
            return code
