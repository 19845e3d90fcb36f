"""Print the table of hostile inputs and what `mopai validate` answers (for notes and reviews):

    python tests/hostile/table.py

Each file is built in a temporary folder and checked by the real command in its own process."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT / "tests"), str(ROOT)]

import hostile_files as hf  # noqa: E402

CASES = [
    ("一个单元格在 XFD1048576（200行数据）", hf.far_corner, "远角.xlsx", []),
    ("只有 XFD1048576 一个单元格", hf.only_far_cell, "远处.xlsx", []),
    ("使用区域真的到 XFD1048576（无大空隙）", hf.huge_used_range, "大表.xlsx", []),
    ("压缩炸弹（工作表XML解压600 MB）", hf.zip_bomb, "炸弹.xlsx", []),
    ("<dimension> 谎报很小 + 远角单元格（calamine 原生崩溃）", hf.lying_dimension, "假尺寸.xlsx", []),
    ("公式缓存值 #REF! / #DIV/0! / #N/A", hf.formula_errors, "公式.xlsx", []),
    ("额外列里恰好写着表头文字的记录", hf.header_text_in_extra_columns, "多列.xlsx", []),
    ("100万字的单元格", hf.megabyte_cell, "长.csv", []),
    ("NUL、ESC、RLO 控制字符", hf.control_characters, "控制符.csv", []),
    ("阿拉伯-印度数字、天城文数字的日期", hf.other_script_digits, "数字.csv", []),
    ("CSV 一行10万个空字段", hf.wide_csv_line, "宽.csv", []),
    ("HTML rowspan/colspan=1000 ×50", hf.html_span_bomb, "合并.xls", []),
    ("Excel 2003 XML ss:Index=99999999999", hf.xml2003_far_index, "网页导出.xls", []),
    ("损坏的zip", hf.corrupt_zip, "坏的.xlsx", []),
    ("截断的xlsx（前60%）", hf.truncated_xlsx, "半截.xlsx", []),
    ("0字节文件", hf.empty_file, "空的.xlsx", []),
    ("Word文档改名.xlsx", hf.word_document, "文档.xlsx", []),
    ("PNG图片改名.xlsx", hf.binary_garbage, "图片.xlsx", []),
    ("加密，未给密码", hf.encrypted, "加密.xlsx", []),
    ("加密，密码错误", hf.encrypted, "加密.xlsx", ["--password", "错的"]),
    ("没有表格的HTML", hf.html_without_table, "网页.xls", []),
    ("文件夹当作文件", lambda p: (p.mkdir(), p)[1], "六月报表", []),
    ("不存在的文件", lambda p: p, "没有.xlsx", []),
]


def main() -> None:
    print("| 输入 | 退出码 | 输出（stderr；读出时为摘要中的相关行） |")
    print("| --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MOPAI_DATA_DIR": folder + "/data", "PYTHONPATH": str(ROOT)}
        for title, build, name, extra in CASES:
            path = build(Path(folder) / name)
            run = subprocess.run([sys.executable, "-m", "desktop", "validate", str(path), "--as-of",
                                  "2025-06-30", *extra], capture_output=True, text=True, env=env, cwd=ROOT)
            print(f"| {title} | {run.returncode} | {_answer(run)} |")
            if path.is_file():
                path.unlink()


def _answer(run: subprocess.CompletedProcess) -> str:
    if run.stderr.strip():
        return run.stderr.strip().replace("|", "\\|")
    lines = [ln.strip() for ln in run.stdout.splitlines()]
    wanted = [ln for ln in lines if ln.startswith(("共 ", "第")) or "公式错误" in ln or "远离表格" in ln
              or "重复的表头" in ln or "\\x00" in ln or "共 1000000 字" in ln or "不是可识别的日期" in ln]
    return "<br>".join(dict.fromkeys(wanted[:4])).replace("|", "\\|")


if __name__ == "__main__":
    main()
