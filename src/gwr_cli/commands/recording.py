"""Commands that record: start, done, progress, block, note, reopen, undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gwr_cli.app import (
    NoteOption,
    OnOption,
    app,
    complete_task,
    echo,
    session_of,
)
from gwr_cli.messages import STATUS_LABELS, localized, printable, text

if TYPE_CHECKING:
    from gwr_cli.record import Change
    from gwr_cli.status import TaskState


ProblemsOption = Annotated[
    str, typer.Option("--problems", metavar="TEXT", help="存在问题: what holds the task up.")
]
NextOption = Annotated[
    str, typer.Option("--next", metavar="TEXT", help="下步措施: what will be done next.")
]
UnitOption = Annotated[
    str,
    typer.Option(
        "--unit", metavar="UNIT", help="The unit that reported (a 分工 unit, name or unique part)."
    ),
]

TaskArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="Task id or unique prefix.", autocompletion=complete_task),
]


def _summary_of(state: TaskState, lang: str) -> str:
    from gwr_cli.views import progress_text

    label = STATUS_LABELS[lang][state.status]
    if state.task.target is not None or state.percent > 0:
        return f"{label} {progress_text(state, lang)}"
    return label


def _confirm(change: Change, lang: str) -> None:
    from gwr_cli.messages import ACTION_LABELS

    event = change.event
    title = ""
    if change.task is not None:
        title = localized(change.task, "title", lang)
    head = text("undone" if change.undone else "recorded", lang)
    action = ACTION_LABELS[lang][change.undone.action if change.undone else event.action]
    line = text("confirm.head", lang, head=head, action=action, task=event.task, title=title)
    if change.before is not None and change.after is not None:
        before, after = _summary_of(change.before, lang), _summary_of(change.after, lang)
        if before != after:
            line += f" · {before} → {after}"
    when = change.undone.on if change.undone else event.on
    line += text("confirm.on", lang, on=when.isoformat())
    echo(printable(line, single_line=True))


def _record(
    ctx: typer.Context,
    task_id: str,
    action: str,
    note: str,
    on: str | None,
    value: str | None = None,
    *,
    problems: str = "",
    next_steps: str = "",
    unit: str = "",
) -> None:
    workspace = session_of(ctx)
    change = workspace.record(
        task_id,
        action,
        on=on,
        value=value,
        note=note,
        problems=problems,
        next_steps=next_steps,
        unit=unit,
    )
    _confirm(change, workspace.lang)


@app.command()
def start(
    ctx: typer.Context,
    task_id: TaskArgument,
    note: NoteOption = "",
    on: OnOption = None,
    problems: ProblemsOption = "",
    next_steps: NextOption = "",
    unit: UnitOption = "",
) -> None:
    """Mark a task as started."""
    # A start is a unit's report like any other (an imported 推进中 row records one
    # with its unit and texts), so a clerk can type it on the unit's behalf too.
    _record(ctx, task_id, "start", note, on, problems=problems, next_steps=next_steps, unit=unit)


@app.command()
def done(
    ctx: typer.Context,
    task_id: TaskArgument,
    note: NoteOption = "",
    on: OnOption = None,
    problems: ProblemsOption = "",
    next_steps: NextOption = "",
    unit: UnitOption = "",
) -> None:
    """Mark a task as done."""
    _record(ctx, task_id, "done", note, on, problems=problems, next_steps=next_steps, unit=unit)


# A negative value must reach the command to be refused with a clear message,
# not be mistaken for an unknown option.
@app.command(
    context_settings={"ignore_unknown_options": True},
    short_help="Record progress; reaching the target marks the task done.",
)
def progress(
    ctx: typer.Context,
    task_id: TaskArgument,
    value: Annotated[
        str,
        typer.Argument(metavar="VALUE", help="Value in the task's unit (32), or a percent (40%)."),
    ],
    note: NoteOption = "",
    on: OnOption = None,
    problems: ProblemsOption = "",
    next_steps: NextOption = "",
    unit: UnitOption = "",
) -> None:
    """Record progress (--note 进展情况, --problems, --next); the target marks it done."""
    _record(
        ctx,
        task_id,
        "progress",
        note,
        on,
        value=value,
        problems=problems,
        next_steps=next_steps,
        unit=unit,
    )


@app.command()
def block(
    ctx: typer.Context,
    task_id: TaskArgument,
    note: NoteOption = "",
    on: OnOption = None,
    problems: ProblemsOption = "",
    next_steps: NextOption = "",
    unit: UnitOption = "",
) -> None:
    """Mark a task as blocked (--note says why)."""
    _record(ctx, task_id, "block", note, on, problems=problems, next_steps=next_steps, unit=unit)


@app.command()
def note(
    ctx: typer.Context,
    task_id: TaskArgument,
    note_text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    on: OnOption = None,
    problems: ProblemsOption = "",
    next_steps: NextOption = "",
    unit: UnitOption = "",
) -> None:
    """Add a note to a task without changing its status."""
    _record(
        ctx, task_id, "note", note_text, on, problems=problems, next_steps=next_steps, unit=unit
    )


@app.command()
def reopen(
    ctx: typer.Context,
    task_id: TaskArgument,
    note: NoteOption = "",
    on: OnOption = None,
    problems: ProblemsOption = "",
    next_steps: NextOption = "",
    unit: UnitOption = "",
) -> None:
    """Reopen a done or blocked task."""
    _record(ctx, task_id, "reopen", note, on, problems=problems, next_steps=next_steps, unit=unit)


@app.command()
def undo(ctx: typer.Context, note: NoteOption = "", on: OnOption = None) -> None:
    """Cancel your last recorded action (nothing is deleted)."""
    workspace = session_of(ctx)
    _confirm(workspace.undo(on=on, note=note), workspace.lang)
