"""Lights (亮灯): boundaries at exactly 10 and 30 points and at day 90, nodes
(piecewise-linear expected progress, a passed node not reached), the reasons
in both languages, and the registry's [schedule] yellow/red/red_after_days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import SHIPPED_REGISTRY, copy_registry
from conftest import make_event as ev
from gwr_cli.assignments import Node, load_assignments
from gwr_cli.errors import RegistryError
from gwr_cli.lights import (
    LIGHTS,
    Light,
    expected_percent_at,
    format_reason,
    light_fields,
    light_label,
    light_of,
)
from gwr_cli.registry_load import load_registry
from gwr_cli.schedule import expected_percent
from gwr_cli.schedule_lights import lights, severity
from gwr_cli.status import task_states

D = dt.date
REGISTRY = load_registry(SHIPPED_REGISTRY)  # delivered 2021-02-24; yellow 0.10, red 0.30, 90 days
FICTIONAL = Path(__file__).parent / "data" / "assignments.toml"
NODES = load_assignments(FICTIONAL, REGISTRY, "en").get("sewer-pipes-50km").nodes
# sewer-pipes-50km: 50 km, window 2021-02-24 .. 2021-12-31 (310 days); nodes
# 2021-06-30 40% "完成一期管网" and 2021-09-30 35 km (70%).


def _with_start(task_id: str, start: dt.date, registry=REGISTRY):
    task = registry.task(task_id)._replace(start=start)
    return registry.replace(tasks=tuple(task if t.id == task_id else t for t in registry.tasks))


# school-no16 (no numeric target) opened on 2021-06-14: 200 days to 2021-12-31, so
# on 2021-09-22, 100 days in, the expected progress is exactly 50%.
SHORT = _with_start("school-no16", D(2021, 6, 14))
HALFWAY = D(2021, 9, 22)


def light_at(events, task_id, as_of, registry=REGISTRY, nodes=()):
    state = task_states(registry, events, as_of)[task_id]
    return light_of(registry, state, as_of, nodes)


def school_at(percent, as_of=HALFWAY, registry=SHORT):
    events = [ev("school-no16", "progress", D(2021, 7, 1), percent)]
    return light_at(events, "school-no16", as_of, registry)


def test_the_window_is_exact_for_the_boundary_tests():
    state = task_states(SHORT, [], HALFWAY)["school-no16"]
    assert expected_percent(SHORT, state, HALFWAY) == 50.0


@pytest.mark.parametrize(
    ("percent", "color", "reason", "points"),
    [
        (61, "green", "ahead", 11),
        (60, "green", "on-track", 10),  # exactly the tolerance ahead: on track
        (50, "green", "on-track", 0),
        (40, "green", "on-track", 10),  # exactly 10 behind: green, as the schedule says on track
        (39.9, "yellow", "behind", 10.1),
        (20, "yellow", "behind", 30),  # exactly 30 behind: still yellow
        (19.9, "red", "behind", 30.1),
        (0.5, "red", "behind", 49.5),
    ],
)
def test_boundaries_at_10_and_30_points(percent, color, reason, points):
    light = school_at(percent)
    assert (light.color, light.reason_key) == (color, reason)
    if "points" in light.reason_params:
        assert light.reason_params["points"] == pytest.approx(points)


def test_done_is_green_and_overdue_is_red():
    done = [ev("school-no16", "done", D(2021, 8, 1))]
    assert light_at(done, "school-no16", D(2022, 3, 1)) == Light("green", "done", {})
    almost = [ev("school-no16", "progress", D(2021, 8, 1), 95)]
    late = light_at(almost, "school-no16", D(2022, 1, 1))
    assert late == Light("red", "overdue", {"days": 1, "deadline": "2021-12-31"})
    assert format_reason(late, "zh") == "逾期1天"
    assert format_reason(late, "en") == "1 day overdue"
    later = light_at([], "school-no16", D(2022, 1, 10))
    assert (later.color, format_reason(later, "en")) == ("red", "10 days overdue")


# Not started, whole-year window from 2021-02-24: day 89 is 2021-05-24, day 90 2021-05-25.
@pytest.mark.parametrize(
    ("as_of", "red_after_days", "color", "reason"),
    [
        (D(2021, 3, 1), 90, "green", "not-started"),  # 5 days in: nobody expects a start yet
        (D(2021, 5, 24), 90, "yellow", "behind"),  # day 89: 28.7 points behind
        (D(2021, 5, 25), 90, "red", "not-started-late"),  # day 90
        (D(2021, 5, 25), 120, "yellow", "behind"),  # the registry decides the day
    ],
)
def test_not_started_is_red_from_day_90(as_of, red_after_days, color, reason):
    registry = REGISTRY.replace(red_after_days=red_after_days)
    light = light_at([], "school-no16", as_of, registry)
    assert (light.color, light.reason_key) == (color, reason)


def test_blocked_before_any_start_counts_as_not_started():
    events = [ev("school-no16", "block", D(2021, 3, 10))]
    light = light_at(events, "school-no16", D(2021, 5, 25))
    assert light == Light("red", "not-started-late", {"days": 90, "opens": "2021-02-24"})
    assert format_reason(light, "zh") == "自2021年2月24日起90天仍未启动"
    assert format_reason(light, "en") == "not started 90 days after 2021-02-24"


def test_a_started_task_is_judged_by_progress_not_by_day_90():
    events = [ev("school-no16", "start", D(2021, 3, 1)), ev("school-no16", "progress",
                                                            D(2021, 5, 1), 25)]  # fmt: skip
    assert light_at(events, "school-no16", D(2021, 5, 25)).color == "green"  # 29 - 25 = 4


def test_before_the_window_opens():
    light = light_at([], "school-no16", D(2021, 5, 1), SHORT)
    assert light == Light("green", "not-open", {"opens": "2021-06-14"})
    assert format_reason(light, "zh") == "尚未开始，2021年6月14日起计算序时进度"


def test_thresholds_come_from_the_registry():
    strict = SHORT.replace(yellow=0.05, red=0.2)
    assert school_at(44, registry=strict).color == "yellow"  # 6 behind
    assert school_at(29, registry=strict).color == "red"  # 21 behind
    assert school_at(44).color == "green"


# --- nodes ----------------------------------------------------------------------------

OPENS, DEADLINE = D(2021, 2, 24), D(2021, 12, 31)
POINTS = ((D(2021, 6, 30), 40.0), (D(2021, 9, 30), 70.0))


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2021, 1, 1), 0.0),  # before the window
        (OPENS, 0.0),
        (D(2021, 4, 28), 20.0),  # 63 of 126 days to the first node
        (D(2021, 6, 30), 40.0),  # on the node
        (D(2021, 8, 15), 55.0),  # 46 of 92 days between the nodes
        (D(2021, 9, 30), 70.0),
        (D(2021, 11, 15), 85.0),  # 46 of 92 days to the deadline
        (DEADLINE, 100.0),
        (D(2022, 3, 1), 100.0),
    ],
)
def test_node_interpolation_at_chosen_dates(as_of, expected):
    assert expected_percent_at(OPENS, DEADLINE, as_of, POINTS) == pytest.approx(expected)


def test_value_nodes_become_percent_of_the_target():
    assert [(n.by, n.percent, n.value) for n in NODES] == [
        (D(2021, 6, 30), 40.0, None),
        (D(2021, 9, 30), None, 35.0),
    ]
    events = [ev("sewer-pipes-50km", "progress", D(2021, 8, 1), 25)]  # 50%
    light = light_at(events, "sewer-pipes-50km", D(2021, 8, 15), nodes=NODES)
    assert light.reason_params["expected"] == pytest.approx(55.0)  # the node path, not 55.8…


def test_a_node_on_the_deadline_replaces_the_final_100():
    points = ((DEADLINE, 90.0),)
    assert expected_percent_at(OPENS, DEADLINE, DEADLINE, points) == 90.0
    # Halfway through the window (155 of 310 days): half of 90.
    assert expected_percent_at(OPENS, DEADLINE, D(2021, 7, 29), points) == pytest.approx(45.0)


def test_without_nodes_it_is_the_schedule_expected_percent():
    state = task_states(REGISTRY, [], None)["sewer-pipes-50km"]
    day = D(2021, 1, 20)
    while day < D(2022, 2, 1):
        assert expected_percent_at(OPENS, DEADLINE, day) == expected_percent(REGISTRY, state, day)
        day += dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("km", "as_of", "color", "zh", "en"),
    [
        # 36% on 2021-07-01: 4.3 points behind the path, but the June node was not reached.
        (
            18,
            D(2021, 7, 1),
            "yellow",
            "节点2021年6月30日未完成：完成一期管网",
            "milestone 2021-06-30 missed: 完成一期管网",
        ),
        # On the node's own day it has not passed yet.
        (18, D(2021, 6, 30), "green", "按序时推进", "on schedule"),
        (20, D(2021, 7, 1), "green", "按序时推进", "on schedule"),  # 40%: reached
        # A value node without text says what was due.
        (
            30,
            D(2021, 10, 1),
            "yellow",
            "节点2021年9月30日未完成：应达35公里",
            "milestone 2021-09-30 missed: 35 km due",
        ),
        # Far behind the path: red beats a missed node.
        (
            5,
            D(2021, 10, 1),
            "red",
            "滞后序时60个百分点",
            "60 percentage points behind schedule",
        ),
    ],
)
def test_a_passed_node_not_reached_is_at_least_yellow(km, as_of, color, zh, en):
    events = [ev("sewer-pipes-50km", "progress", D(2021, 6, 1), km)]
    light = light_at(events, "sewer-pipes-50km", as_of, nodes=NODES)
    assert light.color == color
    assert format_reason(light, "zh") == zh
    assert format_reason(light, "en") == en


def test_a_missed_node_reports_the_earliest_one_not_reached():
    nodes = (Node(D(2021, 6, 30), 40.0, None, "一期"), Node(D(2021, 7, 15), 45.0, None, "二期"))
    events = [ev("sewer-pipes-50km", "progress", D(2021, 6, 1), 19)]  # 38%
    light = light_at(events, "sewer-pipes-50km", D(2021, 7, 16), nodes=nodes)
    assert light.color == "yellow"  # 7.3 points behind the path: yellow only for the nodes
    assert format_reason(light, "zh") == "节点2021年6月30日未完成：一期"  # both missed: the older


def test_a_percent_node_without_text():
    nodes = (Node(D(2021, 6, 30), 40.0, None, ""),)
    events = [ev("school-no16", "progress", D(2021, 6, 1), 35)]
    light = light_at(events, "school-no16", D(2021, 7, 1), nodes=nodes)
    assert light.color == "yellow"
    assert format_reason(light, "zh") == "节点2021年6月30日未完成：应达40%"


@pytest.mark.parametrize(
    ("percent", "zh", "en"),
    [
        (18, "滞后序时32个百分点", "32 percentage points behind schedule"),
        (75, "超序时进度25个百分点", "25 percentage points ahead of schedule"),
    ],
)
def test_reasons_in_both_languages(percent, zh, en):
    light = school_at(percent)
    assert format_reason(light, "zh") == zh
    assert format_reason(light, "en") == en


def test_not_started_reason_names_the_time_elapsed():
    light = light_at([], "school-no16", D(2021, 6, 24), SHORT)  # 10 of 200 days
    assert light.color == "green"
    assert format_reason(light, "zh") == "尚未启动，序时进度5%"
    assert format_reason(light, "en") == "not started yet, 5% of the time elapsed"


def test_labels_are_words_and_every_task_gets_a_light():
    assert [light_label(c, "zh") for c in LIGHTS] == ["红灯", "黄灯", "绿灯"]
    assert [light_label(c, "en") for c in LIGHTS] == ["red", "yellow", "green"]
    states = task_states(REGISTRY, [], D(2021, 7, 1))
    every = lights(REGISTRY, states, D(2021, 7, 1), {"sewer-pipes-50km": NODES})
    assert set(every) == {t.id for t in REGISTRY.tasks}
    assert every["sewer-pipes-50km"] == Light(
        "red", "not-started-late", {"days": 127, "opens": "2021-02-24"}
    )
    # admin-centre-demolition is due 2021-06-30: overdue on 07-01.
    assert every["admin-centre-demolition"].reason_key == "overdue"


# --- the registry's [schedule] ------------------------------------------------------


def test_shipped_registry_uses_the_defaults():
    assert (REGISTRY.yellow, REGISTRY.red, REGISTRY.red_after_days) == (0.10, 0.30, 90)


def test_schedule_settings_load_and_survive_the_cache(tmp_path):
    path = copy_registry(
        tmp_path,
        lambda t: t.replace(
            "tolerance = 0.10", "tolerance = 0.10\nyellow = 0.05\nred = 0.25\nred_after_days = 60"
        ),
    )
    cache = tmp_path / "cache"
    fresh = load_registry(path, cache)
    cached = load_registry(path, cache)
    for registry in (fresh, cached):
        assert (registry.yellow, registry.red, registry.red_after_days) == (0.05, 0.25, 60)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("yellow = 1.5", "[schedule]: field 'yellow' must be from 0 to 1, got 1.5"),
        ("red = -0.1", "[schedule]: field 'red' must be from 0 to 1, got -0.1"),
        ("yellow = 0.3\nred = 0.2", "[schedule]: field 'yellow' (0.3) must be below 'red' (0.2)"),
        ("red_after_days = 0", "[schedule]: field 'red_after_days' must be 1 or more, got 0"),
        ("red_after_days = 90.5", "[schedule]: field 'red_after_days' must be a whole number"),
        ("red = nan", "[schedule]: field 'red' is not a finite number (nan)"),
        ("orange = 0.2", "[schedule]: unknown field 'orange'"),
    ],
)
def test_schedule_settings_are_validated(tmp_path, settings, message):
    path = copy_registry(tmp_path, lambda t: t.replace("tolerance = 0.10", settings))
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert message in str(caught.value)


def test_worst_first_and_flat_fields():
    from gwr_cli.schedule import Schedule

    overdue = Light("red", "overdue", {"days": 3, "deadline": "2021-12-31"})
    unstarted = Light("red", "not-started-late", {"days": 120, "opens": "2021-02-24"})
    far = Light("red", "behind", {"points": 45.0, "expected": 50.0, "actual": 5.0})
    node = Light("yellow", "node-missed", {"date": "2021-06-30", "text": "", "percent": 40.0,
                                           "value": None, "unit": "", "unit_en": "",
                                           "actual": 20.0})  # fmt: skip
    near = Light("yellow", "behind", {"points": 12.0, "expected": 50.0, "actual": 38.0})
    done = Light("green", "done", {})
    schedules = {
        id(overdue): Schedule("overdue", 100.0, 0.0, 3),
        id(unstarted): Schedule("not-started", 39.0, 0.0, 0),  # 120 days in: 39 points
        id(far): Schedule("behind", 50.0, 5.0, 0),
        id(node): Schedule("behind", 45.0, 20.0, 0),  # 25 points behind (15 short of the node)
        id(near): Schedule("behind", 50.0, 38.0, 0),
        id(done): Schedule("done", 50.0, 100.0, 0),
    }
    shuffled = [done, near, far, node, overdue, unstarted]
    ranked = sorted(shuffled, key=lambda light: severity(light, schedules[id(light)]))
    # overdue first, however long unstarted ones have waited; then points behind
    assert ranked == [overdue, far, unstarted, node, near, done]
    assert light_fields(far, "zh") == {
        "light": "red",
        "light_reason": "滞后序时45个百分点",
        "light_reason_key": "behind",
    }


def test_nodes_by_task_feed_every_light():
    assignments = load_assignments(FICTIONAL, REGISTRY, "en")
    assert set(assignments.nodes_by_task()) == {"sewer-pipes-50km", "kindergartens-open-5"}
    events = [ev("sewer-pipes-50km", "progress", D(2021, 6, 1), 18)]
    as_of = D(2021, 7, 1)
    every = lights(REGISTRY, task_states(REGISTRY, events, as_of), as_of,
                   assignments.nodes_by_task())  # fmt: skip
    assert every["sewer-pipes-50km"].reason_key == "node-missed"
    assert (
        lights(REGISTRY, task_states(REGISTRY, events, as_of), as_of)["sewer-pipes-50km"].reason_key
        == "on-track"
    )  # 36% vs 41% without the nodes


def test_thresholds_with_no_exact_binary_form():
    """0.29 * 100 is 28.999999999999996 in floating point: exactly 29 points behind is
    still yellow under red = 0.29 (and exactly 7 green under yellow = 0.07)."""
    registry = SHORT.replace(yellow=0.07, red=0.29)
    assert school_at(43, registry=registry).color == "green"
    assert school_at(42.99, registry=registry).color == "yellow"
    assert school_at(21, registry=registry).color == "yellow"  # exactly 29 behind


def test_lights_of_every_task_equal_light_of_one_by_one():
    # lights() works a light out once per distinct state of a task without
    # nodes and shares it; it must give exactly what light_of gives task by
    # task, with and without nodes, at dates before, inside and after windows.
    nodes_of = load_assignments(FICTIONAL, REGISTRY, "en").nodes_by_task()
    events = []
    for n, task in enumerate(REGISTRY.tasks):
        kind = n % 6
        if kind == 1:
            events.append(ev(task.id, "start", D(2021, 3, 1)))
        elif kind in (2, 5):
            share = 0.3 if kind == 2 else 0.6
            full = 100 if task.target is None else task.target
            events.append(ev(task.id, "progress", D(2021, 4, 1), full * share))
        elif kind == 3:
            events.append(ev(task.id, "done", D(2021, 5, 1)))
        elif kind == 4:
            events.append(ev(task.id, "block", D(2021, 4, 1)))
    events.append(ev("sewer-pipes-50km", "progress", D(2021, 6, 1), 15))  # 30%, a node of 40%
    seen = set()
    dates = (D(2021, 2, 1), D(2021, 3, 10), D(2021, 5, 24), D(2021, 7, 15), D(2021, 10, 1),
             D(2022, 3, 1))  # fmt: skip
    for as_of in dates:
        states = task_states(REGISTRY, events, as_of)
        for nodes in ({}, nodes_of):
            one_by_one = {
                t: light_of(REGISTRY, s, as_of, nodes.get(t, ())) for t, s in states.items()
            }
            assert lights(REGISTRY, states, as_of, nodes) == one_by_one
            seen |= {light.reason_key for light in one_by_one.values()}
    assert seen >= {"done", "overdue", "behind", "not-started", "node-missed", "on-track"}
