"""Children's names compared the way a county clerk compares them: the same name, the same
sound written with other characters (张伟/章伟: a clerk typing what was said), or one character
different (a typo, a dropped or added character). Latin edit distance alone would call 张伟 and
王伟 as close as 张伟 and 章伟; only the second pair sounds the same.

Readings come from resources/pinyin/readings.tsv.gz (every toneless reading of 41,923
characters, heteronyms included, derived from pypinyin by resources/pinyin/refresh.py); two
characters sound the same when they share a reading (曾 ceng/zeng and 增 zeng do).
"""
from __future__ import annotations

import gzip
from functools import lru_cache

from resources import RESOURCES_DIR

READINGS = RESOURCES_DIR / "pinyin" / "readings.tsv.gz"
SAME, HOMOPHONE, ONE_CHAR = "same", "homophone", "one_char"


@lru_cache(maxsize=1)
def readings() -> dict[str, tuple[str, ...]]:
    """char -> its toneless readings, most common first."""
    table: dict[str, tuple[str, ...]] = {}
    with gzip.open(READINGS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            char, _, names = line.rstrip("\n").partition("\t")
            table[char] = tuple(names.split(" "))
    return table


def sound_key(name: str | None) -> str | None:
    """The name's sound with each character's most common reading (张伟 and 章伟: 'zhang wei');
    characters without a reading (Latin letters, ·) stand for themselves. None for no name."""
    if not name:
        return None
    table = readings()
    return " ".join(table.get(ch, (ch,))[0] for ch in name)


def _same_sound(a: str, b: str) -> bool:
    table = readings()
    if a == b:
        return True
    ra, rb = table.get(a), table.get(b)
    return bool(ra and rb and set(ra) & set(rb))


def homophones(a: str, b: str) -> bool:
    """Same length and every character sounds the same (any shared reading)."""
    return len(a) == len(b) and all(_same_sound(x, y) for x, y in zip(a, b))


def one_char_apart(a: str, b: str) -> bool:
    """Exactly one character replaced, added or dropped (names of at least two characters)."""
    if a == b or min(len(a), len(b)) < 2 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False


def relation(a: str | None, b: str | None) -> str | None:
    """SAME, HOMOPHONE, ONE_CHAR or None (different names, or a name missing)."""
    if not a or not b:
        return None
    if a == b:
        return SAME
    if homophones(a, b):
        return HOMOPHONE
    if one_char_apart(a, b):
        return ONE_CHAR
    return None
