"""Cross-field rules of one record (domain-rules.md, "Cross-field")."""
from __future__ import annotations

from validators.codes import make
from validators.findings import Finding
from validators.redact import preformatted, quote
from validators.reference import describe_age
from validators.rules.row import Row

# 就学情况 → (min age, max age) on the reference date, both inclusive; None = no bound.
SCHOOL_AGES = {"学龄前": (None, 6), "小学": (6, 13), "初中": (11, 16),
               "高中": (14, None), "中等职业教育": (14, None)}
NOT_IN_SCHOOL = ("失学", "无就学能力")
FINISHED_OR_LEFT = ("辍学", "休学", "毕业", "结业", "肄业")
RECEIVED = ("在户籍地接受", "在居住地接受", "已接受")
HARDSHIP_SUPPORT = (("低保家庭", "低保"), ("特困家庭", "特困"))


# Everything the rule reads besides the child's age (row.age, row.age_m; messages show the age
# only): the engine may reuse the findings of an earlier record with the same raw cells here.
READS = ("health", "disability_category", "disability_grade", "rehab_aid", "schooling",
         "study_status", "svc_0_6", "svc_0_36m", "family_hardship", "living_support")


def check(row: Row) -> list[Finding]:
    return [*_disability(row), *_multiple_disability(row), *_rehab(row), *_school_age(row),
            *_study_status(row), *_services(row), *_hardship(row)]


def _disability_flags(row: Row) -> dict[str, bool]:
    """Which of the three disability cells say 'disabled' (only cells that hold a valid value)."""
    flags = {}
    cat = row.options("disability_category")
    if cat:
        flags["disability_category"] = any(c != "无" for c in cat)
    health = row.options("health")
    if health:
        flags["health"] = "残疾" in health
    grade = row.options("disability_grade")
    if grade:
        flags["disability_grade"] = grade[0] != "无"
    return flags


# When two cells disagree with no majority, the cell named first here is the one to fix.
FIX_ORDER = ("disability_grade", "health", "disability_category")


def _disability(row: Row) -> list[Finding]:
    flags = _disability_flags(row)
    if len(flags) < 2 or len(set(flags.values())) == 1:
        return []
    yes = [k for k, v in flags.items() if v]
    no = [k for k, v in flags.items() if not v]
    if len(flags) == 3:
        odd = yes[0] if len(yes) == 1 else no[0]
    else:
        odd = next(k for k in FIX_ORDER if k in flags)
    others = [k for k in flags if k != odd]
    majority_disabled = flags[others[0]]
    said = "、".join(f"{row.label(k)}“{quote(row.raw(k) or '')}”" for k in others)
    if majority_disabled:
        want = {"health": "应包含“残疾”", "disability_grade": "应填写残疾等级（一级至四级）",
                "disability_category": "应填写具体残疾类别"}[odd]
        detail = f"{said}表示有残疾，{row.label(odd)}“{quote(row.raw(odd) or '')}”{want}，请核对残疾信息"
    else:
        detail = f"{said}表示没有残疾，{row.label(odd)}却填了“{quote(row.raw(odd) or '')}”，请核对残疾信息"
    return [make("cross.disability", row.index, odd, value=row.raw(odd), detail=preformatted(detail))]


MULTIPLE = "多重残疾"


def _multiple_disability(row: Row) -> list[Finding]:
    """多重残疾 lists at least `min` categories (the template's list_details: 多重残疾（肢体残疾、
    智力残疾）, or 多重残疾、肢体残疾、智力残疾)."""
    cat = row.options("disability_category")
    if MULTIPLE not in cat:
        return []
    spec = row.form.field("disability_category").list_details.get(MULTIPLE)
    least = spec.min if spec else 2
    named = [c for c in cat if c not in ("无", MULTIPLE)]
    if len(named) >= least:
        return []
    return [make("cross.multiple_disability", row.index, "disability_category",
                 value=row.raw("disability_category"), min=least)]


def _rehab(row: Row) -> list[Finding]:
    if row.fact("rehab_aid") != "是":
        return []
    flags = _disability_flags(row)
    if not flags or any(flags.values()):
        return []
    return [make("cross.rehab_without_disability", row.index, "rehab_aid", value=row.raw("rehab_aid"))]


def _school_age(row: Row) -> list[Finding]:
    stage = row.fact("schooling")
    if row.age is None or stage not in SCHOOL_AGES:
        return []
    low, high = SCHOOL_AGES[stage]
    if (low is not None and row.age < low) or (high is not None and row.age > high):
        return [make("cross.school_age", row.index, "schooling", value=row.raw("schooling"),
                     age=row.age)]
    return []


def _study_status(row: Row) -> list[Finding]:
    stage, status = row.fact("schooling"), row.fact("study_status")
    if (stage in NOT_IN_SCHOOL and status == "在读") or (stage == "学龄前" and status in FINISHED_OR_LEFT):
        return [make("cross.study_status", row.index, "study_status", value=row.raw("study_status"),
                     schooling=stage)]
    return []


def _services(row: Row) -> list[Finding]:
    if row.birth is None or row.age is None:
        return []
    found = []
    if row.fact("svc_0_6") in RECEIVED and row.age > 6:
        found.append(make("cross.service_age", row.index, "svc_0_6", value=row.raw("svc_0_6"),
                          label=row.label("svc_0_6"), age=describe_age(row.birth, row.ref_date)))
    if row.fact("svc_0_36m") in RECEIVED and row.age_m > 36:
        found.append(make("cross.service_age", row.index, "svc_0_36m", value=row.raw("svc_0_36m"),
                          label=row.label("svc_0_36m"), age=describe_age(row.birth, row.ref_date)))
    return found


def _hardship(row: Row) -> list[Finding]:
    hardship = row.options("family_hardship")
    if not hardship or not row.options("living_support"):
        return []
    support = row.options("living_support")
    return [make("cross.hardship_support", row.index, "living_support",
                 value=row.raw("living_support"), hardship=h, support=s)
            for h, s in HARDSHIP_SUPPORT if h in hardship and s not in support]
