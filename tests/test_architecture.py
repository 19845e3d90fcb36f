"""The layering rules are checked, not hoped for: validators/ and intake/ import no Qt, and
imports flow desktop -> intake -> validators (contracts in pyproject.toml)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_contract_catches_a_qt_import(tmp_path):
    """The contract is not vacuous: a Qt import planted in validators/ breaks it."""
    planted = ROOT / "validators" / "_planted_qt_import.py"
    planted.write_text("import PySide6.QtCore\n", encoding="utf-8")
    try:
        exe = Path(sys.executable).with_name("lint-imports")
        result = subprocess.run([str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode != 0
        assert "never import Qt" in result.stdout and "BROKEN" in result.stdout
    finally:
        planted.unlink()


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = 'pip install -q -e ".[test]" && python -m pytest -q'
    assert command in readme and command in ci
