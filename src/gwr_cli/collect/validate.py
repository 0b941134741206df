"""Pure: a unit's filled rows -> the events it meant, or every mistake at once.

Inputs are plain data: the raw rows of `read.py`, the facts of each task as
the ledger has them now (`TaskFacts`), the tasks the unit leads or supports,
the date of today. Every row is checked, and every error is returned (file,
sheet, row, column, what would be right), so a unit fixes its sheet in one go.

A row means (状态 = status, 本期完成值 = value, 进展情况 / 存在问题 / 下步措施 = texts):
- nothing in the six input columns (填报日期 alone counts as nothing): skipped;
- a value: `progress` (a value reaching the target, or 100%, completes the task);
- 已完成: `done` (after `progress` when a lower value is given too);
- 受阻: `block` (after `progress` when a value is given), the reason in
  存在问题 or 进展情况; 推进中 on a task not started: `start`, on a blocked
  one: `reopen`; 未启动 is only right for a task not started;
- texts alone, or texts that changed beside an unchanged state: `note`.
The texts ride on the row's last event; `on` is 填报日期, else the period's
last day, never after today.

Idempotence (the rule import relies on). A row's value and status are
recorded only when they differ both from the task's current state and from
what this unit last reported for the task in this period; its texts only
when they differ from the texts this unit last reported for it in this
period (`Reported`, computed by `reported_in_period` from the unit's
effective events since the period started). So importing the same file twice
records nothing the second time, a corrected re-submission records only what
changed, and an older file re-imported after the office recorded newer
progress does not turn the value back.

Kept in one module (about 380 lines, a third of them this docstring): the rules
above and the code that applies them are read together. A cell's own reading
is in cells.py; a plan shown to the user is in plan_text.py.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Iterable, Mapping

from gwr_cli.collect import Period
from gwr_cli.collect.cells import _as_text, _parse_date, _parse_status
from gwr_cli.collect.read import RawCell, RawRow, Submission
from gwr_cli.errors import InputError
from gwr_cli.events import NumberRefused, kept, kept_float, kept_problem, parse_number
from gwr_cli.messages import STATUS_LABELS, fmt_number, text
from gwr_cli.records import Record
from gwr_cli.refused import progress_problem, text_problem

_SAME = 1e-9


class Reported(Record):
    """What one unit last reported for one task in the period (empty: nothing)."""

    value: float | None = None
    status: str | None = None
    note: str = ""
    problems: str = ""
    next: str = ""


class TaskFacts(Record):
    """One task as the ledger has it now, with what this unit reported in the period."""

    task_id: str
    target: float | None  # None: the unit reports a percent
    unit: str  # the target's unit in the user's language, for messages ("公里")
    status: str  # current status key
    value: float | None  # current value: task unit, or percent without a target
    started_on: dt.date | None = None
    done_on: dt.date | None = None
    reported: Reported = Reported()


class ProposedEvent(Record):
    """An event for the workspace to record (in this order, under one lock)."""

    task: str
    action: str  # start, progress, done, block, reopen, note
    on: dt.date
    value: float | None
    note: str  # 进展情况
    problems: str  # 存在问题
    next: str  # 下步措施
    unit: str  # the workbook's unit, for the event's `unit`


class RowChange(Record):
    sheet: str
    row: int
    task: str
    events: tuple[ProposedEvent, ...]
    before_status: str
    before_value: float | None
    after_status: str
    after_value: float | None


class RowError(Record):
    file: str
    sheet: str
    row: int
    column: str  # the header as it reads in the file ("本期完成值")
    message: str  # the whole line, in the user's language


def row_error(
    submission: Submission, sheet: str, row: int, column: str, problem: str, lang: str
) -> RowError:
    """`problem` at `column` (a template key: "date", "value"…) of a row, as one line
    naming the file, sheet, row and the column's header as it reads in the file."""
    header = submission.headers[column]
    line = text(
        "collect.err.at",
        lang,
        file=submission.file,
        sheet=sheet,
        row=row,
        column=header,
        problem=problem,
    )
    return RowError(submission.file, sheet, row, header, line)


class ImportPlan(Record):
    file: str
    unit: str
    period: Period
    changes: tuple[RowChange, ...]  # only rows that record something
    errors: tuple[RowError, ...]  # every error of every row; record nothing if any
    skipped: int  # rows with nothing filled in
    unchanged: int  # rows that say what is already recorded

    @property
    def events(self) -> list[ProposedEvent]:
        return [event for change in self.changes for event in change.events]


