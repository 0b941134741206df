"""The summary as one self-contained HTML page: inline CSS, inline SVG, no
script, nothing fetched. A third rendering of the summary beside text and
Markdown: it shows the same sections in the same order (whatever sections the
summary carries, with their own headings), plus charts and, when the office's
分工 supplies them, the lights table and per-unit bars.

`render_report(view)` draws a `ReportView`; `report_view(...)` is the one
adapter from the summary's data to that view (re-point it, not the template,
when the summary's data changes shape). One module (about 360 lines): the view's
shapes and the one adapter that fills them belong together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from gwr_cli.html.charts import Bar, Segment, WeekPoint
from gwr_cli.messages import (
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_date,
    fmt_percent,
    localized,
    text,
)
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from markupsafe import Markup

    from gwr_cli.ledger import Event
    from gwr_cli.registry import Registry
    from gwr_cli.status import TaskState
    from gwr_cli.summary import WeeklySummary
    from gwr_cli.tally import Tally


class LightRow(Record):
    """A task lit red or yellow, as the lights table shows it."""

    task_id: str
    title: str
    light: str  # "red" or "yellow"
    reason: str  # e.g. 滞后序时32个百分点
    units: tuple[str, ...] = ()  # lead units (牵头单位)
    leaders: tuple[str, ...] = ()  # responsible leaders (责任领导)
    problems: str = ""  # the latest 存在问题 reported, "" when none
    problems_on: str = ""  # the date of the event that reported it, worded (fmt_date)


def alert_rows(summary: WeeklySummary, lang: str) -> tuple[LightRow, ...]:
    """The summary's 亮灯预警 (`alerts`) as the lights table's rows: the same
    tasks in the same order (worst first, `schedule_lights.worst_first`), the
    same reasons and dates as the text and Markdown word them."""
    return tuple(
        LightRow(
            task_id=alert.task.id,
            title=localized(alert.task, "title", lang),
            light=alert.light,
            reason=alert.reason if lang == "zh" else alert.reason_en,
            units=tuple(alert.lead),
            leaders=tuple(alert.leader),
            problems=alert.problems,
            problems_on=fmt_date(alert.problems_on, lang) if alert.problems_on else "",
        )
        for alert in summary.alerts
    )


class UpcomingRow(Record):
    """A deadline within the summary's horizon, as the deadlines table shows it."""

    task_id: str
    title: str
    deadline: str
    days_left: int
    progress: str  # "24/50公里（48%）" or "40%"
    status: str  # the status's label


class SectionView(Record):
    """One numbered section of the page, in the summary's order.

    key: the summary's name for it ("completed", "upcoming", "areas", …);
    "lights" and "upcoming" are drawn as their own tables when the view
    carries their rows, any other section as its lines and its table.
    """

    key: str
    number: str  # "一、" or "1. ", as the text summary numbers it
    heading: str
    items: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()  # a table, when headers are given
    rows: tuple[tuple[str, ...], ...] = ()
    right: frozenset[int] = frozenset()  # right-aligned (numeric) columns
    total_row: bool = False  # the last row sums up the others


class ReportView(Record):
    """Everything the HTML report shows, as plain values.

    status and schedule: the two partitions of the tally, each summing to the
    total. weeks: cumulative completions (see charts.cumulative_by_week);
    the ideal line reaches `ideal_total` at `closes` from none at `opens`.
    units and lights are empty without the office's 分工 and are then left out.
    """

    lang: str
    title: str
    subtitle: str
    headline: str
    as_of: str
    sections: tuple[SectionView, ...]
    status: tuple[Segment, ...]
    schedule: tuple[Segment, ...]
    areas: tuple[Bar, ...]
    weeks: tuple[WeekPoint, ...]
    opens: dt.date
    closes: dt.date
    ideal_total: int
    units: tuple[Bar, ...] = ()
    lights: tuple[LightRow, ...] = ()
    upcoming: tuple[UpcomingRow, ...] = ()


