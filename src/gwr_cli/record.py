"""Pure: decide the event a command should append, or refuse with a reason.

Checks run against the ledger as the writer sees it under the lock, as of the
date the thing happened, so backfilling history works and two people marking
the same task at once cannot both finish it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from gwr_cli.errors import InputError
from gwr_cli.events import is_finite_number
from gwr_cli.ledger import Event, Ledger, new_event_id, now_utc
from gwr_cli.registry import Indicator, Registry, Task
from gwr_cli.status import TaskState, effective_events, fold_task, last_undoable

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class Change(NamedTuple):
    """What an action did, for the one-line confirmation."""

    event: Event
    task: Task | None
    before: TaskState | None
    after: TaskState | None
    undone: Event | None = None


def parse_progress_value(task: Task, text: str) -> float:
    """Value in the task's unit; '40%' is a share of the target (or of the task)."""
    raw = text.strip()
    is_percent = raw.endswith("%")
    number_text = raw[:-1].strip() if is_percent else raw
    unit_hint = f"a number of {task.unit}" if task.target is not None else "a percent like 40%"
    if not _NUMBER.fullmatch(number_text):
        raise InputError(f"progress value {text!r} is not a number; give {unit_hint}")
    number = float(number_text)
    if not is_finite_number(number):  # 310 digits parse to inf
        raise InputError(f"progress value {text!r} is not a finite number; give {unit_hint}")
    if number < 0:
        raise InputError(f"progress value {text!r} is negative; give {unit_hint}")
    if is_percent or task.target is None:
        if number > 100:
            raise InputError(f"progress {text!r} is above 100%")
        return number if task.target is None else task.target * number / 100.0
    return number


def _task_events(ledger: Ledger, task: Task, on: dt.date) -> list[Event]:
    """The task's effective events up to a date (its undo events are its own)."""
    return effective_events([e for e in ledger.events if e.task == task.id], on)


def _refuse_if_done(task: Task, state: TaskState, action: str) -> None:
    if state.status == "done":
        raise InputError(
            f"task {task.id!r} is already done (since {state.done_on}); "
            f"run `gwr reopen {task.id}` before `{action}`"
        )


def check_on_date(on: dt.date, today: dt.date) -> None:
    if on > today:
        raise InputError(f"--on {on} is in the future; record things once they happen")


def plan_task_event(
    ledger: Ledger,
    task: Task,
    action: str,
    *,
    author: str,
    on: dt.date,
    value: float | None = None,
    note: str = "",
) -> Change:
    """The event for start/progress/done/block/note/reopen on one task."""
    events = _task_events(ledger, task, on)
    before = fold_task(task, events, on)
    if action in ("start", "progress", "done", "block"):
        _refuse_if_done(task, before, action)
    if action == "start" and before.status == "in-progress":
        raise InputError(f"task {task.id!r} is already in progress (since {before.started_on})")
    if action == "block" and not note.strip():
        raise InputError("`gwr block` needs --note saying why the task is blocked")
    if action == "note" and not note.strip():
        raise InputError("the note is empty; write what happened")
    if action == "reopen" and before.status not in ("done", "blocked"):
        raise InputError(
            f"task {task.id!r} is {before.status}; only a done or blocked task can be reopened"
        )
    event = Event(
        id=new_event_id(),
        task=task.id,
        action=action,
        on=on,
        at=now_utc(),
        by=author,
        value=value,
        note=note,
    )
    after = fold_task(task, [*events, event], on)
    return Change(event=event, task=task, before=before, after=after)


def plan_undo(
    registry: Registry, ledger: Ledger, *, author: str, on: dt.date, note: str = ""
) -> Change:
    target = last_undoable(ledger.events, author)
    if target is None:
        raise InputError(f"nothing to undo: {author} has no recorded action left to cancel")
    event = Event(
        id=new_event_id(),
        task=target.task,
        action="undo",
        on=on,
        at=now_utc(),
        by=author,
        cancels=target.id,
        note=note,
    )
    task = registry.task(target.task)
    before = after = None
    if task is not None:
        task_events = [e for e in ledger.events if e.task == task.id]
        before = fold_task(task, effective_events(task_events), None)
        after = fold_task(task, effective_events([*task_events, event]), None)
    return Change(event=event, task=task, before=before, after=after, undone=target)


def plan_indicator_value(
    indicator: Indicator, *, author: str, on: dt.date, value: float, note: str = ""
) -> Event:
    return Event(
        id=new_event_id(),
        task=indicator.id,
        action="indicator",
        on=on,
        at=now_utc(),
        by=author,
        value=value,
        note=note,
    )
