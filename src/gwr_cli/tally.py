"""Pure: the one count of tasks behind every number gwr prints.

Two partitions of the same tasks at one date, each summing to the total:

- by status: done / in progress (of which blocked) / not started (of which
  blocked). "Started" means work began (start, progress, done, or a reopen);
  a task that was only ever blocked has not started.
- by schedule (序时进度): done / ahead / on track / behind / not started /
  overdue, each task in exactly one (see `schedule.schedule_of`).

`gwr status`, the summary's headline and tables, export and every JSON count
come from `count`, `grouped` and `counted` (`counted_columns`, which `status`
calls on columns read straight from the folded state), each made by `_tally`
from tasks counted by kind; the headline sentence from `headline_lines`.
A grouping is a function task -> group keys, so that a task with two lead
units counts in both of their rows (the groups then sum to more than the
total, the total row does not).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, compress, repeat
from operator import attrgetter, is_, itemgetter

from gwr_cli.records import Record
from gwr_cli.task_columns import columns_of_states

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

    from gwr_cli.assignments import Assignments
    from gwr_cli.lights import Light
    from gwr_cli.registry import Registry, Task
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState
    from gwr_cli.task_columns import TaskColumns

# Keys of `Tally.schedule_counts()` in table order; the same words as
# schedule.SCHEDULE_STATES, with underscores for JSON.
SCHEDULE_KEYS = ("done", "ahead", "on_track", "behind", "not_started", "overdue")
STATUS_KEYS = ("done", "in_progress", "blocked", "not_started", "blocked_not_started")


class Tally(Record):
    """Counts of one set of tasks at one date (both partitions)."""

    total: int = 0
    # by status: done + in_progress + not_started == total
    done: int = 0
    in_progress: int = 0  # started and not done, blocked ones included
    blocked: int = 0  # of in_progress: blocked
    not_started: int = 0  # never started, blocked ones included
    blocked_not_started: int = 0  # of not_started: blocked before any start
    # by schedule: done + ahead + on_track + behind + late_start + overdue == total
    ahead: int = 0
    on_track: int = 0
    behind: int = 0
    late_start: int = 0  # schedule state "not-started" (not overdue yet)
    overdue: int = 0
    # 项目总投资: the whole investment of the projects, mostly multi-year.
    investment_yuan: float = 0.0
    # 区级投入: what the report says the district itself puts in
    # (investment_kind = "district"); never part of investment_yuan.
    district_investment_yuan: float = 0.0
    # by light (亮灯), a third partition when lights were counted: red +
    # yellow + green == total. `lit` says they were, so that a tally made
    # without lights never reports zero reds it did not look for.
    red: int = 0
    yellow: int = 0
    green: int = 0
    lit: bool = False

    @property
    def done_percent(self) -> float:
        """Share done, 0..100, rounded down to one decimal (100 only when all are)."""
        if not self.total:
            return 0.0
        return math.floor(self.done * 1000 / self.total) / 10

    def status_counts(self) -> dict[str, int]:
        return {
            "done": self.done,
            "in_progress": self.in_progress,
            "blocked": self.blocked,
            "not_started": self.not_started,
            "blocked_not_started": self.blocked_not_started,
        }

    def schedule_counts(self) -> dict[str, int]:
        return {
            "done": self.done,
            "ahead": self.ahead,
            "on_track": self.on_track,
            "behind": self.behind,
            "not_started": self.late_start,
            "overdue": self.overdue,
        }

    def light_counts(self) -> dict[str, int]:
        """{red, yellow, green}, worst first; they sum to total when `lit`."""
        return {"red": self.red, "yellow": self.yellow, "green": self.green}

    def to_data(self) -> dict[str, object]:
        """JSON-ready: `total`, `done_percent`, `status` {…}, `schedule` {…},
        investments, and `lights` {red, yellow, green} when lights were counted."""
        data: dict[str, object] = {
            "total": self.total,
            "done_percent": self.done_percent,
            "status": self.status_counts(),
            "schedule": self.schedule_counts(),
            "investment_yuan": self.investment_yuan,
            "district_investment_yuan": self.district_investment_yuan,
        }
        if self.lit:
            data["lights"] = self.light_counts()
        return data


def tally_of(data: dict[str, object]) -> Tally:
    """A Tally back from its `to_data()` form (the summary keeps plain data)."""
    status, schedule = data["status"], data["schedule"]
    return Tally(
        total=data["total"],
        done=status["done"],
        in_progress=status["in_progress"],
        blocked=status["blocked"],
        not_started=status["not_started"],
        blocked_not_started=status["blocked_not_started"],
        ahead=schedule["ahead"],
        on_track=schedule["on_track"],
        behind=schedule["behind"],
        late_start=schedule["not_started"],
        overdue=schedule["overdue"],
        investment_yuan=data["investment_yuan"],
        district_investment_yuan=data["district_investment_yuan"],
        **_lights_of(data.get("lights")),
    )


def _lights_of(lights: object) -> dict[str, object]:
    if not isinstance(lights, dict):
        return {}
    return {"red": lights["red"], "yellow": lights["yellow"], "green": lights["green"], "lit": True}


_SCHEDULE_FIELD = {
    "ahead": "ahead",
    "on-track": "on_track",
    "behind": "behind",
    "not-started": "late_start",
    "overdue": "overdue",
}


def count(
    states: Iterable[TaskState],
    schedules: dict[str, Schedule],
    lights: dict[str, Light] | None = None,
) -> Tally:
    """The tally of these task states; `schedules` holds each one's schedule
    state, `lights` (optional) each one's light, counted as a third partition."""
    states = list(states)
    kinds = Counter(zip(*_kind_columns(states, schedules, lights), strict=True))
    return _tally(kinds, investments(list(map(_TASK, states))), lights is not None)


