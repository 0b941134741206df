"""Pure: decide the event a command should append, or refuse with a reason.

Checks run against the ledger as the writer sees it under the lock, as of the
date the thing happened, so backfilling history works and two people marking
the same task at once cannot both finish it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from gwr_cli.errors import InputError
from gwr_cli.events import NumberRefused, as_written, kept, parse_number
from gwr_cli.ledger import Event, Ledger, new_event_id, now_utc
from gwr_cli.messages import ACTION_LABELS, Localized, Msg, Quoted, text
from gwr_cli.records import Record
from gwr_cli.refused import progress_problem, text_problem
from gwr_cli.registry import Indicator, Registry, Task
from gwr_cli.status import (
    CHRONOLOGICAL,
    TaskState,
    effective_events,
    fold_task,
    last_undoable,
    step,
)

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import NoReturn


class Change(Record):
    """What an action did, for the one-line confirmation.

    For a task, its state before and after; for an indicator's value undone,
    the indicator and its latest value before and after (None: no value)."""

    event: Event
    task: Task | None
    before: TaskState | None
    after: TaskState | None
    undone: Event | None = None
    indicator: Indicator | None = None
    value_before: float | None = None
    value_after: float | None = None


def parse_progress_value(task: Task, text: str) -> float:
    """Value in the task's unit; '40%' is a share of the target (or of the task).
    Full-width digits, signs and ％ from a Chinese input method are the same
    number, as in an imported workbook (collect.validate). The number is held
    to the rule of every number gwr is given (events.parse_number: at most 15
    significant digits, 0 or 1e-307 to 1e308 in size); InputError otherwise."""
    raw = unicodedata.normalize("NFKC", text).strip()
    is_percent = raw.endswith("%")
    number_text = raw[:-1].strip() if is_percent else raw
    unit_hint = (
        Msg("record.hint.unit", unit=Localized(task, "unit"))
        if task.target is not None
        else Msg("record.hint.percent")
    )
    try:
        number = parse_number(number_text)  # the one rule for typed numbers
    except NumberRefused as refused:
        raise InputError(
            "record.bad_number", value=Quoted(text), problem=refused.problem, hint=unit_hint
        ) from None
    # The rule `gwr check` holds a ledger's progress values to (refused.py).
    problem = progress_problem(number, is_percent or task.target is None)
    if problem is not None and problem.key == "refused.negative":
        raise InputError("record.negative", value=Quoted(text), hint=unit_hint)
    if problem is not None:
        raise InputError("record.above_100", value=Quoted(text))
    if is_percent or task.target is None:
        if task.target is None:
            return number
        # Divided first: 40% of a target of 1e308 is 4e307, not an infinite product.
        return kept(task.target * (number / 100.0))
    return number


def _refuse_if_done(task: Task, state: TaskState, action: str, lang: str) -> None:
    if state.status == "done":
        raise InputError(
            text(
                "refuse.done",
                lang,
                task=task.id,
                done_on=state.done_on,
                action=ACTION_LABELS[lang][action],
            )
        )


def _refuse_later(action: str, on: dt.date, later: Event, lang: str) -> NoReturn:
    """Refuse `action` on `on`: the `later` record rests on the task as it is."""
    labels = ACTION_LABELS[lang]
    raise InputError(
        text(
            "refuse.later",
            lang,
            action=labels[action],
            on=on.isoformat(),
            later=labels[later.action],
            later_on=later.on.isoformat(),
            by=later.by,
            id=later.id,
        )
    )


def check_on_date(on: dt.date, today: dt.date) -> None:
    if on > today:
        raise InputError("record.future", on=on.isoformat())


def _later_conflict(
    task: Task, without: TaskState, with_new: TaskState, new: Event
) -> Event | None:
    """A later record that the new event would contradict or be overridden by.

    Contradicted: a later event that counts today would stop counting (a
    progress after a backfilled done). Overridden: the first later change of
    status undoes the new one implicitly (a backfilled block that a later
    progress resumes), so the new event would show nowhere.
    """
    newly = {e.id for e in with_new.contradicted} - {e.id for e in without.contradicted}
    if new.id in newly:
        newly.discard(new.id)
    later = [e for e in with_new.events if e.id != new.id and CHRONOLOGICAL(e) > CHRONOLOGICAL(new)]
    for event in later:
        if event.id in newly:
            return event
    if new.action == "block":
        status = fold_task(task, [e for e in with_new.events if e not in later], None).status
        for event in later:
            changed = step(task, status, event)
            if changed is None or changed == status:
                continue
            return event if event.action in ("start", "progress") else None
    return None


def plan_task_event(
    ledger: Ledger,
    task: Task,
    action: str,
    *,
    author: str,
    on: dt.date,
    as_of: dt.date | None = None,
    value: float | None = None,
    note: str = "",
    problems: str = "",
    next_steps: str = "",
    unit: str = "",
    lang: str = "en",
) -> Change:
    """The event for start/progress/done/block/note/reopen on one task.

    `problems` (存在问题), `next_steps` (下步措施) and `unit` (the reporting
    unit) are carried on the event as typed.

    `ledger` holds at least every recorded event of the task; `as_of` is the
    date `gwr show` would show (None: every event), so that the confirmation's
    before → after is what `gwr show` then says.
    """
    events = effective_events([e for e in ledger.events if e.task == task.id])
    at_on = fold_task(task, [e for e in events if e.on <= on], on)
    if action in ("start", "progress", "done", "block"):
        _refuse_if_done(task, at_on, action, lang)
    if action == "start" and at_on.status == "in-progress":
        raise InputError("record.started", task=Quoted(task.id), since=at_on.started_on)
    # A problem or a next step alone is a report, as in an imported row (refused.py).
    if text_problem(action, note, problems, next_steps) is not None:
        raise InputError("record.block_note" if action == "block" else "record.empty_note")
    if action == "reopen" and at_on.status not in ("done", "blocked"):
        raise InputError(
            "record.reopen", task=Quoted(task.id), status=Msg(f"status.{at_on.status}")
        )
    event = Event(  # as the ledger will hold it (events.as_written: -0 is 0)
        id=new_event_id(),
        task=task.id,
        action=action,
        on=on,
        at=now_utc(),
        by=author,
        value=value,
        note=note,
        problems=problems,
        next=next_steps,
        unit=unit,
        # Recorded after everything read: it sorts after events of the same
        # recording time (`at` may be coarser than the gap between two records).
        seq=max((e.seq for e in ledger.events), default=0) + 1,
    )
    event = as_written(event)
    with_new = sorted([*events, event], key=CHRONOLOGICAL)
    without_all, with_all = fold_task(task, events, None), fold_task(task, with_new, None)
    later = _later_conflict(task, without_all, with_all, event)
    if later is not None:
        _refuse_later(action, on, later, lang)
    if as_of is None:
        before, after = without_all, with_all
    else:
        before = fold_task(task, [e for e in events if e.on <= as_of], as_of)
        after = fold_task(task, [e for e in with_new if e.on <= as_of], as_of)
    return Change(event=event, task=task, before=before, after=after)


def plan_undo(
    registry: Registry,
    ledger: Ledger,
    *,
    author: str,
    on: dt.date,
    as_of: dt.date | None = None,
    note: str = "",
    lang: str = "en",
) -> Change:
    """Cancel the author's last action, unless a later record by then rests on it
    (undoing a reopen that a later progress needs is refused, as typing it would be)."""
    target = last_undoable(ledger.events, author)
    if target is None:
        raise InputError("record.nothing_to_undo", author=author)
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
        now = fold_task(task, effective_events(task_events), None)
        then = fold_task(task, effective_events([*task_events, event]), None)
        known = {e.id for e in now.contradicted}
        orphaned = [e for e in then.contradicted if e.id not in known]
        if orphaned:
            _refuse_later("undo", on, orphaned[0], lang)
        before = fold_task(task, effective_events(task_events, as_of), as_of)
        after = fold_task(task, effective_events([*task_events, event], as_of), as_of)
    indicator = registry.indicator(target.task) if task is None else None
    if indicator is not None:  # named as a task is: its value before and after
        from gwr_cli.indicators import latest_value

        own = [e for e in ledger.events if e.task == indicator.id]
        return Change(
            event=event,
            task=None,
            before=None,
            after=None,
            undone=target,
            indicator=indicator,
            value_before=latest_value(own, indicator.id, as_of),
            value_after=latest_value([*own, event], indicator.id, as_of),
        )
    return Change(event=event, task=task, before=before, after=after, undone=target)


def plan_indicator_value(
    indicator: Indicator, *, author: str, on: dt.date, value: float, note: str = ""
) -> Event:
    event = Event(
        id=new_event_id(),
        task=indicator.id,
        action="indicator",
        on=on,
        at=now_utc(),
        by=author,
        value=value,
        note=note,
    )
    return as_written(event)  # as the ledger will hold it: -0 is 0


def plan_undo_write(
    registry: Registry,
    ledger: Ledger,
    *,
    author: str,
    on: dt.date,
    as_of: dt.date | None = None,
    note: str = "",
    lang: str = "en",
) -> list[Change]:
    """Cancel the author's last write, whole: what `gwr undo` appends.

    A write of one event gives `[plan_undo(...)]`. A write of several (an
    import: the events sharing the last action's `batch`) gives one undo per
    event of that write not cancelled yet, latest first, the undos sharing a
    batch of their own; each Change's before → after is the task's state
    with the undos before it in the list. Refused (InputError, nothing
    cancelled) as `plan_undo` is when a later record rests on any of them.
    """
    target = last_undoable(ledger.events, author)
    if target is None or not target.batch:
        single = plan_undo(
            registry, ledger, author=author, on=on, as_of=as_of, note=note, lang=lang
        )
        return [single]
    cancelled = {e.cancels for e in ledger.events if e.action == "undo"}
    undone = sorted(
        (e for e in ledger.events
         if e.batch == target.batch and e.by == author and e.action != "undo"
         and e.id not in cancelled),
        key=lambda e: (e.at, e.seq), reverse=True,
    )  # fmt: skip
    tasks = {e.task for e in undone}
    by_task: dict[str, list[Event]] = {task_id: [] for task_id in tasks}
    for event in ledger.events:
        if event.task in by_task:
            by_task[event.task].append(event)
    batch, at = new_event_id(), now_utc()
    undos: dict[str, list[Event]] = {task_id: [] for task_id in tasks}
    changes = []
    for index, cancelled_event in enumerate(undone):
        event = Event(
            id=new_event_id(),
            task=cancelled_event.task,
            action="undo",
            on=on,
            at=at + dt.timedelta(microseconds=index),  # in the order they are written
            by=author,
            cancels=cancelled_event.id,
            note=note,
            batch=batch,
        )
        task = registry.task(cancelled_event.task)
        before = after = None
        if task is not None:
            so_far = [*by_task[task.id], *undos[task.id]]
            before = fold_task(task, effective_events(so_far, as_of), as_of)
            after = fold_task(task, effective_events([*so_far, event], as_of), as_of)
        undos[cancelled_event.task].append(event)
        changes.append(Change(event, task, before, after, undone=cancelled_event))
    for task_id, task_undos in undos.items():
        task = registry.task(task_id)
        if task is None:
            continue
        now = fold_task(task, effective_events(by_task[task_id]), None)
        then = fold_task(task, effective_events([*by_task[task_id], *task_undos]), None)
        known = {e.id for e in now.contradicted}
        orphaned = [e for e in then.contradicted if e.id not in known]
        if orphaned:
            _refuse_later("undo", on, orphaned[0], lang)
    return changes
