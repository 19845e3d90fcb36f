"""`mopai dept out|in|report`: the department checks from the command line (county IT scripts
them). Each works on a county workspace (--workspace: the window's, or one `mopai county
--workspace` filled), on registration files received into it first (PATH...), or on files alone
(a temporary workspace, removed at the end).

  mopai dept out    --dept 医保 [PATH...] [--workspace FILE] --as-of D [--county C] --out LIST.xlsx [--password PW]
  mopai dept in     --dept 医保 --answer FILE [PATH...] [--workspace FILE] --as-of D [--county C]
                    [--answer-password PW] [--column 表头=字段 ...] [--json OUT] [--report OUT.xlsx] [--password PW]
  mopai dept report --dept 医保 [PATH...] [--workspace FILE] --as-of D [--county C] --out REPORT.xlsx [--password PW]

Exit code 0: written, no open differences; 1: written, differences to decide; 2: an input or an
option could not be used (one Chinese message, never a traceback).
"""
from __future__ import annotations

import argparse
import json
import tempfile
from contextlib import ExitStack
from pathlib import Path

from intake.atomic import write_text_atomic
from intake.cli_common import EXIT_ERRORS, EXIT_OK, run_guarded
from intake.cli_validate import UsageError, parse_as_of, parse_county

ACTIONS = ("out", "in", "report")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=ACTIONS, help="out：生成发给部门的核对名单；in：读入部门的回复并比对；report：比对报告")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="乡镇报送的登记表文件或文件夹（先收入工作区）")
    parser.add_argument("--dept", required=True, help="部门：教育、公安、卫健、医保、残联（或 jiaoyu、gongan …）")
    parser.add_argument("--workspace", metavar="FILE", help="县级汇总的工作区文件（与窗口共用）；不填则用临时工作区")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="摸排基准日（必填）")
    parser.add_argument("--county", metavar="CODE", help="本县6位行政区划代码；不填则按各行地址推断")
    parser.add_argument("--out", metavar="FILE.xlsx", help="out：核对名单；report：比对报告")
    parser.add_argument("--password", metavar="PW", help="给写出的名单或报告设置打开密码")
    parser.add_argument("--answer", metavar="FILE", help="in：部门的回复文件（.xlsx/.xls/.csv …）")
    parser.add_argument("--answer-password", dest="answer_password", metavar="PW", help="in：回复文件的打开密码")
    parser.add_argument("--column", action="append", default=[], metavar="表头=字段",
                        help="in：指定回复中某一列对应的字段（如 参保情况=insured；-表示不用这一列）")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="in：比对结果写成JSON文件（不含身份证号和姓名）")
    parser.add_argument("--report", metavar="OUT.xlsx", help="in：同时写出比对报告")


def run(args: argparse.Namespace) -> int:
    return run_guarded("部门比对", _run, args)


def _check(args: argparse.Namespace) -> None:
    if not args.as_of:
        raise UsageError("请用 --as-of 指定摸排基准日，如 --as-of 2024-09-30")
    if not args.paths and not args.workspace:
        raise UsageError("请给出登记表文件（或文件夹），或用 --workspace 指定县级汇总的工作区")
    if args.workspace and not args.paths and not Path(args.workspace).is_file():
        raise UsageError(f"找不到工作区文件“{args.workspace}”，请检查路径")
    for p in args.paths:
        if not Path(p).exists():
            raise UsageError(f"找不到“{p}”，请检查路径")
    if args.action in ("out", "report") and not args.out:
        raise UsageError(f"请用 --out 指定要写出的文件，如 --out {'核对名单' if args.action == 'out' else '比对报告'}.xlsx")
    if args.action == "in" and not args.answer:
        raise UsageError("请用 --answer 指定部门的回复文件")
    for out in filter(None, (args.out, args.report)):
        if Path(out).suffix.lower() != ".xlsx":
            raise UsageError(f"“{Path(out).name}”应以.xlsx结尾")


