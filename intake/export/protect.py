"""Password protection of the .xlsx outputs (msoffcrypto-tool, ECMA-376 agile encryption: what
Excel 2010+ writes for 用密码进行加密; Excel, WPS and this tool open it with the password).

The encrypted file is made in memory from the finished temporary file and written over it,
still beside the target (intake.atomic), before the rename."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile

from intake.errors import WriteError

NOT_XLSX = "“{name}”是CSV文件，不能设置密码。请把问题清单保存为.xlsx文件，或不加密导出"
EMPTY = "导出文件的密码不能为空"


def check_password(target: Path, password: str | None) -> None:
    """Before writing: a password needs an .xlsx target and some text."""
    if password is None:
        return
    if password == "":
        raise WriteError(EMPTY)
    if target.suffix.lower() != ".xlsx":
        raise WriteError(NOT_XLSX.format(name=target.name))


def encrypt_file(path: Path, password: str) -> None:
    """Encrypt the finished .xlsx at `path` in place."""
    plain = BytesIO(path.read_bytes())
    out = BytesIO()
    try:
        OOXMLFile(plain).encrypt(password, out)
    except Exception as exc:        # noqa: BLE001 - msoffcrypto raises assorted errors
        raise WriteError(f"无法给导出的文件加密（{type(exc).__name__}），请不加密导出，或联系技术支持") from exc
    with open(path, "wb") as fh:
        fh.write(out.getvalue())