def investments(tasks: list[Task]) -> list[float]:
    """[项目总投资, 区级投入] of these tasks in yuan, added in their order:
    the district's own money (investment_kind = "district") is never part of
    the projects' total. Most tasks have none: they are skipped in C."""
    money = [0.0, 0.0]
    for task in compress(tasks, map(_INVESTMENT, tasks)):
        _add_money(money, task)
    return money


def grouped(
    states: Iterable[TaskState],
    schedules: dict[str, Schedule],
    grouping: Grouping,
    lights: dict[str, Light] | None = None,
) -> dict[str, Tally]:
    """Tally per group in the grouping's order; groups without tasks left out."""
    return counted(states, schedules, grouping, lights)[1]


def counted(
    states: Iterable[TaskState],
    schedules: dict[str, Schedule],
    grouping: Grouping,
    lights: dict[str, Light] | None = None,
) -> tuple[Tally, dict[str, Tally]]:
    """`count` and `grouped` of the same states, each state classified once
    (`counted_columns`)."""
    states = list(states)
    ids = list(map(_TASK_ID, states))
    scheduled = list(map(_STATE_OF, map(schedules.__getitem__, ids)))
    colors = None if lights is None else list(map(_COLOR, map(lights.__getitem__, ids)))
    return counted_columns(columns_of_states(states), scheduled, grouping, colors)


