"""Pure: every task's schedule (序时状态) and light (亮灯) at a date, in one pass.

The rules are `schedule.schedule_of` and `lights.light_of`, one task at a
time; this module applies both to every task of a read, which status, list,
export, the summary, the 台账 and the site do on every command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from gwr_cli.lights import (
    LIGHTS,
    Light,
    expected_percent_at,
    light_at,
    light_of,
    node_points,
    window_opens,
)
from gwr_cli.schedule import Schedule, _classified, _linear_share

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Node
    from gwr_cli.registry import Registry
    from gwr_cli.status import TaskState


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
    window, deadline, percent and start decide (its key below), and a long
    registry repeats those (10,000 tasks: about 800 distinct), so each pair is
    worked out once and shared (a Schedule and a Light are never changed once
    made), in one pass over the tasks instead of one per rule."""
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
            found_lights[task_id] = light_at(registry, state, as_of, nodes, opens, points, expected)
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


def lights(
    registry: Registry,
    states: dict[str, TaskState],
    as_of: dt.date,
    nodes_of: Mapping[str, Sequence[Node]] | None = None,
) -> dict[str, Light]:
    """Every task's light; nodes_of maps task id -> its nodes (e.g. from Assignments).

    Equal to `light_of` task by task (tests/test_lights.py)."""
    return schedules_and_lights(registry, states, as_of, nodes_of)[1]


def severity(light: Light, schedule: Schedule) -> tuple[int, int, float]:
    """The one sort key of "worst first", for every list that ranks tasks (the
    summary's 亮灯预警 and 预警 in text, Markdown, JSON and HTML): red before
    yellow before green; then the longest overdue (days past the deadline);
    then the furthest behind expected progress (序时进度, in points, as the
    light and the 序时状态 both measure it: a task not started is as far behind
    as the share of its time gone). Ties keep the order sorted, which every
    list gives as the registry's (`worst_first`).

    `schedule` is the task's `Schedule` at the light's date (days_overdue, gap).
    """
    behind = round(schedule.gap, 6)  # as _gap: floating-point noise is no rank
    return LIGHTS.index(light.color), -schedule.days_overdue, -behind


def worst_first(
    task_ids: Iterable[str], schedules: Mapping[str, Schedule], lights: Mapping[str, Light]
) -> list[str]:
    """`task_ids` worst first by the one key, `severity` (red, yellow,
    green; longest overdue; furthest behind expected progress); ties keep the
    order given, which callers give as the registry's. Every list that ranks
    tasks uses this, so that two lists of one report never disagree."""
    return sorted(task_ids, key=lambda task_id: severity(lights[task_id], schedules[task_id]))
