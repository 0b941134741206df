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
    from gwr_cli.lights import Light

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


def schedules(
    registry: Registry,
    states: dict[str, TaskState],
    as_of: dt.date,
    nodes_of: Mapping[str, Sequence[Node]] | None = None,
) -> dict[str, Schedule]:
    """Every task's schedule; a task with nodes (task id -> its 节点目标, e.g.
    `Assignments.nodes_by_task()`) is expected to follow them, as its light does.

    Equal to `schedule_of` task by task (tests/test_schedule.py)."""
    return schedules_and_lights(registry, states, as_of, nodes_of)[0]


def schedules_and_lights(
    registry: Registry,
    states: dict[str, TaskState],
    as_of: dt.date,
    nodes_of: Mapping[str, Sequence[Node]] | None = None,
) -> tuple[dict[str, Schedule], dict[str, Light]]:
    """Every task's schedule and light (亮灯), as `schedule_of` and
    `lights.light_of` give them task by task (tests/test_schedule.py,
    tests/test_lights.py); `nodes_of` as for `schedules`.

    Why together: this runs on every read, once per task. A task without
    nodes has the schedule and the light that its done-ness, overdue-ness,
    window, deadline, percent and start decide (`_plan_key`), and a long
    registry repeats those (10,000 tasks: about 800 distinct), so each pair is
    worked out once and shared (a Schedule and a Light are never changed once
    made), in one pass over the tasks instead of one per rule."""
    from gwr_cli.lights import expected_percent_at, light_of, node_points, window_opens

    nodes_of = nodes_of or {}
    delivered = registry.report.delivered
    tolerance = registry.tolerance * 100.0
    made: dict[tuple[object, ...], tuple[Schedule, Light]] = {}
    found_schedules: dict[str, Schedule] = {}
    found_lights: dict[str, Light] = {}
    for task_id, state in states.items():
        task = state.task
        nodes = nodes_of.get(task_id) if nodes_of else None
        if nodes:
            opens = window_opens(registry, task)
            points = node_points(task, nodes)
            expected = expected_percent_at(opens, task.deadline, as_of, points)
            days_late = max(0, (as_of - task.deadline).days)
            found_schedules[task_id] = _classified(state, expected, days_late, tolerance)
            found_lights[task_id] = light_of(registry, state, as_of, nodes)
            continue
        key = (state.status == "done", state.overdue, task.start, task.deadline, state.percent,
               state.started_on is None)  # fmt: skip
        pair = made.get(key)
        if pair is None:
            opens = task.start or delivered  # lights.window_opens, without a call per task
            expected = _linear_share(opens, task.deadline, as_of)
            days_late = max(0, (as_of - task.deadline).days)
            pair = made[key] = (
                _classified(state, expected, days_late, tolerance),
                light_of(registry, state, as_of),
            )
        found_schedules[task_id], found_lights[task_id] = pair
    return found_schedules, found_lights


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


def worst_first(
    items: list[tuple[TaskState, Schedule]],
) -> list[tuple[TaskState, Schedule]]:
    """Overdue longest first, then the furthest behind the elapsed time share."""
    return sorted(
        items,
        key=lambda pair: (-pair[1].days_overdue, -pair[1].gap, pair[0].task.deadline),
    )
