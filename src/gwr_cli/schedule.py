"""Pure: is a task on schedule (序时进度)?

A task's expected progress at a date is the share of its window that has
elapsed: from its own `start` (default: the day the report was delivered) to
its deadline. Its actual progress is its percent complete. The registry's
`[schedule] tolerance` separates "on track" from "ahead" and "behind".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gwr_cli.registry import Registry
from gwr_cli.status import TaskState

if TYPE_CHECKING:
    from gwr_cli.assignments import Node

SCHEDULE_STATES = ("done", "ahead", "on-track", "behind", "not-started", "overdue")


class Schedule(NamedTuple):
    state: str
    expected: float  # 0..100, share of the window elapsed
    actual: float  # 0..100, percent complete
    days_overdue: int

    @property
    def gap(self) -> float:
        """How far behind the elapsed time share, in percentage points."""
        return self.expected - self.actual


def expected_percent(registry: Registry, state: TaskState, as_of: dt.date) -> float:
    task = state.task
    opens = task.start or registry.report.delivered
    length = (task.deadline - opens).days
    if length <= 0:
        return 100.0 if as_of >= task.deadline else 0.0
    elapsed = (as_of - opens).days
    return max(0.0, min(elapsed / length, 1.0)) * 100.0


def schedule_of(
    registry: Registry, state: TaskState, as_of: dt.date, expected: float | None = None
) -> Schedule:
    """The task's schedule state; `expected` (0..100) replaces the linear share
    when the task has nodes (节点目标), so that 序时状态 and the light agree."""
    if expected is None:
        expected = expected_percent(registry, state, as_of)
    actual = state.percent
    days_overdue = max(0, (as_of - state.task.deadline).days) if state.status != "done" else 0
    if state.status == "done":
        kind = "done"
    elif state.overdue:
        kind = "overdue"
    elif not state.started:
        kind = "not-started"  # a block alone is not a start
    else:
        tolerance = registry.tolerance * 100.0
        if actual > expected + tolerance:
            kind = "ahead"
        elif actual < expected - tolerance:
            kind = "behind"
        else:
            kind = "on-track"
    return Schedule(kind, expected, actual, days_overdue)


def schedules(
    registry: Registry,
    states: dict[str, TaskState],
    as_of: dt.date,
    nodes_of: Mapping[str, Sequence[Node]] | None = None,
) -> dict[str, Schedule]:
    """Every task's schedule; a task with nodes (task id -> its 节点目标, e.g.
    `Assignments.nodes_by_task()`) is expected to follow them, as its light does."""
    if not nodes_of:
        return _linear(registry, states, as_of)
    from gwr_cli.lights import expected_percent_at, node_points, window_opens

    found = {}
    for task_id, state in states.items():
        nodes = nodes_of.get(task_id)
        expected = None
        if nodes:
            task = state.task
            points = node_points(task, nodes)
            expected = expected_percent_at(
                window_opens(registry, task), task.deadline, as_of, points
            )
        found[task_id] = schedule_of(registry, state, as_of, expected)
    return found


def _linear(
    registry: Registry, states: dict[str, TaskState], as_of: dt.date
) -> dict[str, Schedule]:
    """`schedule_of` with the linear share for every task, the registry's values
    read once: this runs on every read, once per task (about half the time of
    calling schedule_of 10,000 times, measured; tests/test_schedule.py holds the
    two equal)."""
    delivered = registry.report.delivered
    tolerance = registry.tolerance * 100.0
    found = {}
    for task_id, state in states.items():
        task = state.task
        opens = task.start or delivered
        length = (task.deadline - opens).days
        if length <= 0:
            expected = 100.0 if as_of >= task.deadline else 0.0
        else:
            expected = max(0.0, min((as_of - opens).days / length, 1.0)) * 100.0
        status = state.status
        actual = state.percent
        if status == "done":
            found[task_id] = Schedule("done", expected, actual, 0)
            continue
        days_overdue = max(0, (as_of - task.deadline).days)
        if state.overdue:
            kind = "overdue"
        elif not state.started:
            kind = "not-started"  # a block alone is not a start
        elif actual > expected + tolerance:
            kind = "ahead"
        elif actual < expected - tolerance:
            kind = "behind"
        else:
            kind = "on-track"
        found[task_id] = Schedule(kind, expected, actual, days_overdue)
    return found


def needs_warning(registry: Registry, schedule: Schedule) -> bool:
    """Behind, overdue, or not started though more than the tolerance of its time is gone."""
    if schedule.state in ("behind", "overdue"):
        return True
    return schedule.state == "not-started" and schedule.expected > registry.tolerance * 100.0


def worst_first(
    items: list[tuple[TaskState, Schedule]],
) -> list[tuple[TaskState, Schedule]]:
    """Overdue longest first, then the furthest behind the elapsed time share."""
    return sorted(
        items,
        key=lambda pair: (-pair[1].days_overdue, -pair[1].gap, pair[0].task.deadline),
    )
