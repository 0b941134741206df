"""Pure: the plain rows of the collect modules, from the registry's tasks and
their states, so a command only adds what 分工 and the lights say.

What comes from elsewhere is passed in as plain values: the role and
milestone text (分工), the light and its reason (lights), the lead units,
partners and leaders, the latest 存在问题 / 下步措施 (the event model).
"""

from __future__ import annotations

from gwr_cli.collect.ledger_workbook import LedgerEventRow, LedgerTaskRow
from gwr_cli.collect.template import TemplateRow
from gwr_cli.collect.validate import Reported, TaskFacts
from gwr_cli.messages import localized
from gwr_cli.registry import Task
from gwr_cli.status import TaskState


def task_unit(task: Task, lang: str) -> str:
    """The task's unit in `lang`; in English the Chinese one when `unit_en` is
    empty, as every other output shows it (`messages.localized`)."""
    return localized(task, "unit", lang) or ""


def template_row(
    state: TaskState,
    lang: str,
    *,
    role: str,
    milestone: str = "",
    light: str = "",
    light_reason: str = "",
) -> TemplateRow:
    """One task's row of a unit's 填报表. role: "lead" or "partner"."""
    from gwr_cli.views import progress_text

    task = state.task
    recorded = state.last_on is not None
    return TemplateRow(
        task_id=task.id,
        title=localized(task, "title", lang),
        quote=task.source,
        deadline=task.deadline,
        target=task.target,
        unit=task_unit(task, lang) if task.target is not None else "",
        # No Chinese milestone in an English template (localized's fallback=False).
        milestone=milestone or localized(task, "milestone", lang, fallback=False) or "",
        role=role,
        last_progress=progress_text(state, lang) if recorded else "",
        last_status=state.status if recorded else "",
        last_on=state.last_on,
        last_note=state.last_note,
        light=light,
        light_reason=light_reason,
    )


def task_facts(state: TaskState, lang: str, reported: Reported | None = None) -> TaskFacts:
    """What validation needs of a task: its target and unit, its state now, and
    what the importing unit already reported for it this period
    (`validate.reported_in_period`)."""
    task = state.task
    return TaskFacts(
        task_id=task.id,
        target=task.target,
        unit=task_unit(task, lang),
        status=state.status,
        value=state.value,
        started_on=state.started_on,
        done_on=state.done_on,
        reported=reported or Reported(),
    )


def ledger_task_row(
    state: TaskState,
    lang: str,
    *,
    expected_percent: float,
    lead: tuple[str, ...] = (),
    partners: tuple[str, ...] = (),
    leader: tuple[str, ...] = (),
    light: str = "",
    light_reason: str = "",
    problems: str = "",
    next_steps: str = "",
) -> LedgerTaskRow:
    """One task's row of the 台账 sheet (expected_percent: 序时进度, 0..100)."""
    task = state.task
    return LedgerTaskRow(
        task_id=task.id,
        title=localized(task, "title", lang),
        lead=lead,
        partners=partners,
        leader=leader,
        deadline=task.deadline,
        target=task.target,
        unit=task_unit(task, lang),
        value=state.reported_value if task.target is not None else state.percent,
        percent=state.percent,
        status=state.status,
        light=light,
        light_reason=light_reason,
        expected_percent=expected_percent,
        note=state.last_note,
        problems=problems,
        next=next_steps,
        source=task.source,
    )


def ledger_event_row(event, title: str) -> LedgerEventRow:
    """An event of the ledger (any object with the Event fields; `unit`,
    `problems` and `next` count as empty until the event model has them)."""
    return LedgerEventRow(
        on=event.on,
        at=event.at,
        task_id=event.task,
        title=title,
        action=event.action,
        value=event.value,
        note=event.note,
        problems=getattr(event, "problems", "") or "",
        next=getattr(event, "next", "") or "",
        unit=getattr(event, "unit", "") or "",
        by=event.by,
    )
