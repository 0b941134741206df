"""Pure: the static public tracker (`gwr site`) as a mapping of relative path
to bytes, and the writer that puts it in a folder.

Deterministic: the same registry, ledger, as-of date and options give the same
bytes (nothing depends on the clock, dict order of the filesystem, or the
machine). Links are relative, so the folder can be published from any path.
Internal fields — who recorded an event, 存在问题 and 下步措施 — are left out
unless `internal` is set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gwr_cli.errors import InputError
from gwr_cli.html.charts import Bar
from gwr_cli.messages import (
    ACTION_LABELS,
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_money,
    fmt_number,
    fmt_percent,
    localized,
    text,
)
from gwr_cli.status import STATUSES

if TYPE_CHECKING:
    from gwr_cli.html.report import Chart
    from gwr_cli.indicators import Reading
    from gwr_cli.ledger import Event
    from gwr_cli.registry import Registry, Task
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState
    from gwr_cli.tally import Tally

MARKER = ".gwr-site"  # lists the files of the last site written to the folder
_MARKER_HEADER = "gwr site: files written by `gwr site`; replaced on every run\n"
LIGHTS = ("red", "yellow", "green")


class Accountability(NamedTuple):
    """What the office's 分工 and lights add to a task, when they exist."""

    light: str = ""  # "red", "yellow", "green" or "" (no light)
    reason: str = ""  # why, e.g. 滞后序时32个百分点
    units: tuple[str, ...] = ()  # lead units (牵头单位)
    leaders: tuple[str, ...] = ()  # responsible leaders (责任领导)


class TimelineEntry(NamedTuple):
    on: str
    action: str  # the action's label in the page's language
    value: str  # "24 公里", "40%" or ""
    note: str
    by: str  # internal: empty unless --internal
    unit: str  # internal: the unit that reported it
    problems: str  # internal: 存在问题
    next_steps: str  # internal: 下步措施


class TaskRow(NamedTuple):
    id: str
    title: str
    area: str
    area_name: str
    deadline: str
    progress: str  # "24/50 公里" or "40%"
    percent: float
    status: str
    status_label: str
    schedule: str
    schedule_label: str
    expected_percent: float
    overdue: bool
    extra: Accountability


def build_site(
    registry: Registry,
    events: Iterable[Event],
    as_of: dt.date,
    lang: str,
    *,
    internal: bool = False,
    base_url: str = "",
    accountability: Mapping[str, Accountability] | None = None,
    units: Sequence[Bar] = (),
) -> dict[str, bytes]:
    """Every file of the site: relative POSIX path -> bytes, sorted by path.

    accountability: lights, lead units and leaders per task id (from the 分工
    and the lights); without it, no light column, filter or page is made.
    units: completion per lead unit (done of total); without it, no chart.
    base_url: absolute prefix for the sitemap's URLs ("" keeps them relative).
    """
    from markupsafe import Markup

    from gwr_cli.html.environment import render
    from gwr_cli.indicators import readings
    from gwr_cli.schedule import schedules
    from gwr_cli.status import task_states
    from gwr_cli.tally import by_area as area_grouping
    from gwr_cli.tally import count, grouped
    from gwr_cli.views import progress_text

    events = list(events)
    accountability = accountability or {}
    with_lights = any(a.light for a in accountability.values())
    states = task_states(registry, events, as_of)
    schedule_of = schedules(registry, states, as_of)
    rows = [
        _row(registry, s, schedule_of[s.task.id], progress_text(s, lang), lang, accountability)
        for s in states.values()
    ]
    overall = count(states.values(), schedule_of)
    by_area = grouped(states.values(), schedule_of, area_grouping(registry))
    statuses = STATUS_LABELS[lang]
    charts = _charts(registry, states, overall, by_area, units, as_of, lang)
    report_title = localized(registry.report, "title", lang)
    common = {
        "lang": lang,
        "as_of": as_of.isoformat(),
        "report_title": report_title,
        "areas": [(key, _area_name(registry, key, lang)) for key in by_area],
        "statuses": [(key, statuses[key]) for key in STATUSES],
        "lights": LIGHTS if with_lights else (),
        "with_lights": with_lights,
        "internal": internal,
        "script": None,
    }
    scorecard = _scorecard(overall, lang)

    pages: dict[str, str] = {}
    # Markup: the script is the package's own text, not user text to escape.
    script = Markup(render("filter.js"))
    pages["index.html"] = render(
        "site/index.html",
        **common | {"script": script, "script_hash": _csp_hash(script)},
        root="",
        page_title=report_title,
        scorecard=scorecard,
        total=overall.total,
        charts=charts,
        rows=rows,
    )
    # The list pages: one per area, status and light, each (path, heading, summary, rows).
    lists = []
    for key, name in common["areas"]:
        t = by_area[key]
        area_rows = [r for r in rows if r.area == key]
        lists.append((f"areas/{key}", name, _list_summary(t.done, t.total, lang), area_rows))
    for key in STATUSES:
        label = text("site.status_page", lang, status=statuses[key])
        lists.append((f"status/{key}", label, "", [r for r in rows if r.status == key]))
    for light in common["lights"]:
        label = text("site.light_page", lang, light=text(f"html.light.{light}", lang))
        lists.append((f"lights/{light}", label, "", [r for r in rows if r.extra.light == light]))
    for current, heading, summary, listed in lists:
        pages[f"{current}.html"] = render(
            "site/list.html",
            **common,
            root="../",
            current=current,
            page_title=f"{heading} · {report_title}",
            heading=heading,
            summary=summary,
            rows=listed,
        )
    for row, state in zip(rows, states.values(), strict=True):
        task = state.task
        pages[f"tasks/{task.id}.html"] = render(
            "site/task.html",
            **common,
            root="../",
            page_title=f"{row.title} · {report_title}",
            row=row,
            fields=_task_fields(registry, task, lang),
            quote=task.source,
            timeline=[_entry(task, e, lang, internal) for e in state.events],
        )
    pages["indicators.html"] = render(
        "site/indicators.html",
        **common,
        root="",
        page_title=f"{text('site.indicators', lang)} · {report_title}",
        readings=[_reading(r, lang, internal) for r in readings(registry, events, as_of)],
    )
    files = {path: content.encode("utf-8") for path, content in pages.items()}
    files["sitemap.xml"] = render(
        "site/sitemap.xml", base_url=base_url, paths=sorted(pages)
    ).encode("utf-8")
    return dict(sorted(files.items()))


