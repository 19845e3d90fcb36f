"""The statistics outputs `mopai county` and `mopai stats` share: --stats OUT.xlsx (the
statistics workbook: no names, no ID numbers; small counts masked unless --no-mask),
--register OUT.xlsx (the 重点关爱 register: a second run into the same file keeps what the
county typed), --output-password PW (both files protected, as `mopai export` does)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Iterable

from intake.cli_validate import UsageError

NAMES = {"stats": "--stats", "register": "--register"}


def add_arguments(parser: argparse.ArgumentParser, password_default: str = "") -> None:
    parser.add_argument("--stats", metavar="OUT.xlsx", help="统计分析工作簿（概览和各专题统计表、图表；不含姓名和身份证号）")
    parser.add_argument("--register", metavar="OUT.xlsx",
                        help="重点关爱服务对象信息台账（含姓名、身份证号；再次导出到同一文件时保留已填写的帮扶措施等）")
    parser.add_argument("--no-mask", dest="no_mask", action="store_true",
                        help="统计表中写出准确人数（默认把1至4人显示为“<5”，以免认出具体儿童）")
    parser.add_argument("--output-password", dest="output_password", metavar="PW",
                        help="用这个密码保护统计工作簿和台账" + password_default)


def requested(args: argparse.Namespace) -> dict[str, Path]:
    return {k: Path(getattr(args, k)) for k in NAMES if getattr(args, k, None)}


def check(args: argparse.Namespace, inputs: Iterable[Path], others: Iterable[str] = ()) -> dict[str, Path]:
    """The statistics outputs, checked before the (long) reading: suffix, inputs, same names."""
    from intake.export.output import check_output
    from intake.export.protect import check_password
    outputs = requested(args)
    for key, out in outputs.items():
        if out.suffix.lower() != ".xlsx":
            raise UsageError(f"{NAMES[key]} 的文件名应以.xlsx结尾，“{out.name}”不是")
        check_output(out, list(inputs))
        check_password(out, args.output_password)
    resolved = [o.resolve() for o in outputs.values()] + [Path(o).resolve() for o in others if o]
    if len(set(resolved)) != len(resolved):
        raise UsageError("几个输出文件用了同一个文件名，请分别指定不同的文件名")
    return outputs


def write(children, outputs: dict[str, Path], args: argparse.Namespace, protected: Iterable[Path],
          password: str | None) -> list[str]:
    """Write the requested outputs from a ChildrenSet; the lines to print."""
    from intake.stats.book import write_statistics
    from intake.stats.compute import compute
    from intake.stats.inputs import stats_input
    lines = []
    protected = list(protected)
    if "stats" in outputs:
        result = compute(stats_input(children))
        write_statistics(result, outputs["stats"], protected=protected, password=password, masked=not args.no_mask)
        counted = "，".join(f"{_short(f)}{n}人" for f, n in result.counted.items())
        lines.append(f"统计分析已写入：{outputs['stats']}（{counted}；"
                     + ("人数为准确数）" if args.no_mask else "1至4人显示为“<5”）"))
    if "register" in outputs:
        from intake.register import write_register
        lines += write_register(children, outputs["register"], protected=protected, password=password).lines()
    if password and outputs:
        lines.append("统计工作簿和台账已设置打开密码")
    return lines


def _short(form: str) -> str:
    from intake.forms import load_form
    return load_form(form).short
