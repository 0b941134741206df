"""Schedule states (序时进度) at chosen as-of dates, and the tolerance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import SHIPPED_REGISTRY, copy_registry
from gwr_cli.ledger import Event
from gwr_cli.registry_load import load_registry
from gwr_cli.schedule import expected_percent, schedule_of
from gwr_cli.status import task_states

REGISTRY = load_registry(SHIPPED_REGISTRY)  # delivered 2021-02-24, tolerance 0.10
FICTIONAL = Path(__file__).parent / "data" / "assignments.toml"
D = dt.date


def ev(task, action, on, value=None, n=[0]):  # noqa: B006 - a counter for unique ids
    n[0] += 1
    return Event(
        id=f"s{n[0]}",
        task=task,
        action=action,
        on=on,
        at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=n[0]),
        by="t",
        value=value,
        seq=n[0],
    )


def schedule_at(events, task_id, as_of, registry=REGISTRY):
    state = task_states(registry, events, as_of)[task_id]
    return schedule_of(registry, state, as_of)


# sewer-pipes-50km: window 2021-02-24 .. 2021-12-31 (310 days)
@pytest.mark.parametrize(
    ("km", "as_of", "expected_state"),
    [
        (None, D(2021, 5, 1), "not-started"),
        (0, D(2021, 5, 1), "behind"),  # started, nothing built, 21% of the time gone
        (10, D(2021, 5, 1), "on-track"),  # 20% vs 21%
        (20, D(2021, 5, 1), "ahead"),  # 40% vs 21%
        (15, D(2021, 11, 1), "behind"),  # 30% in November
        (30, D(2021, 5, 1), "ahead"),  # 60% in May
        (44, D(2021, 12, 1), "on-track"),  # 88% vs 90%
        (50, D(2021, 12, 1), "done"),
        (40, D(2022, 1, 3), "overdue"),
    ],
)
def test_schedule_states(km, as_of, expected_state):
    events = []
    if km is not None:
        events = [ev("sewer-pipes-50km", "start", D(2021, 3, 1))]
        if km:
            events.append(ev("sewer-pipes-50km", "progress", D(2021, 4, 30), km))
    assert schedule_at(events, "sewer-pipes-50km", as_of).state == expected_state


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(D(2021, 2, 24), 0.0), (D(2021, 1, 1), 0.0), (D(2021, 12, 31), 100.0), (D(2022, 6, 1), 100.0)],
)
def test_expected_progress_is_the_elapsed_share(as_of, expected):
    state = task_states(REGISTRY, [], as_of)["sewer-pipes-50km"]
    assert expected_percent(REGISTRY, state, as_of) == expected


def test_halfway_through_the_window():
    as_of = D(2021, 2, 24) + dt.timedelta(days=155)
    state = task_states(REGISTRY, [], as_of)["sewer-pipes-50km"]
    assert expected_percent(REGISTRY, state, as_of) == pytest.approx(50.0)


def test_a_task_start_date_opens_its_window():
    task = REGISTRY.task("sewer-pipes-50km")._replace(start=D(2021, 7, 1))
    registry = REGISTRY.replace(tasks=(task,))
    state = task_states(registry, [], D(2021, 6, 1))[task.id]
    assert expected_percent(registry, state, D(2021, 6, 1)) == 0.0


def test_non_numeric_tasks_use_the_last_percent():
    events = [ev("preschool-5080", "progress", D(2021, 4, 1), 50)]
    assert schedule_at(events, "preschool-5080", D(2021, 5, 1)).state == "ahead"
    assert schedule_at(events, "preschool-5080", D(2021, 10, 1)).state == "behind"


@pytest.mark.parametrize(
    ("tolerance", "expected_state"), [("0.30", "on-track"), ("0.01", "behind")]
)
def test_tolerance_comes_from_the_registry(tmp_path, tolerance, expected_state):
    path = copy_registry(
        tmp_path, lambda t: t.replace("tolerance = 0.10", f"tolerance = {tolerance}")
    )
    registry = load_registry(path)
    # 10 of 50 km (20%) on 2021-06-01: 31% of the time has elapsed
    events = [ev("sewer-pipes-50km", "progress", D(2021, 4, 1), 10)]
    assert schedule_at(events, "sewer-pipes-50km", D(2021, 6, 1), registry).state == expected_state


def test_default_tolerance_when_the_registry_has_none(tmp_path):
    path = copy_registry(tmp_path, lambda t: t.replace("[schedule]\ntolerance = 0.10\n", ""))
    assert load_registry(path).tolerance == 0.10


def test_worst_first_puts_longest_overdue_then_furthest_behind_first():
    from gwr_cli.schedule_lights import schedules_and_lights, worst_first

    as_of = D(2021, 8, 1)
    events = [
        ev("sewer-pipes-50km", "progress", D(2021, 3, 1), 5),
        ev("preschool-5080", "progress", D(2021, 3, 1), 30),
    ]
    states = task_states(REGISTRY, events, as_of)
    found, lit = schedules_and_lights(REGISTRY, states, as_of)
    ids = ["preschool-5080", "sewer-pipes-50km", "admin-centre-demolition"]
    order = worst_first(ids, found, lit)
    assert order == ["admin-centre-demolition", "sewer-pipes-50km", "preschool-5080"]


def test_worst_first_ranks_by_light_then_overdue_then_points_ties_in_given_order():
    # One key for every ranked list (schedule_lights.severity): red, yellow, green; then
    # days overdue; then points behind expected progress, a task not started
    # being as far behind as the share of its time gone; ties in the order given.
    from gwr_cli.schedule_lights import schedules_and_lights, worst_first

    as_of = D(2021, 7, 25)  # admin-centre-demolition 25 days overdue; 151 days in
    events = [
        ev("gree-park-phase1", "progress", D(2021, 3, 1), 10),  # red: 38.7 points behind
        ev("sewer-pipes-50km", "progress", D(2021, 7, 1), 15),  # 30%: yellow, 18.7 behind
    ]
    states = task_states(REGISTRY, events, as_of)
    found, lit = schedules_and_lights(REGISTRY, states, as_of)
    assert lit["hightech-upgrade"].reason_key == "not-started-late"  # 151 days: red
    assert lit["gree-park-phase1"].color == "red" and lit["sewer-pipes-50km"].color == "yellow"
    ids = ["sewer-pipes-50km", "gree-park-phase1", "hightech-upgrade",
           "admin-centre-demolition", "gree-chiller-factory"]  # fmt: skip
    assert worst_first(ids, found, lit) == [
        "admin-centre-demolition",  # overdue 25 days outranks 151 days without a start
        "hightech-upgrade",  # not started: 48.7 points behind, tied: the order given
        "gree-chiller-factory",
        "gree-park-phase1",  # red, 38.7 points behind
        "sewer-pipes-50km",  # yellow after every red
    ]


def test_schedules_of_every_task_equal_schedule_of_one_by_one():
    # schedules() computes the linear share in one loop (a read of 10,000 tasks
    # does it once per task); it must give exactly what schedule_of gives, for
    # every state kind: done, blocked, started, not started, overdue, numeric.
    from gwr_cli.schedule_lights import schedules

    tasks = [t.id for t in REGISTRY.tasks]
    events = []
    for n, task_id in enumerate(tasks):
        task = REGISTRY.task(task_id)
        kind = n % 5
        if kind == 1:
            events.append(ev(task_id, "start", D(2021, 3, 1)))
        elif kind == 2:
            value = 50 if task.target is None else task.target / 3
            events.append(ev(task_id, "progress", D(2021, 4, 1), value))
        elif kind == 3:
            events.append(ev(task_id, "done", D(2021, 5, 1)))
        elif kind == 4:
            events.append(ev(task_id, "block", D(2021, 4, 1)))
    seen = set()
    for as_of in (D(2021, 1, 1), D(2021, 2, 24), D(2021, 6, 30), D(2021, 12, 31), D(2022, 3, 1)):
        states = task_states(REGISTRY, events, as_of)
        one_by_one = {t: schedule_of(REGISTRY, s, as_of) for t, s in states.items()}
        assert schedules(REGISTRY, states, as_of) == one_by_one
        seen |= {s.state for s in one_by_one.values()}
        # with 分工 nodes on some tasks: their expected share follows the nodes
        from gwr_cli.assignments import load_assignments
        from gwr_cli.lights import expected_percent_at, node_points, window_opens

        nodes_of = load_assignments(FICTIONAL, REGISTRY, "en").nodes_by_task()
        assert nodes_of
        with_nodes = dict(one_by_one)
        for task_id, nodes in nodes_of.items():
            task = REGISTRY.task(task_id)
            if task is None or task_id not in states:
                continue
            expected = expected_percent_at(
                window_opens(REGISTRY, task), task.deadline, as_of, node_points(task, nodes)
            )
            with_nodes[task_id] = schedule_of(REGISTRY, states[task_id], as_of, expected)
        assert schedules(REGISTRY, states, as_of, nodes_of) == with_nodes
    assert seen >= {"done", "not-started", "overdue", "behind"}


def test_kinds_at_are_the_schedule_states_and_light_colors_task_by_task():
    """`kinds_at` (what a count reads) gives each task the schedule state and
    light color `schedules_and_lights` gives it, with and without 节点目标."""
    from gwr_cli.assignments import load_assignments
    from gwr_cli.schedule_lights import kinds_at, schedules_and_lights
    from gwr_cli.task_columns import columns_of_states

    assignments = Path(__file__).parent / "data" / "assignments.toml"
    nodes = load_assignments(assignments, REGISTRY, "en").nodes_by_task()
    events = [
        ev("sewer-pipes-50km", "progress", D(2021, 3, 1), 20),
        ev("kindergartens-open-5", "progress", D(2021, 3, 1), 2),
        ev("school-no16", "done", D(2021, 5, 1)),
        ev("preschool-5080", "start", D(2021, 4, 1)),
        ev("mall-haiyin", "block", D(2021, 4, 2)),
    ]
    # The same with the node task done (then its nodes decide nothing).
    done_sewer = [*events, ev("sewer-pipes-50km", "done", D(2021, 5, 2))]
    seen = set()
    days = [D(2021, 3, 2), D(2021, 6, 30), D(2021, 9, 30), D(2022, 1, 5)]
    for as_of, history in [(day, h) for day in days for h in (events, done_sewer)]:
        states = task_states(REGISTRY, history, as_of)
        for nodes_of in (None, nodes):
            schedules, lights = schedules_and_lights(REGISTRY, states, as_of, nodes_of)
            found = kinds_at(REGISTRY, columns_of_states(list(states.values())), as_of, nodes_of)
            expected = [(schedules[t].state, lights[t].color) for t in states]
            assert list(zip(*found, strict=True)) == expected, (as_of, nodes_of is None)
            seen.update(expected)
    assert {color for _, color in seen} == {"red", "yellow", "green"}
    assert {"done", "behind", "overdue", "not-started"} <= {state for state, _ in seen}
