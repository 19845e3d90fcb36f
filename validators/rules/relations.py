"""What a guardian's or carer's relation to the child implies: the person's sex (爷爷 → 男,
外婆 → 女) and generation (父母 1, 祖辈 2, 曾祖辈 3; None for siblings, uncles, aunts, 其他)."""
from __future__ import annotations

ROLE_SEX = {"father": "男", "mother": "女"}
ROLE_NAMES = {"child": "儿童", "father": "父亲", "mother": "母亲", "guardian": "其他监护人",
              "carer": "受委托照顾人"}

MALE = ("爷爷", "外公", "祖父", "外祖父", "姥爷", "阿公", "父亲", "爸爸", "继父", "养父",
        "舅舅", "叔叔", "伯伯", "伯父", "叔父", "舅父", "姑父", "姨父", "姨夫", "哥哥", "兄", "堂兄",
        "表兄", "曾祖父", "外曾祖父")
FEMALE = ("奶奶", "外婆", "祖母", "外祖母", "姥姥", "阿婆", "母亲", "妈妈", "继母", "养母",
          "舅妈", "舅母", "婶婶", "婶母", "伯母", "姑姑", "姑妈", "姑母", "姨妈", "姨母", "阿姨",
          "姐姐", "姐", "堂姐", "表姐", "嫂子", "曾祖母", "外曾祖母")
GENERATION = {**dict.fromkeys(("父亲", "爸爸", "继父", "养父", "母亲", "妈妈", "继母", "养母"), 1),
              **dict.fromkeys(("爷爷", "外公", "祖父", "外祖父", "姥爷", "阿公", "奶奶", "外婆",
                               "祖母", "外祖母", "姥姥", "阿婆"), 2),
              **dict.fromkeys(("曾祖父", "外曾祖父", "曾祖母", "外曾祖母"), 3)}


def relation_word(text: str | None) -> str:
    """The relation itself: 其他：舅舅 → 舅舅, ' 外婆 ' → 外婆."""
    t = (text or "").strip()
    for sep in ("：", ":"):
        if sep in t:
            t = t.split(sep, 1)[1].strip()
    for left, right in (("（", "）"), ("(", ")")):        # 其他（舅舅）
        if t.startswith("其他" + left) and t.endswith(right):
            t = t[3:-1].strip()
    return t


def sex_of_relation(text: str | None) -> str | None:
    """男 / 女 when the relation names a person of one sex, else None (其他, 亲属, blank …)."""
    t = relation_word(text)
    if t in MALE:
        return "男"
    if t in FEMALE:
        return "女"
    return None


def generation_of(role: str | None, relation: str | None) -> int | None:
    """Generations above the child: 1 for 父亲/母亲, 2 for 爷爷…, None when the relation does not
    say (舅舅 may be younger than one thinks, 哥哥 is the child's own generation, 其他 says nothing)."""
    if role in ROLE_SEX:
        return 1
    return GENERATION.get(relation_word(relation))
