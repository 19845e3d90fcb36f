"""`mopai export FILE [--upload OUT.xlsx] [--return OUT.xlsx] [--report OUT.xlsx|OUT.csv]
[--profile NAME|FILE.toml ...] [--form liudong|liushou] [--as-of YYYY-MM-DD] [--county CODE]
[--password PW] [--output-password PW | --no-output-password]`

Protection: an encrypted source (opened with --password) gives outputs protected with the same
password, unless --output-password names another or --no-output-password is given;
--output-password protects the outputs of any source. A CSV report cannot be protected.

Checks the file like `validate`, then writes any subset of: the upload file (rows without
errors, laid out by an export profile), the return file for the township, the problem list.
Exit code 0: written, no errors in the file; 1: written, the file has errors (left out of the
upload); 2: the input or an output could not be used (one Chinese message, never a traceback).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from intake.cli_common import run_guarded
from intake.cli_validate import (EXIT_ERRORS, EXIT_OK, UsageError, parse_as_of,
                                 parse_county)
from intake.export.protect import check_password
from intake.forms import FORM_KEYS

SUFFIXES = {"upload": (".xlsx",), "return_to": (".xlsx",), "report": (".xlsx", ".csv")}
NAMES = {"upload": "--upload", "return_to": "--return", "report": "--report"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="要导出的登记表（.xlsx/.xls/.csv）")
    parser.add_argument("--upload", metavar="OUT.xlsx", help="上报文件：没有错误的行，按导出格式排列")
    parser.add_argument("--return", dest="return_to", metavar="OUT.xlsx",
                        help="退回文件：原表格，错误单元格标红并加批注，末列为问题说明")
    parser.add_argument("--report", metavar="OUT.xlsx|OUT.csv", help="问题清单：每个问题一行")
    parser.add_argument("--profile", action="append", default=[], metavar="NAME|FILE.toml",
                        help="上报文件的导出格式（templates/profiles/中的名称或.toml文件路径；每种表一个）")
    parser.add_argument("--form", choices=FORM_KEYS, help="表单：liudong（流动儿童）或 liushou（留守儿童）；不填则按表头判断")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="摸排基准日（行内没有填报日期时使用；不填为今天）")
    parser.add_argument("--county", metavar="CODE", help="本县6位行政区划代码；填写后检查每行是否属于本县")
    parser.add_argument("--password", metavar="PW", help="加密工作簿的打开密码（原文件加密时，导出的文件默认也用这个密码保护）")
    protection = parser.add_mutually_exclusive_group()
    protection.add_argument("--output-password", dest="output_password", metavar="PW",
                            help="用这个密码保护导出的每个.xlsx文件")
    protection.add_argument("--no-output-password", dest="no_output_password", action="store_true",
                            help="原文件加密时，导出的文件也不设密码")


def run(args: argparse.Namespace) -> int:
    return run_guarded("导出", _run, args)


def _run(args: argparse.Namespace) -> int:
    from intake.checking import check_file
    from intake.export import load_profile, write_report, write_return, write_upload
    path = Path(args.file)
    outputs = _outputs(args, path)
    as_of, county = parse_as_of(args.as_of), parse_county(args.county)
    profiles = {p.form: p for p in (load_profile(name) for name in args.profile)}
    lock = output_password(args, path)
    for out in outputs.values():
        if lock and out.suffix.lower() == ".csv":
            raise UsageError(f"原文件设置了密码，导出的文件也要加密，但CSV文件“{out.name}”不能加密。"
                             "请把问题清单保存为.xlsx，或加上 --no-output-password 不加密导出")
        check_password(out, lock)
    checked = check_file(path, form=args.form, as_of=as_of, county=county, password=args.password,
                         isolated=True)
    if "upload" in outputs:
        summary = write_upload(checked, outputs["upload"], profiles=profiles, protected=[path],
                               output_password=lock)
        print("\n".join(summary.lines()))
    if "return_to" in outputs:
        back = write_return(checked, outputs["return_to"], password=args.password, protected=[path],
                            output_password=lock)
        print("\n".join(back.lines()))
    if "report" in outputs:
        n = write_report(checked, outputs["report"], protected=[path], output_password=lock)
        print(f"问题清单已写入：{outputs['report']}（{n}条）")
    if lock:
        print("导出的文件已设置打开密码" + ("（与原文件相同）" if lock == args.password else ""))
    return EXIT_ERRORS if any(sheet.findings.n_errors for sheet in checked) else EXIT_OK


def output_password(args: argparse.Namespace, path: Path) -> str | None:
    """The password the outputs get: --output-password, else the source's own when it is
    encrypted (keep its protection), unless --no-output-password."""
    from intake.reader.crypto import file_is_encrypted
    if args.no_output_password:
        return None
    if args.output_password is not None:
        return args.output_password
    if args.password and file_is_encrypted(path):
        return args.password
    return None


def _outputs(args: argparse.Namespace, path: Path) -> dict[str, Path]:
    """The requested outputs, checked before the (long) reading: suffix, input, duplicates."""
    from intake.export.output import check_output
    from intake.reader.source import check_readable
    check_readable(path)
    outputs = {key: Path(getattr(args, key)) for key in SUFFIXES if getattr(args, key)}
    if not outputs:
        raise UsageError("请至少指定一个要导出的文件：--upload（上报文件）、--return（退回文件）或 --report（问题清单）")
    for key, out in outputs.items():
        if out.suffix.lower() not in SUFFIXES[key]:
            raise UsageError(f"{NAMES[key]} 的文件名应以{'或'.join(SUFFIXES[key])}结尾，“{out.name}”不是")
        check_output(out, [path])
    resolved = [o.resolve() for o in outputs.values()]
    if len(set(resolved)) != len(resolved):
        raise UsageError("几个导出文件用了同一个文件名，请分别指定不同的文件名")
    return outputs
