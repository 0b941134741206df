"""Pure: registry + events + as-of date -> the state of every task.

Events count when they happened on or before the as-of date. An event that an
`undo` cancelled never counts, at any date: undo says "this record was a
mistake", not "this stopped being true".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import attrgetter

from gwr_cli.events import TASK_ACTIONS
from gwr_cli.records import Record
from gwr_cli.registry import Registry, Task

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.events import Event

STATUSES = ("not-started", "in-progress", "done", "blocked")
# Folding order: when it happened, then when it was recorded (microseconds),
# then its place in its file. Never the author's name: a tie between authors
# follows recording. (Event.order, as a fast sort key.)
CHRONOLOGICAL = attrgetter("on", "at", "seq", "file")
_TASK_ACTIONS = frozenset(TASK_ACTIONS)

# The event state machine (README "What an event means"): for each status, the
# actions that change it, and to what. An action missing here for a status is
# a *contradiction*: it is kept in the history and ignored by the fold (a
# progress or block after done without reopen, done twice, reopen of a task in
# progress…). Typed commands are refused before they write one; events that
# arrive by merge or by hand are folded the same way and listed by `gwr check`.
TRANSITIONS: dict[str, dict[str, str]] = {
    "not-started": {"start": "in-progress", "progress": "in-progress", "done": "done",
                    "block": "blocked"},
    "in-progress": {"start": "in-progress", "progress": "in-progress", "done": "done",
                    "block": "blocked"},
    # Work recorded on a blocked task resumes it, as `reopen` does.
    "blocked": {"start": "in-progress", "progress": "in-progress", "done": "done",
                "block": "blocked", "reopen": "in-progress"},
    "done": {"reopen": "in-progress"},
}  # fmt: skip


class TaskState(Record):
    task: Task
    status: str
    value: float | None  # last reported value: task unit, or percent without a target
    percent: float  # 0..100; 100 only when done
    overdue: bool
    started_on: dt.date | None  # first start of work (never set by a block alone)
    done_on: dt.date | None  # the first done event of the current completion
    last_on: dt.date | None  # date of the last event that counted
    last_note: str  # the note of that same event ("" when it had none)
    events: tuple[Event, ...]  # the task's history, contradictions included
    contradicted: tuple[Event, ...] = ()  # events the state machine ignored

    @property
    def started(self) -> bool:
        """Work has begun: started, progressed or done (a block alone is not a start)."""
        return self.started_on is not None or self.status == "done"

    @property
    def reported_value(self) -> float | None:
        """The last recorded value in the task's unit (never invented from the target)."""
        return self.value


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


def step(task: Task, status: str, event: Event) -> str | None:
    """The status after one event, or None when the event contradicts the status."""
    action = event.action
    if action == "note":
        return status
    changed = TRANSITIONS[status].get(action)
    if changed == "in-progress" and action == "progress":
        full = 100.0 if task.target is None else task.target
        if event.value is not None and event.value >= full:
            return "done"
    return changed


def fold_task(task: Task, events: Iterable[Event], as_of: dt.date | None) -> TaskState:
    """One task's state from its effective events (already filtered and ordered)."""
    # `step` inlined: a cold read folds 100,000 events, and the call per event
    # was a fifth of the fold (tests/test_status.py holds the two equal).
    full = 100.0 if task.target is None else task.target
    status = "not-started"
    value: float | None = None
    started_on = done_on = last_on = None
    last_note = ""
    history = []
    ignored = []
    for event in events:
        action = event.action
        if action not in _TASK_ACTIONS:
            continue
        history.append(event)
        if action == "note":
            changed = status
        else:
            changed = TRANSITIONS[status].get(action)
            if changed is None:
                ignored.append(event)
                continue
            if action == "progress":
                value = event.value
                if value is not None and value >= full:  # progress at the target is done
                    changed = "done"
        last_on, last_note = event.on, event.note
        if changed == "done":
            if status != "done":
                done_on = last_on
        else:
            done_on = None
        if started_on is None and (changed == "in-progress" or changed == "done"):
            started_on = last_on
        status = changed
    # Below 100 until done: a task reads 100% only once it is done.
    percent = 100.0 if status == "done" else min(percent_of(task, value), 99.9)
    overdue = status != "done" and as_of is not None and task.deadline < as_of
    return TaskState(task, status, value, percent, overdue, started_on, done_on, last_on,
                     last_note, tuple(history), tuple(ignored))  # fmt: skip


def task_states(
    registry: Registry, events: Iterable[Event], as_of: dt.date | None
) -> dict[str, TaskState]:
    """Every registry task's state as of a date (None: counting every event)."""
    return states_from_effective(registry, effective_events(events, as_of), as_of)


def states_from_effective(
    registry: Registry, effective: Iterable[Event], as_of: dt.date | None
) -> dict[str, TaskState]:
    """Like task_states, from events effective_events() already filtered and ordered."""
    by_task = events_by_task(effective)
    no_events: tuple[Event, ...] = ()
    return {
        task.id: fold_task(task, by_task.get(task.id, no_events), as_of) for task in registry.tasks
    }


def events_by_task(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Task id -> its events, in the order given; tasks in order of their first event."""
    # get, not setdefault: no empty list made per event (100,000 on a cold read)
    by_task: dict[str, list[Event]] = {}
    for event in events:
        group = by_task.get(event.task)
        if group is None:
            by_task[event.task] = [event]
        else:
            group.append(event)
    return by_task


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