def _charts(
    registry: Registry,
    states: Mapping[str, TaskState],
    overall: Tally,
    by_area: Mapping[str, Tally],
    units: Sequence[Bar],
    as_of: dt.date,
    lang: str,
) -> list[Chart]:
    """The index's charts, from the same tallies as its scorecard."""
    from gwr_cli.html.charts import cumulative_by_week
    from gwr_cli.html.report import (
        ChartData,
        chart_set,
        ideal_window,
        schedule_segments,
        status_segments,
    )

    opens, closes, ideal_total = ideal_window(registry)
    done_dates = [s.done_on for s in states.values() if s.done_on is not None]
    return chart_set(
        ChartData(
            lang=lang,
            status=status_segments(overall, lang),
            schedule=schedule_segments(overall, lang),
            areas=[
                Bar(_area_name(registry, key, lang), t.done, t.total) for key, t in by_area.items()
            ],
            units=units,
            weeks=cumulative_by_week(done_dates, opens, as_of),
            opens=opens,
            closes=closes,
            ideal_total=ideal_total,
        )
    )


def _scorecard(overall: Tally, lang: str) -> list[tuple[str, int, str]]:
    """(label, count, share): the tally's status partition (done, in progress,
    not started), then blocked and overdue, which cut across it. Blocked counts
    every task whose status is blocked, started or not: the status/blocked page's list."""
    labels = STATUS_LABELS[lang]
    cards = [
        (labels["done"], overall.done),
        (labels["in-progress"], overall.in_progress),
        (labels["not-started"], overall.not_started),
        (labels["blocked"], overall.blocked + overall.blocked_not_started),
        (text("overdue", lang), overall.overdue),
    ]
    return [(label, n, fmt_percent(_share(n, overall.total))) for label, n in cards]


def _share(part: int, whole: int) -> float:
    return part / whole * 100 if whole else 0.0


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy hash that lets exactly this inline script run."""
    import base64
    import hashlib

    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def _area_name(registry: Registry, key: str, lang: str) -> str:
    area = registry.areas[key]
    return localized(area, "name", lang)


def _list_summary(done: int, total: int, lang: str) -> str:
    percent = fmt_percent(_share(done, total))
    return text("site.done_of", lang, done=done, total=total, percent=percent)


def _row(
    registry: Registry,
    state: TaskState,
    schedule: Schedule,
    progress: str,
    lang: str,
    accountability: Mapping[str, Accountability],
) -> TaskRow:
    task = state.task
    return TaskRow(
        id=task.id,
        title=localized(task, "title", lang),
        area=task.area,
        area_name=_area_name(registry, task.area, lang),
        deadline=task.deadline.isoformat(),
        progress=progress,
        percent=round(state.percent, 1),
        status=state.status,
        status_label=STATUS_LABELS[lang][state.status],
        schedule=schedule.state,
        schedule_label=SCHEDULE_LABELS[lang][schedule.state],
        expected_percent=round(schedule.expected, 1),
        overdue=state.overdue,
        extra=accountability.get(task.id, Accountability()),
    )


def _task_fields(registry: Registry, task: Task, lang: str) -> list[tuple[str, str]]:
    """The registry's public fields of a task, label and value, empty ones left out."""
    chapter = registry.chapter(task.chapter)
    unit = localized(task, "unit", lang)
    fields = [
        (text("field.area", lang), _area_name(registry, task.area, lang)),
        (
            text("field.chapter", lang),
            text(
                "site.chapter",
                lang,
                number=task.chapter,
                title=localized(chapter, "title", lang) if chapter else "",
            ),
        ),
        (text("field.deadline", lang), task.deadline.isoformat()),
        (
            text("field.target", lang),
            _amount(task.target, unit, lang) if task.target is not None else "",
        ),
        (text("field.milestone", lang), localized(task, "milestone", lang, fallback=False) or ""),
        (
            text("field.investment", lang),
            fmt_money(task.investment_yuan, lang) if task.investment_yuan else "",
        ),
        (text("field.zone", lang), task.zone),
        (text("field.lead", lang), task.lead),
        (text("field.tags", lang), text("html.and", lang).join(task.tags)),
    ]
    return [(label, value) for label, value in fields if value]


