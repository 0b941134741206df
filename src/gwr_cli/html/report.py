"""The summary as one self-contained HTML page: inline CSS, inline SVG, no
script, nothing fetched. It shows the same sections as the text summary, plus
charts and, when the office's 分工 supplies them, lights and per-unit bars.

`render_report(view)` draws a `ReportView`; `report_view(...)` is the one
adapter from the summary's data to that view (re-point it, not the template,
when the summary's data changes shape).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gwr_cli.html.charts import Bar, Segment, WeekPoint
from gwr_cli.messages import SCHEDULE_LABELS, STATUS_LABELS, fmt_percent, localized, text

if TYPE_CHECKING:
    from markupsafe import Markup

    from gwr_cli.ledger import Event
    from gwr_cli.registry import Registry
    from gwr_cli.summary import WeeklySummary


class LightRow(NamedTuple):
    """A task lit red or yellow, as the lights table shows it."""

    task_id: str
    title: str
    light: str  # "red" or "yellow"
    reason: str  # e.g. 滞后序时32个百分点
    units: tuple[str, ...] = ()  # lead units (牵头单位)
    leaders: tuple[str, ...] = ()  # responsible leaders (责任领导)
    problems: str = ""  # the latest 存在问题, when reported


class UpcomingRow(NamedTuple):
    """A deadline within the summary's horizon, as the deadlines table shows it."""

    task_id: str
    title: str
    deadline: str
    days_left: int
    progress: str  # "24/50公里（48%）" or "40%"
    status: str  # the status's label


class SectionView(NamedTuple):
    heading: str
    items: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()  # a table, when headers are given
    rows: tuple[tuple[str, ...], ...] = ()
    right: frozenset[int] = frozenset()  # right-aligned (numeric) columns
    total_row: bool = False


class ReportView(NamedTuple):
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
    upcoming_heading: str = ""
    upcoming: tuple[UpcomingRow, ...] = ()


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
    """The one adapter from the weekly summary's data to the HTML view.

    The sections are the text summary's own (same headings, same lines, same
    area table), so the page says exactly what the text says.
    """
    from gwr_cli.summary import _sections

    header, sections = _sections(summary, lang)
    # Upcoming deadlines get a table of their own (task, deadline, days left,
    # progress) instead of the text's list of lines: the same facts.
    upcoming_heading = text("sum.upcoming", lang, count=len(summary.upcoming))
    sections = [s for s in sections if not (summary.upcoming and s.heading == upcoming_heading)]
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
    c = summary.counts
    statuses = STATUS_LABELS[lang]
    schedule_labels = SCHEDULE_LABELS[lang]
    status = (
        Segment("done", statuses["done"], c.done),
        Segment("in-progress", statuses["in-progress"], c.in_progress),
        Segment("blocked", statuses["blocked"], c.blocked),
        Segment("not-started", statuses["not-started"], c.not_started),
    )
    # The summary's not_started counts by status (overdue ones included); the
    # schedule partition counts a not-started task past its deadline as overdue
    # only, so that the states sum to the total.
    waiting = c.total - c.done - c.ahead - c.on_track - c.behind - c.overdue
    schedule = tuple(
        Segment(key, schedule_labels[key], count)
        for key, count in (
            ("done", c.done),
            ("ahead", c.ahead),
            ("on-track", c.on_track),
            ("behind", c.behind),
            ("not-started", waiting),
            ("overdue", c.overdue),
        )
    )
    areas = tuple(
        Bar(localized(row, "name", lang), row.counts.done, row.counts.total)
        for row in summary.areas
    )
    return ReportView(
        lang=lang,
        title=header[0],
        subtitle=header[1],
        headline=header[3],
        as_of=summary.as_of,
        sections=tuple(
            SectionView(
                heading=s.heading,
                items=tuple(s.items),
                headers=tuple(s.table.headers) if s.table else (),
                rows=tuple(tuple(c.text for c in row) for row in s.table.rows) if s.table else (),
                right=frozenset(s.table.right) if s.table else frozenset(),
                total_row=s.table is not None,  # the summary's tables end with the total
            )
            for s in sections
        ),
        status=status,
        schedule=schedule,
        areas=areas,
        weeks=tuple(weeks),
        opens=opens,
        closes=closes,
        ideal_total=ideal_total,
        units=tuple(units),
        # Red first, then yellow; the order within each is the caller's.
        lights=tuple(sorted(lights, key=lambda row: row.light != "red")),
        upcoming_heading=upcoming_heading if upcoming else "",
        upcoming=upcoming,
    )


def _progress(shown: str, percent: float, lang: str) -> str:
    """'24/50公里（48%）'; a percent alone as it is."""
    if shown.endswith("%"):
        return shown
    return f"{shown}{text('html.open', lang)}{fmt_percent(percent)}{text('html.close', lang)}"


class ChartData(NamedTuple):
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


class Chart(NamedTuple):
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
                    "ideal": text(
                        "html.ideal", lang, total=data.ideal_total, date=data.closes.isoformat()
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
        numerals="一二三四五六七八九十",
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
    lights: Iterable[LightRow] = (),
) -> str:
    """`gwr summary --format html`: the summary's data plus the weekly
    completions its charts need (folded from the same events)."""
    from gwr_cli.html.charts import cumulative_by_week
    from gwr_cli.status import task_states

    as_of = dt.date.fromisoformat(summary.as_of)
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
        lights=lights,
    )
    return render_report(view)
