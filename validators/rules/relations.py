"""The sex a guardian's or carer's relation to the child implies (爷爷 → 男, 外婆 → 女)."""
from __future__ import annotations

ROLE_SEX = {"father": "男", "mother": "女"}

MALE = ("爷爷", "外公", "祖父", "外祖父", "姥爷", "姥爷", "阿公", "父亲", "爸爸", "继父", "养父",
        "舅舅", "叔叔", "伯伯", "伯父", "叔父", "舅父", "姑父", "姨父", "姨夫", "哥哥", "兄", "堂兄",
        "表兄", "曾祖父", "外曾祖父")
FEMALE = ("奶奶", "外婆", "祖母", "外祖母", "姥姥", "阿婆", "母亲", "妈妈", "继母", "养母",
          "舅妈", "舅母", "婶婶", "婶母", "伯母", "姑姑", "姑妈", "姑母", "姨妈", "姨母", "阿姨",
          "姐姐", "姐", "堂姐", "表姐", "嫂子", "曾祖母", "外曾祖母")


def sex_of_relation(text: str | None) -> str | None:
    """男 / 女 when the relation names a person of one sex, else None (其他, 亲属, blank …)."""
    if not text:
        return None
    t = text.strip()
    for sep in ("：", ":"):   # 其他：舅舅
        if sep in t:
            t = t.split(sep, 1)[1].strip()
    if t in MALE:
        return "男"
    if t in FEMALE:
        return "女"
    return None
