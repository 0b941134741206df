"""Pure: the static public tracker (`gwr site`) as a mapping of relative path
to bytes, and the writer that puts it in a folder.

Deterministic: the same registry, ledger, as-of date and options give the same
bytes (nothing depends on the clock, dict order of the filesystem, or the
machine). Links are relative, so the folder can be published from any path.
Internal fields — who recorded an event, 存在问题 and 下步措施 — are left out
unless `internal` is set. A task's row and page parts are in site_rows.py;
writing the folder is in site_write.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from gwr_cli.html.charts import Bar, share
from gwr_cli.html.site_rows import (
    Accountability,
    _area_name,
    _entry,
    _reading,
    _row,
    _task_fields,
)
from gwr_cli.messages import (
    STATUS_LABELS,
    fmt_percent,
    localized,
    text,
)
from gwr_cli.status import STATUSES

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Node
    from gwr_cli.html.report import Chart
    from gwr_cli.ledger import Event
    from gwr_cli.registry import Registry
    from gwr_cli.status import TaskState
    from gwr_cli.tally import Tally


def build_site(
    registry: Registry,
    events: Iterable[Event],
    as_of: dt.date,
    lang: str,
    *,
    states: Mapping[str, TaskState],
    internal: bool = False,
    base_url: str = "",
    accountability: Mapping[str, Accountability] | None = None,
    units: Sequence[Bar] = (),
    nodes_of: Mapping[str, Sequence[Node]] | None = None,
) -> dict[str, bytes]:
    """Every file of the site: relative POSIX path -> bytes, sorted by path.

    states: every task's state at as_of folded from `events`
    (`status.task_states`), with its history: a page per task shows it.

    accountability: lights, lead units and leaders per task id (from the 分工
    and the lights); without it, no light column, filter or page is made.
    units: completion per lead unit (done of total); without it, no chart.
    base_url: absolute prefix for the sitemap's URLs ("" keeps them relative).
    nodes_of: the 分工's 节点目标 per task id (`Assignments.nodes_by_task()`): a
    task with nodes is expected to follow them, as in `gwr status` and its light.
    """
    from markupsafe import Markup

    from gwr_cli.html.environment import render
    from gwr_cli.indicators import readings
    from gwr_cli.lights import LIGHTS, light_label
    from gwr_cli.schedule_lights import schedules
    from gwr_cli.tally import by_area as area_grouping
    from gwr_cli.tally import counted
    from gwr_cli.views import progress_text

    events = list(events)
    accountability = accountability or {}
    with_lights = any(a.light for a in accountability.values())
    schedule_of = schedules(registry, states, as_of, nodes_of)
    rows = [
        _row(
            registry,
            s,
            schedule_of[s.task.id],
            progress_text(s, lang),
            lang,
            accountability,
            by_nodes=bool(nodes_of and nodes_of.get(s.task.id)),
        )
        for s in states.values()
    ]
    overall, by_area = counted(states.values(), schedule_of, area_grouping(registry))
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
        label = text("site.light_page", lang, light=light_label(light, lang))
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
    return [(label, n, fmt_percent(share(n, overall.total))) for label, n in cards]


def _csp_hash(script: str) -> str:
    """The Content-Security-Policy hash that lets exactly this inline script run."""
    import base64
    import hashlib

    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def _list_summary(done: int, total: int, lang: str) -> str:
    percent = fmt_percent(share(done, total))
    return text("site.done_of", lang, done=done, total=total, percent=percent)
