from pathlib import Path

import pytest

from intake.atomic import atomic_path, write_text_atomic
from intake.errors import WriteError
from intake.privacy import mask_id, mask_ids_in


def test_mask_id_keeps_four_and_four():
    assert mask_id("41130220150302123X") == "4113**********123X"
    assert mask_ids_in("bad id 411302201503021234 row 5") == "bad id 4113**********1234 row 5"


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path):
    out = tmp_path / "a.txt"
    write_text_atomic(out, "一")
    write_text_atomic(out, "二")
    assert out.read_text(encoding="utf-8") == "二"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_write_failure_keeps_old_file(tmp_path: Path):
    out = tmp_path / "a.txt"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(out) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("crash while writing")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_refuses_to_write_over_input(tmp_path: Path):
    src = tmp_path / "in.xlsx"
    src.write_bytes(b"x")
    with pytest.raises(WriteError, match="不能覆盖原始文件"):
        with atomic_path(tmp_path / "." / "in.xlsx", protected=[src]):
            pass
    assert src.read_bytes() == b"x"


def test_cli_guard_turns_any_failure_into_one_chinese_line(capsys, monkeypatch):
    import argparse

    from intake.cli_common import EXIT_UNUSABLE, run_guarded
    from intake.errors import ReadError

    def unreadable(args):
        raise ReadError("文件已损坏，无法打开")

    def crash(args):
        raise ZeroDivisionError("x")

    monkeypatch.delenv("MOPAI_DEBUG", raising=False)
    assert run_guarded("检查", unreadable, argparse.Namespace()) == EXIT_UNUSABLE
    assert capsys.readouterr().err.strip() == "文件已损坏，无法打开"
    assert run_guarded("检查", crash, argparse.Namespace()) == EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "检查时发生意外错误（ZeroDivisionError）" in err and "Traceback" not in err
