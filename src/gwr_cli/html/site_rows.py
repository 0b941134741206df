"""Pure: a task as the static site shows it: its row in the lists (with its
分工, Accountability), its fields and timeline on its own page, and an
indicator's reading. Internal fields are left out unless `internal` is set."""

from __future__ import annotations

from collections.abc import Mapping

from gwr_cli.messages import (
    ACTION_LABELS,
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_money,
    fmt_number,
    localized,
    text,
)
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.indicators import Reading
    from gwr_cli.ledger import Event
    from gwr_cli.registry import Registry, Task
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState


class Accountability(Record):
    """What the office's 分工 and lights add to a task, when they exist."""

    light: str = ""  # "red", "yellow", "green" or "" (no light)
    reason: str = ""  # why, e.g. 滞后序时32个百分点
    units: tuple[str, ...] = ()  # lead units (牵头单位)
    leaders: tuple[str, ...] = ()  # responsible leaders (责任领导)


class TimelineEntry(Record):
    on: str
    action: str  # the action's label in the page's language
    value: str  # "24 公里", "40%" or ""
    note: str
    by: str  # internal: empty unless --internal
    unit: str  # internal: the unit that reported it
    problems: str  # internal: 存在问题
    next_steps: str  # internal: 下步措施


class TaskRow(Record):
    id: str
    title: str
    area: str
    area_name: str
    deadline: str
    progress: str  # "24/50 公里" or "40%"
    percent: float
    status: str
    status_label: str
    schedule: str
    schedule_label: str
    expected_percent: float
    expected_key: str  # what expected_percent is: time elapsed, or due by the 节点目标
    overdue: bool
    extra: Accountability


def _area_name(registry: Registry, key: str, lang: str) -> str:
    area = registry.areas[key]
    return localized(area, "name", lang)


def _row(
    registry: Registry,
    state: TaskState,
    schedule: Schedule,
    progress: str,
    lang: str,
    accountability: Mapping[str, Accountability],
    *,
    by_nodes: bool = False,
) -> TaskRow:
    task = state.task
    return TaskRow(
        id=task.id,
        title=localized(task, "title", lang),
        area=task.area,
        area_name=_area_name(registry, task.area, lang),
        deadline=task.deadline.isoformat(),
        progress=progress,
        percent=round(state.percent, 1),
        status=state.status,
        status_label=STATUS_LABELS[lang][state.status],
        schedule=schedule.state,
        schedule_label=SCHEDULE_LABELS[lang][schedule.state],
        expected_percent=round(schedule.expected, 1),
        expected_key="field.expected_by_nodes_of" if by_nodes else "field.elapsed_of",
        overdue=state.overdue,
        extra=accountability.get(task.id, Accountability()),
    )


def _task_fields(registry: Registry, task: Task, lang: str) -> list[tuple[str, str]]:
    """The registry's public fields of a task, label and value, empty ones left out."""
    chapter = registry.chapter(task.chapter)
    unit = localized(task, "unit", lang)
    fields = [
        (text("field.area", lang), _area_name(registry, task.area, lang)),
        (
            text("field.chapter", lang),
            text(
                "site.chapter",
                lang,
                number=task.chapter,
                title=localized(chapter, "title", lang) if chapter else "",
            ),
        ),
        (text("field.deadline", lang), task.deadline.isoformat()),
        (
            text("field.target", lang),
            _amount(task.target, unit, lang) if task.target is not None else "",
        ),
        (text("field.milestone", lang), localized(task, "milestone", lang, fallback=False) or ""),
        (
            text("field.investment", lang),
            fmt_money(task.investment_yuan, lang) if task.investment_yuan else "",
        ),
        (text("field.zone", lang), task.zone),
        (text("field.lead", lang), task.lead),
        (text("field.tags", lang), text("html.and", lang).join(task.tags)),
    ]
    return [(label, value) for label, value in fields if value]


def _amount(value: float, unit: str, lang: str) -> str:
    """'24公里' in Chinese, '24 km' in English, as progress_text writes them."""
    separator = " " if lang == "en" and unit else ""
    return f"{fmt_number(value)}{separator}{unit}"


def _entry(task: Task, event: Event, lang: str, internal: bool) -> TimelineEntry:
    value = ""
    if event.value is not None and event.action == "progress":
        if task.target is None:
            value = f"{fmt_number(event.value)}%"
        else:
            value = _amount(event.value, localized(task, "unit", lang), lang)
    return TimelineEntry(
        on=event.on.isoformat(),
        action=ACTION_LABELS[lang].get(event.action, event.action),
        value=value,
        note=event.note,
        by=event.by if internal else "",
        # The office's own words from the units' reports stay inside the office.
        unit=event.unit if internal else "",
        problems=event.problems if internal else "",
        next_steps=event.next if internal else "",
    )


def _reading(reading: Reading, lang: str, internal: bool) -> dict[str, str]:
    indicator = reading.indicator
    unit = localized(indicator, "unit", lang)
    met = {None: "met.none", True: "met.yes", False: "met.no"}[reading.met]
    return {
        "title": localized(indicator, "title", lang),
        "target": f"{indicator.comparator} {fmt_number(indicator.target)}{unit}",
        "value": f"{fmt_number(reading.value)}{unit}" if reading.value is not None else "-",
        "on": reading.on.isoformat() if reading.on else "",
        "met": text(met, lang),
        "met_key": {None: "none", True: "yes", False: "no"}[reading.met],
        "note": reading.note,
        "by": reading.by if internal else "",
        "source": indicator.source,
    }