def counted_columns(
    columns: TaskColumns,
    scheduled: list[str],
    grouping: Grouping,
    colors: list[str] | None = None,
) -> tuple[Tally, dict[str, Tally]]:
    """The tally of every task of the columns and per group: `scheduled` holds
    each task's schedule state (`Schedule.state`), `colors` (optional) its
    light color, counted as a third partition; both in the columns' order
    (`schedule_lights.kinds_at` gives them).

    How: a task counts by its kind alone (status, never started, schedule
    state, color), so the tasks are counted by (group, kind) in C (`Counter`
    over `zip`) and each tally made from its few distinct kinds rather than
    from every task; with one group per task the overall kinds are the
    groups' added up. Money is added task by task in the columns' order, as
    one loop over them would (the same floats)."""
    tasks = columns.tasks
    keys = list(map(grouping.keys, tasks))
    kind_columns = (
        columns.statuses,
        columns.unstarted,
        scheduled,
        repeat(None, len(tasks)) if colors is None else colors,
    )
    overall_kinds: Counter = Counter()
    if set(map(len, keys)) <= {1}:  # one group per task (area, chapter)
        by_group = Counter(zip(map(_FIRST, keys), *kind_columns, strict=True))
        for (_key, *kind), number in by_group.items():
            overall_kinds[tuple(kind)] += number
    else:  # a task with two lead units counts in both rows, and once overall
        kinds = list(zip(*kind_columns, strict=True))
        overall_kinds.update(kinds)
        pairs = zip(keys, kinds, strict=True)
        by_group = Counter((key, *kind) for own, kind in pairs for key in own)
    # Every possible key in display order, then keys outside it as they appear.
    order = dict.fromkeys(grouping.order) | dict.fromkeys(chain.from_iterable(keys))
    per_group: dict[str, Counter] = {key: Counter() for key in order}
    for (key, *kind), number in by_group.items():
        per_group[key][tuple(kind)] = number
    money: dict[str, list[float]] = {key: [0.0, 0.0] for key in order}
    overall_money = [0.0, 0.0]
    invested = map(_INVESTMENT, tasks)  # most tasks have none: skipped in C
    for task, own in compress(zip(tasks, keys, strict=True), invested):
        _add_money(overall_money, task)
        for key in own:
            _add_money(money[key], task)
    lit = colors is not None
    overall = _tally(overall_kinds, overall_money, lit)
    groups = {key: _tally(per_group[key], money[key], lit) for key in order if per_group[key]}
    return overall, groups


_TASK = attrgetter("task")
_TASK_ID = attrgetter("task.id")
_STATUS = attrgetter("status")
_STARTED_ON = attrgetter("started_on")
_STATE_OF = attrgetter("state")
_COLOR = attrgetter("color")
_FIRST = itemgetter(0)
_INVESTMENT = attrgetter("investment_yuan")


def _kind_columns(
    states: list[TaskState], schedules: dict[str, Schedule], lights: dict[str, Light] | None
) -> tuple[Iterator[Any], ...]:
    """A task counts by its kind alone: (status, never started, schedule state,
    light color or None), here as four columns in the states' order."""
    ids = list(map(_TASK_ID, states))
    statuses = map(_STATUS, states)
    unstarted = map(is_, map(_STARTED_ON, states), repeat(None))
    scheduled = map(_STATE_OF, map(schedules.__getitem__, ids))
    colors = repeat(None, len(ids)) if lights is None else map(_COLOR, map(lights.__getitem__, ids))
    return statuses, unstarted, scheduled, colors


def _add_money(money: list[float], task: Task) -> None:
    """Adds the task's investment to [项目总投资, 区级投入]: the district's own
    money (区级投入) is never part of the projects' total."""
    money[task.investment_kind == "district"] += task.investment_yuan  # type: ignore[operator]


def _tally(kinds: Counter, money: list[float], lit: bool) -> Tally:
    """The Tally of tasks counted by kind (`_kind_columns`) with their money;
    `lit`: the kinds hold light colors."""
    total = done = in_progress = blocked = not_started = blocked_not_started = 0
    by_schedule = dict.fromkeys(_SCHEDULE_FIELD.values(), 0)
    by_light = {"red": 0, "yellow": 0, "green": 0}
    for (status, unstarted, scheduled, color), number in kinds.items():
        total += number
        if color is not None:
            by_light[color] += number
        if status == "done":
            done += number
        elif not unstarted:  # TaskState.started, the status not being done
            in_progress += number
            blocked += number * (status == "blocked")
        else:
            not_started += number
            blocked_not_started += number * (status == "blocked")
        if scheduled != "done":
            by_schedule[_SCHEDULE_FIELD[scheduled]] += number
    return Tally(
        total=total,
        done=done,
        in_progress=in_progress,
        blocked=blocked,
        not_started=not_started,
        blocked_not_started=blocked_not_started,
        investment_yuan=money[0],
        district_investment_yuan=money[1],
        lit=lit,
        **by_schedule,
        **by_light,
    )


