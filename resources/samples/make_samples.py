"""Regenerate the bundled sample workbooks (opened by `mopai --sample` and the app's 打开示例表格):

    python resources/samples/make_samples.py            # write both samples
    python resources/samples/make_samples.py --check    # exit 1 when the files differ from a fresh run

Generated people only (tests/generator): about 60 rows each, the form's title, a
填报单位/填报日期 line, mostly clean rows with a dozen typical errors and harmless variations.
The seed is fixed and the file timestamps are pinned, so a rerun gives the same bytes.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from generator import generate, write_xlsx  # noqa: E402
from intake.atomic import atomic_path  # noqa: E402

AS_OF = date(2025, 12, 31)
PINNED = (2026, 1, 1, 0, 0, 0)
SAMPLES = {
    "sample_liudong.xlsx": dict(
        form_key="liudong", n=60, seed=2024_17_1,
        inject=["id_checksum", "id_sex_mismatch", "id_birth_mismatch", "id_as_number", "id_duplicate",
                "date_format", "address_no_province", "option_unknown", "phone_invalid",
                "required_blank", "cross_disability", "short_stay", "same_county", "too_old"],
        variations=["id_fullwidth", "id_lower_x", "id_spaces", "ethnic_short", "date_slash",
                    "date_chinese", "date_date_cell", "option_synonyms", "six_months_exactly"]),
    "sample_liushou.xlsx": dict(
        form_key="liushou", n=60, seed=2024_17_2,
        inject=["id_checksum", "id_sex_mismatch", "id_legacy_child", "id_as_number", "id_duplicate",
                "date_impossible", "address_no_county", "option_exclusive", "phone_invalid",
                "required_when_blank", "cross_school_age", "not_left_behind", "too_old"],
        variations=["id_fullwidth", "id_spaces", "ethnic_short", "date_dot", "date_compact",
                    "date_serial", "option_synonyms", "phone_styles", "leap_day"]),
}


def write_sample(name: str, folder: Path) -> Path:
    spec = SAMPLES[name]
    sheet = generate(spec["form_key"], spec["n"], seed=spec["seed"], as_of=AS_OF,
                     inject=spec["inject"], variations=spec["variations"], report_columns=False)
    target = folder / name
    with atomic_path(target) as tmp:
        write_xlsx(tmp, sheet, layout="title_rows", engine="openpyxl")
        pin_timestamps(tmp)
    return target


def pin_timestamps(path: Path) -> None:
    """Fixed zip entry times and document dates: the same content gives the same bytes."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            pinned = zipfile.ZipInfo(info.filename, PINNED)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(pinned, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the bundled sample workbooks")
    parser.add_argument("--check", action="store_true", help="compare with a fresh run, write nothing")
    args = parser.parse_args(argv)
    if not args.check:
        for name in SAMPLES:
            print("wrote", write_sample(name, HERE))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        stale = [n for n in SAMPLES
                 if write_sample(n, Path(tmp)).read_bytes() != (HERE / n).read_bytes()]
    for n in stale:
        print("differs from a fresh run:", n)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
