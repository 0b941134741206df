"""Pure: what the collect commands write and print, gathered from the registry,
the task states, the lights, the 分工 and the ledger's events.

- `unit_template`: one unit's 填报表 (`TemplateSpec`), lead tasks then supported ones;
- `ledger_book`: the 台账 workbook's three sheets (`LedgerBook`);
- `collection_status`: which lead units reported in a period (未报送 from
  `unit_reports.reports_in`, the function the summaries use too).

Nothing here reads a file or draws anything; the commands pass what the
workspace loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from gwr_cli.collect.ledger_workbook import LedgerBook, LedgerUnitRow
from gwr_cli.collect.template import TemplateSpec
from gwr_cli.messages import localized
from gwr_cli.periods import Period, state_date
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments, Node
    from gwr_cli.events import Event
    from gwr_cli.lights import Light
    from gwr_cli.registry import Registry
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState


def nodes_text(nodes: Sequence[Node], unit: str, lang: str) -> str:
    """节点目标 one per line, as `gwr show` words each (`lights.node_text`):
    "2021年6月30日前达到40%：完成一期管网" / "35 km by 2021-09-30"."""
    from gwr_cli.lights import node_text

    return "\n".join(node_text(node, unit, lang) for node in nodes)


def unit_task_ids(registry: Registry, assignments: Assignments, unit: str) -> list[tuple[str, str]]:
    """(task id, role) of the unit's registry tasks: those it leads, then those it
    supports (indicators in 分工 are left out: they take no 本期完成值 here)."""
    lead, partner = assignments.tasks_of_unit(unit)
    return [
        (task_id, role)
        for ids, role in ((lead, "lead"), (partner, "partner"))
        for task_id in ids
        if registry.task(task_id) is not None
    ]


def unit_template(
    registry: Registry,
    assignments: Assignments,
    unit: str,
    period: Period,
    states: Mapping[str, TaskState],
    lights: Mapping[str, Light],
    lang: str,
    as_of: dt.date | None = None,
) -> TemplateSpec:
    """The 填报表 of `unit` (a name as written in 分工) for `period`; `states` and
    `lights` taken at `as_of` (`periods.state_date`), which the title names."""
    from gwr_cli.collect.rows import task_unit, template_row
    from gwr_cli.lights import format_reason

    rows = []
    for task_id, role in unit_task_ids(registry, assignments, unit):
        state = states[task_id]
        entry = assignments.get(task_id)
        nodes = entry.nodes if entry else ()
        light = lights.get(task_id)
        rows.append(
            template_row(
                state,
                lang,
                role=role,
                milestone=nodes_text(nodes, task_unit(state.task, lang), lang),
                light=light.color if light else "",
                light_reason=format_reason(light, lang) if light else "",
            )
        )
    report = registry.report
    return TemplateSpec(
        registry_id=report.id,
        report_title=localized(report, "title", lang),
        unit=unit,
        period=period,
        lang=lang,
        rows=rows,
        as_of=as_of,
    )


def lead_units(registry: Registry, assignments: Assignments) -> list[str]:
    """Units that lead at least one registry task, in the 分工 file's order."""
    return [u.name for u in assignments.units() if any(registry.task(t) for t in u.lead)]


