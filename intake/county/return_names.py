"""File names of the townships' return files written all at once (intake.county.returns):
"<乡镇>_<表格>_退回.xlsx", which a clerk recognises at a glance; when a township sent several
files of one form (parts, or a file under another name), each gets its own file's name too,
"<乡镇>_<表格>_<原文件名>_退回.xlsx", and a number when even that repeats."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

FORM_ZH = {"liudong": "流动儿童", "liushou": "留守儿童"}
UNKNOWN_TOWNSHIP = "未识别乡镇"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text).strip(" .") or "_"


def forms_text(forms: list[str]) -> str:
    return "和".join(FORM_ZH.get(f, f) for f in forms)


def return_names(files: list[tuple[str, list[str], str]]) -> list[str]:
    """files: (township, forms, original file name) each; the return file names, in order, unique
    (compared without case, as Windows does)."""
    bases = [f"{_safe(town or UNKNOWN_TOWNSHIP)}_{forms_text(forms)}" for town, forms, _ in files]
    repeated = Counter(bases)
    names = [base if repeated[base] == 1 else f"{base}_{_safe(Path(original).stem)}"
             for base, (_, _, original) in zip(bases, files)]
    seen: Counter = Counter()
    out = []
    for name in names:
        seen[name.lower()] += 1
        n = seen[name.lower()]
        out.append(f"{name}{'' if n == 1 else f'_{n}'}_退回.xlsx")
    return out