class Grouping(Record):
    """How to group tasks: the keys a task belongs to, their order, their names."""

    name: str  # "area", "chapter", "unit" or "leader"
    keys: Callable[[Task], Iterable[str]]
    order: tuple[str, ...]  # every possible key, in display order
    labels: dict[str, tuple[str, str]]  # key -> (Chinese name, English name)

    def label(self, key: str, lang: str) -> str:
        zh, en = self.labels[key]
        return zh if lang == "zh" else en


def by_area(registry: Registry) -> Grouping:
    return Grouping(
        "area",
        lambda task: (task.area,),
        tuple(registry.areas),
        {key: (a.name, a.name_en) for key, a in registry.areas.items()},
    )


def by_chapter(registry: Registry) -> Grouping:
    chapters = registry.report.chapters
    return Grouping(
        "chapter",
        lambda task: (str(task.chapter),),
        tuple(str(c.number) for c in chapters),
        {str(c.number): (f"{c.number}. {c.title}", f"{c.number}. {c.title_en}") for c in chapters},
    )


# The group key of tasks without an assignment (or without a leader) in
# `by_unit` and `by_leader`: no unit can have it (blank names are refused).
UNASSIGNED = ""


def _by_names(name: str, names: tuple[str, ...], keys: Callable[[Task], Iterable[str]]) -> Grouping:
    """A grouping by the 分工's names (one language: a name is what the file
    says), then UNASSIGNED (未分工) last, so that the groups cover every task."""
    from gwr_cli.messages import text

    labels = {key: (key, key) for key in names}
    labels[UNASSIGNED] = text("asg.unassigned", "zh"), text("asg.unassigned", "en")
    return Grouping(name, keys, (*names, UNASSIGNED), labels)


def by_unit(assignments: Assignments) -> Grouping:
    """By lead unit (牵头单位), in the 分工 file's order; a task with two lead
    units counts once in each row, tasks with no assignment in UNASSIGNED
    (未分工), so that the groups cover every task."""
    return _by_names(
        "unit",
        tuple(u.name for u in assignments.units() if u.lead),
        lambda task: assignments.lead_units_of(task.id) or (UNASSIGNED,),
    )


def by_leader(assignments: Assignments) -> Grouping:
    """By responsible leader (责任领导); tasks without one in UNASSIGNED (未分工)."""
    return _by_names(
        "leader",
        tuple(leader.name for leader in assignments.leaders()),
        lambda task: assignments.leaders_of(task.id) or (UNASSIGNED,),
    )


def headline_lines(
    tally: Tally, lang: str, *, date: str | None = None, report: str | None = None
) -> list[str]:
    """The report's own way of counting, both partitions, one sentence each.

    With `date` and `report` the first sentence opens like a 周报's headline
    ("截至2021年5月16日，…部署的73项具体工作中，"); without, like `gwr status`.
    """
    from gwr_cli.messages import fmt_percent, text

    if date is not None and report is not None:
        lead = text("tally.lead_dated", lang, date=date, report=report, total=tally.total)
    else:
        lead = text("tally.lead", lang, total=tally.total)
    blocked = text("tally.of_blocked", lang, count=tally.blocked) if tally.blocked else ""
    idle_blocked = (
        text("tally.of_blocked", lang, count=tally.blocked_not_started)
        if tally.blocked_not_started
        else ""
    )
    percent = (
        f"{tally.done_percent:.1f}%" if tally.done_percent % 1 else fmt_percent(tally.done_percent)
    )
    status = text(
        "tally.status",
        lang,
        lead=lead,
        done=tally.done,
        percent=percent,
        active=tally.in_progress,
        blocked=blocked,
        idle=tally.not_started,
        idle_blocked=idle_blocked,
    )
    schedule = text(
        "tally.schedule",
        lang,
        ahead=tally.ahead,
        on_track=tally.on_track,
        behind=tally.behind,
        not_started=tally.late_start,
        overdue=tally.overdue,
    )
    return [status, schedule]


def light_line(tally: Tally, lang: str) -> str | None:
    """The light partition in one sentence (亮灯：红灯3项，黄灯5项，绿灯65项。);
    None when the tally counted no lights."""
    if not tally.lit:
        return None
    from gwr_cli.messages import text

    return text("tally.lights", lang, **tally.light_counts())