def reported_in_period(
    events: Iterable[object], task_id: str, target: float | None, unit: str, since: dt.date
) -> Reported:
    """What `unit` last reported for a task from `since` on.

    events: effective events (undone ones left out), oldest first, with the
    attributes task, action, on, value, note and, once the event model has
    them, unit, problems, next (missing ones count as empty).
    """
    value = status = None
    note = problems = next_steps = ""
    full = 100.0 if target is None else target
    for event in events:
        if getattr(event, "task", None) != task_id or getattr(event, "unit", "") != unit:
            continue
        if event.on < since:
            continue
        action = event.action
        if action == "progress":
            value = event.value
            status = "done" if value is not None and value >= full else "in-progress"
        elif action in ("start", "reopen"):
            status = "in-progress"
        elif action == "done":
            status = "done"
        elif action == "block":
            status = "blocked"
        elif action != "note":
            continue
        texts = (
            event.note or "",
            getattr(event, "problems", "") or "",
            getattr(event, "next", "") or "",
        )
        # A re-submission records a changed value without repeating unchanged texts:
        # an event without texts leaves the unit's last texts standing, so the same
        # file imported again is not taken for new texts.
        if any(texts):
            note, problems, next_steps = texts
    return Reported(value, status, note, problems, next_steps)


def validate_submission(
    submission: Submission,
    tasks: Mapping[str, TaskFacts],
    unit_tasks: Collection[str] | None,
    today: dt.date,
    lang: str,
) -> ImportPlan:
    """Check every row and plan its events (see the module's rules).

    tasks: facts of every registry task (at least those of the unit).
    unit_tasks: ids the workbook's unit leads or supports in 分工; None when
    the unit is not in 分工 at all, which refuses the whole file (InputError).
    """
    meta = submission.meta
    if unit_tasks is None:
        raise InputError(
            text("collect.err.unknown_unit", lang, file=submission.file, unit=meta.unit)
        )
    # A workbook lists the rows gwr wrote; a CSV does not, and is held to the unit's tasks.
    written = None if meta.task_ids is None else set(meta.task_ids)
    seen: dict[str, int] = {}
    changes: list[RowChange] = []
    errors: list[RowError] = []
    skipped = unchanged = 0
    for raw in submission.rows:
        row_errors: list[tuple[str, str]] = []  # (column key, problem)

        def fail(column: str, key: str, _errors=row_errors, **values: object) -> None:
            _errors.append((column, text(key, lang, **values)))

        filled = any(raw.cells[c].value is not None for c in _MEANINGFUL)
        task_id = _as_text(raw.cells["id"]).strip()
        facts = tasks.get(task_id)
        if not task_id:
            fail("id", "collect.row.added")
        elif (written is not None and task_id not in written) or facts is None:
            fail("id", "collect.row.edited_id", value=task_id)
        elif task_id in seen:
            fail("id", "collect.row.duplicate", value=task_id, other=seen[task_id])
        elif task_id not in unit_tasks:
            fail("id", "collect.row.other_unit", value=task_id, unit=meta.unit)
        if task_id and task_id not in seen:
            seen[task_id] = raw.row
        if not filled and not row_errors:
            skipped += 1
            continue
        value = status = on = None
        if facts is not None:
            value = _parse_value(raw.cells["value"], facts, fail)
        status = _parse_status(raw.cells["status"], fail)
        on = _parse_date(raw.cells["date"], meta.period, today, fail)
        texts = Reported(
            None,
            None,
            _as_text(raw.cells["note"]),
            _as_text(raw.cells["problems"]),
            _as_text(raw.cells["next"]),
        )
        change = None
        if not row_errors and facts is not None:
            change = _plan_row(raw, facts, value, status, texts, on, meta.unit, fail, lang)
        if row_errors:
            for column, problem in row_errors:
                errors.append(row_error(submission, raw.sheet, raw.row, column, problem, lang))
        elif change is None:
            unchanged += 1
        else:
            changes.append(change)
    return ImportPlan(
        submission.file, meta.unit, meta.period, tuple(changes), tuple(errors), skipped, unchanged
    )


_MEANINGFUL = ("value", "status", "note", "problems", "next")


