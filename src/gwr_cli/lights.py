"""Pure: a task's light (亮灯) at a date, and why.

The rule follows published supervision practice, with the thresholds from the
registry's `[schedule]` (defaults in brackets):

- green: done; or ahead of, on, or at most `yellow` (10) percentage points
  behind its expected progress;
- yellow: more than `yellow` (10) and at most `red` (30) points behind, or a
  node (节点目标) whose date has passed without its progress reached;
- red: more than `red` (30) points behind; overdue (deadline passed, not done);
  or not started `red_after_days` (90) or more days after its window opened.

Boundaries, decided so that a light never contradicts the schedule state
(序时状态), which calls a task behind only when it is *more* than the
tolerance behind: exactly 10 points behind is green, exactly 30 is yellow,
day 89 without a start is not yet red, day 90 is. Gaps are compared rounded to
a millionth of a point, so that day arithmetic in floating point cannot move
a task across a boundary.

Expected progress (序时进度) runs linearly from 0 at the window's opening (the
task's `start`, else the day the report was delivered) to 100 at its
deadline; with nodes it is piecewise linear through them (0 at the opening,
each node's percent at its date, 100 at the deadline). Without nodes this is
exactly `schedule.expected_percent`. A node "has passed" the day after its
date: progress recorded on the node's own date still counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise

from gwr_cli.assignments import Node, node_percent
from gwr_cli.messages import fmt_date, fmt_decided, fmt_number, fmt_percent, localized, text
from gwr_cli.records import Record
from gwr_cli.registry import Registry, Task
from gwr_cli.status import TaskState

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

LIGHTS = ("red", "yellow", "green")  # worst first, the order reports list them in


class Light(Record):
    color: str  # "green", "yellow" or "red"
    reason_key: str  # done, ahead, on-track, not-open, not-started, behind, overdue,
    #                  not-started-late, node-missed (messages: light.reason.<key>)
    reason_params: dict[str, Any]  # plain values (str dates, float percents) for JSON


def window_opens(registry: Registry, task: Task) -> dt.date:
    """The day a task's schedule starts counting: its `start`, else the report's delivery."""
    return task.start or registry.report.delivered


def node_points(task: Task, nodes: Sequence[Node]) -> tuple[tuple[dt.date, float], ...]:
    """The nodes as (date, percent of the task), value nodes converted through the target."""
    if not nodes:  # most tasks: skip building a generator, once per task per read
        return ()
    return tuple((node.by, node_percent(node, task.target)) for node in nodes)


def expected_percent_at(
    opens: dt.date,
    deadline: dt.date,
    as_of: dt.date,
    points: Sequence[tuple[dt.date, float]] = (),
) -> float:
    """Expected progress (0..100) at as_of: linear from (opens, 0) through each
    (date, percent) point to (deadline, 100).

    Points must lie after `opens`, no later than `deadline`, dates and percents
    increasing (assignments validation guarantees it). A point on the deadline
    replaces the final 100.
    """
    if deadline <= opens:
        return 100.0 if as_of >= deadline else 0.0
    path = [(opens, 0.0), *points]
    if path[-1][0] < deadline:
        path.append((deadline, 100.0))
    if as_of <= opens:
        return 0.0
    for (left_day, left), (right_day, right) in pairwise(path):
        if as_of <= right_day:
            share = (as_of - left_day).days / (right_day - left_day).days
            return left + (right - left) * share
    return path[-1][1]


def _gap(expected: float, actual: float) -> float:
    return round(expected - actual, 6)


def _points(share: float) -> float:
    """A threshold share as points, rounded like gaps: 0.29 * 100 is 28.999999999999996."""
    return round(share * 100, 6)


def light_of(
    registry: Registry, state: TaskState, as_of: dt.date, nodes: Sequence[Node] = ()
) -> Light:
    """The task's light at as_of from its folded state (status, percent, started_on).

    `nodes` are the task's 节点目标 from its assignment (none: linear schedule).
    Thresholds: registry.yellow, registry.red (shares of 100 points) and
    registry.red_after_days; registry.tolerance only tells "ahead" from
    "on track" among green reasons.
    """
    task = state.task
    if state.status == "done":
        return Light("green", "done", {})
    opens = window_opens(registry, task)
    if task.deadline < as_of:
        return light_at(registry, state, as_of, nodes, opens, (), 0.0)
    points = node_points(task, nodes)
    expected = expected_percent_at(opens, task.deadline, as_of, points)
    return light_at(registry, state, as_of, nodes, opens, points, expected)


def light_at(
    registry: Registry,
    state: TaskState,
    as_of: dt.date,
    nodes: Sequence[Node],
    opens: dt.date,
    points: Sequence[tuple[dt.date, float]],
    expected: float,
) -> Light:
    """`light_of` once the window's opening (`window_opens`), the nodes' points
    (`node_points`) and the expected percent at as_of (`expected_percent_at`)
    are known, as the schedule knows them already (schedule_lights). The
    points and expected percent are not read for a task done or overdue."""
    task = state.task
    if state.status == "done":
        return Light("green", "done", {})
    if task.deadline < as_of:
        days = (as_of - task.deadline).days
        return Light("red", "overdue", {"days": days, "deadline": task.deadline.isoformat()})
    actual = state.percent
    gap = _gap(expected, actual)
    # The thresholds the points are judged against, so that they are shown with
    # the digits that decide the light (30.4 points is red: never "30").
    bounds = (_points(registry.tolerance), _points(registry.yellow), _points(registry.red))
    measured = {"points": abs(gap), "expected": expected, "actual": actual, "bounds": bounds}
    days_open = (as_of - opens).days
    not_started = state.started_on is None
    if not_started and days_open >= registry.red_after_days:
        return Light("red", "not-started-late", {"days": days_open, "opens": opens.isoformat()})
    if gap > _points(registry.red):
        return Light("red", "behind", measured)
    missed = (
        next(
            (
                (node, percent)
                for node, (_, percent) in zip(nodes, points, strict=True)
                if node.by < as_of and _gap(percent, actual) > 0
            ),
            None,
        )
        if nodes
        else None
    )
    if missed is not None:
        node, percent = missed
        return Light("yellow", "node-missed", _node_params(task, node, percent, actual))
    if gap > _points(registry.yellow):
        return Light("yellow", "behind", measured)
    if not_started:
        if days_open < 0:
            return Light("green", "not-open", {"opens": opens.isoformat()})
        return Light("green", "not-started", measured)
    if -gap > _points(registry.tolerance):
        return Light("green", "ahead", measured)
    return Light("green", "on-track", measured)


def _node_params(task: Task, node: Node, percent: float, actual: float) -> dict[str, Any]:
    return {
        "date": node.by.isoformat(),
        "text": node.text,
        "percent": percent,
        "value": node.value,
        "unit": task.unit,
        "unit_en": task.unit_en,
        "actual": actual,
    }


def light_fields(light: Light, lang: str) -> dict[str, Any]:
    """The light as flat JSON/export fields: light, light_reason (words), light_reason_key."""
    return {
        "light": light.color,
        "light_reason": format_reason(light, lang),
        "light_reason_key": light.reason_key,
    }


def light_label(color: str, lang: str) -> str:
    """The light as a word (绿灯/黄灯/红灯), so it never depends on colour alone."""
    return text(f"light.{color}", lang)


def format_reason(light: Light, lang: str) -> str:
    """Why the light is what it is, in words.

    E.g. 滞后序时32个百分点 / 32 percentage points behind schedule, or
    节点2021年6月30日未完成：完成一期管网 (a node's text is printed as written).
    Dates are written as each language writes a date in a sentence
    (`messages.fmt_date`: 2021年6月30日 / 2021-06-30), so every output —
    terminal, summary, HTML, site, CSV and the Excel 台账 — words a reason alike.
    """
    params = dict(light.reason_params)  # a copy: a Light is shared, never changed
    for name in ("date", "opens"):
        if params.get(name):
            params[name] = fmt_date(params[name], lang)
    key = f"light.reason.{light.reason_key}"
    if light.reason_key in ("overdue", "not-started-late") and params["days"] == 1:
        key += ".one"
    if light.reason_key == "node-missed":
        return text(key, lang, date=params["date"], goal=params["text"] or _goal(params, lang))
    # Points and percents are cut as every percent is (messages.cut_percent): 40.97
    # points behind with 40.97% of the time gone read 40 and 40%, never 41 beside
    # 40%; points get the decimals that decide them against the thresholds.
    if "points" in params:
        params["points"] = fmt_decided(params["points"], *params.pop("bounds", ()), places=0)
    if "expected" in params:
        params["expected"] = fmt_percent(params["expected"])
    return text(key, lang, **params) if params else text(key, lang)


def with_reason(color: str, reason: str, lang: str) -> str:
    """A light with its reason, as every output words the pair: 黄灯（滞后序时
    32个百分点） / yellow (32 percentage points behind schedule); the light
    alone when there is no reason, "" when there is no light."""
    if not color:
        return ""
    label = light_label(color, lang)
    return text("light.with_reason", lang, light=label, reason=reason) if reason else label


def node_text(node: Node, unit: str, lang: str, actual: float | None = None) -> str:
    """One 节点目标 in words: 2021年6月30日前达到40%：完成一期管网 /
    40% by 2021-06-30: 完成一期管网 (its text printed as written). `unit` is
    the task's unit in `lang`, for a node given as a value (35公里 / 35 km);
    with `actual` (the task's percent), a percent goal has the digits that
    tell it from it (12.345%, not 12.34%, against 12.34%)."""
    from gwr_cli.messages import fmt_amount

    if node.percent is not None:
        shown = fmt_number(node.percent) if actual is None else fmt_decided(node.percent, actual)
        amount = f"{shown}%"
    else:
        amount = fmt_amount(node.value, unit, lang).strip()
    values = {"date": fmt_date(node.by, lang), "amount": amount}
    if node.text:
        return text("node.goal.text", lang, text=node.text, **values)
    return text("node.goal", lang, **values)


def _goal(params: dict[str, Any], lang: str) -> str:
    if params["value"] is not None:
        unit = localized(params, "unit", lang)
        return text("light.goal.value", lang, value=fmt_number(params["value"]), unit=unit)
    # The goal with the digits that tell it from the progress that missed it.
    goal = fmt_decided(params["percent"], params["actual"])
    return text("light.goal.percent", lang, percent=f"{goal}%")
