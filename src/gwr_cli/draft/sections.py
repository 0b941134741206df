"""Where things are in a report: its year, date, title, region, the section
that sets the year's work, its chapters, and the paragraphs under each.

Everything is found by the wording and layout work reports share: a heading
such as "2021年工作安排" or "二、2023年七个方面主要工作安排" opens the year's
work; chapter headings start with "——", "一、", "(一)" or "第一部分"; a topic
paragraph opens with a short sentence that names its theme. Offsets are into
the whole text, so that anything cut from them is verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from gwr_cli.draft import scan
from gwr_cli.records import Record

_LINE = re.compile(r"[^\r\n]+")
_YEAR = re.compile(r"(20\d\d)年")  # this century: "1949年" is history, not a plan
_DATE = re.compile(r"(20\d\d)年(\d{1,2})月(\d{1,2})日")
_REGION = re.compile(
    r"([\u4e00-\u9fff]{2,6}?(?:市|区|县|旗))第[一二三四五六七八九十]+届人民代表大会"
)
_WORK_WORDS = re.compile(
    r"工作安排|主要工作|重点工作|工作任务|工作部署|方面工作|主要任务|重点任务|工作的建议|工作建议"
)
_TARGET_WORDS = re.compile(r"目标任务|预期目标|主要目标|发展目标")
_CHAPTER_KINDS = {
    "dash": re.compile(r"[—－]{1,2}|-{2}"),
    "number": re.compile(r"[一二三四五六七八九十]+[、.．]"),
    "paren": re.compile(r"[(（][一二三四五六七八九十]+[)）]"),
    "part": re.compile(r"第[一二三四五六七八九十]+(?:部分|章|篇)[、:：\s]*"),
}
# A numbered item: "12.", "3、", or the "一是…二是…" of running text.
_ITEM_NUMBER = re.compile(r"\d{1,3}[、.．](?!\d)|[一二三四五六七八九十]{1,3}是(?=[\u4e00-\u9fff])")
_HEADING_MAX = 40  # a chapter or section heading is one short line


class Chapter(Record):
    number: int
    title: str


class Unit(Record):
    """A topic paragraph or numbered item: sentences that belong together."""

    chapter: int
    start: int
    end: int


class Layout(Record):
    year: int | None
    delivered: dt.date | None
    title: str
    region: str
    section_heading: str  # "" when no heading was found and the whole text is used
    chapters: tuple[Chapter, ...]
    units: tuple[Unit, ...]
    targets: tuple[tuple[int, int], ...]  # spans of the year's targets paragraph


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines, trimmed; lines starting with # are notes kept
    by whoever collected the text (source URL, region), not report text."""
    spans = []
    for match in _LINE.finditer(text):
        start, end = scan.trim(text, match.start(), match.end())
        if start < end and text[start] != "#":
            spans.append((start, end))
    return spans


def report_year(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The year the work is planned for. Reports also name later years ("到2035
    年", "2025年") and earlier ones, so: the year of the work heading
    ("2021年工作安排"), else that of the first full date (a report delivered in
    December plans the next year), else the year named most often."""
    for start, end in lines:
        line = text[start:end]
        if _is_plain_heading(text, (start, end)) and "工作报告" not in line:
            year = _YEAR.search(line)
            if year and _WORK_WORDS.search(line):
                return int(year[1])
    date = delivered_date(text, None)
    if date is not None:
        return date.year + 1 if date.month == 12 else date.year
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years, key=lambda y: (years.count(y), y)) if years else None


def delivered_date(text: str, year: int | None) -> dt.date | None:
    """The first full date in the text no later than the work year."""
    for match in _DATE.finditer(text):
        try:
            date = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        if year is None or date.year <= year:
            return date
    return None


def _is_plain_heading(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]]
    return len(line) <= _HEADING_MAX and not any(c in line for c in "。;；")


class _Heading(Record):
    kind: str  # a key of _CHAPTER_KINDS
    title: tuple[int, int]
    rest: tuple[int, int] | None  # the paragraph after an inline heading


def _heading(text: str, span: tuple[int, int]) -> _Heading | None:
    """A chapter heading: a short line of its own ("(一)坚定不移做强增长引擎"), or
    the first sentence of a paragraph that opens with a marker ("(一)坚持创新
    驱动。大力实施……"), as full reports write them."""
    for kind, pattern in _CHAPTER_KINDS.items():
        match = pattern.match(text, span[0], span[1])
        if match is None or match.end() >= span[1]:
            continue
        if _is_plain_heading(text, span):
            return _Heading(kind, (match.end(), span[1]), None)
        stop = text.find("。", match.end(), span[1])
        if 0 < stop - match.end() <= _HEADING_MAX and stop + 1 < span[1]:
            return _Heading(kind, (match.end(), stop), (stop + 1, span[1]))
        return None
    return None


def _title_of(text: str, region: str, year: int | None) -> str:
    """A short line naming the report, else one made of its year and region."""
    for start, end in _lines(text):
        line = text[start:end]
        if "政府工作报告" in line and len(line) <= 60 and not any(c in line for c in "。,，"):
            return line
    if year is None:
        return "政府工作报告"
    return f"{year}年{region}政府工作报告"


def find_layout(text: str) -> Layout:
    """The report's layout: see the module docstring."""
    lines = _lines(text)
    year = report_year(text, lines)
    region_match = _REGION.search(text)
    region = region_match[1] if region_match else ""
    section_index, heading = _section_start(text, lines, year)
    body = lines[section_index + 1 :] if section_index is not None else lines
    chapters, units = _chapters_and_units(text, body)
    if not chapters:
        chapters = [Chapter(1, heading or _title_of(text, region, year))]
    targets = _targets(text, lines, year, section_index)
    return Layout(
        year=year,
        delivered=delivered_date(text, year),
        title=_title_of(text, region, year),
        region=region,
        section_heading=heading,
        chapters=tuple(chapters),
        units=tuple(units),
        targets=tuple(targets),
    )


def _section_start(
    text: str, lines: list[tuple[int, int]], year: int | None
) -> tuple[int | None, str]:
    when = ("今年",) if year is None else ("今年", f"{year}年")
    for index, span in enumerate(lines):
        line = text[span[0] : span[1]]
        if (
            _is_plain_heading(text, span)
            and "工作报告" not in line  # the title of the report or of its 分工方案
            and any(w in line for w in when)
            and _WORK_WORDS.search(line)
        ):
            return index, line
    return None, ""


def _chapters_and_units(text: str, body: list[tuple[int, int]]) -> tuple[list[Chapter], list[Unit]]:
    kind = next((h.kind for span in body if (h := _heading(text, span))), None)
    chapters: list[Chapter] = []
    units: list[Unit] = []
    for span in body:
        found = _heading(text, span)
        if found and found.kind == kind:
            title = text[found.title[0] : found.title[1]].rstrip("。:：")
            chapters.append(Chapter(len(chapters) + 1, title))
            if found.rest:
                units.extend(Unit(len(chapters), s, e) for s, e in _unit_spans(text, found.rest))
            continue
        line = text[span[0] : span[1]]
        if kind is not None and not chapters:
            continue  # the section's introduction, before its first chapter
        number = len(chapters) if chapters else 1
        if found and found.rest:  # a sub-heading opening its paragraph: keep the paragraph
            units.extend(Unit(number, s, e) for s, e in _unit_spans(text, found.rest))
            continue
        if found or _is_plain_heading(text, span) or line.endswith((":", "：")):
            continue  # a sub-heading or an introduction to a list
        units.extend(Unit(number, s, e) for s, e in _unit_spans(text, span))
    return chapters, units


def _unit_spans(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A line cut into topic paragraphs ("。 " with a space) and numbered items."""
    cuts = [span[0]]
    for index in range(span[0], span[1]):
        after_end = index == span[0] or text[index - 1] in scan.SENTENCE_ENDS
        if text[index] in scan.SENTENCE_ENDS and index + 1 < span[1]:
            if text[index + 1].isspace():
                cuts.append(index + 1)
        elif after_end and index > span[0] and _ITEM_NUMBER.match(text, index):
            cuts.append(index)
    cuts.append(span[1])
    spans = []
    for start, end in pairwise(cuts):
        start, end = scan.trim(text, start, end)
        number = _ITEM_NUMBER.match(text, start, end)
        if number:
            start = number.end()
        if start < end:
            spans.append((start, end))
    return spans


def _targets(
    text: str, lines: list[tuple[int, int]], year: int | None, section_index: int | None
) -> list[tuple[int, int]]:
    """Spans holding the year's targets: the rest of a line such as
    "今年政府工作目标任务:…", or the items under a heading such as
    "一、2023年全区经济社会发展主要预期目标"."""
    when = ("今年",) if year is None else ("今年", f"{year}年")
    stop = section_index if section_index is not None else len(lines)
    for index, (start, end) in enumerate(lines[:stop]):
        line = text[start:end]
        if "十四五" in line or not any(w in line for w in when):
            continue
        target = _TARGET_WORDS.search(line)
        if target is None:
            continue
        colon = re.compile(r"[:：]").search(text, start + target.end(), end)
        if colon and colon.start() - (start + target.end()) <= 2:
            return [(colon.end(), end)]
        if _is_plain_heading(text, (start, end)):
            spans = []
            for span in lines[index + 1 : stop]:
                if _heading(text, span) or _is_plain_heading(text, span):
                    break
                spans.extend(_unit_spans(text, span))
            return spans
    return []
