"""`mopai` subcommands (no Qt). Each subcommand lives in its own module exposing
`add_arguments(parser)` and `run(args) -> int`.

Exit codes: 0 no errors, 1 errors found, 2 the input could not be used (one Chinese message,
never a traceback).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from intake import __version__

SUBCOMMANDS = {
    "validate": ("intake.cli_validate", "检查登记表，列出所有问题"),
    "export": ("intake.cli_export", "导出上报文件、退回文件和问题清单"),
    "template": ("intake.cli_template", "生成空白登记表模板"),
    "county": ("intake.cli_county", "县级汇总：合并各乡镇的登记表，找出重复登记的儿童"),
    "stats": ("intake.cli_stats", "统计分析和重点关爱服务对象台账（乡镇自己的登记表）"),
    "dept": ("intake.cli_dept", "部门比对：生成发给各部门的核对名单，读入回复并比对"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mopai", description="摸排助手：流动儿童、留守儿童登记表检查工具")
    parser.add_argument("--version", action="version", version=f"摸排助手 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, (module, help_text) in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_stdio()
    _start_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    module = importlib.import_module(SUBCOMMANDS[args.command][0])
    return module.run(args)


def _start_logging() -> None:
    """Log records go to the masked log file (intake.logs), never to the console."""
    from intake import logs
    from intake.errors import MopaiError
    try:
        logs.configure()
    except (OSError, MopaiError):
        logging.getLogger().addHandler(logging.NullHandler())   # no data folder: no log, no noise


def _utf8_stdio() -> None:
    """Chinese output must not crash on a Windows console with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


if __name__ == "__main__":
    from intake.cli_common import exit_process
    exit_process(main())
