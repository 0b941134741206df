"""Pure: is a task on schedule (序时进度)?

A task's expected progress at a date is the share of its window that has
elapsed: from its own `start` (default: the day the report was delivered) to
its deadline. Its actual progress is its percent complete. The registry's
`[schedule] tolerance` separates "on track" from "ahead" and "behind".
"""

from __future__ import annotations

import datetime as dt

from gwr_cli.records import Record
from gwr_cli.registry import Registry
from gwr_cli.status import TaskState

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    pass

SCHEDULE_STATES = ("done", "ahead", "on-track", "behind", "not-started", "overdue")


class Schedule(Record):
    state: str
    expected: float  # 0..100, share of the window elapsed
    actual: float  # 0..100, percent complete
    days_overdue: int

    @property
    def gap(self) -> float:
        """How far behind the elapsed time share, in percentage points."""
        return self.expected - self.actual


def expected_percent(registry: Registry, state: TaskState, as_of: dt.date) -> float:
    from gwr_cli.lights import window_opens  # the one rule of when a window opens

    task = state.task
    return _linear_share(window_opens(registry, task), task.deadline, as_of)


def schedule_of(
    registry: Registry, state: TaskState, as_of: dt.date, expected: float | None = None
) -> Schedule:
    """The task's schedule state; `expected` (0..100) replaces the linear share
    when the task has nodes (节点目标), so that 序时状态 and the light agree."""
    if expected is None:
        expected = expected_percent(registry, state, as_of)
    days_late = max(0, (as_of - state.task.deadline).days)
    return _classified(state, expected, days_late, registry.tolerance * 100.0)


def _classified(state: TaskState, expected: float, days_late: int, tolerance: float) -> Schedule:
    """The one schedule rule: `expected` (0..100) at the as-of date, `days_late`
    past the deadline (0 before it), `tolerance` in points."""
    status = state.status
    actual = state.percent
    if status == "done":
        return Schedule("done", expected, actual, 0)
    if state.overdue:
        kind = "overdue"
    elif state.started_on is None:
        kind = "not-started"  # a block alone is not a start (TaskState.started)
    elif actual > expected + tolerance:
        kind = "ahead"
    elif actual < expected - tolerance:
        kind = "behind"
    else:
        kind = "on-track"
    return Schedule(kind, expected, actual, days_late)


def _linear_share(opens: dt.date, deadline: dt.date, as_of: dt.date) -> float:
    """The share of the window [opens, deadline] elapsed at as_of, 0..100."""
    length = (deadline - opens).days
    if length <= 0:
        return 100.0 if as_of >= deadline else 0.0
    return max(0.0, min((as_of - opens).days / length, 1.0)) * 100.0


def needs_warning(registry: Registry, schedule: Schedule) -> bool:
    """Behind, overdue, or not started though more than the tolerance of its time is gone."""
    if schedule.state in ("behind", "overdue"):
        return True
    return schedule.state == "not-started" and schedule.expected > registry.tolerance * 100.0
