"""Password-protected workbooks: decrypted in memory with msoffcrypto-tool, never to disk."""
from __future__ import annotations

from io import BytesIO

import msoffcrypto
from msoffcrypto import exceptions as mexc

from intake.errors import PasswordRequired, ReadError

# Excel encrypts "protected for editing" .xls files with this fixed password; they open without
# asking, so try it before asking the clerk.
EXCEL_DEFAULT_PASSWORD = "VelvetSweatshop"

ASK = "“{name}”设置了打开密码。请输入密码后再打开（密码只用于在内存中解密，不会保存）"
WRONG = "“{name}”的密码不正确，请核对后重新输入（注意大小写和输入法）"
UNSUPPORTED = "“{name}”的加密方式无法解密。请在Excel或WPS中用密码打开后，去掉密码另存一份再检查"


def file_is_encrypted(path) -> bool:
    """Whether the file is a password-protected workbook (only OLE files are read whole)."""
    from intake.reader.sniff import OLE_MAGIC
    from intake.reader.source import read_all, read_head
    return read_head(path).startswith(OLE_MAGIC) and is_encrypted(read_all(path))


def is_encrypted(data: bytes) -> bool:
    try:
        return bool(msoffcrypto.OfficeFile(BytesIO(data)).is_encrypted())
    except Exception:        # not an Office file msoffcrypto knows: let the reader say what it is
        return False


def decrypt(data: bytes, password: str | None, name: str) -> BytesIO:
    """The decrypted file in memory. PasswordRequired when no or a wrong password is given."""
    if password is None:
        opened = _try(data, EXCEL_DEFAULT_PASSWORD)
        if opened is None:
            raise PasswordRequired(ASK.format(name=name))
        return opened
    opened = _try(data, password)
    if opened is None:
        raise PasswordRequired(WRONG.format(name=name), wrong_password=True)
    return opened


def _try(data: bytes, password: str) -> BytesIO | None:
    try:
        office = msoffcrypto.OfficeFile(BytesIO(data))
        office.load_key(password=password, verify_password=True)
        out = BytesIO()
        office.decrypt(out)
    except (mexc.InvalidKeyError, mexc.DecryptionError):
        return None
    except (mexc.FileFormatError, mexc.ParseError, mexc.EncryptionError, NotImplementedError) as exc:
        raise ReadError(UNSUPPORTED.format(name=name)) from exc
    except Exception as exc:            # msoffcrypto on a damaged file raises assorted errors
        if "password" in str(exc).lower() or "key" in str(exc).lower():
            return None
        raise ReadError(UNSUPPORTED.format(name=name)) from exc
    out.seek(0)
    return out
