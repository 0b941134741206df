"""What the recording commands do: start, done, progress, block, note, reopen, undo.

Each handler takes the workspace and the command's parameters (declared for
Typer in `gwr_cli.commands.recording`); no Typer here (see `fast_path.py`)."""

from __future__ import annotations

import os
from collections.abc import Callable

from gwr_cli.command_io import echo
from gwr_cli.messages import STATUS_LABELS, localized, printable, text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.record import Change
    from gwr_cli.status import TaskState
    from gwr_cli.workspace import Workspace


def _summary_of(state: TaskState, lang: str, other: TaskState | None = None) -> str:
    from gwr_cli.views import progress_text

    label = STATUS_LABELS[lang][state.status]
    # A task reported in percent shows its percent once one is recorded, 0% too
    # (推进中 5% → 推进中 0%, not → 推进中): a zero is a value, not its absence.
    if state.task.target is not None or state.value is not None or state.percent > 0:
        return f"{label} {progress_text(state, lang, other)}"
    return label


def confirm_head(
    head_key: str, action: str, record: object | None, record_id: str, lang: str
) -> str:
    """已记录：进展 · id 标题 — the start every confirmation shares (task or
    indicator, record or undo): what was done, to what, named by id and title
    (no title when the registry no longer holds the id)."""
    from gwr_cli.messages import ACTION_LABELS

    title = localized(record, "title", lang) if record is not None else ""
    line = text(
        "confirm.head", lang, head=text(head_key, lang), action=ACTION_LABELS[lang][action],
        task=record_id, title=title,
    )  # fmt: skip
    return line.rstrip()


def _value_of(indicator: object, value: float | None, lang: str) -> str:
    from gwr_cli.messages import fmt_amount

    if value is None:
        return text("confirm.no_value", lang)
    return fmt_amount(value, localized(indicator, "unit", lang), lang, against=indicator.target)


def _confirm(change: Change, lang: str) -> None:
    event = change.event
    head_key = "undone" if change.undone else "recorded"
    action = change.undone.action if change.undone else event.action
    record = change.task if change.task is not None else change.indicator
    line = confirm_head(head_key, action, record, event.task, lang)
    if change.before is not None and change.after is not None:
        before = _summary_of(change.before, lang, change.after)
        after = _summary_of(change.after, lang, change.before)
        if before != after:
            line += f" · {before} → {after}"
    elif change.indicator is not None:  # an indicator's value undone: its value then and now
        before = _value_of(change.indicator, change.value_before, lang)
        after = _value_of(change.indicator, change.value_after, lang)
        if before != after:
            line += f" · {before} → {after}"
    when = change.undone.on if change.undone else event.on
    line += text("confirm.on", lang, on=when.isoformat())
    shown_or_said(printable(line, single_line=True), text(head_key, lang), event.task, lang)


def shown_or_said(line: str, head: str, task_id: str, lang: str, see: str = "") -> None:
    """The confirmation `line` on standard output; see `confirmed`."""
    confirmed(lambda: echo(line), head, task_id, lang, see)


def confirmed(write: Callable[[], None], head: str, subject: str, lang: str, see: str = "") -> None:
    """Run `write` (a recording's confirmation on standard output, already
    recorded); when standard output cannot take it (a full disk under
    `gwr done X > file`), one line on stderr saying that the change is recorded
    all the same (`head`, `subject`; `see`: where to read it, `gwr show
    <subject>` by default), and the exit code stays 0: a script that retried on
    an error would record it twice (as for a closed stdout, cli.py)."""
    import sys

    from gwr_cli.errors import InputError

    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader left (`gwr done X | head -0`): as for any command
    except (OSError, InputError) as error:
        reason = error.params["reason"] if isinstance(error, InputError) else error
        see = see or f"gwr show {subject}"
        said = text("confirm.unshown", lang, head=head, task=subject, reason=reason, see=see)
        sys.stderr.write(printable(said, single_line=True) + "\n")
        # What could not be written is dropped, not tried again on the way out.
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _record(
    session: Workspace,
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
    change = session.record(
        task_id,
        action,
        on=on,
        value=value,
        note=note,
        problems=problems,
        next_steps=next_steps,
        unit=unit,
    )
    _confirm(change, session.lang)


def _status_change(action: str) -> Callable[..., None]:
    """The handler of `gwr start|done|block|reopen`: the same parameters, one action.

    A start is a unit's report like any other (an imported 推进中 row records
    one with its unit and texts), so a clerk can type it on the unit's behalf.
    """

    def handler(
        session: Workspace,
        task_id: str,
        note: str = "",
        on: str | None = None,
        problems: str = "",
        next_steps: str = "",
        unit: str = "",
    ) -> None:
        _record(
            session, task_id, action, note, on, problems=problems, next_steps=next_steps, unit=unit
        )

    handler.__name__ = handler.__qualname__ = action
    return handler


start = _status_change("start")
done = _status_change("done")
block = _status_change("block")
reopen = _status_change("reopen")


def progress(
    session: Workspace,
    task_id: str,
    value: str,
    note: str = "",
    on: str | None = None,
    problems: str = "",
    next_steps: str = "",
    unit: str = "",
) -> None:
    """Record progress; reaching the target marks the task done."""
    _record(
        session,
        task_id,
        "progress",
        note,
        on,
        value=value,
        problems=problems,
        next_steps=next_steps,
        unit=unit,
    )


def note(
    session: Workspace,
    task_id: str,
    note_text: str,
    on: str | None = None,
    problems: str = "",
    next_steps: str = "",
    unit: str = "",
) -> None:
    """Add a note to a task without changing its status."""
    _record(
        session, task_id, "note", note_text, on, problems=problems, next_steps=next_steps, unit=unit
    )


def undo(session: Workspace, note: str = "", on: str | None = None) -> None:
    """Cancel your last recorded action (nothing is deleted): every event of
    an import together, then one line with how many were undone."""
    changes = session.undo(on=on, note=note)
    for change in changes:
        _confirm(change, session.lang)
    if changes[0].undone is not None and changes[0].undone.batch:
        echo(text("undo.write", session.lang, count=len(changes)))
