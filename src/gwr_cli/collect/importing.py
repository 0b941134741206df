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
from collections.abc import Iterable, Iterator, Mapping, Sequence

from gwr_cli.collect.validate import (
    ImportPlan,
    ProposedEvent,
    RowChange,
    RowError,
    TaskFacts,
    reported_in_period,
    row_error,
    validate_submission,
)
from gwr_cli.events import Event, new_event_id, now_utc
from gwr_cli.messages import ACTION_LABELS, STATUS_LABELS, text
from gwr_cli.records import Record
from gwr_cli.status import (
    CHRONOLOGICAL,
    TaskState,
    effective_events,
    fold_task,
    states_from_effective,
)

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.collect.read import Submission
    from gwr_cli.registry import Registry, Task


class ImportResult(Record):
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
    events to append; `by` = author, `unit` = each workbook's unit, `batch` one
    new id shared by every event of the import.

    Raises InputError (one line) for a workbook whose unit is not in 分工.
    """
    events = list(events)
    plans: list[ImportPlan] = []
    errors: list[RowError] = []
    planned: list[Event] = []
    seq = max((e.seq for e in events), default=0) + 1
    # Every event of the import (all files) shares one batch id: one write,
    # which one `gwr undo` takes back whole.
    batch = new_event_id()
    last_at = max((e.at for e in events), default=None)
    # Folded once; after each file only the tasks it touched are folded again
    # (an import adds no undo, so what counts stays what counted).
    effective = effective_events(events)
    by_task: dict[str, list[Event]] = {}
    by_unit: dict[str, list[Event]] = {}
    for event in effective:
        by_task.setdefault(event.task, []).append(event)
        if event.unit:
            by_unit.setdefault(event.unit, []).append(event)
    states = states_from_effective(registry, effective, None)
    for submission in submissions:
        unit = submission.meta.unit
        unit_tasks = _unit_tasks(assignments, unit)
        since = submission.meta.period.start
        facts = _Facts(states, by_unit.get(unit, ()), unit, since, lang)
        plan = validate_submission(submission, facts, unit_tasks, today, lang)
        file_errors = list(plan.errors)
        file_events: list[Event] = []
        shown: list[RowChange] = []  # each change with the states the ledger will hold
        if not file_errors:
            for change in plan.changes:
                task = states[change.task].task
                new = []
                for proposed in change.events:
                    at = now_utc()
                    if last_at is not None and at <= last_at:
                        at = last_at + dt.timedelta(microseconds=1)
                    last_at = at
                    new.append(_event(proposed, author, at, seq, batch))
                    seq += 1
                problem = _conflict(task, by_task.get(task.id, []), new, lang)
                if problem is not None:
                    file_errors.append(
                        row_error(submission, change.sheet, change.row, "date", problem, lang)
                    )
                    continue
                file_events.extend(new)
                shown.append(_as_folded(change, task, by_task.get(task.id, []), new, file_events))
            plan = plan._replace(changes=tuple(shown))
        plans.append(plan)
        errors.extend(file_errors)
        if file_errors:
            continue
        planned.extend(file_events)
        for event in file_events:
            by_unit.setdefault(event.unit, []).append(event)
            history = by_task.setdefault(event.task, [])
            history.append(event)
            history.sort(key=CHRONOLOGICAL)
        for task_id in {event.task for event in file_events}:
            state = states[task_id]
            states[task_id] = fold_task(state.task, by_task[task_id], None)
    return ImportResult(tuple(plans), tuple(errors), tuple(planned) if not errors else ())


def _as_folded(
    change: RowChange, task: Task, history: list[Event], new: list[Event], planned: list[Event]
) -> RowChange:
    """The change with the before and after the ledger will show, folded as a
    typed record's confirmation is: a row dated before a later record of the
    task leaves its current state as it was (30 → 30, not 30 → 40), and a
    row after an earlier row of the same file starts from that row's state."""
    earlier = [e for e in planned if e.task == task.id and e not in new]
    before = fold_task(task, sorted([*history, *earlier], key=CHRONOLOGICAL), None)
    after = fold_task(task, sorted([*history, *earlier, *new], key=CHRONOLOGICAL), None)
    return change._replace(
        before_status=before.status, before_value=before.value,
        after_status=after.status, after_value=after.value,
    )  # fmt: skip


class _Facts(Mapping):
    """Task id -> TaskFacts, made when validation asks (a workbook names a few
    tasks of a registry that may hold thousands)."""

    def __init__(
        self,
        states: dict[str, TaskState],
        unit_events: Sequence[Event],
        unit: str,
        since: dt.date,
        lang: str,
    ) -> None:
        self.states, self.unit, self.since, self.lang = states, unit, since, lang
        self.mine: dict[str, list[Event]] = {}
        for event in unit_events:
            if event.on >= since:
                self.mine.setdefault(event.task, []).append(event)

    def __getitem__(self, task_id: str) -> TaskFacts:
        from gwr_cli.collect.rows import task_facts

        state = self.states[task_id]
        reported = None
        if task_id in self.mine:
            # Oldest first, as reported_in_period reads them.
            ordered = sorted(self.mine[task_id], key=CHRONOLOGICAL)
            target = state.task.target
            reported = reported_in_period(ordered, task_id, target, self.unit, self.since)
        return task_facts(state, self.lang, reported)

    def __iter__(self) -> Iterator[str]:
        return iter(self.states)

    def __len__(self) -> int:
        return len(self.states)


def _unit_tasks(assignments: Assignments, unit: str) -> set[str] | None:
    """Ids the unit leads or supports; None when 分工 does not name it."""
    if unit not in {u.name for u in assignments.units()}:
        return None
    lead, partner = assignments.tasks_of_unit(unit)
    return {*lead, *partner}


def _event(proposed: ProposedEvent, author: str, at: dt.datetime, seq: int, batch: str) -> Event:
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
        batch=batch,
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
