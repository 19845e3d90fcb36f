"""The 重点关爱服务对象信息台账 (`--register OUT.xlsx`): one row per counted child meeting the
key-care rule (intake.register.rows), what the county typed in the last register at the target
carried over by ID number (intake.register.merge, intake.register.previous), written atomically
and optionally password-protected. It holds names and ID numbers by nature: a working list.

    summary = write_register(children, "台账.xlsx", protected=[inputs], password=None)
    print("\\n".join(summary.lines()))
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from intake.export.output import output_file
from intake.export.xlsx_stream import StreamBook
from intake.register.book import NORMAL, formats, write_sheet
from intake.register.definitions import REMOVED_ON, REMOVED_WHY, RegisterDef, load_register
from intake.register.merge import Merged, merge
from intake.register.previous import read_previous
from intake.register.rows import current_rows
from intake.stats.definitions import Statistics, load_statistics
from intake.stats.inputs import ChildrenSet
from validators.run_support import gc_paused


@dataclass(frozen=True)
class RegisterSummary:
    target: Path
    merged: Merged
    previous: bool

    def lines(self) -> list[str]:
        m = self.merged
        reasons = "，".join(f"{why}{n}人" for why, n in m.counts.items())
        lines = [f"重点关爱服务对象台账已写入：{self.target}（{len(m.rows)}人" + (f"：{reasons}" if reasons else "") + "）"]
        if self.previous:
            lines.append(f"沿用原台账中已填写的内容{m.carried}人；新增{m.new}人；移出{m.newly_removed}人"
                         f"（保留在“已移出”工作表）" + (f"；重新列入{m.came_back}人" if m.came_back else "") + "。")
        lines.append("台账含姓名和身份证号，请妥善保管，不要公开。")
        return lines


def write_register(children: ChildrenSet, target: str | Path, *, protected: Iterable[Path] = (),
                   password: str | None = None, today: date | None = None,
                   stats: Statistics | None = None, rdef: RegisterDef | None = None) -> RegisterSummary:
    target, stats, rdef = Path(target), stats or load_statistics(), rdef or load_register()
    previous = read_previous(target, rdef, password)
    noted = previous.noted(rdef.county_noted) if previous else {}
    with gc_paused():
        rows, everyone = current_rows(children, rdef, stats, noted)
    merged = merge(rows, previous, everyone, rdef, today or date.today())
    with output_file(target, protected, password) as tmp:
        write_book(tmp, merged, rdef, f"{children.source.scope}{rdef.title}", children.source.line(children.as_of))
    return RegisterSummary(target, merged, previous is not None)


def write_book(path: Path, merged: Merged, rdef: RegisterDef, title: str, source: str) -> None:
    """The register and removed sheets of `merged` into `path` (a temporary file: no atomicity)."""
    headers = [c.header for c in rdef.columns] + merged.extra_headers
    typed = {c.header for c in rdef.kept} | set(merged.extra_headers)
    seq = rdef.seq_header
    with StreamBook(path, title=title, comments=rdef.warning, normal=NORMAL) as book:
        f = formats(book)
        lines = [{**r.values, seq: i} for i, r in enumerate(merged.rows, start=1)]
        write_sheet(book, f, rdef.sheet, rdef, headers, lines, title, source, typed)
        removed = [{**v, seq: i} for i, v in enumerate(merged.removed, start=1)]
        write_sheet(book, f, rdef.removed_sheet, rdef, headers + [REMOVED_WHY, REMOVED_ON], removed,
                    f"{title}（已移出）", source, typed)
