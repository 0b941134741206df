"""Pure: the one count of tasks behind every number gwr prints.

Two partitions of the same tasks at one date, each summing to the total:

- by status: done / in progress (of which blocked) / not started (of which
  blocked). "Started" means work began (start, progress, done, or a reopen);
  a task that was only ever blocked has not started.
- by schedule (序时进度): done / ahead / on track / behind / not started /
  overdue, each task in exactly one (see `schedule.schedule_of`).

`gwr status`, the summary's headline and tables, export and every JSON count
come from `count` and `grouped`; the headline sentence from `headline_lines`.
A grouping is a function task -> group keys, so that a task with two lead
units counts in both of their rows (the groups then sum to more than the
total, the total row does not).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.registry import Registry, Task
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState

# Keys of `Tally.schedule_counts()` in table order; the same words as
# schedule.SCHEDULE_STATES, with underscores for JSON.
SCHEDULE_KEYS = ("done", "ahead", "on_track", "behind", "not_started", "overdue")
STATUS_KEYS = ("done", "in_progress", "blocked", "not_started", "blocked_not_started")


class Tally(NamedTuple):
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
    # Of it, what the report says the district itself puts in (investment_kind).
    district_investment_yuan: float = 0.0

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

    def to_data(self) -> dict[str, object]:
        """JSON-ready: `total`, `done_percent`, `status` {…}, `schedule` {…}, investments."""
        return {
            "total": self.total,
            "done_percent": self.done_percent,
            "status": self.status_counts(),
            "schedule": self.schedule_counts(),
            "investment_yuan": self.investment_yuan,
            "district_investment_yuan": self.district_investment_yuan,
        }


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
    )


_SCHEDULE_FIELD = {
    "ahead": "ahead",
    "on-track": "on_track",
    "behind": "behind",
    "not-started": "late_start",
    "overdue": "overdue",
}


def count(states: Iterable[TaskState], schedules: dict[str, Schedule]) -> Tally:
    """The tally of these task states; `schedules` holds each one's schedule state."""
    fields = dict.fromkeys(Tally._fields, 0)
    fields["investment_yuan"] = fields["district_investment_yuan"] = 0.0
    for state in states:
        task = state.task
        fields["total"] += 1
        if state.status == "done":
            fields["done"] += 1
        elif state.started:
            fields["in_progress"] += 1
            fields["blocked"] += state.status == "blocked"
        else:
            fields["not_started"] += 1
            fields["blocked_not_started"] += state.status == "blocked"
        scheduled = schedules[task.id].state
        if scheduled != "done":
            fields[_SCHEDULE_FIELD[scheduled]] += 1
        if task.investment_yuan:
            fields["investment_yuan"] += task.investment_yuan
            if task.investment_kind == "district":
                fields["district_investment_yuan"] += task.investment_yuan
    return Tally(**fields)


class Grouping(NamedTuple):
    """How to group tasks: the keys a task belongs to, their order, their names."""

    name: str  # "area", "chapter" (and "unit", "leader" to come)
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


def by_unit(registry: Registry, assignments: Assignments) -> Grouping:
    """Group by lead unit (牵头单位) from the office's 分工: a task with two lead
    units counts in both rows; a task without an assignment (未分工) in none.
    Units in the order the 分工 file first names them; names are the same in
    both languages (the file's own words)."""
    names = tuple(unit.name for unit in assignments.units() if unit.lead)
    return Grouping(
        "unit",
        lambda task: assignments.lead_units_of(task.id),
        names,
        {name: (name, name) for name in names},
    )


def grouped(
    states: Iterable[TaskState], schedules: dict[str, Schedule], grouping: Grouping
) -> dict[str, Tally]:
    """Tally per group in the grouping's order; groups without tasks left out."""
    members: dict[str, list[TaskState]] = {key: [] for key in grouping.order}
    for state in states:
        for key in grouping.keys(state.task):
            members.setdefault(key, []).append(state)
    return {key: count(group, schedules) for key, group in members.items() if group}


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
