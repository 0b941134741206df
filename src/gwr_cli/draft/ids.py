"""Stable ASCII ids from Chinese names: pinyin syllables joined by hyphens,
"格力智能装备" -> "ge-li-zhi-neng-zhuang", the target's number at the end.

Syllables rather than words: pypinyin does not segment words reliably, and a
hyphen between every syllable reads better than one between wrong pairs."""

from __future__ import annotations

import re

_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")
_SYLLABLES = 5  # enough to tell a report's tasks apart, short enough to type


def slug(name: str) -> str:
    """ "格力智能装备产业园" -> "ge-li-zhi-neng-zhuang"; "" if nothing fits."""
    from pypinyin import lazy_pinyin  # imported only when drafting

    words: list[str] = []
    syllables = 0
    for run in _RUN.findall(name):
        if syllables >= _SYLLABLES:
            break
        if run.isascii():
            words.append(run.lower())
            syllables += 1
            continue
        pinyin = [p.lower() for p in lazy_pinyin(run[: _SYLLABLES - syllables])]
        pinyin = [re.sub(r"[^a-z]", "", p) for p in pinyin]
        syllables += len(pinyin)
        words.extend(pinyin)
    return "-".join(w for w in words if w)


def unique(wanted: str, taken: set[str], fallback: str) -> str:
    """wanted, or fallback when wanted is empty, made unique with -2, -3…"""
    base = wanted if re.fullmatch(r"[a-z0-9][a-z0-9-]*", wanted or "") else fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate
