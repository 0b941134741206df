"""The whole draft as data: report, chapters, areas, tasks, indicators and
分工 assignments, each task with the reasons a person should check it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from gwr_cli.draft import areas, fields, ids, scan, sections, split, targets
from gwr_cli.draft.annotations import Assignment, find_annotation
from gwr_cli.draft.errors import DraftError
from gwr_cli.records import Record

_TOPIC_MAX = 20  # "壮大制造业发展规模。" opens a topic paragraph; it is no task
_COUNTED_NOUN = re.compile(
    r"\d+(?:所|个|套|家|条|座|处|项)(?P<noun>[\u4e00-\u9fff]{2,10}?)"
    r"(?:投入使用|投入运营|建成|动工|开工|建设|改造|$)"
)
_BARE_COUNT = re.compile(r"\d+(?:所|个|套|家|条|座|处|项)$")


class DraftTask(Record):
    id: str
    title: str
    area: str
    chapter: int
    deadline: dt.date
    source: str
    target: Decimal | None
    unit: str
    unit_en: str
    investment_yuan: int | None
    milestone: str
    checks: tuple[str, ...]


class DraftIndicator(Record):
    id: str
    title: str
    title_en: str
    target: Decimal
    unit: str
    comparator: str
    source: str


class Draft(Record):
    report_id: str
    title: str
    region: str
    year: int
    delivered: dt.date
    text_ref: str  # the report text, relative to the registry file
    chapters: tuple[sections.Chapter, ...]
    areas: tuple[areas.AreaWords, ...]  # those the tasks use, in lexicon order
    tasks: tuple[DraftTask, ...]
    indicators: tuple[DraftIndicator, ...]
    assignments: tuple[tuple[str, Assignment], ...]  # (task or indicator id, 分工)
    checks: tuple[str, ...]  # about the report as a whole
    # Numbered items (their numbers as written, "5") that gave no task and no
    # indicator: said to the person drafting, never dropped silently.
    unread: tuple[str, ...] = ()


# A numbered item at the start of a line: "5." "12、" (not "2.5万").
_ITEM = re.compile(r"^[ \t\u3000]*(\d{1,3})[、.．](?!\d)(.*)$", re.MULTILINE)


def draft_report(text: str, text_ref: str, name_hint: str = "") -> Draft:
    """Draft a registry from a report's text. Raises DraftError("no_tasks")
    when the text holds no task gwr can find."""
    layout = sections.find_layout(text)
    checks: list[str] = []
    year = layout.year
    if year is None:
        raise DraftError("no_year")
    delivered = layout.delivered
    if delivered is None:
        delivered = dt.date(year, 1, 1)
        checks.append(f"未找到报告日期，暂填{delivered.isoformat()}")
    if not layout.region:
        checks.append("未识别地区（region），请填写")
    if not layout.section_heading:
        checks.append("未找到“今年工作安排”一类的标题，已通读全文")
    taken: set[str] = set()
    tasks: list[DraftTask] = []
    assignments: list[tuple[str, Assignment]] = []
    chapter_titles = {c.number: c.title for c in layout.chapters}
    for unit in layout.units:
        if any(start < unit.end and unit.start < end for start, end in layout.targets):
            continue  # the targets paragraph gives indicators, not tasks
        annotation, unit_end = find_annotation(text, unit.start, unit.end)
        sentences = scan.split_spans(text, scan.SENTENCE_ENDS, unit.start, unit_end)
        if len(sentences) >= 2 and _is_topic(text[sentences[0][0] : sentences[0][1]]):
            sentences = sentences[1:]
        for start, end in sentences:
            made = _tasks_of_sentence(text, start, end, year, unit.chapter, chapter_titles, taken)
            tasks.extend(made)
            if annotation is not None:
                assignments.extend((task.id, annotation) for task in made)
    if not tasks:
        raise DraftError("no_tasks")
    indicators = []
    for unit_start, unit_end in layout.targets:
        annotation, item_end = find_annotation(text, unit_start, unit_end)
        for found in targets.parse_targets(text, ((unit_start, item_end),)):
            fallback = ids.slug(found.title) or f"indicator-{len(indicators) + 1}"
            indicator_id = ids.unique(found.id_hint or ids.slug(found.title), taken, fallback)
            indicators.append(
                DraftIndicator(
                    id=indicator_id,
                    title=found.title,
                    title_en=found.title_en,
                    target=found.target,
                    unit=found.unit,
                    comparator=found.comparator,
                    source=text[found.source[0] : found.source[1]],
                )
            )
            if annotation is not None:
                assignments.append((indicator_id, annotation))
    unread = _unread_items(text, layout, tasks, indicators)
    if unread:
        checks.append("以下编号条目未读出任务或指标，请对照原文补充：" + "、".join(unread))
    used = {t.area for t in tasks}
    area_list = tuple(a for a in (*areas.LEXICON, areas.OTHER) if a.key in used)
    return Draft(
        report_id=_report_id(name_hint, layout.region, year),
        title=layout.title,
        region=layout.region,
        year=year,
        delivered=delivered,
        text_ref=text_ref,
        chapters=layout.chapters,
        areas=area_list,
        tasks=tuple(tasks),
        indicators=tuple(indicators),
        assignments=tuple(assignments),
        checks=tuple(checks),
        unread=tuple(unread),
    )


def _unread_items(
    text: str,
    layout: sections.Layout,
    tasks: list[DraftTask],
    indicators: list[DraftIndicator],
) -> list[str]:
    """The numbers of the numbered items, from the first target or task
    paragraph on, whose line holds the source of no task and no indicator
    (an item the layout did not take in, or one no pattern reads)."""
    starts = [start for start, _ in layout.targets] + [unit.start for unit in layout.units]
    if not starts:
        return []
    first = text.rfind("\n", 0, min(starts)) + 1
    sources = [task.source for task in tasks] + [i.source for i in indicators]
    unread = []
    for item in _ITEM.finditer(text, first):
        line = item[2]
        if not any(source and source in line for source in sources):
            unread.append(item[1])
    return unread


def _is_topic(sentence: str) -> bool:
    """A theme, not a promise: short, no number, no outcome ("动工建设长沙中学"
    is a task however short)."""
    return (
        len(sentence) <= _TOPIC_MAX
        and not re.search(r"\d", sentence)
        and not split.OUTCOME.search(sentence)
    )


def _tasks_of_sentence(
    text: str,
    start: int,
    end: int,
    year: int,
    chapter: int,
    chapter_titles: dict[int, str],
    taken: set[str],
) -> list[DraftTask]:
    made: list[DraftTask] = []
    counted_noun = ""
    noted_groups: set[str] = set()
    for part in split.split_sentence(text, start, end):
        checks = list(part.checks)
        title, name = part.title, part.name
        counted = _COUNTED_NOUN.search(scan.bare(part.scope))
        if _BARE_COUNT.search(part.scope) and counted_noun and not counted:
            # "动工建设7所" after "5所公办幼儿园投入使用": 7所公办幼儿园
            title, name = title + counted_noun, counted_noun
            checks.append(f"数量后未写对象，按前文补为“{counted_noun}”")
        elif counted:
            counted_noun = counted["noun"]
        found_target = fields.target(part.scope)
        unit = found_target[1] if found_target else ""
        for number in fields.bare_numbers(part.scope):
            checks.append(f"数字“{number}”没有单位，请确认是否为目标")
        money = fields.investments(part.group)
        own_money = fields.investments(part.scope)
        investment = None
        if part.shares_group == 1 and money:
            investment = money[0][1]
            if len(money) > 1:
                checks.append("句中有多笔投资，只取了第一笔")
        elif own_money:
            investment = own_money[0][1]
        elif money and part.group not in noted_groups:
            noted_groups.add(part.group)
            checks.append(f"“{money[0][0]}”为多项合计，未计入单项")
        deadline, _ = fields.deadline(part.group, year)
        chapter_title = chapter_titles.get(chapter, "")
        area = areas.classify(name, title, text[start:end], chapter_title)
        if area is areas.OTHER:
            checks.append("未匹配到领域，暂归“其他”")
        wanted = ids.slug(fields.without_counts(name))
        if wanted and found_target:
            wanted += f"-{_plain(found_target[0])}".replace(".", "-")
        task_id = ids.unique(wanted, taken, f"{area.key}-{len(taken) + 1}")
        made.append(
            DraftTask(
                id=task_id,
                title=title,
                area=area.key,
                chapter=chapter,
                deadline=deadline,
                source=text[part.source[0] : part.source[1]],
                target=found_target[0] if found_target else None,
                unit=unit,
                unit_en=fields.UNIT_EN.get(unit, ""),
                investment_yuan=investment,
                milestone=fields.milestone(
                    part.verb, part.tail, part.scope, counted=bool(found_target)
                ),
                checks=tuple(checks),
            )
        )
    return made


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _report_id(name_hint: str, region: str, year: int) -> str:
    # A file named like "xianan-2023.txt" names the report; "report.txt" does not.
    hint = re.sub(r"[^a-z0-9]+", "-", name_hint.lower()).strip("-")
    if hint and hint[0].isalnum() and str(year) in hint:
        return hint
    return f"{ids.slug(region) or 'report'}-{year}"