def _amount(value: float, unit: str, lang: str) -> str:
    """'24公里' in Chinese, '24 km' in English, as progress_text writes them."""
    separator = " " if lang == "en" and unit else ""
    return f"{fmt_number(value)}{separator}{unit}"


def _entry(task: Task, event: Event, lang: str, internal: bool) -> TimelineEntry:
    value = ""
    if event.value is not None and event.action == "progress":
        if task.target is None:
            value = f"{fmt_number(event.value)}%"
        else:
            value = _amount(event.value, localized(task, "unit", lang), lang)
    return TimelineEntry(
        on=event.on.isoformat(),
        action=ACTION_LABELS[lang].get(event.action, event.action),
        value=value,
        note=event.note,
        by=event.by if internal else "",
        # The office's own words from the units' reports stay inside the office.
        unit=event.unit if internal else "",
        problems=event.problems if internal else "",
        next_steps=event.next if internal else "",
    )


def _reading(reading: Reading, lang: str, internal: bool) -> dict[str, str]:
    indicator = reading.indicator
    unit = localized(indicator, "unit", lang)
    met = {None: "met.none", True: "met.yes", False: "met.no"}[reading.met]
    return {
        "title": localized(indicator, "title", lang),
        "target": f"{indicator.comparator} {fmt_number(indicator.target)}{unit}",
        "value": f"{fmt_number(reading.value)}{unit}" if reading.value is not None else "-",
        "on": reading.on.isoformat() if reading.on else "",
        "met": text(met, lang),
        "met_key": {None: "none", True: "yes", False: "no"}[reading.met],
        "note": reading.note,
        "by": reading.by if internal else "",
        "source": indicator.source,
    }


# --- writing ----------------------------------------------------------------------


def check_base_url(base_url: str, lang: str) -> str:
    """An absolute http(s) prefix ending with a slash, or "" for relative URLs."""
    if not base_url:
        return ""
    if not base_url.startswith(("http://", "https://")) or any(c in base_url for c in ' "<>'):
        raise InputError(text("site.base_url", lang, url=base_url))
    return base_url if base_url.endswith("/") else base_url + "/"


def write_site(directory: Path, files: Mapping[str, bytes], lang: str) -> int:
    """Write the site into directory, each file atomically; returns files written.

    A folder that exists, is not empty and has no marker is refused before
    anything is written: it is someone's other files. Files an earlier run
    wrote (listed in the marker) that the site no longer has are removed;
    nothing else in the folder is touched. Unchanged files are not rewritten.
    """
    from gwr_cli.output import write_atomically

    if directory.exists() and not directory.is_dir():
        raise InputError(text("site.not_dir", lang, path=directory))
    marker = directory / MARKER
    previous: list[str] = []
    if directory.is_dir():
        if marker.is_file():
            previous = marker.read_text(encoding="utf-8").splitlines()[1:]
        elif any(directory.iterdir()):
            raise InputError(text("site.not_exists", lang, path=directory, marker=MARKER))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            path = directory / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file() and path.read_bytes() == content:
                continue
            write_atomically(path, content)
        for relative in previous:
            if relative not in files and _inside(relative):
                (directory / relative).unlink(missing_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(text("site.cannot_write", lang, path=directory, reason=reason)) from None
    write_atomically(marker, (_MARKER_HEADER + "".join(f"{p}\n" for p in files)).encode())
    return len(files)


def _inside(relative: str) -> bool:
    """A path the marker may name: relative, without '..' (a hand-edited marker
    must never make gwr delete files outside the site)."""
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts
