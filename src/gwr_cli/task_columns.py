"""Pure: what a count reads of every task, as columns (issue 15).

A count (`gwr status`, any grouping, JSON too) needs of each task only its
status, percent, whether it ever started and whether it is overdue, with the
registry's task for its group, deadline, start and money. Held as columns
(one list per field, tasks in registry order) they are read in C (`map`,
`zip`, `Counter`) rather than task by task; and the folded cache
(`folded.counting_columns`) fills them from its entries without making a
`TaskState` per task: at 10,000 tasks that was a third of a `gwr status`.

A full state is made only where a rule needs one (`states_at`): one per
distinct schedule key and one per task with 节点目标 (schedule_lights.kinds_at).
"""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter, is_

from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from collections.abc import Callable

    from gwr_cli.registry import Task
    from gwr_cli.status import TaskState


class TaskColumns(Record):
    """Every task of one count at one date, one list per field, all of the
    same length and in the same (registry) order."""

    tasks: list[Task]
    statuses: list[str]  # TaskState.status
    percents: list[float]  # TaskState.percent, 0..100
    unstarted: list[bool]  # TaskState.started_on is None (a block alone is no start)
    overdue: list[bool]  # TaskState.overdue: not done and past the deadline
    # The full states at these positions, in their order (made on demand).
    states_at: Callable[[list[int]], list[TaskState]]


_TASK = attrgetter("task")
_STATUS = attrgetter("status")
_PERCENT = attrgetter("percent")
_STARTED_ON = attrgetter("started_on")
_OVERDUE = attrgetter("overdue")


def columns_of_states(states: list[TaskState]) -> TaskColumns:
    """The columns of these states, in their order."""
    return TaskColumns(
        tasks=list(map(_TASK, states)),
        statuses=list(map(_STATUS, states)),
        percents=list(map(_PERCENT, states)),
        unstarted=list(map(is_, map(_STARTED_ON, states), repeat(None))),
        overdue=list(map(_OVERDUE, states)),
        states_at=lambda positions: [states[p] for p in positions],
    )
