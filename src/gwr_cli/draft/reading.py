"""Reading a report's text: UTF-8, or GB18030 (common for files saved on
Chinese Windows) or UTF-16 with a byte-order mark (Notepad's "Unicode"),
detected and said; anything else is refused. Text copied from a PDF, broken
into lines of one width mid-sentence, is joined back into paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from gwr_cli.draft.errors import DraftError
from gwr_cli.records import Record

# A text that decodes but has more than this share of control, private-use or
# unassigned characters is not a report (a binary file decodes as GB18030 too).
_MAX_ODD_SHARE = 0.01
# Hard-wrapped: at least this share of the lines (and _MIN_FULL of them) are
# "full", within a few characters of the commonest width; a report saved as
# text has one line per paragraph, whose lengths hardly ever repeat.
_FULL_SHARE = 0.4
_MIN_FULL = 8
_SENTENCE_END = "。！？!?；;：:"
# A line that opens a heading or an item is never the tail of the line before.
_OPENS = re.compile(
    r"#|[—－]|-{2}|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|第[一二三四五六七八九十]+(?:部分|章|篇)|\d{1,3}[、.．](?!\d)"
)


class ReportText(Record):
    text: str
    encoding: str  # "utf-8", "gb18030" or "utf-16"


def read_report(path: Path) -> ReportText:
    """The report text of path. Raises DraftError (missing, unreadable, binary, empty)."""
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
    text, encoding = _decode(data, path)
    if _looks_binary(text):
        raise DraftError("binary", path=path)
    if not text.strip():
        raise DraftError("empty", path=path)
    return ReportText(text, encoding)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of data; the checks of the text are the caller's."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode": UTF-16 with a byte-order mark, full of NUL bytes.
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        raise DraftError("binary", path=path)
    else:
        # A BOM from Notepad; the text gwr reads back starts after it.
        data = data.removeprefix(b"\xef\xbb\xbf")
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DraftError("binary", path=path)


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


def unwrap(text: str) -> str:
    """The text with hard line breaks inside paragraphs removed, when it is
    hard-wrapped (a PDF copied as text: lines of one width that end
    mid-sentence); else the text unchanged. A line is joined to the next when
    it is full, does not end a sentence and the next does not open a heading
    or an item; Chinese and digits join without a space, two Latin words with one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    widths = Counter(len(line) for line in kept if len(line) >= 15)
    if not widths:
        return text
    width = widths.most_common(1)[0][0]

    def full(line: str) -> bool:
        return width - 3 <= len(line.strip()) <= width + 1

    if sum(map(full, kept)) < max(_MIN_FULL, _FULL_SHARE * len(kept)):
        return text
    out: list[str] = []
    joining = False
    for line in lines:
        here = line.strip()
        if joining and here and not _OPENS.match(here):
            tail = out[-1]
            space = " " if _latin(tail[-1:]) and _latin(here[0]) else ""
            out[-1] = tail + space + here
        else:
            out.append(line.rstrip())
        last = out[-1].strip()
        joining = bool(here) and full(here) and not last.startswith("#")
        joining = joining and last[-1:] not in _SENTENCE_END
    return "\n".join(out)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()
