"""The 统计 view's files: the statistics workbook and the register (written in a worker from
the last computed statistics, then 打开所在文件夹 as every export does), and a chart as PNG."""
from __future__ import annotations

from pathlib import Path

from desktop.export_done import show_done
from desktop.dialog_folders import Purpose
from desktop.file_dialogs import save_file_name
from intake.errors import MopaiError

PNG_FILTER = "PNG 图片 (*.png)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def _target(view, title: str, name: str, file_filter: str) -> Path | None:
    path = save_file_name(view, Purpose.STATS, title, view.source.folder() / name, file_filter)
    return Path(path) if path else None


BUSY = "县级汇总正在处理其他任务，请稍后再导出"


def _run(view, title: str, target: Path, job):
    """The export in a worker, run the way the view's statistics run (the county page's jobs:
    its desk is not thread-safe); the export buttons are off meanwhile."""
    buttons = (view.export_book, view.export_register)

    def ended() -> None:
        view.export_work = None
        for b in buttons:
            b.setEnabled(view.result is not None)

    def done(detail) -> None:
        ended()
        _done(view, title, target, detail)

    def failed(message: str) -> None:
        ended()
        view.warn(title, message)
    work = view.runner.run_job(lambda _p, _c: job(), f"正在{title}", done, failed)
    if work is None:
        view.warn(title, BUSY)
        return None
    for b in buttons:
        b.setEnabled(False)
    view.export_work = work
    return work


def _done(view, title: str, target: Path, detail: str) -> None:
    view.message.emit(f"{title}完成：{target}")
    show_done(view, title, target, detail)


def export_workbook(view) -> object | None:
    from intake.stats.book import write_statistics
    from intake.stats.book.workbook import book_title
    result = view.result
    if result is None:
        return None
    target = _target(view, "导出统计工作簿", f"{book_title(result)}.xlsx", XLSX_FILTER)
    protection = view.source.protection(view, target) if target else None
    if target is None or protection is None:
        return None
    masked, protected = view.masked.isChecked(), view.source.protected()

    def job() -> str:
        write_statistics(result, target, protected=protected, password=protection[1], masked=masked)
        return ("小于5的人数已显示为“<5”。" if masked else "人数为准确数，公开前请注意隐私。") + \
            ("\n已设置打开密码。" if protection[1] else "")
    return _run(view, "导出统计工作簿", target, job)


def export_register(view) -> object | None:
    from intake.register import write_register
    from intake.register.definitions import load_register
    children = view.children
    if children is None:
        return None
    name = f"{children.source.scope}{load_register().title}.xlsx"
    target = _target(view, "导出重点关爱服务对象台账", name, XLSX_FILTER)
    protection = view.source.protection(view, target) if target else None
    if target is None or protection is None:
        return None
    protected = view.source.protected()

    def job() -> str:
        return "\n".join(write_register(children, target, protected=protected, password=protection[1]).lines()[1:])
    return _run(view, "导出重点关爱服务对象台账", target, job)


def save_chart(view, block) -> Path | None:
    target = _target(view, "保存图表图片", block.default_png(view.source.folder()).name, PNG_FILTER)
    if target is None:
        return None
    if target.suffix.lower() != ".png":
        target = target.with_name(target.name + ".png")
    try:
        block.chart.save_png(target)
    except (MopaiError, OSError) as exc:
        view.warn("保存图表图片", getattr(exc, "message", None) or f"无法保存“{target.name}”：{exc}")
        return None
    view.message.emit(f"图表已保存：{target}")
    return target
