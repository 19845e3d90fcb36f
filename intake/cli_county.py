"""`mopai county PATH... --as-of YYYY-MM-DD [--county CODE] --json OUT [--upload OUT.xlsx]
[--returns FOLDER] [--workspace FILE] [--profile NAME|FILE.toml ...] [--stats OUT.xlsx] [--register OUT.xlsx]
[--no-mask] [--output-password PW]`

Merges every township's files (files or folders, searched recursively), finds the same child
sent twice, counts the distinct children and writes the JSON report atomically (and, with
--upload, the county's merged upload file; with --returns, every township's return file that
has something to send back and an index, intake.county.returns, listed under the JSON's
"returns"). --workspace keeps the files and the county's
decisions in a workspace file (the window's, say), so decisions made there count here; without
it a temporary workspace is used and removed at the end. --stats and --register write the
statistics workbook and the 重点关爱 register over the distinct children after the decisions
(intake.cli_stats_outputs; --output-password protects those two).
Exit code 0: no errors and no open groups; 1: errors or open groups; 2: nothing readable or bad
arguments (one Chinese message, never a traceback).
"""
from __future__ import annotations

import argparse
import json
import tempfile
from contextlib import ExitStack
from pathlib import Path

from intake import cli_stats_outputs
from intake.atomic import write_text_atomic
from intake.cli_common import EXIT_ERRORS, EXIT_OK, run_guarded
from intake.cli_validate import UsageError, parse_as_of, parse_county


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="乡镇报送的登记表文件或文件夹（含子文件夹）")
    parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="摸排基准日（计算年龄；必填）")
    parser.add_argument("--county", metavar="CODE", help="本县6位行政区划代码；不填则按各行地址推断")
    parser.add_argument("--json", dest="json_out", metavar="OUT", help="汇总结果写成JSON文件（必填）")
    parser.add_argument("--upload", metavar="OUT.xlsx", help="全县合并后的上报文件")
    parser.add_argument("--returns", metavar="FOLDER",
                        help="把每个有问题要退回的乡镇文件的退回文件写到这个文件夹（附退回文件清单.xlsx）")
    parser.add_argument("--profile", action="append", default=[], metavar="NAME|FILE.toml",
                        help="上报文件的导出格式（同 mopai export）")
    parser.add_argument("--workspace", metavar="FILE", help="工作区文件：保留文件和县级决定（与窗口共用）；不填则用临时工作区")
    cli_stats_outputs.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return run_guarded("县级汇总", _run, args)


def _check_args(args: argparse.Namespace) -> list[Path]:
    from intake.county.receive import sheet_files
    from intake.export.output import check_output
    if not args.as_of:
        raise UsageError("请用 --as-of 指定摸排基准日，如 --as-of 2024-09-30")
    if not args.json_out:
        raise UsageError("请用 --json 指定汇总结果文件，如 --json 汇总.json")
    for p in args.paths:
        if not Path(p).exists():
            raise UsageError(f"找不到“{p}”，请检查路径")
    files = sheet_files(args.paths)
    if not files:
        raise UsageError("在指定的路径中没有找到登记表文件（.xlsx、.xlsm、.xls、.et、.csv）")
    if args.upload and Path(args.upload).suffix.lower() != ".xlsx":
        raise UsageError(f"--upload 的文件名应以.xlsx结尾，“{Path(args.upload).name}”不是")
    for out in filter(None, (args.json_out, args.upload)):
        check_output(Path(out), files)
    if args.upload and Path(args.upload).resolve() == Path(args.json_out).resolve():
        raise UsageError("--json 和 --upload 用了同一个文件名，请分别指定")
    cli_stats_outputs.check(args, files, (args.json_out, args.upload))
    if args.returns:
        from intake.county.returns import check_folder
        check_folder(args.returns, inputs=[*args.paths, *files])
    return files


def _run(args: argparse.Namespace) -> int:
    from intake.county.desk import CountyDesk
    from intake.county.report import county_report, error_rows_after_decisions, summary_lines
    from intake.export import load_profile
    from intake.workspace import Workspace
    as_of, county = parse_as_of(args.as_of), parse_county(args.county)
    files = _check_args(args)
    profiles = {p.form: p for p in (load_profile(name) for name in args.profile)}
    with ExitStack() as stack:
        if args.workspace:
            path = Path(args.workspace)
        else:
            path = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mopai-county-"))) / "county.sqlite"
        workspace = stack.enter_context(Workspace(path))
        desk = stack.enter_context(CountyDesk(workspace, as_of=as_of, county=county))
        received = desk.add_paths(files, keep_findings=bool(args.upload or args.returns))
        if not desk.snapshot.sheets:
            messages = [r.message for r in received if r.message]
            raise UsageError("没有可以读取的登记表：" + ("；".join(messages[:5]) or "所有文件都无法使用"))
        report = county_report(desk, received)
        if args.returns:
            returns = desk.write_returns(args.returns, protected=files)
            report["returns"] = [w.as_json() for w in returns.written]
        write_text_atomic(args.json_out, json.dumps(report, ensure_ascii=False, indent=2), protected=files)
        print("\n".join(summary_lines(desk, received, report)))
        print(f"汇总结果已写入：{args.json_out}")
        if args.returns:
            print("\n".join(returns.lines()))
            if returns.index:
                print(f"退回文件和退回文件清单（{returns.index.name}）已写入：{args.returns}")
        if args.upload:
            print("\n".join(desk.write_upload(args.upload, profiles=profiles, protected=files).lines()))
        wanted = cli_stats_outputs.requested(args)
        if wanted:
            from intake.stats.inputs import desk_children
            print("\n".join(cli_stats_outputs.write(desk_children(desk), wanted, args, files, args.output_password)))
        problems = error_rows_after_decisions(desk) or any(g["status"] == "open" for g in report["groups"])
    return EXIT_ERRORS if problems else EXIT_OK
