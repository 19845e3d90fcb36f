"""`mopai stats FILE... [--as-of YYYY-MM-DD] [--county CODE] [--password PW] --stats OUT.xlsx
[--register OUT.xlsx] [--no-mask] [--output-password PW | --no-output-password]`

A township's own statistics and register from its sheets (files or folders), without a county
workspace: the same tables and register as `mopai county` (intake.stats, intake.register), over
the sheets' distinct children (one child per ID number; deleted rows are a workspace matter).
Reference date: --as-of, else the latest 填报日期 line of the sheets, else today.
Exit code 0: written; 2: nothing readable or bad arguments (one Chinese message).
"""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from intake import cli_stats_outputs as outputs_
from intake.cli_common import EXIT_OK, run_guarded
from intake.cli_validate import UsageError, parse_as_of, parse_county


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE", help="登记表文件或文件夹（可以是一个乡镇的流动、留守两张表）")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD",
                        help="摸排基准日（计算年龄）；不填则用表格上方的填报日期，再没有则用今天")
    parser.add_argument("--county", metavar="CODE", help="本县6位行政区划代码；不填则按各行地址推断")
    parser.add_argument("--password", metavar="PW", help="加密工作簿的打开密码（原文件加密时，输出文件默认也用这个密码保护）")
    outputs_.add_arguments(parser)
    parser.add_argument("--no-output-password", dest="no_output_password", action="store_true",
                        help="原文件加密时，输出文件也不设密码")


def run(args: argparse.Namespace) -> int:
    return run_guarded("统计", _run, args)


def _files(paths: list[str]) -> list[Path]:
    from intake.county.receive import sheet_files
    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"找不到“{p}”，请检查路径")
    files = sheet_files(paths)
    if not files:
        raise UsageError("在指定的路径中没有找到登记表文件（.xlsx、.xlsm、.xls、.et、.csv）")
    return files


def _password(args: argparse.Namespace, files: list[Path]) -> str | None:
    from intake.reader.crypto import file_is_encrypted
    if args.output_password is not None or args.no_output_password:
        return args.output_password
    if args.password and any(file_is_encrypted(f) for f in files):
        return args.password
    return None


def _as_of(args: argparse.Namespace, tables) -> date:
    from intake.checking import parse_report_date
    given = parse_as_of(args.as_of)
    if given:
        return given
    lines = [d for d in (parse_report_date(t.report_date_text) for t in tables) if d]
    return max(lines) if lines else date.today()


def _run(args: argparse.Namespace) -> int:
    from intake.reader.isolated import read_tables_isolated
    from intake.stats.inputs import sheets_children
    from intake.stats.sheet_children import SheetData
    county = parse_county(args.county)
    files = _files(args.paths)
    outputs = outputs_.check(args, files)
    if not outputs:
        raise UsageError("请指定要输出的文件：--stats（统计分析）和/或 --register（重点关爱服务对象台账）")
    tables = [t for f in files for t in read_tables_isolated(f, password=args.password)]
    if not tables:
        raise UsageError("指定的文件中没有找到流动儿童或留守儿童登记表")
    as_of = _as_of(args, tables)
    children = sheets_children([SheetData(i, t) for i, t in enumerate(tables, start=1)], as_of, county)
    print(f"读入登记表{len(tables)}张（{len(files)}个文件），摸排基准日{as_of.isoformat()}")
    print("\n".join(outputs_.write(children, outputs, args, files, _password(args, files))))
    return EXIT_OK
