"""Generated people: names from common surnames and given-name characters (random pairs, not
real persons), phones with an unused-looking pattern, relations of carers to the child."""
from __future__ import annotations

import random

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
            "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
            "顾毛郝龚邵万钱严覃武戴莫孔向汤")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛")
BOY_CHARS = "伟强磊军勇杰涛明超浩宇轩睿泽博文俊凯鹏辉航晨阳昊然子豪家乐一鸣思远天佑梓铭嘉懿宏"
GIRL_CHARS = "芳娜敏静丽艳娟霞婷雪琳欣怡梓涵诗语佳悦可馨雨彤若曦紫萱梦瑶思琪欣妍一诺语桐晓"
NEUTRAL_CHARS = "子一文雨思嘉佳晨安宁心小明天"
MOBILE_PREFIXES = ("130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152",
                   "155", "158", "159", "166", "177", "180", "181", "186", "187", "189", "199")


def surname(rng: random.Random) -> str:
    if rng.random() < 0.01:
        return rng.choice(COMPOUND_SURNAMES)
    return rng.choice(SURNAMES)


def given_name(rng: random.Random, sex: str) -> str:
    chars = BOY_CHARS if sex == "男" else GIRL_CHARS
    first = rng.choice(chars if rng.random() < 0.8 else NEUTRAL_CHARS)
    if rng.random() < 0.25:
        return first
    return first + rng.choice(chars)


def full_name(rng: random.Random, sex: str, family: str | None = None) -> str:
    return (family or surname(rng)) + given_name(rng, sex)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10 ** 8):08d}"


def landline(rng: random.Random) -> str:
    area = rng.choice(("0371", "0377", "028", "0551", "0731", "0791", "0851", "027", "0771"))
    digits = 8 if len(area) == 3 else rng.choice((7, 8))
    return f"{area}-{rng.randrange(2, 9)}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"


def phone(rng: random.Random) -> str:
    return mobile(rng) if rng.random() < 0.93 else landline(rng)


# 流动 其他监护人 relations (free text) and the sex they imply
GUARDIAN_RELATIONS = (("祖父", "男"), ("祖母", "女"), ("外祖父", "男"), ("外祖母", "女"),
                      ("舅舅", "男"), ("姑姑", "女"), ("叔叔", "男"), ("姨妈", "女"))
# 留守 受委托照顾人 options and the sex they imply (其他: either)
CARER_RELATIONS = (("爷爷", "男"), ("奶奶", "女"), ("外公", "男"), ("外婆", "女"), ("其他", None))
