"""Pure: every task's schedule (序时状态) and light (亮灯) at a date, in one pass.

The rules are `schedule.schedule_of` and `lights.light_of`, one task at a
time; this module applies both to every task of a read, which status, list,
export, the summary, the 台账 and the site do on every command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from operator import and_, attrgetter, itemgetter, not_, or_

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
    from gwr_cli.task_columns import TaskColumns


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
    tolerance = registry.tolerance * 100.0
    made: dict[tuple[object, ...], tuple[Schedule, Light]] = {}
    found_schedules: dict[str, Schedule] = {}
    found_lights: dict[str, Light] = {}
    for task_id, state in states.items():
        task = state.task
        nodes = nodes_of.get(task_id) if nodes_of else None
        if nodes:
            pair = _node_pair(registry, state, as_of, nodes, tolerance)
        else:
            # The key of kinds_at, task by task.
            key = (state.status == "done", state.overdue, task.start, task.deadline,
                   state.percent, state.started_on is None)  # fmt: skip
            pair = made.get(key)
            if pair is None:
                pair = made[key] = _linear_pair(registry, state, as_of, tolerance)
        found_schedules[task_id], found_lights[task_id] = pair
    return found_schedules, found_lights


def _linear_pair(
    registry: Registry, state: TaskState, as_of: dt.date, tolerance: float
) -> tuple[Schedule, Light]:
    """The schedule and light of a task without nodes; `tolerance` in points."""
    task = state.task
    opens = task.start or registry.report.delivered  # lights.window_opens, without a call
    expected = _linear_share(opens, task.deadline, as_of)
    days_late = max(0, (as_of - task.deadline).days)
    return _classified(state, expected, days_late, tolerance), light_of(registry, state, as_of)


def _node_pair(
    registry: Registry, state: TaskState, as_of: dt.date, nodes: Sequence[Node], tolerance: float
) -> tuple[Schedule, Light]:
    """The schedule and light of a task that follows its 节点目标 `nodes`."""
    task = state.task
    opens = window_opens(registry, task)
    points = node_points(task, nodes)
    expected = expected_percent_at(opens, task.deadline, as_of, points)
    days_late = max(0, (as_of - task.deadline).days)
    return (
        _classified(state, expected, days_late, tolerance),
        light_at(registry, state, as_of, nodes, opens, points, expected),
    )


def kinds_at(
    registry: Registry,
    columns: TaskColumns,
    as_of: dt.date,
    nodes_of: Mapping[str, Sequence[Node]] | None = None,
) -> tuple[list[str], list[str]]:
    """Each task's schedule state (`Schedule.state`) and light color, in the
    columns' order: what `schedules_and_lights` gives, for counting.

    Why columns: a count needs no Schedule or Light per task. The key that
    decides a task's pair (as in `schedules_and_lights`) is built for every
    task in C, the rules run once per distinct key on one full state of it
    (`columns.states_at`), and once per task that follows nodes and is
    neither done nor overdue: a done task is "done" and green, an overdue one
    "overdue" and red, whatever its nodes (`schedule._classified`,
    `lights.light_at`), though its Schedule's expected percent is theirs.
    Equal to `schedules_and_lights` (tests/test_schedule.py)."""
    tasks = columns.tasks
    done = list(map("done".__eq__, columns.statuses))
    starts, deadlines = map(_START, tasks), map(_DEADLINE, tasks)
    keys = list(zip(done, columns.overdue, starts, deadlines, columns.percents, columns.unstarted,
                    strict=True))  # fmt: skip
    one_of_each = dict(zip(keys, range(len(keys)), strict=True))  # key -> a position that has it
    with_nodes: list[int] = []
    if nodes_of:
        open_ = map(not_, map(or_, done, columns.overdue))
        following = map(and_, map(bool, map(nodes_of.get, map(_ID, tasks))), open_)
        with_nodes = list(compress(range(len(tasks)), following))
    states = columns.states_at([*one_of_each.values(), *with_nodes])
    tolerance = registry.tolerance * 100.0
    made = {
        key: _linear_pair(registry, state, as_of, tolerance)
        for key, state in zip(one_of_each, states, strict=False)  # node tasks' states follow
    }
    pairs = list(map(made.__getitem__, keys))
    for position, state in zip(with_nodes, states[len(one_of_each) :], strict=True):
        pairs[position] = _node_pair(registry, state, as_of, nodes_of[state.task.id], tolerance)  # type: ignore[index]
    return list(map(_STATE, map(_FIRST, pairs))), list(map(_COLOR, map(_SECOND, pairs)))


_ID, _START, _DEADLINE = attrgetter("id"), attrgetter("start"), attrgetter("deadline")
_STATE, _COLOR = attrgetter("state"), attrgetter("color")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


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