def _parse_value(cell: RawCell, facts: TaskFacts, fail) -> float | None:
    raw = cell.value
    if raw is None:
        return None
    percent_mode = facts.target is None
    shown = _as_text(cell)
    if cell.formula:
        fail("value", "collect.row.formula", value=shown)
        return None
    is_percent = False
    # The rule of every number gwr is given (events.parse_number, kept_problem):
    # a number cell on its float, a text cell on the digits typed.
    if isinstance(raw, int | float):  # a bool (TRUE typed) is refused as not a number
        problem = kept_problem(raw)
        number = 0.0 if problem else kept_float(raw)
        if problem and not isinstance(raw, bool):
            shown = str(raw)  # all its digits: fmt_number would show a kept neighbour
    else:
        # Full-width digits and signs from a Chinese input method count as digits.
        normal = unicodedata.normalize("NFKC", shown).replace(",", "").strip()
        is_percent = normal.endswith("%")
        try:
            number, problem = parse_number(normal.removesuffix("%").strip()), None
        except NumberRefused as refused:
            number, problem = 0.0, refused.problem
    if problem:
        if percent_mode:
            fail("value", "collect.row.bad_percent", value=shown, problem=problem)
        else:
            example = fmt_number(round(facts.target * 0.6)) if facts.target else "30"
            fail(
                "value",
                "collect.row.bad_number",
                value=shown,
                problem=problem,
                unit=facts.unit,
                example=example,
            )
        return None
    # The rule of typed progress and of `gwr check` (refused.progress_problem).
    problem = progress_problem(number, percent_mode or is_percent)
    if problem is not None and problem.key == "refused.negative":
        fail("value", "collect.row.negative", value=shown)
        return None
    if problem is not None and percent_mode:
        fail("value", "collect.row.percent_over", value=shown)
        return None
    if problem is not None:
        # A task with a target may be given a percent of it, but the message must not
        # claim the task is reported in percent: it names its unit instead.
        example = fmt_number(round(facts.target * 0.6)) if facts.target else "30"
        fail(
            "value",
            "collect.row.percent_of_target_over",
            value=shown,
            unit=facts.unit,
            example=example,
        )
        return None
    if is_percent and not percent_mode:
        return kept(facts.target * (number / 100.0))  # divided first, as record.py does
    return number


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "?"


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < _SAME


def _plan_row(
    raw: RawRow,
    facts: TaskFacts,
    value: float | None,
    status: str | None,
    texts: Reported,
    on: dt.date,
    unit: str,
    fail,
    lang: str,
) -> RowChange | None:
    current = facts.status
    reported = facts.reported
    full = 100.0 if facts.target is None else facts.target
    # A note is worth recording when any of the three says something (refused.text_problem).
    has_text = text_problem("note", texts.note, texts.problems, texts.next) is None
    texts_changed = has_text and (texts.note, texts.problems, texts.next) != (
        reported.note,
        reported.problems,
        reported.next,
    )
    new_value = value is not None and not (
        _same(value, facts.value) or _same(value, reported.value)
    )
    # A status already in the ledger, or already reported by this unit this
    # period, is not news (see the module's idempotence rule).
    new_status = status is not None and status != current and status != reported.status

    actions: list[str] = []
    # A row dated before the task's done is a backfill, as `gwr progress X 10%
    # --on <earlier>` is: the state machine (importing._conflict) judges it
    # against the records around it, not against today's status.
    backfill = facts.done_on is not None and on < facts.done_on
    if current == "done" and not backfill:
        reaches = value is None or value >= full or not new_value
        if (status is not None and status != "done" and new_status) or not reaches:
            label = STATUS_LABELS[lang][status or "in-progress"]
            fail("status" if status else "value", "collect.row.already_done",
                 date=_day(facts.done_on), status=label)  # fmt: skip
            return None
    elif status == "not-started":
        if value is not None:
            fail("value", "collect.row.not_started_value")
            return None
        if current != "not-started" and new_status:
            fail("status", "collect.row.cannot_unstart", date=_day(facts.started_on))
            return None
    else:
        if new_value:
            actions.append("progress")
        if status == "done" and (new_status or new_value) and not (new_value and value >= full):
            actions.append("done")
        elif status == "blocked" and (new_status or new_value):
            if text_problem("block", texts.note, texts.problems, texts.next) is not None:
                fail("problems", "collect.row.block_reason")
                return None
            actions.append("block")
        elif status == "in-progress" and new_status and not new_value:
            actions.append("start" if current == "not-started" else "reopen")
    if texts_changed and not actions:
        actions.append("note")
    if not actions:
        return None

    events = []
    for index, action in enumerate(actions):
        last = index == len(actions) - 1
        carry = last and (texts_changed or action == "block")
        events.append(
            ProposedEvent(
                task=facts.task_id,
                action=action,
                on=on,
                value=value if action == "progress" else None,
                note=texts.note if carry else "",
                problems=texts.problems if carry else "",
                next=texts.next if carry else "",
                unit=unit,
            )
        )
    after_status, after_value = current, facts.value
    for action in actions:
        if action in ("start", "reopen"):
            after_status = "in-progress"
        elif action == "progress":
            after_value = value
            after_status = "done" if value >= full else "in-progress"
        elif action == "done":
            after_status = "done"
        elif action == "block":
            after_status = "blocked"
    return RowChange(raw.sheet, raw.row, facts.task_id, tuple(events), current, facts.value,
                     after_status, after_value)  # fmt: skip