def status_segments(tally: Tally, lang: str) -> tuple[Segment, ...]:
    """The tally's status partition (done, in progress, not started: summing to
    the total), the blocked ones of each said in the legend as the headline says it."""
    labels = STATUS_LABELS[lang]

    def of_blocked(count: int) -> str:
        return text("tally.of_blocked", lang, count=count) if count else ""

    return (
        Segment("done", labels["done"], tally.done),
        Segment("in-progress", labels["in-progress"], tally.in_progress, of_blocked(tally.blocked)),
        Segment(
            "not-started",
            labels["not-started"],
            tally.not_started,
            of_blocked(tally.blocked_not_started),
        ),
    )


def schedule_segments(tally: Tally, lang: str) -> tuple[Segment, ...]:
    """The tally's schedule partition, state by state, as the tally counts it."""
    from gwr_cli.schedule import SCHEDULE_STATES

    counts = tally.schedule_counts()
    labels = SCHEDULE_LABELS[lang]
    return tuple(
        Segment(state, labels[state], counts[state.replace("-", "_")]) for state in SCHEDULE_STATES
    )


def report_view(
    summary: WeeklySummary,
    lang: str,
    *,
    weeks: Sequence[WeekPoint],
    opens: dt.date,
    closes: dt.date,
    ideal_total: int,
    units: Iterable[Bar] = (),
    lights: Iterable[LightRow] = (),
) -> ReportView:
    """The one adapter from the summary's data to the HTML view.

    The title, period line, headline and sections are the text summary's own
    (`summary_text.summary_document`: same headings, lines and tables, in the
    same order), so the page says exactly what the text says and a section the
    summary gains appears here without a change. Upcoming deadlines are drawn
    as a table of their facts (task, deadline, days left, progress, status).
    `lights` (red first, then yellow) fill the summary's "lights" section when
    it has one, else a section of their own before the others.
    """
    from gwr_cli.summary_text import section_number, summary_document
    from gwr_cli.tally import tally_of

    document = summary_document(summary, lang)
    lights = tuple(sorted(lights, key=lambda row: row.light != "red"))  # stable within each
    sections = [
        SectionView(
            # The summary's 亮灯预警 ("alerts") is the section the lights table fills.
            key="lights" if s.key == "alerts" else s.key,
            number="",
            heading=s.heading,
            items=tuple(s.items),
            headers=tuple(s.table.headers) if s.table else (),
            rows=tuple(tuple(c.text for c in row) for row in s.table.rows) if s.table else (),
            right=frozenset(s.table.right) if s.table else frozenset(),
            total_row=bool(s.table and s.table.total_row),
        )
        for s in document.sections
    ]
    if lights:
        red = sum(row.light == "red" for row in lights)
        heading = text("html.lights", lang, red=red, yellow=len(lights) - red)
        at = next((i for i, s in enumerate(sections) if s.key == "lights"), None)
        if at is None:
            sections.insert(0, SectionView("lights", "", heading))
        else:  # the table says more than the list: name both colours' counts
            sections[at] = sections[at]._replace(heading=heading)
    sections = [s._replace(number=section_number(n, lang)) for n, s in enumerate(sections, start=1)]
    upcoming = tuple(
        UpcomingRow(
            task_id=item.task.id,
            title=localized(item.task, "title", lang),
            deadline=item.deadline,
            days_left=item.days_left,
            progress=_progress(localized(item, "progress", lang), item.percent, lang),
            status=STATUS_LABELS[lang][item.status],
        )
        for item in summary.upcoming
    )
    overall = tally_of(summary.counts)
    areas = tuple(
        Bar(localized(row, "name", lang), *_done_of(tally_of(row.counts))) for row in summary.areas
    )
    return ReportView(
        lang=lang,
        title=document.title,
        subtitle=document.period,
        headline=document.headline,
        as_of=summary.as_of,
        sections=tuple(sections),
        status=status_segments(overall, lang),
        schedule=schedule_segments(overall, lang),
        areas=areas,
        weeks=tuple(weeks),
        opens=opens,
        closes=closes,
        ideal_total=ideal_total,
        units=tuple(units),
        lights=lights,
        upcoming=upcoming,
    )


def _done_of(tally: Tally) -> tuple[int, int]:
    return tally.done, tally.total


def _progress(shown: str, percent: float, lang: str) -> str:
    """'24/50公里（48%）'; a percent alone as it is."""
    if shown.endswith("%"):
        return shown
    return f"{shown}{text('html.open', lang)}{fmt_percent(percent)}{text('html.close', lang)}"


