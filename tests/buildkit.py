"""Helpers for tests/test_build.py: a sheet for every reader path, every command-line path, running
them in the built program and in the source tree with the import trace
(packaging/pyinstaller/rthook_trace.py), and what the two wrote, in comparable form."""
from __future__ import annotations

import ast
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import readerfiles as rf
from workspacekit import sample_records, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = ("desktop", "intake", "validators", "templates", "resources")
SHEET_KINDS = ("xlsx", "xlsm", "xls", "et", "csv", "html", "xml2003", "encrypted")
PASSWORD = "cun2025"
AS_OF = ["--as-of", "2025-12-31"]


def load_bundle():
    """packaging/pyinstaller/bundle.py, which build.spec reads too (not a package: by path)."""
    spec = importlib.util.spec_from_file_location(
        "mopai_bundle", ROOT / "packaging" / "pyinstaller" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = load_bundle()


def source_program() -> list[str]:
    """The source tree's `mopai`."""
    return [sys.executable, "-m", "desktop.launcher"]


# --- sheets -------------------------------------------------------------------------------------

def sheet_rows(xlsx: Path) -> list[list]:
    from openpyxl import load_workbook
    book = load_workbook(xlsx, read_only=True)
    try:
        return [list(row) for row in book.active.iter_rows(values_only=True)]
    finally:
        book.close()


def write_xml2003(path: Path, rows: list[list]) -> Path:
    """Excel 2003 XML (SpreadsheetML), as some web systems export and name .xls."""
    from xml.sax.saxutils import escape
    body = "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{escape(str(v))}</Data></Cell>'
                                     if v is not None else "<Cell/>" for v in row) + "</Row>"
                   for row in rows)
    path.write_text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
                    f'<Worksheet ss:Name="Sheet1"><Table>{body}</Table></Worksheet></Workbook>',
                    encoding="utf-8")
    return path


def reader_sheets(folder: Path) -> dict[str, Path]:
    """The same township sheet in every format the reader takes (each its own code path)."""
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = write_xlsx(folder / "村甲.xlsx", sample_records())
    rows = sheet_rows(xlsx)
    spec = rf.SheetSpec("Sheet1", rows)
    xls = rf.write_xls(folder / "村丙.xls", [spec])
    sheets = {
        "xlsx": xlsx,
        "xlsm": rf.write_xlsx(folder / "村乙.xlsm", [spec], macro=True),
        "xls": xls,
        "et": Path(shutil.copyfile(xls, folder / "村丁.et")),
        "csv": rf.write_csv(folder / "村戊.csv", rows, encoding="gb18030"),
        "html": rf.write_html(folder / "村己.xls", rows),
        "xml2003": write_xml2003(folder / "村庚.xls", rows),
        "encrypted": rf.encrypt_xlsx(xlsx, folder / "村辛.xlsx", PASSWORD),
    }
    assert tuple(sheets) == SHEET_KINDS
    return sheets


def large_csv(path: Path, min_bytes: int) -> Path:
    """A sheet big enough for the window to read it in its child process."""
    rows = sheet_rows(write_xlsx(path.with_suffix(".xlsx"), sample_records()))
    head, records = rows[:3], rows[3:]
    n = min_bytes // sum(len(str(v or "")) + 1 for row in records for v in row) + 1
    return rf.write_csv(path, head + records * n, encoding="utf-8")


def township_folder(sheets: dict[str, Path], folder: Path) -> Path:
    """What a county receives: townships' files in a folder (the same village twice: .xls, then
    .xlsx)."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("xls", "xlsx"):
        shutil.copyfile(sheets[kind], folder / sheets[kind].name)
    return folder


def cli_scenarios(sheets: dict[str, Path], junk: Path, townships: Path) -> dict[str, list[str]]:
    """Every command-line path: name -> arguments; "{out}" is the scenario's output folder."""
    scenarios = {"version": ["--version"], "help": ["--help"]}
    for kind, path in sheets.items():
        password = ["--password", PASSWORD] if kind == "encrypted" else []
        scenarios[f"validate-{kind}"] = ["validate", str(path), *AS_OF, *password,
                                         "--json", "{out}/report.json"]
    scenarios["validate-county"] = ["validate", str(sheets["xlsx"]), *AS_OF, "--county", "410105"]
    scenarios["export"] = ["export", str(sheets["xlsx"]), *AS_OF, "--upload", "{out}/上报.xlsx",
                           "--return", "{out}/退回.xlsx", "--report", "{out}/问题.csv"]
    scenarios["export-profile"] = ["export", str(sheets["xls"]), *AS_OF, "--profile",
                                   "annex_liudong", "--upload", "{out}/上报.xlsx",
                                   "--report", "{out}/问题.xlsx"]
    scenarios["export-encrypted"] = ["export", str(sheets["encrypted"]), *AS_OF, "--password",
                                     PASSWORD, "--return", "{out}/退回.xlsx"]
    for form in ("liudong", "liushou"):
        scenarios[f"template-{form}"] = ["template", form, f"{{out}}/{form}.xlsx"]
    scenarios["county"] = ["county", str(townships), *AS_OF, "--json", "{out}/汇总.json",
                           "--upload", "{out}/全县上报.xlsx"]
    scenarios["unreadable"] = ["validate", str(junk)]
    return scenarios


