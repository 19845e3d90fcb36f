"""留守: 有无受委托监护人 = 无 while the 受委托照顾人 cells are filled in (a warning on 有无受委托监护人:
either the answer is 有, or the cells belong to nobody and should be cleared)."""
from __future__ import annotations

from validators.codes import make
from validators.findings import Finding
from validators.redact import preformatted
from validators.rules.row import Row, is_blank

ANSWER = "has_entrusted_guardian"
CARER_FIELDS = ("carer_name", "carer_relation", "carer_id", "carer_phone")


def check(row: Row) -> list[Finding]:
    if row.fact(ANSWER) != "无":
        return []
    filled = [row.label(k) for k in CARER_FIELDS if row.present(k) and not row.blank(k)]
    if not filled:
        return []
    return [make("cross.carer_without_entrusted", row.index, ANSWER, value=row.raw(ANSWER),
                 fields=preformatted("、".join(filled)))]          # the form's labels: kept whole


def candidates(form, ctx, values, facts, refs: list, births: list) -> set[int]:
    answers = facts.get(ANSWER)
    if answers is None:
        return set()
    columns = [values[k] for k in CARER_FIELDS if k in values]
    return {i for i, a in enumerate(answers)
            if a == "无" and any(not is_blank(col[i]) for col in columns)}
