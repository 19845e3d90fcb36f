"""Drop the shared libraries nothing in the build links to (Linux; used by build.spec).

PyInstaller collects a library's dependencies as it collects the library: dropping a Qt plugin
afterwards (GTK platform theme, Wayland, SVG, PDF, TLS) leaves what only that plugin needed
(libgtk's whole stack, libQt6Svg, …). Keep what is reachable, by the libraries each binary links
to (DT_NEEDED), from the Python extension modules, the Qt plugins kept, and Python itself.
Libraries opened only by name at run time (dlopen) are not reachable: none of the kept parts
needs a bundled one (the build test traces what the program loads); Qt opens the system's libdbus,
OpenGL and Vulkan that way.
"""
from __future__ import annotations

from pathlib import Path, PurePath

from PyInstaller.depend.bindepend import get_imports


def is_root(dest: str, kind: str) -> bool:
    parts = PurePath(dest).parts
    name = parts[-1].lower()
    return kind == "EXTENSION" or "plugins" in parts or name.startswith(("libpython", "python3"))


def reachable(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The entries of `binaries` (dest, source, kind) reachable from the roots, in order."""
    by_name = {PurePath(dest).name: (dest, src, kind) for dest, src, kind in binaries}
    todo = [entry for entry in binaries if is_root(entry[0], entry[2])]
    kept: set[str] = set()
    while todo:
        dest, src, kind = todo.pop()
        if dest in kept:
            continue
        kept.add(dest)
        for name, _ in get_imports(src):
            dep = by_name.get(Path(name).name)
            if dep is not None and dep[0] not in kept:
                todo.append(dep)
    return [entry for entry in binaries if entry[0] in kept]
