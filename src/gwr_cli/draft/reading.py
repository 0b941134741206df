"""Reading a report's text: UTF-8, or GB18030 (common for files saved on
Chinese Windows) or UTF-16 with a byte-order mark (Notepad's "Unicode"),
detected and said; anything else is refused."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import NamedTuple

from gwr_cli.draft.errors import DraftError

# A text that decodes but has more than this share of control, private-use or
# unassigned characters is not a report (a binary file decodes as GB18030 too).
_MAX_ODD_SHARE = 0.01


class ReportText(NamedTuple):
    text: str
    encoding: str  # "utf-8", "gb18030" or "utf-16"


def read_report(path: Path) -> ReportText:
    """The report text of path. Raises DraftError (missing, unreadable, binary)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DraftError("missing", path=path) from None
    except IsADirectoryError:
        raise DraftError("directory", path=path) from None
    except OSError as error:
        raise DraftError("unreadable", path=path, reason=error) from None
    return decode_report(data, path)


def decode_report(data: bytes, path: Path) -> ReportText:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode": UTF-16 with a byte-order mark, full of NUL bytes.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise DraftError("binary", path=path) from None
        if _looks_binary(text):
            raise DraftError("binary", path=path)
        return ReportText(text, "utf-16")
    if b"\x00" in data:
        raise DraftError("binary", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM from Notepad; the text gwr reads back starts after it
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise DraftError("binary", path=path) from None
    if _looks_binary(text):
        raise DraftError("binary", path=path)
    return ReportText(text, encoding)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    odd = 0
    for char in text:
        if char in "\n\r\t":
            continue
        if unicodedata.category(char) in ("Cc", "Co", "Cn", "Cs"):
            odd += 1
    return odd / len(text) > _MAX_ODD_SHARE
