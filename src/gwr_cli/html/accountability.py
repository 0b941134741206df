"""What the office's 分工 and the lights (亮灯) add to the HTML report and the site.

The pure part turns task states, their lights and the 分工 into what the pages
show: each task's light, reason, lead units and leaders, and completion per
lead unit (the summary's lights table is its own 亮灯预警: `report.alert_rows`).
`office_extras` is the one place the two commands (`summary --format html`,
`site`) gather them from a `Workspace`; without a 分工 file there are none,
and the pages leave the lights and units out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from gwr_cli.html.charts import Bar
from gwr_cli.html.site_rows import Accountability
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.lights import Light
    from gwr_cli.registry import Registry
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState
    from gwr_cli.workspace import Workspace


class OfficeExtras(Record):
    """The 分工's and the lights' additions at one date, ready for the pages."""

    by_task: dict[str, Accountability]  # every task: light, reason, lead units, leaders
    units: list[Bar]  # done of total per lead unit, in the 分工 file's order


def task_accountability(
    lights: Mapping[str, Light], assignments: Assignments, lang: str
) -> dict[str, Accountability]:
    """Each task's light, its reason in words, lead units and leaders."""
    from gwr_cli.lights import format_reason

    return {
        task_id: Accountability(
            light=light.color,
            reason=format_reason(light, lang),
            units=assignments.lead_units_of(task_id),
            leaders=assignments.leaders_of(task_id),
        )
        for task_id, light in lights.items()
    }


def unit_bars(
    registry: Registry,
    states: Mapping[str, TaskState],
    schedules: Mapping[str, Schedule],
    assignments: Assignments,
) -> list[Bar]:
    """Completion per lead unit, from the one tally grouped by `tally.by_unit`
    (a task with two lead units counts for each)."""
    from gwr_cli.tally import UNASSIGNED, by_unit, grouped

    groups = grouped(states.values(), dict(schedules), by_unit(assignments))
    # The chart is of units; the 未分工 group is counted in the tables instead.
    return [Bar(name, t.done, t.total) for name, t in groups.items() if name != UNASSIGNED]


def office_extras(
    workspace: Workspace, states: Mapping[str, TaskState], as_of: dt.date, lang: str
) -> OfficeExtras | None:
    """Lights and the per-unit bars at `as_of` (the date `states`
    were folded at); None when the office has no 分工 (assignments.toml).

    Raises AssignmentsError (file and line) when the 分工 file does not validate.
    """
    assignments = workspace.assignments()
    if not assignments:
        return None
    schedules, lights = workspace.schedules_and_lights(dict(states), as_of)
    return OfficeExtras(
        by_task=task_accountability(lights, assignments, lang),
        units=unit_bars(workspace.registry(), states, schedules, assignments),
    )
