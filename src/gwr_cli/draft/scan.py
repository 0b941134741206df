"""Splitting Chinese text at punctuation outside quotes and brackets.

A report's names carry punctuation of their own — “扫、洗、清、净、拆、修”,
(独角兽), 《…》 — that must never split a deliverable. Every function returns
spans (start, end) into the string it was given, so that a source cut from
them is verbatim.
"""

from __future__ import annotations

_OPEN = "“‘《（(【〔「『"
_CLOSE = "”’》）)】〕」』"

SENTENCE_ENDS = "。!！?？;；"
CLAUSE_ENDS = ",，" + SENTENCE_ENDS
LIST_MARKS = "、"


def split_spans(
    text: str, marks: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Spans of text[start:end] between marks found outside brackets and quotes.

    Spans are trimmed of spaces; empty spans are left out.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for index in range(start, end):
        char = text[index]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in marks:
            spans.append((begin, index))
            begin = index + 1
    spans.append((begin, end))
    return [trimmed for span in spans if (trimmed := trim(text, *span))[0] < trimmed[1]]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def outside_brackets(text: str, needle: str) -> list[int]:
    """Positions of needle in text that lie outside brackets and quotes."""
    found = []
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(needle, index):
            found.append(index)
            index += len(needle)
            continue
        index += 1
    return found


def bare(text: str) -> str:
    """text without anything in brackets or quotes (for pattern tests only)."""
    out = []
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(char)
    return "".join(out)
