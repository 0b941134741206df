"""Pure: filled submissions + the ledger's events -> the events an import records,
or every mistake of every file.

`plan_import` is what `gwr collect import` calls under the ledger lock (and
without it for `--dry-run`): for each submission in turn it computes the task
states and what the unit already reported this period from the events so far
(the ledger's, then those planned for the files before it), validates every
row (`validate.validate_submission`), then checks each row's events against
the state machine (`status.TRANSITIONS`, folded as every reader folds them):
an event the machine would not count at its date, or one that would make a
later record stop counting or lift a backfilled block, is refused on its row,
as a typed command would be refused. Nothing is recorded if any row of any
file is wrong; the caller appends `ImportResult.events` as one payload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gwr_cli.collect.validate import (
    ImportPlan,
    ProposedEvent,
    Reported,
    RowChange,
    RowError,
    reported_in_period,
    validate_submission,
)
from gwr_cli.events import Event, new_event_id, now_utc
from gwr_cli.messages import ACTION_LABELS, STATUS_LABELS, text
from gwr_cli.status import CHRONOLOGICAL, effective_events, fold_task, task_states

if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.collect.read import Submission
    from gwr_cli.registry import Registry, Task


class ImportResult(NamedTuple):
    plans: tuple[ImportPlan, ...]  # one per submission, in the order given
    errors: tuple[RowError, ...]  # every row error of every file, in order
    events: tuple[Event, ...]  # to append, in this order, as one payload

    @property
    def changes(self) -> int:
        return sum(len(plan.changes) for plan in self.plans)


def plan_import(
    registry: Registry,
    assignments: Assignments,
    events: Iterable[Event],
    submissions: Sequence[Submission],
    *,
    today: dt.date,
    author: str,
    lang: str,
) -> ImportResult:
    """Validate every submission against `events` (the whole ledger) and plan the
    events to append; `by` = author, `unit` = each workbook's unit.

    Raises InputError (one line) for a workbook whose unit is not in 分工.
    """
    from gwr_cli.collect.rows import task_facts

    so_far = list(events)
    plans: list[ImportPlan] = []
    errors: list[RowError] = []
    planned: list[Event] = []
    seq = max((e.seq for e in so_far), default=0) + 1
    last_at = max((e.at for e in so_far), default=None)
    for submission in submissions:
        unit = submission.meta.unit
        period = submission.meta.period
        effective = effective_events(so_far)
        by_task: dict[str, list[Event]] = {}
        for event in effective:
            by_task.setdefault(event.task, []).append(event)
        states = task_states(registry, so_far, None)
        unit_tasks = _unit_tasks(assignments, unit)
        reported = _reported(effective, unit, period.start, unit_tasks or (), states, lang)
        facts = {
            task_id: task_facts(state, lang, reported.get(task_id))
            for task_id, state in states.items()
        }
        plan = validate_submission(submission, facts, unit_tasks, today, lang)
        file_errors = list(plan.errors)
        file_events: list[Event] = []
        if not file_errors:
            for change in plan.changes:
                task = registry.task(change.task)
                new = []
                for proposed in change.events:
                    at = now_utc()
                    if last_at is not None and at <= last_at:
                        at = last_at + dt.timedelta(microseconds=1)
                    last_at = at
                    new.append(_event(proposed, author, at, seq))
                    seq += 1
                problem = _conflict(task, by_task.get(task.id, []), new, lang)
                if problem is not None:
                    file_errors.append(_row_error(submission, change, problem, lang))
                    continue
                file_events.extend(new)
        plans.append(plan)
        errors.extend(file_errors)
        if not file_errors:
            planned.extend(file_events)
            so_far.extend(file_events)
    return ImportResult(tuple(plans), tuple(errors), tuple(planned) if not errors else ())


def _unit_tasks(assignments: Assignments, unit: str) -> set[str] | None:
    """Ids the unit leads or supports; None when 分工 does not name it."""
    if unit not in {u.name for u in assignments.units()}:
        return None
    lead, partner = assignments.tasks_of_unit(unit)
    return {*lead, *partner}


def _reported(
    effective: list[Event],
    unit: str,
    since: dt.date,
    task_ids: Iterable[str],
    states: dict,
    lang: str,
) -> dict[str, Reported]:
    """What `unit` last reported for each of its tasks since the period began."""
    mine: dict[str, list[Event]] = {}
    for event in effective:
        if event.unit == unit and event.on >= since:
            mine.setdefault(event.task, []).append(event)
    found = {}
    for task_id in task_ids:
        if task_id in mine and task_id in states:
            task = states[task_id].task
            found[task_id] = reported_in_period(mine[task_id], task_id, task.target, unit, since)
    return found


def _event(proposed: ProposedEvent, author: str, at: dt.datetime, seq: int) -> Event:
    return Event(
        id=new_event_id(),
        task=proposed.task,
        action=proposed.action,
        on=proposed.on,
        at=at,
        by=author,
        value=proposed.value,
        note=proposed.note,
        problems=proposed.problems,
        next=proposed.next,
        unit=proposed.unit,
        seq=seq,
    )


def _conflict(task: Task, existing: list[Event], new: list[Event], lang: str) -> str | None:
    """Why the state machine refuses the new events at their date, or None.

    Refused: a new event the fold does not count (a start on a task in
    progress at that date, a done before a later done…), an earlier record
    that stops counting because of it (a done backfilled before a later
    progress), and a block backfilled before a later start or progress that
    would lift it at once.
    """
    labels, statuses = ACTION_LABELS[lang], STATUS_LABELS[lang]
    before = fold_task(task, existing, None)
    combined = sorted([*existing, *new], key=CHRONOLOGICAL)
    after = fold_task(task, combined, None)
    known = {e.id for e in before.contradicted}
    new_ids = {e.id for e in new}
    for event in after.contradicted:
        if event.id in known:
            continue
        if event.id in new_ids:
            earlier = [e for e in combined if CHRONOLOGICAL(e) < CHRONOLOGICAL(event)]
            status = fold_task(task, earlier, None).status
            return text(
                "collect.row.contradiction",
                lang,
                action=labels[event.action],
                on=event.on.isoformat(),
                status=statuses[status],
            )
        return _later(event, new[0], lang)
    for event in new:
        if event.action != "block":
            continue
        for later in combined:
            lifts = later.action in ("start", "progress", "reopen") and later.id not in new_ids
            if lifts and CHRONOLOGICAL(later) > CHRONOLOGICAL(event):
                return _later(later, event, lang)
    return None


def _later(later: Event, new: Event, lang: str) -> str:
    labels = ACTION_LABELS[lang]
    return text(
        "collect.row.later",
        lang,
        action=labels[new.action],
        on=new.on.isoformat(),
        later=labels[later.action],
        later_on=later.on.isoformat(),
        by=later.by,
    )


def _row_error(submission: Submission, change: RowChange, problem: str, lang: str) -> RowError:
    header = submission.headers["date"]
    line = text(
        "collect.err.at",
        lang,
        file=submission.file,
        sheet=change.sheet,
        row=change.row,
        column=header,
        problem=problem,
    )
    return RowError(submission.file, change.sheet, change.row, header, line)