class ChartData(Record):
    """The numbers behind the report's and the site index's charts."""

    lang: str
    status: Sequence[Segment]  # the status partition
    schedule: Sequence[Segment]  # the schedule partition
    areas: Sequence[Bar]
    units: Sequence[Bar]  # empty without 分工: the chart is left out
    weeks: Sequence[WeekPoint]
    opens: dt.date
    closes: dt.date
    ideal_total: int


class Chart(Record):
    title: str  # also the figure's caption
    svg: Markup


def chart_set(data: ChartData) -> list[Chart]:
    """Each chart with its title, as inline SVG markup, in page order; areas
    and units only when there are bars to draw."""
    from gwr_cli.html import charts

    lang = data.lang
    total = sum(s.count for s in data.status)
    by_status = text("html.by_status", lang, total=total)
    by_schedule = text("html.by_schedule", lang, total=total)
    cumulative = text("html.cumulative", lang)
    result = [
        Chart(by_status, charts.stacked_bar("chart-status", by_status, data.status, lang)),
        Chart(by_schedule, charts.stacked_bar("chart-schedule", by_schedule, data.schedule, lang)),
    ]
    if data.areas:
        title = text("html.by_area", lang)
        result.append(Chart(title, charts.horizontal_bars("chart-areas", title, data.areas)))
    if data.units:
        title = text("html.by_unit", lang)
        result.append(Chart(title, charts.horizontal_bars("chart-units", title, data.units)))
    result.append(
        Chart(
            cumulative,
            charts.cumulative_chart(
                "chart-weeks",
                cumulative,
                data.weeks,
                data.ideal_total,
                data.opens,
                data.closes,
                {
                    "actual": text("html.actual", lang),
                    "ideal": text(  # a sentence: its date as the summary writes one
                        "html.ideal", lang, total=data.ideal_total, date=fmt_date(data.closes, lang)
                    ),
                },
                lang,
            ),
        )
    )
    return result


def render_report(view: ReportView) -> str:
    """The whole page as text (UTF-8 when written)."""
    from gwr_cli.html.environment import render

    return render(
        "summary.html",
        view=view,
        lang=view.lang,
        as_of=view.as_of,
        page_title=f"{view.title} · {view.subtitle}",
        charts=chart_set(
            ChartData(
                view.lang,
                view.status,
                view.schedule,
                view.areas,
                view.units,
                view.weeks,
                view.opens,
                view.closes,
                view.ideal_total,
            )
        ),
        script=None,
    )


def ideal_window(registry: Registry) -> tuple[dt.date, dt.date, int]:
    """The 序时 line's ends: from the report's delivery (none done) to the
    last deadline within the report's year (every task due by then done).

    Returns (opens, closes, tasks due by closes). Tasks due in later years
    are outside the line; with none due within the year, the last deadline of
    all is used.
    """
    opens = registry.report.delivered
    deadlines = [t.deadline for t in registry.tasks]
    in_year = [d for d in deadlines if d.year <= registry.report.year]
    closes = max(in_year or deadlines or [opens])
    return opens, closes, sum(1 for d in deadlines if d <= closes)


def summary_page(
    summary: WeeklySummary,
    registry: Registry,
    events: Iterable[Event],
    lang: str,
    *,
    units: Iterable[Bar] = (),
    states: Mapping[str, TaskState] | None = None,
) -> str:
    """`gwr summary --format html`: the summary's data plus the weekly
    completions its charts need, from `states` (every task folded at the
    summary's as-of date) or folded here from the same events. The lights
    table is the summary's own 亮灯预警 (`alert_rows`)."""
    from gwr_cli.html.charts import cumulative_by_week
    from gwr_cli.status import task_states

    as_of = dt.date.fromisoformat(summary.as_of)
    if states is None:
        states = task_states(registry, events, as_of)
    opens, closes, ideal_total = ideal_window(registry)
    weeks = cumulative_by_week(
        [s.done_on for s in states.values() if s.done_on is not None], opens, as_of
    )
    view = report_view(
        summary,
        lang,
        weeks=weeks,
        opens=opens,
        closes=closes,
        ideal_total=ideal_total,
        units=units,
        lights=alert_rows(summary, lang),
    )
    return render_report(view)
