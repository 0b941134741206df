"""What gwr refuses at input, as one rule for typed commands, imported rows and
`gwr check`.

A typed value or text that breaks the rule is refused in one line (record.py,
indicators.py, collect/validate.py); an event that breaks it and arrives by
hand or by a merge is still read as written (no data is lost, no ledger
refused for a value that parses) and `gwr check` lists it with its file and
line (`refused_lines`). The rule:

- a number gwr keeps (events.kept_problem: 15 significant digits, 0 or 1e-307
  to 1e308 in size), for every value;
- a progress value is not negative, and a percent (a task without a numeric
  target, or a value typed with %) is at most 100;
- a value belongs to a progress or an indicator (no command writes one on
  another action, and the fold does not count it);
- a note says something: 进展情况, 存在问题 or 下步措施 (a problem or a next
  step alone is a report worth recording, as an imported row with only 存在问题
  is); a block says why: 进展情况 or 存在问题;
- what happened is dated today or earlier (`--on` is never in the future).
"""

from __future__ import annotations

from gwr_cli.messages import Msg

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from gwr_cli.events import Event
    from gwr_cli.registry import Registry


def progress_problem(value: float, in_percent: bool) -> Msg | None:
    """Why a progress value is refused (None: accepted): `value` in the task's
    unit, or a percent when `in_percent`. The messages follow the value."""
    if value < 0:
        return Msg("refused.negative")
    if in_percent and value > 100:
        return Msg("refused.above_100")
    return None


def text_problem(action: str, note: str, problems: str, next_steps: str) -> Msg | None:
    """Why a note or a block says too little to be recorded (None: it says enough)."""
    if action == "note" and not (note.strip() or problems.strip() or next_steps.strip()):
        return Msg("refused.empty_note")
    if action == "block" and not (note.strip() or problems.strip()):
        return Msg("refused.no_reason")
    return None


def refused_events(
    registry: Registry, events: Iterable[Event], today: dt.date | None = None
) -> list[tuple[Event, Msg]]:
    """The events a typed command would have been refused for, with the reason
    (`progress_problem`, `text_problem`, a date after `today`), in the order
    given. Values gwr cannot keep are listed apart (events.unkept_values);
    events of unknown tasks are orphans (status.orphan_events)."""
    from gwr_cli.events import kept_problem

    in_percent = {task.id: task.target is None for task in registry.tasks}
    found = []
    for event in events:
        action = event.action
        problem = None
        if action == "progress" and event.task in in_percent:
            value = event.value
            if value is not None and kept_problem(value) is None:
                problem = progress_problem(value, in_percent[event.task])
        elif event.value is not None and action not in ("progress", "indicator"):
            problem = Msg("refused.value_not_taken")  # no command writes one; the fold ignores it
        if problem is None and action in ("note", "block"):
            problem = text_problem(action, event.note, event.problems, event.next)
        if problem is None and today is not None and event.on > today and action != "undo":
            # --on is never in the future; such an event counts from its date on (an
            # undo cancels at any date: its own date changes nothing)
            problem = Msg("refused.future", on=event.on.isoformat(), today=today.isoformat())
        if problem is not None:
            found.append((event, problem))
    return found


def event_params(event: Event, lang: str) -> dict[str, object]:
    """How `gwr check` names a ledger event in its lines: file, line, id,
    action (worded in `lang`) and task."""
    from gwr_cli.messages import ACTION_LABELS

    return {"file": event.file, "line": event.line, "id": event.id,
            "action": ACTION_LABELS[lang][event.action], "task": event.task}  # fmt: skip


def refused_lines(
    registry: Registry, events: Iterable[Event], lang: str, today: dt.date | None = None
) -> list[str]:
    """`gwr check`'s listing of `refused_events`: a header, then one line per
    event naming file:line (none when the ledger keeps the rule). A warning,
    not a failure: such events are read and counted as written."""
    from gwr_cli.events import toml_number
    from gwr_cli.messages import printable, text

    found = refused_events(registry, events, today)
    if not found:
        return []
    lines = [text("check.refused", lang, count=len(found))]
    for event, problem in found:
        line = text(
            "check.refused_event",
            lang,
            **event_params(event, lang),
            what=problem
            if event.value is None
            else Msg("check.refused_value", value=toml_number(event.value), problem=problem),
        )
        lines.append("  " + printable(line, single_line=True))
    return lines