def ledger_book(
    registry: Registry,
    assignments: Assignments,
    states: Mapping[str, TaskState],
    schedules: Mapping[str, Schedule],
    lights: Mapping[str, Light],
    events: Iterable[Event],
    as_of: dt.date,
    lang: str,
) -> LedgerBook:
    """The 台账 workbook: every task with 分工, state, light and latest report; every
    event up to as_of, oldest first; per-unit counts from the one tally."""
    from gwr_cli import tally
    from gwr_cli.collect.rows import ledger_event_row, ledger_task_row
    from gwr_cli.lights import expected_percent_at, format_reason, node_points, window_opens
    from gwr_cli.status import CHRONOLOGICAL
    from gwr_cli.unit_reports import last_reports
    from gwr_cli.views import latest_report

    events = list(events)
    nodes_of = assignments.nodes_by_task()
    task_rows = []
    for task in registry.tasks:
        state = states[task.id]
        entry = assignments.get(task.id)
        light = lights.get(task.id)
        # 存在问题 and 下步措施 as every other view gives them: the latest that say them.
        problems, next_steps, _ = latest_report(state)
        expected = expected_percent_at(
            window_opens(registry, task),
            task.deadline,
            as_of,
            node_points(task, nodes_of.get(task.id, ())),
        )
        task_rows.append(
            ledger_task_row(
                state,
                lang,
                expected_percent=expected,
                lead=entry.lead if entry else (),
                partners=entry.partners if entry else (),
                leader=entry.leader if entry else (),
                light=light.color if light else "",
                light_reason=format_reason(light, lang) if light else "",
                problems=problems,
                next_steps=next_steps,
            )
        )

    def title_of(task_id: str) -> str:
        found = registry.task(task_id) or registry.indicator(task_id)
        if found is None:
            return ""
        return localized(found, "title", lang)

    shown = sorted((e for e in events if e.on <= as_of), key=CHRONOLOGICAL)
    event_rows = [ledger_event_row(e, title_of(e.task)) for e in shown]

    per_unit = tally.grouped(states.values(), schedules, tally.by_unit(assignments), lights)
    last = last_reports(assignments, events, as_of)
    unit_rows = []
    for unit in assignments.units():
        counted = per_unit.get(unit.name, tally.Tally())
        unit_rows.append(
            LedgerUnitRow(
                unit=unit.name,
                lead_tasks=counted.total,
                partner_tasks=sum(1 for t in unit.partner if t in states),
                done=counted.done,
                green=counted.green,
                yellow=counted.yellow,
                red=counted.red,
                last_report=last.get(unit.name),
            )
        )
    report = registry.report
    return LedgerBook(
        report_title=localized(report, "title", lang),
        as_of=as_of,
        lang=lang,
        tasks=task_rows,
        events=event_rows,
        units=unit_rows,
    )


# --- who reported (gwr collect status) ------------------------------------------


class UnitReport(Record):
    unit: str
    lead_tasks: int
    reported: bool  # an event by or for the unit in the period
    last_report: dt.date | None  # its latest, up to the period's end (or as_of)


class CollectionStatus(Record):
    period: Period
    due: dt.date  # the day reports are due in the period
    as_of: dt.date
    units: tuple[UnitReport, ...]  # every lead unit, in the 分工 file's order

    @property
    def missing(self) -> tuple[str, ...]:
        """未报送单位, in the 分工 file's order."""
        return tuple(u.unit for u in self.units if not u.reported)

    def to_data(self) -> dict[str, object]:
        return {
            "period": self.period.key,
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "due": self.due.isoformat(),
            "as_of": self.as_of.isoformat(),
            "reported": sum(1 for u in self.units if u.reported),
            "not_reported": len(self.missing),
            "units": [
                {
                    "unit": u.unit,
                    "lead_tasks": u.lead_tasks,
                    "reported": u.reported,
                    "last_report": u.last_report.isoformat() if u.last_report else None,
                }
                for u in self.units
            ],
        }


def due_date(period: Period, due_day: int) -> dt.date:
    """The due day within the period: day `due_day` of a month (clipped to its
    last day), or weekday `due_day` (1 = Monday) of a week; else the period's end."""
    if period.kind == "week":
        return period.start + dt.timedelta(days=min(max(due_day, 1), 7) - 1)
    if period.kind == "month":
        return period.start.replace(day=min(due_day, period.end.day))
    return period.end


def collection_status(
    registry: Registry,
    assignments: Assignments,
    events: Iterable[Event],
    period: Period,
    as_of: dt.date,
) -> CollectionStatus:
    """Which lead units reported in the period, up to as_of (units_without_reports)."""
    from gwr_cli.unit_reports import reports_in

    # Both answers (last report, who did not report) from one pass over the events.
    last, without = reports_in(assignments, events, period, state_date(period, as_of))
    missing = set(without)
    units = tuple(
        UnitReport(
            unit=unit.name,
            lead_tasks=len(unit.lead),
            reported=unit.name not in missing,
            last_report=last.get(unit.name),
        )
        for unit in assignments.units()
        if unit.lead
    )
    return CollectionStatus(period, due_date(period, registry.collection.due_day), as_of, units)
