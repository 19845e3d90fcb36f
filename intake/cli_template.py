"""`mopai template liudong|liushou OUT.xlsx`: write a blank intake workbook for the form, with
dropdowns, text-formatted ID and phone columns, date checks and a 填写说明 sheet.
Exit code 0: written; 2: the file could not be written (one Chinese message)."""
from __future__ import annotations

import argparse
from pathlib import Path

from intake.cli_common import EXIT_OK, run_guarded
from intake.cli_validate import UsageError
from intake.forms import FORM_KEYS, load_form


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("form", choices=FORM_KEYS, metavar="liudong|liushou",
                        help="表单：liudong（流动儿童）或 liushou（留守儿童）")
    parser.add_argument("out", metavar="OUT.xlsx", help="要生成的空白模板文件")


def run(args: argparse.Namespace) -> int:
    return run_guarded("生成模板", _run, args)


def _run(args: argparse.Namespace) -> int:
    from intake.export import write_template
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"模板文件名应以.xlsx结尾，“{out.name}”不是")
    write_template(args.form, out)
    print(f"{load_form(args.form).title}空白模板已写入：{out}")
    return EXIT_OK
