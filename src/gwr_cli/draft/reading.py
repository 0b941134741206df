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
_SENTENCE_END = "。！？!?"
# A line that opens a heading or an item is never the tail of the line before.
_OPENS = re.compile(
    r"(?:#|[—－]|-{2}|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|第[一二三四五六七八九十]+(?:部分|章|篇)|\d{1,3}[、.．](?!\d)"
    r")(?=\S)"  # text follows: "(八)" alone is the end of a wrapped line
)

# A separator line such as "===== Source 1 =====" or "-----".
_RULE = re.compile(r"([=\-*_~])\1{2,}(?:.*\1{3,})?")


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
    hard-wrapped (a PDF copied as text, or a file wrapped at a width); else
    the text unchanged. Two ways of wrapping are told apart:

    - at one width exactly (`_exact_width`), as textwrap or an editor wraps:
      a line of that width goes on on the next (whatever it ends with: a
      break after "。" or ";" is as likely as any); a shorter line only when
      the break can have been at a space (not beside a Chinese character)
      and the next line's first word would not have fitted after it; a line
      longer than the width (a `#` note left whole) is a paragraph;
    - at about one width (a PDF: most lines within a few characters of the
      commonest length): such a line goes on unless it ends a sentence
      (。！？!?; not ；;：: which also part the clauses of a 分工 note such as
      "(责任领导:…;牵头单位:…)").

    Either way a blank line, a `#` comment, a separator ("=====…"), a line
    indented deeper than the text's least indented ones, and a line that
    opens a heading or an item (一、 1. (一)… followed by text) start a
    paragraph. Chinese and digits join without a space, Latin words with one.
    A paragraph that ends exactly at the width with nothing of these before
    the next cannot be told from a wrapped line, and is joined to it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    exact = _exact_width(lines)
    if exact is not None:
        width = exact

        def full(line: str) -> bool:
            return len(line.rstrip()) >= width
    else:
        kept = [line.strip() for line in lines if line.strip() and not _comment(line)]
        widths = Counter(len(line) for line in kept if len(line) >= 15)
        if not widths:
            return text
        width = widths.most_common(1)[0][0]

        def full(line: str) -> bool:
            return width - 3 <= len(line.strip()) <= width + 1

        if sum(map(full, kept)) < max(_MIN_FULL, _FULL_SHARE * len(kept)):
            return text
    base = min((_indent(line) for line in lines if line.strip()), default=0)
    out: list[str] = []
    previous = ""  # the last line read, as it stands in the file
    for line in lines:
        here = line.strip()
        space = _goes_on(previous, line, full, width, exact is not None, base)
        if space is None:
            out.append(line.rstrip())
        else:
            out[-1] += space + here
        previous = line if here else ""
    return "\n".join(out)


def _goes_on(
    previous: str,
    line: str,
    full,
    width: int,
    exact: bool,
    base: int,
) -> str | None:
    """What joins `line` to `previous` ("" or " ") when it goes on the
    paragraph, else None (see unwrap)."""
    here, last = line.strip(), previous.rstrip()
    if not here or not last or _comment(line) or _indent(line) > base:
        return None
    if exact and len(last) > width:
        return None  # longer than the wrap: a line of its own (a `#` note left whole)
    # A separator ("===== 附件 =====") stands on its own line, unless the
    # line before is a separator's beginning that the wrap cut.
    if _RULE.fullmatch(last.strip()):
        return None
    if _RULE.fullmatch(here) and not _RULE.match(last.strip()):
        return None
    if _OPENS.match(here):
        return None
    word = here.split(maxsplit=1)[0]
    if full(previous):
        if not exact:
            if last[-1] in _SENTENCE_END:
                return None
            return " " if _latin(last[-1]) and _latin(here[0]) else ""
        # A word longer than the width is cut to fill the line (textwrap's
        # break_long_words); shorter ones are parted by a space; a line
        # ending in a hyphen was cut after it.
        if last[-1] == "-" or _wide(last[-1]) or _wide(here[0]):
            return ""
        if _latin(last[-1]) and _latin(here[0]):
            # Latin words: cut inside one when the line is one piece of a long word.
            return " " if " " in last.strip() else ""
        return " " if len(last.split()[-1]) + len(word) <= width else ""
    if exact and last[-1] == "-" and len(last) + len(word) > width:
        return ""  # cut after a hyphen (textwrap's break_on_hyphens)
    if not exact or _wide(last[-1]) or _wide(here[0]):
        return None  # no space stands beside a Chinese character
    # Parted at a space: the next word did not fit after this line, and is
    # no longer than a line (a longer one would have been cut to fill it).
    if len(last) + 1 + len(word) <= width or (word == here and len(here) >= width):
        return None
    return " "


def _exact_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at exactly (textwrap's, an editor's), or
    None: the longest line's length (`#` comments aside) when two or more
    lines have it and are followed by a line of text (a paragraph going on),
    more than are one or two characters shorter, and it is 10 or more."""
    lengths = [0 if _comment(line) else len(line.rstrip()) for line in lines]
    width = max(lengths, default=0)
    if width < 10:
        return None
    going_on = sum(
        1
        for length, after in zip(lengths, lines[1:], strict=False)
        if length == width and after.strip()
    )
    # One width exactly, not about one (a PDF's lines spread over a few lengths).
    near = sum(1 for length in lengths if width - 3 < length < width)
    return width if going_on >= 2 and going_on > near else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _wide(char: str) -> bool:
    """A Chinese character or full-width punctuation: no space stands beside it."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()
