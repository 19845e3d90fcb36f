"""`mopai validate FILE [--form liudong|liushou] [--as-of YYYY-MM-DD] [--county CODE]
[--json OUT] [--password PW] [--show-mapping]`

Exit code 0: no errors; 1: errors found; 2: the file (or an option) could not be used, with one
Chinese message and never a traceback.
"""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from intake.atomic import atomic_path
from intake.cli_common import EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, run_guarded  # noqa: F401 (re-exported)
from intake.errors import MopaiError
from intake.forms import FORM_KEYS
from intake.reader.source import check_readable
from validators import divisions



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="要检查的登记表（.xlsx/.xls/.csv）")
    parser.add_argument("--form", choices=FORM_KEYS, help="表单：liudong（流动儿童）或 liushou（留守儿童）；不填则按表头判断")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD",
                        help="摸排基准日（行内没有填报日期时使用；不填为今天）")
    parser.add_argument("--county", metavar="CODE", help="本县6位行政区划代码；填写后检查每行是否属于本县")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="把检查结果写成JSON文件")
    parser.add_argument("--password", metavar="PW", help="加密工作簿的打开密码")
    parser.add_argument("--show-mapping", action="store_true", help="显示每一列对应到表单的哪个字段")


class UsageError(MopaiError):
    """An option the user gave cannot be used."""


def parse_as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--as-of“{text}”不是有效日期，请写成2025-12-31这样的格式") from None


def parse_county(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip()
    d = divisions.get(code) if len(code) == 6 and code.isascii() and code.isdigit() else None
    if d is None or d.level not in (2, 3):
        raise UsageError(f"--county“{code}”不是现行的县级（或地级）行政区划代码，请填写6位代码，如410105")
    return code


def run(args: argparse.Namespace) -> int:
    return run_guarded("检查", _run, args)


def _run(args: argparse.Namespace) -> int:
    from intake.checking import check_file
    from intake.report import mapping_lines, report_json, summary_lines
    as_of, county = parse_as_of(args.as_of), parse_county(args.county)
    path = Path(args.file)
    check_readable(path)
    checked = check_file(path, form=args.form, as_of=as_of, county=county, password=args.password,
                         isolated=True)
    for n, sheet in enumerate(checked):
        if n:
            print()
        if args.show_mapping:
            print("\n".join(mapping_lines(sheet)))
        print("\n".join(summary_lines(sheet)))
    if args.json_out:
        data = report_json(checked)
        with atomic_path(args.json_out, protected=[path]) as tmp:
            tmp.write_bytes(data)
        print(f"检查结果已写入：{args.json_out}")
    has_errors = any(sheet.findings.n_errors for sheet in checked)
    return EXIT_ERRORS if has_errors else EXIT_OK
