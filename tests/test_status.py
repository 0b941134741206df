"""Task state as of different dates, folded from events."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SHIPPED_REGISTRY, make_event
from gwr_cli.errors import InputError
from gwr_cli.ledger import Ledger
from gwr_cli.record import parse_progress_value, plan_task_event, plan_undo
from gwr_cli.registry_load import load_registry
from gwr_cli.schedule_lights import schedules
from gwr_cli.status import last_undoable, orphan_events, task_states
from gwr_cli.tally import count
from gwr_cli.views import TaskFilter, select

REGISTRY = load_registry(SHIPPED_REGISTRY)
D = dt.date


def ev(task, action, on, value=None, by="zhang", cancels="", note=""):
    return make_event(task, action, on, value, by=by, cancels=cancels, note=note)


SEWER_HISTORY = [
    ev("sewer-pipes-50km", "start", D(2021, 3, 1)),
    ev("sewer-pipes-50km", "progress", D(2021, 5, 1), 18),
    ev("sewer-pipes-50km", "progress", D(2021, 5, 8), 24),
    ev("sewer-pipes-50km", "progress", D(2021, 11, 30), 50),
]


@pytest.mark.parametrize(
    ("as_of", "status", "value", "percent", "overdue"),
    [
        (D(2021, 2, 28), "not-started", None, 0, False),
        (D(2021, 3, 1), "in-progress", None, 0, False),
        (D(2021, 5, 7), "in-progress", 18, 36, False),
        (D(2021, 5, 9), "in-progress", 24, 48, False),
        (D(2021, 12, 1), "done", 50, 100, False),
    ],
)
def test_numeric_task_as_of_dates(as_of, status, value, percent, overdue):
    state = task_states(REGISTRY, SEWER_HISTORY, as_of)["sewer-pipes-50km"]
    assert (state.status, state.value, round(state.percent), state.overdue) == (
        status,
        value,
        percent,
        overdue,
    )


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [(D(2021, 6, 30), False), (D(2021, 7, 1), True), (D(2022, 1, 1), True)],
)
def test_overdue_is_derived_from_deadline_and_as_of(as_of, overdue):
    state = task_states(REGISTRY, [], as_of)["admin-centre-demolition"]  # due 2021-06-30
    assert state.overdue is overdue
    assert state.status == "not-started"


def test_done_is_never_overdue():
    events = [ev("admin-centre-demolition", "done", D(2021, 8, 1))]
    late = task_states(REGISTRY, events, D(2021, 9, 1))["admin-centre-demolition"]
    assert (late.status, late.overdue) == ("done", False)
    before = task_states(REGISTRY, events, D(2021, 7, 15))["admin-centre-demolition"]
    assert (before.status, before.overdue) == ("not-started", True)


def test_block_reopen_and_note():
    events = [
        ev("mall-haiyin", "start", D(2021, 3, 1)),
        ev("mall-haiyin", "block", D(2021, 4, 1), note="资金未到位"),
        ev("mall-haiyin", "note", D(2021, 4, 2), note="协调中"),
        ev("mall-haiyin", "reopen", D(2021, 5, 1)),
        ev("mall-haiyin", "done", D(2021, 9, 1)),
    ]
    states = [
        task_states(REGISTRY, events, D(2021, m, 15))["mall-haiyin"].status for m in (3, 4, 5, 9)
    ]
    assert states == ["in-progress", "blocked", "in-progress", "done"]
    assert task_states(REGISTRY, events, D(2021, 4, 15))["mall-haiyin"].last_note == "协调中"


def test_undo_cancels_the_event_at_every_date():
    done = ev("school-no16", "done", D(2021, 5, 1))
    undo = ev("school-no16", "undo", D(2021, 6, 1), cancels=done.id)
    for as_of in (D(2021, 5, 15), D(2021, 7, 1)):
        assert task_states(REGISTRY, [done, undo], as_of)["school-no16"].status == "not-started"


def test_last_undoable_skips_other_authors_and_undone_events():
    a = ev("school-no16", "start", D(2021, 3, 1), by="zhang")
    b = ev("school-no16", "note", D(2021, 3, 2), by="zhang", note="x")
    c = ev("school-changsha", "start", D(2021, 3, 3), by="li")
    undo_b = ev("school-no16", "undo", D(2021, 3, 4), by="zhang", cancels=b.id)
    assert last_undoable([a, b, c, undo_b], "zhang") == a
    assert last_undoable([a, b, c, undo_b], "li") == c
    assert last_undoable([], "zhang") is None


def test_orphan_events_are_reported_not_dropped():
    events = [ev("school-no16", "start", D(2021, 3, 1)), ev("gone-task", "done", D(2021, 3, 1))]
    assert [e.task for e in orphan_events(REGISTRY, events)] == ["gone-task"]


def test_tally_and_filters():
    events = [
        *SEWER_HISTORY,
        ev("school-no16", "done", D(2021, 5, 1)),
        ev("mall-haiyin", "block", D(2021, 4, 1), note="x"),
    ]
    by_id = task_states(REGISTRY, events, D(2021, 12, 31))
    states = by_id.values()
    counts = count(states, schedules(REGISTRY, by_id, D(2021, 12, 31)))
    assert (counts.done, counts.in_progress, counts.total) == (2, 0, len(REGISTRY.tasks))
    # The mall was blocked before any start: not started, and blocked.
    assert (counts.not_started, counts.blocked_not_started) == (counts.total - 2, 1)
    education_done = TaskFilter(areas=frozenset({"education"}), statuses=frozenset({"done"}))
    assert [s.task.id for s in select(states, education_done)] == ["school-no16"]
    assert all(s.task.chapter == 6 for s in select(states, TaskFilter(chapters=frozenset({6}))))
    assert [s.task.id for s in select(states, TaskFilter(searches=("污水",)))] == [
        "sewer-pipes-50km"
    ]
    # Values of one field: any of them; fields: all of them.
    either = select(states, TaskFilter(searches=("污水", "school-no16")))
    assert sorted(s.task.id for s in either) == ["school-no16", "sewer-pipes-50km"]
    done_or_blocked = TaskFilter(statuses=frozenset({"done", "blocked"}))
    assert sorted(s.task.id for s in select(states, done_or_blocked)) == [
        "mall-haiyin", "school-no16", "sewer-pipes-50km"
    ]  # fmt: skip
    # No criterion: every state in order (taken without looking at each), as matching would give.
    assert select(states, TaskFilter()) == [s for s in states if TaskFilter().matches(s)]
    assert len(select(states, TaskFilter(overdue=True))) < len(states)


SEWER = REGISTRY.task("sewer-pipes-50km")
PRESCHOOL = REGISTRY.task("preschool-5080")


@pytest.mark.parametrize(
    ("task", "typed", "expected"),
    [
        (SEWER, "32", 32.0),
        (SEWER, "32.5", 32.5),
        (SEWER, "40%", 20.0),
        (SEWER, "60", 60.0),
        (PRESCHOOL, "40%", 40.0),
        (PRESCHOOL, "40", 40.0),
        (PRESCHOOL, "0", 0.0),
    ],
)
def test_progress_values(task, typed, expected):
    assert parse_progress_value(task, typed) == expected


@pytest.mark.parametrize(
    ("task", "typed", "message"),
    [
        (SEWER, "-3", "negative"),
        (SEWER, "abc", "not a number"),
        (SEWER, "1e400", "is out of range"),
        (SEWER, "12345678901234567890123", "has 23 significant digits"),
        (SEWER, "140%", "above 100%"),
        (PRESCHOOL, "101", "above 100%"),
        (SEWER, "", "not a number"),
        (SEWER, "nan", "not a number"),
    ],
)
def test_bad_progress_values(task, typed, message):
    with pytest.raises(InputError, match=message):
        parse_progress_value(task, typed)


def test_planning_refuses_progress_on_a_done_task_but_allows_backfill():
    ledger = Ledger((ev("school-no16", "done", D(2021, 5, 1)),), ())
    task = REGISTRY.task("school-no16")
    with pytest.raises(InputError, match="reopen"):
        plan_task_event(ledger, task, "progress", author="a", on=D(2021, 5, 2), value=50)
    backfill = plan_task_event(ledger, task, "start", author="a", on=D(2021, 3, 1))
    # The confirmation shows what `gwr show` shows: still done, started earlier.
    assert (backfill.before.status, backfill.after.status) == ("done", "done")
    assert backfill.after.started_on == D(2021, 3, 1)


def test_reaching_the_target_marks_done():
    change = plan_task_event(
        Ledger((), ()), SEWER, "progress", author="a", on=D(2021, 5, 1), value=50
    )
    assert (change.before.status, change.after.status) == ("not-started", "done")


@pytest.mark.parametrize(
    ("action", "note", "message"),
    [("block", "", "needs --note"), ("note", " ", "note is empty"), ("reopen", "", "only a done")],
)
def test_planning_refusals(action, note, message):
    with pytest.raises(InputError, match=message):
        plan_task_event(Ledger((), ()), SEWER, action, author="a", on=D(2021, 5, 1), note=note)


def test_undo_with_nothing_to_undo():
    with pytest.raises(InputError, match="nothing to undo"):
        plan_undo(REGISTRY, Ledger((), ()), author="a", on=D(2021, 5, 1))


def _fold_by_step(task, events):
    """The fold as `status.step` words it, one call per event: the reference
    that the inlined loop of `fold_task` must equal."""
    from gwr_cli.status import _TASK_ACTIONS, step

    status, value, started_on, done_on, last_on, last_note = (
        "not-started",
        None,
        None,
        None,
        None,
        "",
    )
    history, ignored = [], []
    for event in events:
        if event.action not in _TASK_ACTIONS:
            continue
        history.append(event)
        changed = step(task, status, event)
        if changed is None:
            ignored.append(event)
            continue
        last_on, last_note = event.on, event.note
        if event.action == "progress":
            value = event.value
        if changed == "done" and status != "done":
            done_on = event.on
        elif changed != "done":
            done_on = None
        if changed in ("in-progress", "done") and started_on is None:
            started_on = event.on
        status = changed
    return status, value, started_on, done_on, last_on, last_note, tuple(history), tuple(ignored)


def test_fold_task_equals_the_fold_by_step_for_every_short_history():
    """Every sequence of up to four actions (progress below and at the target,
    notes, undo and indicator records that do not count) on a task with a
    target and one without."""
    import itertools

    from gwr_cli.status import fold_task

    with_target = next(t for t in REGISTRY.tasks if t.target is not None)
    without = next(t for t in REGISTRY.tasks if t.target is None)
    for task in (with_target, without):
        full = 100.0 if task.target is None else task.target
        kinds = [("start", None), ("progress", full / 2), ("progress", full), ("done", None),
                 ("block", None), ("note", None), ("reopen", None), ("undo", None)]  # fmt: skip
        for length in range(5):
            for actions in itertools.product(kinds, repeat=length):
                events = [ev(task.id, action, f"2021-05-{day:02d}", value, note=f"n{day}")
                          for day, (action, value) in enumerate(actions, 1)]  # fmt: skip
                state = fold_task(task, events, None)
                expected = _fold_by_step(task, events)
                assert (state.status, state.value, state.started_on, state.done_on,
                        state.last_on, state.last_note, state.events,
                        state.contradicted) == expected, actions  # fmt: skip