def _run(args: argparse.Namespace) -> int:
    from intake.county.desk import CountyDesk
    from intake.departments.desk import DepartmentDesk
    from intake.departments.profile import find_profile
    from intake.workspace import Workspace
    _check(args)
    as_of, county = parse_as_of(args.as_of), parse_county(args.county)
    profile = find_profile(args.dept)
    with ExitStack() as stack:
        path = Path(args.workspace) if args.workspace else \
            Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mopai-dept-"))) / "county.sqlite"
        desk = stack.enter_context(CountyDesk(stack.enter_context(Workspace(path)), as_of=as_of, county=county))
        inputs = _receive(desk, args.paths)
        depts = DepartmentDesk(desk)
        if args.action == "out":
            summary = depts.write_list(profile.key, args.out, password=args.password, protected=inputs)
            print("\n".join(summary.lines()))
            return EXIT_OK
        if args.action == "in":
            _read_in(depts, profile, args, inputs)
        else:
            depts.write_report(profile.key, args.out, password=args.password, protected=inputs)
            print(f"比对报告已写入：{args.out}")
        open_ = [d for d in depts.differences(profile.key) if d.status == "open"]
        from intake.departments.cli_output import open_line
        print(open_line(profile.name, open_))
        return EXIT_ERRORS if open_ else EXIT_OK


def _receive(desk, paths: list[str]) -> list[Path]:
    from intake.county.receive import sheet_files
    if not paths:
        if not desk.snapshot.sheets:
            raise UsageError("工作区中还没有任何乡镇的登记表，请先用 mopai county 或在窗口中收入")
        return []
    files = sheet_files(paths)
    if not files:
        raise UsageError("在指定的路径中没有找到登记表文件（.xlsx、.xlsm、.xls、.et、.csv）")
    received = desk.add_paths(files)
    if not desk.snapshot.sheets:
        messages = [r.message for r in received if r.message]
        raise UsageError("没有可以读取的登记表：" + ("；".join(messages[:5]) or "所有文件都无法使用"))
    return files


def _read_in(depts, profile, args: argparse.Namespace, inputs: list[Path]) -> None:
    from intake.departments.answer_read import remapped
    from intake.departments.cli_output import answer_json, doubt_lines
    answer = depts.read_answer(profile.key, args.answer, password=args.answer_password)
    if args.column:
        choices = _choices(answer, profile, args.column)
        depts.confirm_columns(answer, choices)          # remembered for the department's next answer
        answer = depts.read_answer(profile.key, args.answer, password=args.answer_password,
                                   mapping=remapped(answer.mapping, choices))
    for line in doubt_lines(answer):
        print(line)
    depts.store_answer(answer)
    protected = [*inputs, Path(args.answer)]
    if args.json_out:
        text = json.dumps(answer_json(depts, profile.key, answer), ensure_ascii=False, indent=2)
        write_text_atomic(args.json_out, text, protected=protected)
        print(f"比对结果已写入：{args.json_out}")
    if args.report:
        depts.write_report(profile.key, args.report, password=args.password, protected=protected)
        print(f"比对报告已写入：{args.report}")


def _choices(answer, profile, pairs: list[str]) -> dict:
    """The clerk's --column 表头=字段 as (sheet, column) -> key (字段: a key or a label, - not used)."""
    by_label = {a.label: a.key for a in profile.answer} | {a.key: a.key for a in profile.answer}
    wanted = {}
    for pair in pairs:
        header, sep, key = pair.partition("=")
        if not sep or (key.strip() not in by_label and key.strip() != "-"):
            names = "、".join(f"{a.label}（{a.key}）" for a in profile.answer)
            raise UsageError(f"--column“{pair}”写法不对，应为 表头=字段，字段可选：{names}，或 - 表示不用")
        wanted[header.strip()] = None if key.strip() == "-" else by_label[key.strip()]
    headers = {(t.sheet, c.col): c.header for t in answer.tables for c in t.columns}
    choices = {where: wanted[header] for where, header in headers.items() if header in wanted}
    used = {headers[where] for where in choices}
    missing = set(wanted) - used
    if missing:
        raise UsageError(f"回复文件中没有表头为“{'、'.join(sorted(missing))}”的列")
    return choices
