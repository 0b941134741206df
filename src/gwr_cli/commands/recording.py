"""The recording commands as Typer declares them: start, done, progress,
block, note, reopen, undo. What each does is its handler
(`gwr_cli.handlers.recording`)."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import NoteOption, OnOption, app, complete_task, runs
from gwr_cli.handlers import recording as handlers

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


def _declare_status_change(action: str, doc: str) -> None:
    """Declare `gwr start|done|block|reopen`: the same parameters, one action each."""

    def declaration(
        ctx: typer.Context,
        task_id: TaskArgument,
        note: NoteOption = "",
        on: OnOption = None,
        problems: ProblemsOption = "",
        next_steps: NextOption = "",
        unit: UnitOption = "",
    ) -> None:
        pass

    declaration.__name__ = declaration.__qualname__ = action
    declaration.__doc__ = doc
    app.command()(runs(getattr(handlers, action))(declaration))


# Registered in the order of `gwr --help`.
_declare_status_change("start", "Mark a task as started.")
_declare_status_change("done", "Mark a task as done.")


# A negative value must reach the command to be refused with a clear message,
# not be mistaken for an unknown option.
@app.command(
    context_settings={"ignore_unknown_options": True},
    short_help="Record progress; reaching the target marks the task done.",
)
@runs(handlers.progress)
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


_declare_status_change("block", "Mark a task as blocked (--note says why).")


@app.command()
@runs(handlers.note)
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


_declare_status_change("reopen", "Reopen a done or blocked task.")


@app.command()
@runs(handlers.undo)
def undo(ctx: typer.Context, note: NoteOption = "", on: OnOption = None) -> None:
    """Cancel your last recorded action (nothing is deleted)."""
