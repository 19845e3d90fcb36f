"""Export profiles: how the upload file lays out a form's columns (templates/profiles/*.toml).

A profile lists the upload file's columns in order. Each column names a field key of the form
(or `@seq`, a running number, or nothing with `fixed` text), the header text to write, and
whether an option is written as its wording or as a code (民族's GB 3304 code, or codes the
profile defines itself). A county adapts the TOML file; no code changes.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Mapping

from intake.errors import MopaiError
from intake.forms import load_form
from templates import TEMPLATES_DIR
from validators.form import FormTemplate

PROFILES_DIR = TEMPLATES_DIR / "profiles"
DEFAULT_PROFILES = {"liudong": "annex_liudong", "liushou": "annex_liushou"}
SEQ = "@seq"


class ProfileError(MopaiError):
    """An export profile file cannot be used (a county edited it wrongly)."""


@dataclass(frozen=True)
class ProfileColumn:
    header: str
    field: str | None = None            # a field key, SEQ, or None (a fixed or empty column)
    value: str = "wording"              # wording | code
    codes: Mapping[str, str] = dc_field(default_factory=dict)   # option wording -> code
    fixed: str | None = None            # constant text for a column without a field
    width: float | None = None


@dataclass(frozen=True)
class ExportProfile:
    key: str
    name: str
    form: str
    sheet_name: str
    columns: tuple[ProfileColumn, ...]
    multi_separator: str = "、"
    summary_sheet: bool = True          # add the 导出说明 sheet (rows left out, rows with warnings)

    @property
    def text_fields(self) -> set[str]:
        """Fields written as text with number format '@' (IDs, phones) so digits are kept."""
        form = load_form(self.form)
        return {c.field for c in self.columns if c.field and c.field != SEQ
                and form.field(c.field).type in ("id", "phone")}


def available_profiles(form: str) -> list[str]:
    """Names of the shipped profiles for a form (for a choice in the app), default first."""
    names = []
    for path in sorted(PROFILES_DIR.glob("*.toml")):
        try:
            if load_profile(path).form == form:
                names.append(path.stem)
        except ProfileError:
            continue
    return sorted(names, key=lambda n: n != DEFAULT_PROFILES[form])


def load_profile(name_or_path: str | Path | None = None, form: str | None = None) -> ExportProfile:
    """A profile by name (templates/profiles/NAME.toml) or path; None: the form's default."""
    if name_or_path is None:
        if form is None:
            raise ValueError("load_profile needs a profile or a form")
        name_or_path = DEFAULT_PROFILES[form]
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ProfileError(f"找不到导出格式文件“{path.name}”，请检查文件名")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"导出格式文件“{path.name}”写法有误：{exc}") from None
    profile = _profile_from_dict(path.stem, data, path.name)
    if form is not None and profile.form != form:
        raise ProfileError(f"导出格式文件“{path.name}”用于{profile.form}表，不能用于{form}表")
    return profile


def _profile_from_dict(key: str, data: dict, file_name: str) -> ExportProfile:
    head = data.get("profile", {})
    form_key = head.get("form")
    try:
        form = load_form(form_key)
    except (KeyError, TypeError):
        raise ProfileError(f"导出格式文件“{file_name}”的 form 应为 liudong 或 liushou") from None
    columns = tuple(_column(d, form, file_name) for d in data.get("columns", ()))
    if not columns:
        raise ProfileError(f"导出格式文件“{file_name}”没有任何列（[[columns]]）")
    return ExportProfile(key=key, name=head.get("name", key), form=form.key,
                         sheet_name=head.get("sheet_name", form.title)[:31], columns=columns,
                         multi_separator=head.get("multi_separator", "、"),
                         summary_sheet=bool(head.get("summary_sheet", True)))


def _column(d: dict, form: FormTemplate, file_name: str) -> ProfileColumn:
    key = d.get("field")
    where = f"导出格式文件“{file_name}”中表头为“{d.get('header', '')}”的列"
    if key is not None and key != SEQ and not form.has(key):
        raise ProfileError(f"{where}：表单中没有字段“{key}”")
    value = d.get("value", "wording")
    if value not in ("wording", "code"):
        raise ProfileError(f"{where}：value 只能是 wording（文字）或 code（代码）")
    codes = dict(d.get("codes", {}))
    if value == "code":
        field_ = form.field(key) if key and key != SEQ else None
        if field_ is None or not field_.is_choice:
            raise ProfileError(f"{where}：只有选项列可以导出为代码")
        codes = {**field_.option_codes, **codes}
        missing = [o for o in field_.options if o not in codes]
        if missing:
            raise ProfileError(f"{where}：选项“{'、'.join(missing[:5])}”没有代码，请在 codes 中补上")
    header = d.get("header") or (form.field(key).label if key and key != SEQ else "")
    if not header:
        raise ProfileError(f"导出格式文件“{file_name}”中有一列没有表头（header）")
    return ProfileColumn(header=header, field=key, value=value, codes=codes,
                         fixed=d.get("fixed"), width=d.get("width"))
