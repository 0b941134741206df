"""Pure: registry + events + as-of date -> the state of every task.

Events count when they happened on or before the as-of date. An event that an
`undo` cancelled never counts, at any date: undo says "this record was a
mistake", not "this stopped being true".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple

from gwr_cli.ledger import TASK_ACTIONS, Event
from gwr_cli.registry import Registry, Task

STATUSES = ("not-started", "in-progress", "done", "blocked")
CHRONOLOGICAL = attrgetter("on", "at", "seq", "file")  # Event.order, as a fast sort key
_TASK_ACTIONS = frozenset(TASK_ACTIONS)


class TaskState(NamedTuple):
    task: Task
    status: str
    value: float | None  # last reported value: task unit, or percent without a target
    percent: float  # 0..100
    overdue: bool
    started_on: dt.date | None
    done_on: dt.date | None
    last_on: dt.date | None
    last_note: str
    events: tuple[Event, ...]

    @property
    def reported_value(self) -> float:
        """Value in the task's unit as of now (target when marked done)."""
        if self.status == "done" and self.task.target is not None:
            return max(self.value or 0.0, self.task.target)
        return self.value or 0.0


def cancelled_ids(events: Iterable[Event]) -> set[str]:
    return {e.cancels for e in events if e.action == "undo"}


def effective_events(events: Iterable[Event], as_of: dt.date | None = None) -> list[Event]:
    """Events that count as of a date, in the order they happened."""
    events = list(events)
    cancelled = cancelled_ids(events)
    if cancelled:
        kept = [e for e in events if e.action != "undo" and e.id not in cancelled]
    else:
        kept = [e for e in events if e.action != "undo"]
    if as_of is not None:
        kept = [e for e in kept if e.on <= as_of]
    kept.sort(key=CHRONOLOGICAL)
    return kept


def percent_of(task: Task, value: float | None) -> float:
    if value is None:
        return 0.0
    if task.target is None:
        return max(0.0, min(value, 100.0))
    return max(0.0, min(value / task.target * 100.0, 100.0))


def fold_task(task: Task, events: Iterable[Event], as_of: dt.date | None) -> TaskState:
    """One task's state from its effective events (already filtered and ordered)."""
    status = "not-started"
    value: float | None = None
    started_on = done_on = last_on = None
    last_note = ""
    history = []
    full = 100.0 if task.target is None else task.target
    for event in events:
        action = event.action
        if action not in _TASK_ACTIONS:
            continue
        history.append(event)
        last_on = event.on
        if event.note:
            last_note = event.note
        if action == "note":
            continue
        if action in ("start", "progress", "reopen") and status != "in-progress":
            status = "in-progress"
            done_on = None
            started_on = started_on or event.on
        if action == "progress":
            value = event.value
            if value is not None and value >= full:
                status, done_on = "done", event.on
        elif action == "done":
            status, done_on = "done", event.on
            started_on = started_on or event.on
        elif action == "block":
            status = "blocked"
    percent = 100.0 if status == "done" else percent_of(task, value)
    overdue = status != "done" and as_of is not None and task.deadline < as_of
    return TaskState(task, status, value, percent, overdue, started_on, done_on, last_on,
                     last_note, tuple(history))  # fmt: skip


def task_states(
    registry: Registry, events: Iterable[Event], as_of: dt.date | None
) -> dict[str, TaskState]:
    """Every registry task's state as of a date (None: counting every event)."""
    return states_from_effective(registry, effective_events(events, as_of), as_of)


def states_from_effective(
    registry: Registry, effective: Iterable[Event], as_of: dt.date | None
) -> dict[str, TaskState]:
    """Like task_states, from events effective_events() already filtered and ordered."""
    by_task: dict[str, list[Event]] = {}
    for event in effective:
        group = by_task.get(event.task)
        if group is None:
            by_task[event.task] = [event]
        else:
            group.append(event)
    no_events: tuple[Event, ...] = ()
    return {
        task.id: fold_task(task, by_task.get(task.id, no_events), as_of) for task in registry.tasks
    }


def orphan_events(registry: Registry, events: Iterable[Event]) -> list[Event]:
    """Events naming a task or indicator the registry no longer has (kept, reported)."""
    known = {t.id for t in registry.tasks} | {i.id for i in registry.indicators}
    return [e for e in events if e.action != "undo" and e.task not in known]


def last_undoable(events: Iterable[Event], author: str) -> Event | None:
    """The author's latest recorded event that is not an undo and not yet undone."""
    events = list(events)
    cancelled = cancelled_ids(events)
    candidates = [
        e for e in events if e.by == author and e.action != "undo" and e.id not in cancelled
    ]
    return max(candidates, key=lambda e: (e.at, e.seq), default=None)
