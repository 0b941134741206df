"""Pure: the summary of a period (周报, 月报, 季度通报, 半年通报, 年度完成情况) as data.

The period (periods.Period: a week, month, quarter, half-year or year) and the
as-of date fully determine it: the state "at the end of the period" is taken
at its last day, or at the as-of date when that comes first; "this period" is
its first day to that date. The same events always give the
same summary. This module holds the shapes; `summary_build.build_summary`
builds them. Renderers (`summary_text.py`: text and Markdown; HTML beside
them) read this data and never compute a number of their own.

Shape (`WeeklySummary.to_data()`, the JSON of `gwr summary --format json`):
plain dicts, lists, strings, numbers; every count from `tally.Tally.to_data()`
({total, done_percent, status{done, in_progress, blocked, not_started,
blocked_not_started}, schedule{done, ahead, on_track, behind, not_started,
overdue}, investment_yuan, district_investment_yuan}). Lists of events each
carry their own date and note: completed, withdrawn, started, progressed,
corrected, blocked, notes; then warnings, upcoming, areas, indicators.
Schema 3 added `period` {kind, key, start, end}, `week` (the ISO week, or None
for other periods), the lights in every count (`lights` {red, yellow, green})
and, from the 分工 (when an assignments file has entries): `alerts` (亮灯预警),
`units` (分单位情况), `silent_units` (未报送单位); `reports` (存在问题 and 下步措施
of the period) and `year_end` (a year's closing statement) need no 分工.
"""

from __future__ import annotations

from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

UPCOMING_DAYS = 28
# 2: counts as both partitions; withdrawn, corrected; dated sections.
# 3: any period (`period`; week_start/week_end are the period's first and last
#    day, `week` None unless it is a week), lights in counts, alerts, units,
#    silent_units, reports, year_end.
SUMMARY_SCHEMA = 3


class TaskRef(Record):
    id: str
    title: str
    title_en: str
    area: str


class Dated(Record):
    """One event of the week shown in its own section: its date and its own note."""

    task: TaskRef
    on: str
    note: str


class Progressed(Record):
    task: TaskRef
    unit: str
    unit_en: str
    target: float | None
    before_status: str
    after_status: str
    before_value: float | None
    after_value: float | None
    before_percent: float
    after_percent: float


class Blocked(Record):
    task: TaskRef
    on: str  # the block's own date
    note: str  # the block's own note
    lifted_on: str | None  # when the block was lifted again within the week


class Note(Record):
    task: TaskRef
    on: str
    by: str
    note: str


class Warning(Record):
    task: TaskRef
    schedule: str
    deadline: str
    days_overdue: int
    percent: float
    expected_percent: float


class Upcoming(Record):
    task: TaskRef
    deadline: str
    days_left: int
    status: str
    percent: float
    progress: str
    progress_en: str


class AreaRow(Record):
    area: str
    name: str
    name_en: str
    counts: dict[str, Any]  # Tally.to_data()


class IndicatorValue(Record):
    id: str
    title: str
    title_en: str
    value: float
    unit: str
    unit_en: str
    target: float
    comparator: str
    met: bool
    on: str


class PeriodInfo(Record):
    kind: str  # week, month, quarter, half, year
    key: str  # 2021-W19, 2021-05, 2021-Q2, 2021-H1, 2021
    start: str  # first day, YYYY-MM-DD
    end: str  # last day


class Alert(Record):
    """亮灯预警: a red or yellow task, who answers for it and what holds it up."""

    task: TaskRef
    light: str  # red or yellow
    reason_key: str  # lights.Light.reason_key
    reason: str  # the reason in Chinese (滞后序时32个百分点)
    reason_en: str
    lead: list[str]  # 牵头单位 ([] when 未分工)
    leader: list[str]  # 责任领导
    problems: str  # the latest 存在问题 recorded up to the as-of date, or ""
    problems_on: str | None  # its date


class UnitRow(Record):
    """分单位情况: one lead unit's tally (its `counts` carry `lights`); `unit` ""
    is 未分工, the tasks no unit leads, so the rows cover every task."""

    unit: str
    name: str
    name_en: str
    counts: dict[str, Any]  # Tally.to_data()


class SilentUnit(Record):
    """未报送单位: a lead unit with no event counting for it in the period."""

    unit: str
    last_report: str | None  # its latest report before, or None when never


class Report(Record):
    """An event of the period that says 存在问题 or 下步措施 (or names its unit)."""

    task: TaskRef
    on: str
    unit: str  # the unit that reported, "" when not said
    problems: str
    next: str


class WeeklySummary(Record):
    schema: int
    report_id: str
    report_title: str
    report_title_en: str
    week: str | None  # the ISO week when the period is one, else None
    week_start: str  # the period's first day (a week: the Monday)
    week_end: str  # the period's last day
    as_of: str
    counts: dict[str, Any]  # Tally.to_data() at as_of
    counts_at_week_start: dict[str, Any]  # Tally.to_data() the day before the week
    completed: list[Dated]  # completions in the week, each with its own date and note
    withdrawn: list[Dated]  # completions withdrawn (reopened) in the week
    started: list[Dated]  # first start of work in the week (a block alone is not one)
    progressed: list[Progressed]  # value went up (or status moved with no value)
    corrected: list[Progressed]  # value went down: a correction, not progress
    blocked: list[Blocked]
    notes: list[Note]
    warnings: list[Warning]
    upcoming: list[Upcoming]
    areas: list[AreaRow]
    indicators: list[IndicatorValue]
    period: PeriodInfo
    has_assignments: bool  # an assignments file with entries: alerts, units, silent_units
    alerts: list[Alert]  # red then yellow, worst first within each
    units: list[UnitRow]
    silent_units: list[SilentUnit]
    reports: list[Report]
    year_end: dict[str, int] | None  # {total, done, ongoing} for a year, else None

    def to_data(self) -> dict[str, Any]:
        """Plain dicts and lists, ready for JSON (keys documented in the README)."""
        return _plain(self)


def _plain(value: Any) -> Any:
    """Records as dicts, all the way down, for JSON."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


Summary = WeeklySummary  # the name it has now that a period may be any