# --- runs ---------------------------------------------------------------------------------------

@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    out: Path

    def outputs(self) -> dict[str, object]:
        """Every file written, comparable: JSON parsed, workbooks as values and comments."""
        return {p.name: comparable(p) for p in sorted(self.out.iterdir()) if p.is_file()}


def run_traced(program: list[str], args: list[str], out: Path, trace: Path,
               timeout: float = 300) -> Run:
    out.mkdir(parents=True)
    trace.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", MOPAI_TRACE_DIR=str(trace))
    done = subprocess.run(program + [a.replace("{out}", str(out)) for a in args], cwd=ROOT,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout)
    return Run(done.returncode, done.stdout.replace(str(out), "OUT"), done.stderr, out)


def comparable(path: Path) -> object:
    if path.suffix == ".json":
        return json.loads(path.read_text("utf-8"))
    if path.suffix == ".xlsx":
        return workbook_cells(path)
    return path.read_bytes()


def workbook_cells(path: Path, password: str = PASSWORD) -> dict[str, list]:
    from openpyxl import load_workbook
    data = io.BytesIO(path.read_bytes())
    if data.getvalue()[:4] != b"PK\x03\x04":  # encrypted (the return file of a protected book)
        import msoffcrypto
        office, data = msoffcrypto.OfficeFile(data), io.BytesIO()
        office.load_key(password=password)
        office.decrypt(data)
    book = load_workbook(data)
    return {ws.title: [(c.coordinate, c.value, c.comment.text if c.comment else None)
                       for row in ws.iter_rows() for c in row if c.value is not None or c.comment]
            for ws in book.worksheets}


# --- traces -------------------------------------------------------------------------------------

@dataclass
class Trace:
    modules: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    libraries: set[str] = field(default_factory=set)


def trace_argvs(folder: Path) -> list[list[str]]:
    """The command line of every process traced in `folder`."""
    return [json.loads(p.read_text("utf-8"))["argv"] for p in folder.rglob("*.json")]


def read_traces(folder: Path) -> Trace:
    """What every process traced in `folder` (and its subfolders) imported, missed and loaded."""
    trace = Trace()
    for path in folder.rglob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        trace.modules |= set(data["modules"])
        trace.missing |= set(data["missing"]) - set(data["modules"])  # later made by hand
        trace.libraries |= set(data["libraries"])
    return trace


# --- what the build holds -----------------------------------------------------------------------

def bundled_modules(program: Path) -> set[str]:
    """The Python modules inside a built program (its PYZ archive and base_library.zip)."""
    from PyInstaller.archive.readers import CArchiveReader
    archive = CArchiveReader(str(program))
    names = set(archive.open_embedded_archive("PYZ.pyz").toc) | set(archive.toc)  # struct…
    internal = program.parent / "_internal"
    if (internal / "base_library.zip").is_file():
        with zipfile.ZipFile(internal / "base_library.zip") as base:
            names |= {n.removesuffix(".pyc").removesuffix("/__init__").replace("/", ".")
                      for n in base.namelist() if n.endswith(".pyc")}
    for ext in internal.rglob("*"):  # extension modules: name.cpython-311-….so, name.abi3.so
        if ext.suffix in (".so", ".pyd") and not ext.name.startswith("lib"):
            parts = ext.relative_to(internal).with_name(ext.name.split(".")[0]).parts
            names.add(".".join(p for p in parts if p not in ("python3.11", "lib-dynload")))
    return names | set(sys.builtin_module_names)


def project_sources(bundled: set[str]) -> list[Path]:
    """The source files of the project's modules in the build (not build-time scripts such as
    resources/pinyin/refresh.py, which the app never runs)."""
    sources = []
    for name in sorted(m for m in bundled if m.split(".")[0] in PROJECT_PACKAGES):
        base = ROOT.joinpath(*name.split("."))
        sources += [p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()]
    return sources


def project_imports(bundled: set[str]) -> dict[str, str]:
    """Every module the bundled project code may import, anywhere (in functions too) -> where.
    For `from a import b` both a and a.b (b may be a module: `from PySide6 import QtNetwork`)."""
    found = {}
    for path in project_sources(bundled):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                found.setdefault(name, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def existing_modules(names: list[str]) -> list[str]:
    """Those of `names` that the source environment has (asked in a separate Python)."""
    code = ("import importlib.util, json, sys\nfound = []\nfor name in json.load(sys.stdin):\n"
            "    try:\n        spec = importlib.util.find_spec(name)\n"
            "    except Exception:\n        spec = None\n"
            "    if spec is not None:\n        found.append(name)\nprint(json.dumps(found))")
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(sorted(names)), cwd=ROOT,
                          capture_output=True, text=True, check=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return json.loads(done.stdout.splitlines()[-1])
